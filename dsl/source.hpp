// Rule-file text kept in memory, and byte ranges into it. Line and column are computed only when a
// diagnostic or explanation is printed, so every AST node stays small.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace regla {

using FileId = std::uint32_t;

// A half-open byte range [begin, end) in one source file.
struct SourceRange {
  FileId file = 0;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;

  bool operator==(const SourceRange&) const = default;
};

// 1-based line and column; the column counts UTF-8 code points, so carets line up on screen.
struct LineColumn {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
};

class SourceFile {
 public:
  SourceFile(std::string name, std::string text);

  const std::string& name() const { return name_; }
  const std::string& text() const { return text_; }

  LineColumn line_column(std::uint32_t offset) const;
  // The text of the given 1-based line, without its line terminator, and its first byte's offset.
  std::string_view line_text(std::uint32_t line) const;
  std::uint32_t line_start(std::uint32_t line) const;
  std::string_view slice(SourceRange range) const;

 private:
  std::string name_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
};

// All source files of one run, addressed by FileId.
class SourceSet {
 public:
  FileId add(std::string name, std::string text);
  const SourceFile& file(FileId id) const { return *files_.at(id); }
  std::size_t size() const { return files_.size(); }

 private:
  // unique_ptr keeps each SourceFile (and the string_views into it) stable as files are added.
  std::vector<std::unique_ptr<SourceFile>> files_;
};

// The length of the well-formed UTF-8 sequence starting at text[at] (1 to 4), or 0 when the bytes
// there are not one (a stray continuation, an overlong form, a surrogate, past U+10FFFF, cut off).
std::size_t utf8_sequence_length(std::string_view text, std::size_t at);
// The offset of the first byte of `text` that is not well-formed UTF-8 or is NUL, or npos: rule
// files and tables are text, and what is not text would be copied raw into explanations.
std::size_t first_byte_not_text(std::string_view text);
// `text` with every byte of a control character other than the line break (C0, DEL, the C1
// controls U+0080 to U+009F) and every byte that is not part of valid UTF-8 shown as \xNN, so
// that text from a record cannot move the cursor, change colours or retitle the terminal it is
// shown on.
std::string with_control_characters_escaped(std::string_view text);
// The byte order mark a UTF-8 file may start with; it is skipped, not read as text.
constexpr std::string_view utf8_byte_order_mark = "\xEF\xBB\xBF";

// Number of UTF-8 code points in text (continuation bytes are not counted).
std::uint32_t count_code_points(std::string_view text);

}  // namespace regla
