// Reading JSON Lines in batches with a bound on the length of a line, for every command that reads
// a registry (eval, impact): a line longer than the bound is marked, not stored, so memory stays
// flat whatever the input.
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace regla {

// Consecutive lines of the input, held in one buffer.
struct LineBatch {
  std::uint64_t first_line = 1;                            // the number of the first, from 1
  std::string text;                                        // the lines, one after the other
  std::vector<std::pair<std::size_t, std::size_t>> lines;  // offset and length in `text`
  std::vector<bool> too_long;                              // longer than the bound: not read

  std::size_t size() const { return lines.size(); }
  std::string_view line(std::size_t i) const {
    return std::string_view(text).substr(lines[i].first, lines[i].second);
  }
  void clear() {
    text.clear();
    lines.clear();
    too_long.clear();
  }
};

// Reads lines in large blocks; a line longer than the limit is reported, not stored. A line's
// ending ("\n" or "\r\n") is not part of it.
class LineSource {
 public:
  // `first_line`: the number of the input's first line (more than 1 for a part of a registry).
  LineSource(std::FILE* in, std::size_t max_line_bytes, std::size_t lines_per_batch,
             std::uint64_t first_line = 1);

  // Fills `batch` with the next lines; false when the input is exhausted and nothing was added.
  bool fill(LineBatch& batch);
  // errno of the read that failed; the lines before it were delivered.
  std::optional<int> read_error() const { return read_error_; }
  std::size_t max_line_bytes() const { return max_line_; }

 private:
  bool refill();
  bool next_line(LineBatch& batch);
  void add(LineBatch& batch, bool too_long, std::size_t stop);

  std::FILE* in_;
  std::size_t max_line_;
  std::size_t lines_per_batch_;
  std::vector<char> buffer_;
  std::size_t begin_ = 0, end_ = 0;
  bool eof_ = false;
  std::optional<int> read_error_;
  std::uint64_t first_line_;
  std::uint64_t lines_read_ = 0;
};

}  // namespace regla
