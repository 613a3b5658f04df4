// Checked standard streams: a stream buffer over a file descriptor that remembers why a write
// failed, instead of the silence of a stream whose error flag nobody reads.
#include "standard_streams.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <optional>
#include <streambuf>
#include <vector>

#include "exit_codes.hpp"

namespace regla::cli {
namespace {

class DescriptorBuffer : public std::streambuf {
 public:
  explicit DescriptorBuffer(int descriptor) : descriptor_(descriptor), buffer_(1 << 16) {
    setp(buffer_.data(), buffer_.data() + buffer_.size());
  }

  std::optional<int> error() const { return error_; }

 protected:
  int_type overflow(int_type c) override {
    if (sync() != 0) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }

  // After a failed write the stream reports failure to every later write: what follows a lost
  // part of the output must not be written as if nothing were missing.
  int sync() override {
    if (!write_all(pbase(), static_cast<std::size_t>(pptr() - pbase()))) return -1;
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return 0;
  }

 private:
  bool write_all(const char* data, std::size_t size) {
    if (error_) return false;
    while (size > 0) {
      ssize_t written = ::write(descriptor_, data, size);
      if (written < 0 && errno == EINTR) continue;
      if (written < 0) {
        error_ = errno;
        return false;
      }
      data += written;
      size -= static_cast<std::size_t>(written);
    }
    return true;
  }

  int descriptor_;
  std::vector<char> buffer_;
  std::optional<int> error_;
};

DescriptorBuffer standard_output_buffer(STDOUT_FILENO);
DescriptorBuffer standard_error_buffer(STDERR_FILENO);
std::streambuf* original_output_buffer = nullptr;
std::streambuf* original_error_buffer = nullptr;

}  // namespace

void check_standard_streams() {
  original_output_buffer = std::cout.rdbuf(&standard_output_buffer);
  original_error_buffer = std::cerr.rdbuf(&standard_error_buffer);
}

int finish_standard_streams(const std::string& command, int exit_code) {
  std::cout.flush();
  std::optional<int> output_error = standard_output_buffer.error();
  if (output_error) {
    std::cerr << (command.empty() ? "regla" : "regla " + command)
              << ": cannot write standard output: " << std::strerror(*output_error) << "\n";
  }
  std::cerr.flush();
  bool error_lost = standard_error_buffer.error().has_value();
  // The streams get their own buffers back, so that their flush at exit does not reach these
  // after they are destroyed.
  std::cout.rdbuf(original_output_buffer);
  std::cerr.rdbuf(original_error_buffer);
  return output_error || error_lost ? exit_io : exit_code;
}

}  // namespace regla::cli
