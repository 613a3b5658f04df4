// Parses rule files with the PEGTL grammar into a parse tree, then builds the AST from it. Ranges
// are byte offsets trimmed of trailing blanks and comments, so a caret covers exactly the code.
#include "dsl/parser.hpp"

#include <charconv>
#include <tao/pegtl/contrib/limit_depth.hpp>
#include <tao/pegtl/contrib/parse_tree.hpp>

#include "dsl/grammar.hpp"
#include "dsl/habits.hpp"
#include "dsl/lexical.hpp"

namespace regla {
namespace {

namespace pegtl = tao::pegtl;
namespace g = grammar;
using Node = pegtl::parse_tree::node;

// As PEGTL's fold_one, except that a node with several children keeps its content: its range must
// end where its text does, after a closing parenthesis that its last child does not include.
struct fold_one_keeping_range : pegtl::parse_tree::apply<fold_one_keeping_range> {
  template <typename TreeNode, typename... States>
  static void transform(std::unique_ptr<TreeNode>& node, States&&...) noexcept {
    if (node->children.size() == 1) node = std::move(node->children.front());
  }
};

template <typename Rule>
struct selector
    : pegtl::parse_tree::selector<
          Rule,
          pegtl::parse_tree::store_content::on<
              g::identifier, g::field_name, g::number_literal, g::number_digits, g::unit,
              g::date_literal, g::month_literal, g::string_literal, g::true_literal,
              g::false_literal, g::logical_not, g::negation, g::negative_number, g::conditional,
              g::all_quantifier, g::any_quantifier, g::count_quantifier, g::sum_quantifier,
              g::quantifier_filter, g::quantifier_body_required, g::interval_literal,
              g::interval_end_excluded, g::interval_end_included, g::set_literal, g::field_suffix,
              g::index_suffix, g::call_arguments, g::add_op, g::subtract_op, g::multiply_op,
              g::divide_op, g::less_equal_op, g::greater_equal_op, g::not_equal_op, g::less_op,
              g::greater_op, g::equal_op, g::not_in_op, g::in_op, g::presence_test, g::present_word,
              g::missing_word, g::language_tag, g::label, g::source_note, g::optional_type,
              g::list_type, g::enum_type, g::type_name, g::program_declaration, g::use_declaration,
              g::id_marker, g::least_word, g::most_word, g::bound_minus, g::characters_word,
              g::bound_constraint, g::digit_count, g::digits_constraint, g::field_declaration,
              g::shape_declaration, g::from_clause, g::until_clause, g::param_value,
              g::param_declaration, g::no_value, g::file_clause, g::key_column, g::plain_column,
              g::keys_of_constraint, g::key_table, g::table_declaration, g::rule_param,
              g::rule_params, g::declared_type, g::in_force_clause, g::with_clause,
              g::applies_clause, g::rule_body, g::waiver_clause, g::exception_clause,
              g::decision_keyword, g::rule_keyword, g::rule_declaration, g::reject_declaration,
              g::paren_expression, g::program_header, g::param_header, g::table_header,
              g::shape_header, g::rule_header, g::rule_name_header>,
          fold_one_keeping_range::on<g::or_expression, g::and_expression, g::comparison,
                                     g::otherwise_expression, g::additive, g::multiplicative,
                                     g::postfix>> {};

// Deeply nested input must end in a diagnostic, not a stack overflow.
constexpr std::size_t max_rule_nesting = 3000;
template <typename Rule>
struct depth_limit : pegtl::limit_depth<max_rule_nesting> {};

struct ExpressionTooDeep {
  SourceRange range;
};
struct NameTooLong {
  SourceRange range;
};

class TreeBuilder {
 public:
  TreeBuilder(FileId file, const char* text_begin, const LexicalMap& lexical)
      : file_(file), text_begin_(text_begin), lexical_(lexical) {}

  // A whole declaration, or the header of one that has a syntax error (declaration_header): a
  // header's children are the first children of its declaration, so one builder reads both.
  ast::Declaration declaration(const Node& node) {
    SourceRange range = range_of(node);
    if (node.is_type<g::program_declaration>() || node.is_type<g::program_header>())
      return {range, program(node)};
    if (node.is_type<g::use_declaration>())
      return {range, ast::UseDecl{identifier(child(node, 0))}};
    if (node.is_type<g::shape_declaration>() || node.is_type<g::shape_header>())
      return {range, shape(node)};
    if (node.is_type<g::param_declaration>() || node.is_type<g::param_header>())
      return {range, param(node)};
    if (node.is_type<g::table_declaration>() || node.is_type<g::table_header>())
      return {range, table(node)};
    if (node.is_type<g::rule_declaration>() || node.is_type<g::rule_header>() ||
        node.is_type<g::rule_name_header>())
      return {range, rule(node)};
    return {range, reject(node)};
  }

 private:
  static const Node& child(const Node& node, std::size_t index) { return *node.children.at(index); }

  SourceRange range_of(const Node& node) const {
    auto begin = static_cast<std::uint32_t>(node.m_begin.data - text_begin_);
    auto end = static_cast<std::uint32_t>(node.m_end.data - text_begin_);
    return {file_, begin, std::max(begin, lexical_.code_end_before(end))};
  }

  std::string_view text_of(const Node& node) const {
    SourceRange range = range_of(node);
    return {text_begin_ + range.begin, range.end - range.begin};
  }

  ast::Identifier identifier(const Node& node) const { return {name_text(node), range_of(node)}; }

  std::string name_text(const Node& node) const {
    std::string_view text = text_of(node);
    if (text.size() > ast::max_name_bytes) throw NameTooLong{range_of(node)};
    return std::string(text);
  }

  static std::string unescape(std::string_view quoted) {
    std::string out;
    for (std::size_t i = 1; i + 1 < quoted.size(); ++i) {
      char c = quoted[i];
      if (c == '\\' && i + 2 < quoted.size()) {
        char code = quoted[++i];
        out += code == 'n' ? '\n' : code == 't' ? '\t' : code;
      } else {
        out += c;
      }
    }
    return out;
  }

  std::string string_value(const Node& node) const { return unescape(text_of(node)); }

  ast::Label label(const Node& node) const {
    return {std::string(text_of(child(node, 0))), string_value(child(node, 1)), range_of(node)};
  }

  // Labels and a source note, in any order.
  void describe(const Node& node, ast::Description& description) const {
    if (node.is_type<g::label>()) {
      description.labels.push_back(label(node));
    } else {
      description.source = ast::SourceNote{string_value(child(node, 0)), range_of(node)};
    }
  }

  ast::ProgramDecl program(const Node& node) const {
    ast::ProgramDecl program{identifier(child(node, 0)), {}};
    for (std::size_t i = 1; i < node.children.size(); ++i)
      describe(child(node, i), program.description);
    return program;
  }

  ast::TypeExpr type(const Node& node) const {
    ast::TypeExpr type;
    type.range = range_of(node);
    if (node.is_type<g::type_name>()) {
      type.form = ast::TypeForm::named;
      type.name = identifier(child(node, 0));
    } else if (node.is_type<g::enum_type>()) {
      type.form = ast::TypeForm::enumeration;
      for (const auto& value : node.children)
        type.enum_values.push_back(identifier(*value));
    } else {
      type.form = node.is_type<g::list_type>() ? ast::TypeForm::list : ast::TypeForm::optional;
      type.element = std::make_unique<ast::TypeExpr>(this->type(child(node, 0)));
    }
    return type;
  }

  ast::ShapeDecl shape(const Node& node) const {
    ast::ShapeDecl shape{identifier(child(node, 0)), {}};
    for (std::size_t i = 1; i < node.children.size(); ++i) {
      const Node& field = child(node, i);
      ast::FieldDecl declared{
          identifier(child(field, 0)), type(child(field, 1)), false, range_of(field), {}};
      for (std::size_t j = 2; j < field.children.size(); ++j) {
        const Node& part = child(field, j);
        if (part.is_type<g::id_marker>()) {
          declared.is_id = true;
        } else {
          declared.constraints.push_back(constraint(part));
        }
      }
      shape.fields.push_back(std::move(declared));
    }
    return shape;
  }

  // `at least -3`, `at most 20 characters`, `6 digits`.
  ast::FieldConstraint constraint(const Node& node) const {
    ast::FieldConstraint constraint;
    constraint.range = range_of(node);
    if (node.is_type<g::digits_constraint>()) {
      constraint.kind = ast::ConstraintKind::digits;
      constraint.amount.digits = std::string(text_of(child(node, 0)));
      return constraint;
    }
    constraint.kind = child(node, 0).is_type<g::least_word>() ? ast::ConstraintKind::at_least
                                                              : ast::ConstraintKind::at_most;
    std::size_t next = 1;
    bool negative = child(node, next).is_type<g::bound_minus>();
    if (negative) ++next;
    constraint.amount = number_literal(child(node, next++));
    if (negative) constraint.amount.digits.insert(0, 1, '-');
    constraint.in_characters = next < node.children.size();
    return constraint;
  }

  ast::ExprPtr date_reference(const Node& clause) { return expression(child(clause, 0)); }

  ast::ParamDecl param(const Node& node) {
    ast::ParamDecl param{identifier(child(node, 0)), {}, {}};
    for (std::size_t i = 1; i < node.children.size(); ++i) {
      const Node& part = child(node, i);
      if (!part.is_type<g::param_value>()) {
        describe(part, param.description);
        continue;
      }
      ast::ParamValue value;
      value.range = range_of(part);
      if (!child(part, 0).is_type<g::no_value>()) value.value = expression(child(part, 0));
      for (std::size_t j = 1; j < part.children.size(); ++j) {
        const Node& bound = child(part, j);
        (bound.is_type<g::from_clause>() ? value.from : value.until) = date_reference(bound);
      }
      param.values.push_back(std::move(value));
    }
    return param;
  }

  ast::TableDecl table(const Node& node) const {
    ast::TableDecl table;
    table.name = identifier(child(node, 0));
    for (std::size_t i = 1; i < node.children.size(); ++i) {
      const Node& part = child(node, i);
      if (part.is_type<g::file_clause>()) {
        table.file = ast::SourceNote{string_value(child(part, 0)), range_of(child(part, 0))};
      } else if (part.is_type<g::key_column>() || part.is_type<g::plain_column>()) {
        ast::TableColumn column{identifier(child(part, 0)), type(child(part, 1)),
                                part.is_type<g::key_column>(), range_of(part)};
        for (std::size_t j = 2; j < part.children.size(); ++j) {
          const Node& constraint_node = child(part, j);
          if (constraint_node.is_type<g::keys_of_constraint>()) {
            column.keys_of = table_name(child(constraint_node, 0));
          } else {
            column.constraints.push_back(constraint(constraint_node));
          }
        }
        table.columns.push_back(std::move(column));
      } else {
        describe(part, table.description);
      }
    }
    return table;
  }

  // `districts` or `inei.districts`, as the expression that names the table.
  ast::ExprPtr table_name(const Node& node) const {
    ast::Identifier first = identifier(child(node, 0));
    ast::ExprPtr name = make(first.range, ast::Name{first.name});
    if (node.children.size() == 1) return name;
    return make(range_of(node), ast::FieldAccess{std::move(name), identifier(child(node, 1))});
  }

  ast::RuleParam rule_param(const Node& node) const {
    return {identifier(child(node, 0)), identifier(child(node, 1))};
  }

  ast::Clause clause(const Node& node) {
    ast::Clause clause;
    clause.range = range_of(node);
    clause.condition = expression(child(node, 0));
    for (std::size_t i = 1; i < node.children.size(); ++i)
      clause.labels.push_back(label(child(node, i)));
    return clause;
  }

  ast::RuleDecl rule(const Node& node) {
    ast::RuleDecl rule;
    rule.is_decision = child(node, 0).is_type<g::decision_keyword>();
    rule.name = identifier(child(node, 1));
    for (std::size_t i = 2; i < node.children.size(); ++i) {
      const Node& part = child(node, i);
      if (part.is_type<g::rule_params>()) {
        for (const auto& param : part.children)
          rule.params.push_back(rule_param(*param));
      } else if (part.is_type<g::declared_type>()) {
        rule.declared_type = type(child(part, 0));
      } else if (part.is_type<g::label>() || part.is_type<g::source_note>()) {
        describe(part, rule.description);
      } else if (part.is_type<g::in_force_clause>()) {
        ast::Validity validity;
        validity.range = range_of(part);
        for (const auto& bound : part.children) {
          (bound->is_type<g::from_clause>() ? validity.from : validity.until) =
              date_reference(*bound);
        }
        rule.in_force = std::move(validity);
      } else if (part.is_type<g::with_clause>()) {
        ast::WithBinding with;
        with.name = identifier(child(part, 0));
        with.value = expression(child(part, 1));
        with.range = range_of(part);
        for (std::size_t j = 2; j < part.children.size(); ++j)
          with.labels.push_back(label(child(part, j)));
        rule.withs.push_back(std::move(with));
      } else if (part.is_type<g::applies_clause>()) {
        rule.applies = clause(part);
      } else if (part.is_type<g::rule_body>()) {
        rule.body = expression(child(part, 0));
      } else if (part.is_type<g::waiver_clause>()) {
        rule.waivers.push_back(clause(part));
      } else {
        rule.exceptions.push_back(clause(part));
      }
    }
    return rule;
  }

  ast::RejectDecl reject(const Node& node) {
    ast::RejectDecl reject;
    std::size_t next = 0;
    if (child(node, 0).is_type<g::rule_params>()) {
      reject.subject = rule_param(child(child(node, 0), 0));
      next = 1;
    }
    reject.condition = expression(child(node, next));
    for (std::size_t i = next + 1; i < node.children.size(); ++i)
      reject.labels.push_back(label(child(node, i)));
    return reject;
  }

  // --- expressions ---

  // Throwing as soon as a node is too tall means no over-deep tree is ever built (or destroyed).
  static ast::ExprPtr make(SourceRange range, ast::ExprNode node) {
    auto expr = std::make_unique<ast::Expr>(ast::Expr{range, std::move(node)});
    for (const ast::Expr* child : ast::children_of(*expr)) {
      expr->height = std::max(expr->height, child->height + 1);
    }
    if (expr->height > ast::max_expression_depth) throw ExpressionTooDeep{range};
    return expr;
  }

  // `written` spans both operands as written, with any parentheses around them.
  ast::ExprPtr binary(ast::BinaryOp op, ast::ExprPtr left, ast::ExprPtr right,
                      SourceRange written) const {
    return make(written, ast::Binary{op, std::move(left), std::move(right)});
  }

  static ast::BinaryOp operator_of(const Node& node) {
    if (node.is_type<g::add_op>()) return ast::BinaryOp::add;
    if (node.is_type<g::subtract_op>()) return ast::BinaryOp::subtract;
    if (node.is_type<g::multiply_op>()) return ast::BinaryOp::multiply;
    if (node.is_type<g::divide_op>()) return ast::BinaryOp::divide;
    if (node.is_type<g::less_equal_op>()) return ast::BinaryOp::less_equal;
    if (node.is_type<g::greater_equal_op>()) return ast::BinaryOp::greater_equal;
    if (node.is_type<g::not_equal_op>()) return ast::BinaryOp::not_equal;
    if (node.is_type<g::less_op>()) return ast::BinaryOp::less;
    if (node.is_type<g::greater_op>()) return ast::BinaryOp::greater;
    if (node.is_type<g::equal_op>()) return ast::BinaryOp::equal;
    if (node.is_type<g::not_in_op>()) return ast::BinaryOp::not_in;
    return ast::BinaryOp::in;
  }

  // Operand operator operand ... folded to the left: a - b - c is (a - b) - c.
  ast::ExprPtr operator_chain(const Node& node) {
    ast::ExprPtr result = expression(child(node, 0));
    for (std::size_t i = 1; i + 1 < node.children.size(); i += 2) {
      result = binary(operator_of(child(node, i)), std::move(result),
                      expression(child(node, i + 1)), chain_range(node, i + 1));
    }
    return result;
  }

  // The first `last + 1` operands of a chain, as written.
  SourceRange chain_range(const Node& node, std::size_t last) const {
    return {file_, range_of(child(node, 0)).begin, range_of(child(node, last)).end};
  }

  // Operands of a chain whose operator is not in the tree: and, or, otherwise.
  ast::ExprPtr same_operator_chain(const Node& node, ast::BinaryOp op) {
    ast::ExprPtr result = expression(child(node, 0));
    for (std::size_t i = 1; i < node.children.size(); ++i) {
      result = binary(op, std::move(result), expression(child(node, i)), chain_range(node, i));
    }
    return result;
  }

  // One of the words of grammar::unit, in English or Spanish, singular or plural.
  static ast::Unit unit_named(std::string_view word) {
    if (word == "%" || word == "percent") return ast::Unit::percent;
    if (word == "PEN") return ast::Unit::pen;
    if (word.starts_with("day") || word.starts_with("día")) return ast::Unit::days;
    if (word.starts_with("month") || word.starts_with("mes")) return ast::Unit::months;
    return ast::Unit::years;
  }

  ast::NumberLiteral number_literal(const Node& node) const {
    ast::NumberLiteral number;
    number.digits = std::string(text_of(child(node, 0)));
    if (node.children.size() > 1) {
      number.unit = unit_named(text_of(child(node, 1)));
    }
    return number;
  }

  ast::ExprPtr number(const Node& node, SourceRange range, bool negative) {
    ast::NumberLiteral number = number_literal(node);
    if (negative) number.digits.insert(0, 1, '-');
    return make(range, std::move(number));
  }

  static int digits_value(std::string_view text) {
    int value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
  }

  ast::ExprPtr quantifier(const Node& node, ast::QuantifierKind kind, SourceRange range) {
    ast::Quantifier q;
    q.kind = kind;
    q.variable = identifier(child(node, 0));
    q.collection = expression(child(node, 1));
    for (std::size_t i = 2; i < node.children.size(); ++i) {
      const Node& part = child(node, i);
      (part.is_type<g::quantifier_filter>() ? q.filter : q.body) = expression(child(part, 0));
    }
    return make(range, std::move(q));
  }

 public:
  ast::ExprPtr expression(const Node& node) {
    SourceRange range = range_of(node);
    // The expression inside; its range leaves out the parentheses (the enclosing one keeps them).
    if (node.is_type<g::paren_expression>()) return expression(child(node, 0));
    if (node.is_type<g::or_expression>()) {
      return same_operator_chain(node, ast::BinaryOp::logical_or);
    }
    if (node.is_type<g::and_expression>()) {
      return same_operator_chain(node, ast::BinaryOp::logical_and);
    }
    if (node.is_type<g::otherwise_expression>()) {
      return same_operator_chain(node, ast::BinaryOp::otherwise);
    }
    if (node.is_type<g::additive>() || node.is_type<g::multiplicative>()) {
      return operator_chain(node);
    }
    if (node.is_type<g::comparison>()) {
      const Node& second = child(node, 1);
      if (second.is_type<g::presence_test>()) {
        bool present = child(second, 0).is_type<g::present_word>();
        return make(range, ast::PresenceTest{expression(child(node, 0)), present});
      }
      return operator_chain(node);
    }
    if (node.is_type<g::logical_not>() || node.is_type<g::negation>()) {
      auto op = node.is_type<g::logical_not>() ? ast::UnaryOp::logical_not : ast::UnaryOp::negate;
      return make(range, ast::Unary{op, expression(child(node, 0))});
    }
    if (node.is_type<g::postfix>()) return postfix(node);
    if (node.is_type<g::conditional>()) {
      return make(range, ast::Conditional{expression(child(node, 0)), expression(child(node, 1)),
                                          expression(child(node, 2))});
    }
    if (node.is_type<g::all_quantifier>()) return quantifier(node, ast::QuantifierKind::all, range);
    if (node.is_type<g::any_quantifier>()) return quantifier(node, ast::QuantifierKind::any, range);
    if (node.is_type<g::count_quantifier>()) {
      return quantifier(node, ast::QuantifierKind::count, range);
    }
    if (node.is_type<g::sum_quantifier>()) return quantifier(node, ast::QuantifierKind::sum, range);
    if (node.is_type<g::interval_literal>()) {
      return make(range,
                  ast::IntervalLiteral{expression(child(node, 0)), expression(child(node, 1)),
                                       child(node, 2).is_type<g::interval_end_included>()});
    }
    if (node.is_type<g::set_literal>()) {
      ast::SetLiteral set;
      for (const auto& element : node.children)
        set.elements.push_back(expression(*element));
      return make(range, std::move(set));
    }
    if (node.is_type<g::number_literal>()) return number(node, range, false);
    if (node.is_type<g::negative_number>()) return number(child(node, 0), range, true);
    if (node.is_type<g::date_literal>()) {
      std::string_view text = text_of(node);
      return make(range,
                  ast::DateLiteral{digits_value(text.substr(0, 4)), digits_value(text.substr(5, 2)),
                                   digits_value(text.substr(8, 2))});
    }
    if (node.is_type<g::month_literal>()) {
      std::string_view text = text_of(node);
      return make(range, ast::MonthLiteral{digits_value(text.substr(0, 4)),
                                           digits_value(text.substr(5, 2))});
    }
    if (node.is_type<g::string_literal>()) return make(range, ast::TextLiteral{string_value(node)});
    if (node.is_type<g::true_literal>()) return make(range, ast::BoolLiteral{true});
    if (node.is_type<g::false_literal>()) return make(range, ast::BoolLiteral{false});
    return make(range, ast::Name{name_text(node)});
  }

 private:
  ast::ExprPtr postfix(const Node& node) {
    ast::ExprPtr result = expression(child(node, 0));
    for (std::size_t i = 1; i < node.children.size(); ++i) {
      const Node& suffix = child(node, i);
      SourceRange range{file_, result->range.begin, range_of(suffix).end};
      if (suffix.is_type<g::field_suffix>()) {
        result = make(range, ast::FieldAccess{std::move(result), identifier(child(suffix, 0))});
      } else if (suffix.is_type<g::index_suffix>()) {
        result = make(range, ast::Index{std::move(result), expression(child(suffix, 0))});
      } else {
        ast::Call call{std::move(result), {}};
        for (const auto& argument : suffix.children)
          call.arguments.push_back(expression(*argument));
        result = make(range, std::move(call));
      }
    }
    return result;
  }

  FileId file_;
  const char* text_begin_;
  const LexicalMap& lexical_;
};

bool starts_declaration(std::string_view rest) {
  for (std::string_view keyword :
       {"program", "use", "shape", "param", "table", "rule", "decision", "reject"}) {
    if (rest.substr(0, keyword.size()) == keyword &&
        name_character_length(rest, keyword.size(), false) == 0) {
      return true;
    }
  }
  return false;
}

// After an error at `error_offset` in a declaration that began at `declaration_offset`, resume at
// the first line (at or after the error's line) that starts with a declaration keyword.
std::size_t recovery_point(std::string_view text, std::size_t declaration_offset,
                           std::size_t error_offset) {
  std::size_t line_start = text.rfind('\n', error_offset == 0 ? 0 : error_offset - 1);
  line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
  while (line_start < text.size()) {
    if (line_start > declaration_offset && starts_declaration(text.substr(line_start))) {
      return line_start;
    }
    std::size_t newline = text.find('\n', line_start);
    if (newline == std::string_view::npos) break;
    line_start = newline + 1;
  }
  return text.size();
}

// What can be read of a declaration that has a syntax error: its header, if that parses (a
// rule's parameters or type may be what is wrong, then its name alone).
std::unique_ptr<Node> header_at(std::string_view text, std::size_t offset,
                                const std::string& name) {
  auto parse = [&]<typename Header>() -> std::unique_ptr<Node> {
    pegtl::memory_input in(text.data() + offset, text.data() + text.size(), name);
    try {
      auto root = pegtl::parse_tree::parse<Header, selector, depth_limit>(in);
      if (root && !root->children.empty()) return std::move(root->children.front());
    } catch (const pegtl::parse_error&) {
    }
    return nullptr;
  };
  if (auto header = parse.template operator()<g::declaration_header>()) return header;
  return parse.template operator()<g::rule_name_header>();
}

std::uint32_t token_length_at(std::string_view text, std::size_t offset) {
  if (offset >= text.size()) return 0;
  std::size_t length = name_length_at(text, offset);
  return static_cast<std::uint32_t>(
      length == 0 ? std::max<std::size_t>(1, utf8_sequence_length(text, offset)) : length);
}

}  // namespace

ast::Module parse_module(const SourceSet& sources, FileId file, DiagnosticSink& diagnostics) {
  const SourceFile& source = sources.file(file);
  std::string_view text = source.text();
  LexicalMap lexical(text);
  ast::Module module;
  module.file = file;
  module.comments = lexical.comments(file);

  TreeBuilder builder(file, text.data(), lexical);
  std::size_t offset = text.starts_with(utf8_byte_order_mark) ? utf8_byte_order_mark.size() : 0;
  if (std::size_t bad = first_byte_not_text(text.substr(offset)); bad != std::string_view::npos) {
    auto at = static_cast<std::uint32_t>(offset + bad);
    diagnostics.error(DiagnosticCode::invalid_text, {file, at, at + 1},
                      text[at] == '\0'
                          ? "a NUL byte; a rule file is text"
                          : "this byte is not UTF-8 text; save the rule file as UTF-8");
    module.fully_read = false;
    return module;
  }
  {
    pegtl::memory_input in(text.data() + offset, text.data() + text.size(), source.name());
    (void)pegtl::parse<g::leading_blanks>(in);
    offset = static_cast<std::size_t>(in.current() - text.data());
  }
  // Where the last declaration read whole ended; text that fails to parse right there, on its
  // line or on an indented line after it, is a part of that declaration that could not be read.
  std::size_t declaration_read_until = std::string_view::npos;
  while (offset < text.size()) {
    pegtl::memory_input in(text.data() + offset, text.data() + text.size(), source.name());
    try {
      auto root = pegtl::parse_tree::parse<g::next_declaration, selector, depth_limit,
                                           pegtl::must_if<g::errors>::control>(in);
      std::size_t next = static_cast<std::size_t>(in.current() - text.data());
      if (root && !root->children.empty()) {
        try {
          module.declarations.push_back(builder.declaration(*root->children.front()));
        } catch (const ExpressionTooDeep& too_deep) {
          module.fully_read = false;
          diagnostics.error(DiagnosticCode::limit_exceeded, too_deep.range,
                            "expression nested too deeply (more than " +
                                std::to_string(ast::max_expression_depth) +
                                " levels); split it into smaller rules");
        } catch (const NameTooLong& too_long) {
          module.fully_read = false;
          diagnostics.error(
              DiagnosticCode::limit_exceeded, too_long.range,
              "this name is " + with_thousands(too_long.range.end - too_long.range.begin) +
                  " bytes long; a name has at most " + std::to_string(ast::max_name_bytes));
        }
      }
      declaration_read_until = root && !root->children.empty() ? next : std::string_view::npos;
      offset = std::max(next, offset + 1);
    } catch (const pegtl::parse_error& error) {
      std::size_t at = offset;
      if (!error.positions().empty()) at = offset + error.positions().front().byte;
      at = std::min(at, text.size());
      SourceRange range{file, static_cast<std::uint32_t>(at),
                        static_cast<std::uint32_t>(at) + token_length_at(text, at)};
      // Something missing at the end of a line is shown there, not at the next line's first word.
      std::uint32_t code_end = lexical.code_end_before(range.begin);
      if (text.substr(code_end, range.begin - code_end).find('\n') != std::string_view::npos) {
        range = {file, code_end, code_end};
      }
      std::string message(error.message());
      if (std::optional<HabitHint> habit = habit_at(text, at)) {
        range = {file, habit->begin, habit->end};
        message = std::move(habit->message);
      }
      diagnostics.error(DiagnosticCode::syntax_error, range, message);
      std::size_t resume = recovery_point(text, offset, at);
      module.fully_read = false;
      bool continues_previous = declaration_read_until == offset && offset > 0 &&
                                text[offset - 1] != '\n' && !module.declarations.empty() &&
                                !starts_declaration(text.substr(offset));
      if (continues_previous) module.declarations.back().incomplete = true;
      declaration_read_until = std::string_view::npos;
      if (std::unique_ptr<Node> header = header_at(text, offset, source.name())) {
        try {
          ast::Declaration declaration = builder.declaration(*header);
          declaration.range.end = std::max(
              declaration.range.begin, lexical.code_end_before(static_cast<std::uint32_t>(resume)));
          declaration.incomplete = true;
          module.declarations.push_back(std::move(declaration));
        } catch (const NameTooLong&) {
          // A name past max_name_bytes: the header is not kept (the syntax error is reported).
        }
      }
      offset = resume;
    }
  }
  return module;
}

}  // namespace regla
