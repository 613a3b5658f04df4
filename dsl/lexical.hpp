// What the grammar throws away but the tools need: where comments are, and where code ends before a
// given offset (so ranges can be trimmed of trailing blanks and comments).
#pragma once

#include <string_view>
#include <vector>

#include "dsl/ast.hpp"

namespace regla {

inline bool is_identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

class LexicalMap {
 public:
  explicit LexicalMap(std::string_view text);

  std::vector<ast::Comment> comments(FileId file) const;
  // The offset just past the last byte of code (not blank, not comment) before `offset`.
  std::uint32_t code_end_before(std::uint32_t offset) const;

 private:
  struct CommentSpan {
    std::uint32_t begin, end;
    bool own_line;
    bool blank_line_before, blank_line_after;
  };
  std::vector<CommentSpan> comments_;
  std::vector<std::uint32_t> code_end_;  // code_end_[i] = code_end_before(i)
};

}  // namespace regla
