// What the grammar throws away but the tools need: where comments are, and where code ends before a
// given offset (so ranges can be trimmed of trailing blanks and comments).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "dsl/ast.hpp"

namespace regla {

// What a name is made of: Unicode letters of any script (edad_mínima, tiene_señal), digits and
// `_`, as Unicode's identifier syntax (UAX #31: XID_Start and XID_Continue) defines them, with `_`
// also allowed first. The byte length of the name character that starts at text[at] (one that may
// start a name when `first`), or 0 when none does there. The grammar and the parser's recovery
// both read names through this one definition.
std::size_t name_character_length(std::string_view text, std::size_t at, bool first);
// The byte length of the name (or number) that starts at text[at]: 0 when none does.
std::size_t name_length_at(std::string_view text, std::size_t at);

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
