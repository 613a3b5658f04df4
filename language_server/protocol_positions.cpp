#include "language_server/protocol_positions.hpp"

#include "dsl/source.hpp"

namespace regla::language_server {
namespace {

// The text of a 0-based line without its line break; nullopt past the last line.
std::optional<std::string_view> line_of(std::string_view text, std::uint32_t line) {
  std::size_t begin = 0;
  for (std::uint32_t i = 0; i < line; ++i) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) return std::nullopt;
    begin = end + 1;
  }
  std::size_t end = text.find('\n', begin);
  std::string_view found = text.substr(begin, end == std::string_view::npos ? end : end - begin);
  if (!found.empty() && found.back() == '\r') found.remove_suffix(1);
  return found;
}

// How many bytes a character at `at` takes, and how many UTF-16 units (a byte that is not
// UTF-8 counts as one of each, as the engine's columns count it).
std::pair<std::size_t, std::uint32_t> character_at(std::string_view line, std::size_t at) {
  std::size_t bytes = utf8_sequence_length(line, at);
  if (bytes == 0) return {1, 1};
  return {bytes, bytes == 4 ? 2u : 1u};
}

}  // namespace

std::optional<SourcePoint> source_point(std::string_view text, std::uint32_t line,
                                        std::uint32_t character) {
  std::optional<std::string_view> found = line_of(text, line);
  if (!found) return std::nullopt;
  std::size_t at = 0;
  std::uint32_t units = 0, column = 1;
  while (units < character) {
    if (at >= found->size()) return std::nullopt;
    auto [bytes, width] = character_at(*found, at);
    at += bytes;
    units += width;
    ++column;
  }
  return SourcePoint{line + 1, column};
}

nlohmann::json protocol_position(std::string_view text, SourcePoint point) {
  std::uint32_t line = point.line > 0 ? point.line - 1 : 0;
  std::string_view found = line_of(text, line).value_or("");
  std::size_t at = 0;
  std::uint32_t units = 0;
  for (std::uint32_t column = 1; column < point.column && at < found.size(); ++column) {
    auto [bytes, width] = character_at(found, at);
    at += bytes;
    units += width;
  }
  return {{"line", line}, {"character", units}};
}

nlohmann::json protocol_range(std::string_view text, SourcePoint begin, SourcePoint end) {
  return {{"start", protocol_position(text, begin)}, {"end", protocol_position(text, end)}};
}

nlohmann::json whole_text_range(std::string_view text) {
  std::uint32_t lines = 0;
  std::size_t last_line = 0;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') {
      ++lines;
      last_line = i + 1;
    }
  std::uint32_t units = 0;
  std::string_view rest = text.substr(last_line);
  for (std::size_t at = 0; at < rest.size();) {
    auto [bytes, width] = character_at(rest, at);
    at += bytes;
    units += width;
  }
  return {{"start", {{"line", 0}, {"character", 0}}},
          {"end", {{"line", lines}, {"character", units}}}};
}

}  // namespace regla::language_server
