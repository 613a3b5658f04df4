// Line tables for rule files.
#include "dsl/source.hpp"

#include <algorithm>

namespace regla {

SourceFile::SourceFile(std::string name, std::string text)
    : name_(std::move(name)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (std::uint32_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

LineColumn SourceFile::line_column(std::uint32_t offset) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  auto after = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  auto line_index = static_cast<std::uint32_t>(after - line_starts_.begin() - 1);
  std::uint32_t line_start = line_starts_[line_index];
  std::string_view before(text_.data() + line_start, offset - line_start);
  return {line_index + 1, count_code_points(before) + 1};
}

std::string_view SourceFile::line_text(std::uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  std::uint32_t begin = line_starts_[line - 1];
  std::uint32_t end = line < line_starts_.size() ? line_starts_[line] - 1
                                                 : static_cast<std::uint32_t>(text_.size());
  std::string_view text(text_.data() + begin, end - begin);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return text;
}

std::uint32_t SourceFile::line_start(std::uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return static_cast<std::uint32_t>(text_.size());
  return line_starts_[line - 1];
}

std::string_view SourceFile::slice(SourceRange range) const {
  auto begin = std::min<std::size_t>(range.begin, text_.size());
  auto end = std::clamp<std::size_t>(range.end, begin, text_.size());
  return std::string_view(text_).substr(begin, end - begin);
}

FileId SourceSet::add(std::string name, std::string text) {
  files_.push_back(std::make_unique<SourceFile>(std::move(name), std::move(text)));
  return static_cast<FileId>(files_.size() - 1);
}

std::size_t utf8_sequence_length(std::string_view text, std::size_t at) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(at);
  if (lead < 0x80) return 1;
  std::size_t length = lead >= 0xC2 && lead <= 0xDF   ? 2
                       : lead >= 0xE0 && lead <= 0xEF ? 3
                       : lead >= 0xF0 && lead <= 0xF4 ? 4
                                                      : 0;
  if (length == 0 || at + length > text.size()) return 0;
  // The second byte's range excludes overlong forms, surrogates and code points past U+10FFFF.
  unsigned char low = 0x80, high = 0xBF;
  if (lead == 0xE0) low = 0xA0;
  if (lead == 0xED) high = 0x9F;
  if (lead == 0xF0) low = 0x90;
  if (lead == 0xF4) high = 0x8F;
  if (byte(at + 1) < low || byte(at + 1) > high) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if ((byte(at + i) & 0xC0) != 0x80) return 0;
  }
  return length;
}

std::size_t first_byte_not_text(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    std::size_t length = utf8_sequence_length(text, at);
    if (length == 0 || text[at] == '\0') return at;
    at += length;
  }
  return std::string_view::npos;
}

std::uint32_t count_code_points(std::string_view text) {
  return static_cast<std::uint32_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

namespace {

bool is_control(std::string_view text, std::size_t at, std::size_t length) {
  auto lead = static_cast<std::uint8_t>(text[at]);
  if (length == 1) return (lead < 0x20 && lead != '\n') || lead == 0x7F;
  return length == 2 && lead == 0xC2 && static_cast<std::uint8_t>(text[at + 1]) <= 0x9F;
}

}  // namespace

std::string with_control_characters_escaped(std::string_view text) {
  static const char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t length = utf8_sequence_length(text, at);
    if (length > 0 && !is_control(text, at, length)) {
      out.append(text.substr(at, length));
      at += length;
      continue;
    }
    // An invalid byte is shown alone; the bytes after it are read afresh.
    for (std::size_t i = 0; i < (length > 0 ? length : 1); ++i) {
      auto byte = static_cast<std::uint8_t>(text[at + i]);
      out += "\\x";
      out += hex[byte >> 4];
      out += hex[byte & 0xF];
    }
    at += length > 0 ? length : 1;
  }
  return out;
}

}  // namespace regla
