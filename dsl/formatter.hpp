// Prints a syntax tree in the one canonical layout of rule files. Comments are put back where they
// were relative to the code: a comment on its own line goes before the code that followed it, a
// comment at the end of a line stays at the end of that line.
#pragma once

#include <string>

#include "dsl/ast.hpp"
#include "dsl/source.hpp"

namespace regla {

constexpr int format_line_width = 100;

// `source` is the text the module was parsed from (needed for comment text); the result always
// ends with one newline.
std::string format_module(const ast::Module& module, const SourceFile& source);

// A shape field's constraint as it is written canonically: "at least 0 PEN", "6 digits".
std::string format_constraint(const ast::FieldConstraint& constraint);

// One expression on one line, parenthesized only where needed.
std::string format_expression(const ast::Expr& expr);

}  // namespace regla
