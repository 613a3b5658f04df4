#include "byte_range_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace regla::python {
namespace {

struct ByteRange {
  int file;
  std::uint64_t next, end;
};

ssize_t read_range(void* cookie, char* buffer, std::size_t size) {
  ByteRange& range = *static_cast<ByteRange*>(cookie);
  std::size_t wanted =
      static_cast<std::size_t>(std::min<std::uint64_t>(size, range.end - range.next));
  if (wanted == 0) return 0;
  ssize_t got;
  do {
    got = ::pread(range.file, buffer, wanted, static_cast<off_t>(range.next));
  } while (got < 0 && errno == EINTR);
  if (got == 0) {
    errno = EIO;  // the file is shorter than the range
    return -1;
  }
  if (got > 0) range.next += static_cast<std::uint64_t>(got);
  return got;
}

int close_range(void* cookie) {
  ByteRange* range = static_cast<ByteRange*>(cookie);
  int closed = ::close(range->file);
  delete range;
  return closed;
}

}  // namespace

std::FILE* open_byte_range(const std::string& path, std::uint64_t start, std::uint64_t end) {
  int file = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (file < 0) return nullptr;
  auto* range = new ByteRange{file, start, std::max(start, end)};
  std::FILE* stream = ::fopencookie(range, "r", {read_range, nullptr, nullptr, close_range});
  if (!stream) close_range(range);
  return stream;
}

}  // namespace regla::python
