#include "language_server/analysis/positions.hpp"

#include <algorithm>

namespace regla::analysis {

std::optional<std::uint32_t> offset_of(const SourceFile& file, SourcePoint at) {
  auto lines = static_cast<std::uint32_t>(std::count(file.text().begin(), file.text().end(), '\n'));
  if (at.line < 1 || at.line > lines + 1 || at.column < 1) return std::nullopt;
  std::string_view line = file.line_text(at.line);
  std::uint32_t offset = 0;
  for (std::uint32_t column = 1; column < at.column; ++column) {
    if (offset >= line.size()) return std::nullopt;
    std::size_t length = utf8_sequence_length(line, offset);
    offset += static_cast<std::uint32_t>(length == 0 ? 1 : length);
  }
  return file.line_start(at.line) + offset;
}

Place place_of(const SourceFile& file, SourceRange range) {
  LineColumn begin = file.line_column(range.begin);
  LineColumn end = file.line_column(range.end);
  return {file.name(), {begin.line, begin.column}, {end.line, end.column}};
}

}  // namespace regla::analysis
