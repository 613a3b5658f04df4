// Checked file writes: every write, the flush to the system and the close can fail (a full disk,
// a file size limit, a broken device), and each failure is reported with its errno.
#include "output_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <vector>

namespace regla::cli {
namespace {

// errno when `text` could not be written whole to `descriptor`.
std::optional<int> write_all(int descriptor, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t written = ::write(descriptor, text.data() + done, text.size() - done);
    if (written < 0 && errno == EINTR) continue;
    if (written < 0) return errno;
    done += static_cast<std::size_t>(written);
  }
  return std::nullopt;
}

// Closes `descriptor`; errno when the close reports an earlier write that failed.
std::optional<int> close_checked(int descriptor) {
  if (::close(descriptor) != 0) return errno;
  return std::nullopt;
}

}  // namespace

std::optional<int> write_file(const std::string& path, const std::string& text) {
  int descriptor = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (descriptor < 0) return errno;
  std::optional<int> error = write_all(descriptor, text);
  std::optional<int> close_error = close_checked(descriptor);
  return error ? error : close_error;
}

std::optional<int> replace_file(const std::string& path, const std::string& text) {
  struct stat original;
  if (::stat(path.c_str(), &original) != 0) return errno;
  std::size_t name_start = path.rfind('/') == std::string::npos ? 0 : path.rfind('/') + 1;
  // Beside the original (same folder, so the same file system and rename() is atomic), hidden.
  std::string temporary_name =
      path.substr(0, name_start) + "." + path.substr(name_start) + ".XXXXXX";
  std::vector<char> temporary(temporary_name.begin(), temporary_name.end());
  temporary.push_back('\0');
  int descriptor = ::mkostemp(temporary.data(), O_CLOEXEC);
  if (descriptor < 0) return errno;
  std::optional<int> error = write_all(descriptor, text);
  if (!error && ::fchmod(descriptor, original.st_mode & 07777) != 0) error = errno;
  if (!error && ::fsync(descriptor) != 0) error = errno;
  std::optional<int> close_error = close_checked(descriptor);
  if (!error) error = close_error;
  if (!error && std::rename(temporary.data(), path.c_str()) != 0) error = errno;
  if (error) ::unlink(temporary.data());
  return error;
}

}  // namespace regla::cli
