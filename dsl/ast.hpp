// The syntax tree of a rule file, exactly as written: names are not resolved and nothing is typed
// (that is the checker's job). Every node carries the byte range it was parsed from.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "dsl/source.hpp"

namespace regla::ast {

struct Identifier {
  std::string name;
  SourceRange range;
};

// Units a number literal may carry: `28 days`, `6 months`, `3 years`, `3170 PEN`, `85%`.
enum class Unit { none, days, months, years, pen, percent };

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct NumberLiteral {
  std::string digits;  // as written, e.g. "85" or "0.85"
  Unit unit = Unit::none;
};
struct DateLiteral {
  int year = 0, month = 0, day = 0;
};
struct MonthLiteral {
  int year = 0, month = 0;
};

// A date or a month as rule text writes it: 2026-11-01, 2026-11.
std::string literal_text(const DateLiteral& date);
std::string literal_text(const MonthLiteral& month);

struct TextLiteral {
  std::string value;  // escapes resolved
};
struct BoolLiteral {
  bool value = false;
};
struct Name {
  std::string name;
};
struct FieldAccess {
  ExprPtr object;
  Identifier field;
};
struct Index {
  ExprPtr table;
  ExprPtr key;
};
struct Call {
  ExprPtr callee;
  std::vector<ExprPtr> arguments;
};
enum class UnaryOp { negate, logical_not };
struct Unary {
  UnaryOp op;
  ExprPtr operand;
};
enum class BinaryOp {
  logical_or,
  logical_and,
  equal,
  not_equal,
  less,
  less_equal,
  greater,
  greater_equal,
  in,
  not_in,
  otherwise,
  add,
  subtract,
  multiply,
  divide,
};
struct Binary {
  BinaryOp op;
  ExprPtr left;
  ExprPtr right;
};
// `x is present` / `x is missing`
struct PresenceTest {
  ExprPtr operand;
  bool present = true;
};
struct Conditional {
  ExprPtr condition;
  ExprPtr then_value;
  ExprPtr else_value;
};
enum class QuantifierKind { all, any, count, sum };
// `all m in household.members where f: body`; count has no body.
struct Quantifier {
  QuantifierKind kind;
  Identifier variable;
  ExprPtr collection;
  ExprPtr filter;  // may be null
  ExprPtr body;    // null for count
};
// `[a, b)` (half-open) or `[a, b]` (both ends included)
struct IntervalLiteral {
  ExprPtr start;
  ExprPtr end;
  bool end_included = false;
};
struct SetLiteral {
  std::vector<ExprPtr> elements;
};

using ExprNode = std::variant<NumberLiteral, DateLiteral, MonthLiteral, TextLiteral, BoolLiteral,
                              Name, FieldAccess, Index, Call, Unary, Binary, PresenceTest,
                              Conditional, Quantifier, IntervalLiteral, SetLiteral>;

struct Expr {
  SourceRange range;
  ExprNode node;
  // Longest path from here to a leaf, counting this node. The parser refuses trees taller than
  // max_expression_depth, so every later stage may recurse over expressions safely.
  int height = 1;
};

// --- declarations ---

struct Label {
  std::string language;  // two letters: "en", "es", ...
  std::string text;
  SourceRange range;
};

struct SourceNote {
  std::string text;
  SourceRange range;
};

// Where a declaration says what it is and where it comes from.
struct Description {
  std::vector<Label> labels;
  std::optional<SourceNote> source;
};

struct TypeExpr;
using TypeExprPtr = std::unique_ptr<TypeExpr>;
enum class TypeForm { named, enumeration, list, optional };
struct TypeExpr {
  TypeForm form = TypeForm::named;
  Identifier name;                      // named
  std::vector<Identifier> enum_values;  // enumeration
  TypeExprPtr element;                  // list and optional
  SourceRange range;
};

struct ProgramDecl {
  Identifier name;
  Description description;
};

struct UseDecl {
  Identifier module;
};

// What a record's value must be, beyond its type: `at least 0 PEN`, `at most 20 characters`,
// `6 digits`. Which kinds suit which types is the checker's business.
enum class ConstraintKind { at_least, at_most, digits };
struct FieldConstraint {
  ConstraintKind kind = ConstraintKind::at_least;
  NumberLiteral amount;        // the bound (`0 PEN`, `-3`), or how many digits
  bool in_characters = false;  // `at least 1 character`: a bound on the length of text
  SourceRange range;
};

struct FieldDecl {
  Identifier name;
  TypeExpr type;
  bool is_id = false;
  SourceRange range;
  std::vector<FieldConstraint> constraints = {};  // in source order
};
struct ShapeDecl {
  Identifier name;
  std::vector<FieldDecl> fields;
};

// `= 19 years from 2014-01-01 until 2030-01-01`; `from` and `until` are a date or a parameter name.
// `= no value until 2014-01-01` has no value: a period in which the parameter deliberately has
// none.
struct ParamValue {
  ExprPtr value;  // null for `no value`
  ExprPtr from;
  ExprPtr until;
  SourceRange range;
};
struct ParamDecl {
  Identifier name;
  std::vector<ParamValue> values;
  Description description;
};

struct TableColumn {
  Identifier name;
  TypeExpr type;
  bool is_key = false;
  SourceRange range;
  std::vector<FieldConstraint> constraints = {};  // in source order, as on shape fields
  ExprPtr keys_of = nullptr;  // `in districts`: every value is a key of that table (a name)
};
struct TableDecl {
  Identifier name;
  std::optional<SourceNote> file;  // the CSV file, relative to the rule file
  std::vector<TableColumn> columns;
  Description description;
};

struct RuleParam {
  Identifier name;
  Identifier type;
};

struct Validity {
  ExprPtr from;
  ExprPtr until;
  SourceRange range;
};

// `with visits = count ...`: a named value local to a rule, shown in explanations.
struct WithBinding {
  Identifier name;
  ExprPtr value;
  std::vector<Label> labels;
  SourceRange range;
};

// `applies when`, `waived when` and `except when` clauses.
struct Clause {
  ExprPtr condition;
  std::vector<Label> labels;
  SourceRange range;
};

// In source order: the header, labels and source, `in force`, `= body`, `applies when`,
// `waived when`, `except when`, then the `with` definitions the rest may use.
struct RuleDecl {
  bool is_decision = false;
  Identifier name;
  std::vector<RuleParam> params;
  std::optional<TypeExpr> declared_type;
  Description description;
  std::optional<Validity> in_force;
  ExprPtr body;
  std::optional<Clause> applies;
  std::vector<Clause> waivers;
  std::vector<Clause> exceptions;
  std::vector<WithBinding> withs;
};

// `reject (person: member) when person.birth_date > as_of`: a record this holds for is an error.
struct RejectDecl {
  std::optional<RuleParam> subject;
  ExprPtr condition;
  std::vector<Label> labels;
};

using DeclarationNode =
    std::variant<ProgramDecl, UseDecl, ShapeDecl, ParamDecl, TableDecl, RuleDecl, RejectDecl>;

struct Declaration {
  SourceRange range;
  DeclarationNode node;
  // A declaration with a syntax error keeps what its header says (its kind and name and, for a
  // rule, its parameters and declared type; the rest is empty), so that its name is still known
  // and no check reports what the error hides.
  bool incomplete = false;
};

struct Comment {
  SourceRange range;      // from '#' to the end of the line
  bool own_line = false;  // nothing but blanks before it on its line
  // For a comment on its own line: the line before / after it is empty (blanks only), which is
  // how sections are set apart; the formatter keeps one such empty line.
  bool blank_line_before = false;
  bool blank_line_after = false;
};

struct Module {
  FileId file = 0;
  std::vector<Declaration> declarations;
  std::vector<Comment> comments;
  // False when an error (of syntax, or a limit) kept part of the file from being read: what was
  // not read may use any name, or hold any label.
  bool fully_read = true;
};

// Precedence levels, loosest first; shared by the parser's grammar and the formatter.
enum class Precedence {
  prefix_form,  // if / all / any / count / sum: extend as far right as possible
  logical_or,
  logical_and,
  logical_not,
  comparison,
  otherwise,
  additive,
  multiplicative,
  unary,
  postfix,
  primary,
};
Precedence precedence_of(const Expr& expr);
Precedence precedence_of(BinaryOp op);
const char* spelling_of(BinaryOp op);
const char* spelling_of(QuantifierKind kind);
const char* spelling_of(Unit unit);

// The direct subexpressions of an expression, in source order.
std::vector<const Expr*> children_of(const Expr& expr);
// Every top-level expression of a declaration (bodies, clauses, parameter values, bounds).
std::vector<const Expr*> expressions_of(const Declaration& declaration);

constexpr int max_expression_depth = 200;
// The longest name (of a rule, field, program, ...), in bytes; a longer one is a syntax error.
constexpr std::size_t max_name_bytes = 128;

// A position-free rendering of the tree, for tests: two modules have the same syntax exactly when
// their dumps are equal.
std::string dump(const Module& module);
std::string dump(const Expr& expr);

}  // namespace regla::ast
