// A single pass over a rule file that knows about strings and comments, nothing else.
#include "dsl/lexical.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>

namespace regla {
namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

// Whether the line that ends just before `line_start` holds nothing but blanks.
bool empty_line_before(std::string_view text, std::uint32_t line_start) {
  if (line_start == 0) return false;
  std::uint32_t i = line_start - 1;  // the '\n' ending the previous line
  while (i > 0 && is_blank(text[i - 1]))
    --i;
  return i > 0 && text[i - 1] == '\n';
}

// Whether the line that starts just after `line_end` (a '\n') holds nothing but blanks.
bool empty_line_after(std::string_view text, std::uint32_t line_end) {
  std::uint32_t i = line_end + 1;
  while (i < text.size() && is_blank(text[i]))
    ++i;
  return i < text.size() && text[i] == '\n';
}

}  // namespace

std::size_t name_character_length(std::string_view text, std::size_t at, bool first) {
  if (at >= text.size()) return 0;
  auto byte = static_cast<unsigned char>(text[at]);
  if (byte < 0x80) {
    bool letter = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') || byte == '_';
    return letter || (!first && byte >= '0' && byte <= '9') ? 1 : 0;
  }
  std::size_t next = at;
  UChar32 code_point = 0;
  U8_NEXT(reinterpret_cast<const std::uint8_t*>(text.data()), next, text.size(), code_point);
  if (code_point < 0) return 0;
  UProperty property = first ? UCHAR_XID_START : UCHAR_XID_CONTINUE;
  return u_hasBinaryProperty(code_point, property) ? next - at : 0;
}

std::size_t name_length_at(std::string_view text, std::size_t at) {
  std::size_t end = at;
  while (std::size_t length = name_character_length(text, end, false))
    end += length;
  return end - at;
}

LexicalMap::LexicalMap(std::string_view text) {
  code_end_.assign(text.size() + 1, 0);
  std::uint32_t last_code_end = 0;
  bool in_string = false;
  bool line_has_code = false;
  for (std::uint32_t i = 0; i < text.size();) {
    code_end_[i] = last_code_end;
    char c = text[i];
    if (in_string) {
      if (c == '\\' && i + 1 < text.size() && text[i + 1] != '\n') {
        code_end_[i + 1] = i + 1;
        i += 2;
        last_code_end = i;
        continue;
      }
      if (c == '"' || c == '\n') in_string = false;
      if (c != '\n') last_code_end = i + 1;
      if (c == '\n') line_has_code = false;
      ++i;
      continue;
    }
    if (c == '#') {
      std::uint32_t end = i;
      while (end < text.size() && text[end] != '\n')
        ++end;
      std::uint32_t content_end = end;
      if (content_end > i && text[content_end - 1] == '\r') --content_end;
      bool own_line = !line_has_code;
      std::uint32_t line_start = i;
      while (line_start > 0 && text[line_start - 1] != '\n')
        --line_start;
      comments_.push_back({i, content_end, own_line,
                           own_line && empty_line_before(text, line_start),
                           own_line && end < text.size() && empty_line_after(text, end)});
      for (std::uint32_t j = i; j < end; ++j)
        code_end_[j] = last_code_end;
      i = end;
      continue;
    }
    if (c == '\n') {
      line_has_code = false;
    } else if (c != ' ' && c != '\t' && c != '\r' && c != '\v' && c != '\f') {
      line_has_code = true;
      in_string = c == '"';
      last_code_end = i + 1;
    }
    ++i;
  }
  code_end_[text.size()] = last_code_end;
}

std::vector<ast::Comment> LexicalMap::comments(FileId file) const {
  std::vector<ast::Comment> out;
  for (const CommentSpan& span : comments_)
    out.push_back({{file, span.begin, span.end},
                   span.own_line,
                   span.blank_line_before,
                   span.blank_line_after});
  return out;
}

std::uint32_t LexicalMap::code_end_before(std::uint32_t offset) const {
  return code_end_[std::min<std::size_t>(offset, code_end_.size() - 1)];
}

}  // namespace regla
