// The bounded line reader (line_source.hpp).
#include "engine/run/line_source.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "regla/evaluation.hpp"

namespace regla {
namespace {

constexpr std::size_t bytes_per_batch = 1 << 20;

}  // namespace

LineSource::LineSource(std::FILE* in, std::size_t max_line_bytes, std::size_t lines_per_batch,
                       std::uint64_t first_line)
    : in_(in),
      max_line_(max_line_bytes),
      lines_per_batch_(std::max<std::size_t>(1, lines_per_batch)),
      first_line_(first_line) {
  buffer_.resize(1 << 22);
}

bool LineSource::fill(LineBatch& batch) {
  while (batch.lines.size() < lines_per_batch_ && batch.text.size() < bytes_per_batch) {
    if (!next_line(batch)) break;
  }
  return !batch.lines.empty();
}

// Moves the unread bytes to the front and reads more; false at the end of the input.
bool LineSource::refill() {
  if (eof_) return false;
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == buffer_.size()) buffer_.resize(buffer_.size() * 2);
  errno = 0;
  std::size_t read = std::fread(buffer_.data() + end_, 1, buffer_.size() - end_, in_);
  if (std::ferror(in_)) {
    read_error_ = errno != 0 ? errno : EIO;  // what was read before it is still delivered
    eof_ = true;
  } else if (read == 0) {
    eof_ = true;
  }
  end_ += read;
  return read > 0;
}

bool LineSource::next_line(LineBatch& batch) {
  bool too_long = false;
  std::size_t checked = 0;  // bytes after begin_ known to hold no newline
  while (true) {
    const char* start = buffer_.data() + begin_ + checked;
    const void* newline = std::memchr(start, '\n', end_ - begin_ - checked);
    if (newline) {
      auto stop = static_cast<std::size_t>(static_cast<const char*>(newline) - buffer_.data());
      add(batch, too_long || stop - begin_ > max_line_, stop);
      begin_ = stop + 1;
      return true;
    }
    checked = end_ - begin_;
    if (checked > max_line_) {  // too long to keep: drop what was read of it
      too_long = true;
      begin_ = end_;
      checked = 0;
    }
    if (!refill()) {  // the end of the input
      if (begin_ == end_ && !too_long) return false;
      add(batch, too_long || end_ - begin_ > max_line_, end_);
      begin_ = end_;
      return true;
    }
  }
}

void LineSource::add(LineBatch& batch, bool too_long, std::size_t stop) {
  std::size_t length = too_long ? 0 : stop - begin_;
  if (length > 0 && buffer_[begin_ + length - 1] == '\r') --length;
  if (batch.lines.empty()) batch.first_line = first_line_ + lines_read_;
  batch.lines.emplace_back(batch.text.size(), length);
  batch.text.append(buffer_.data() + begin_, length);
  batch.too_long.push_back(too_long);
  ++lines_read_;
}

std::string too_long_message(std::size_t max_line_bytes) {
  return "the line is longer than " + std::to_string(max_line_bytes) + " bytes and was not read";
}

}  // namespace regla
