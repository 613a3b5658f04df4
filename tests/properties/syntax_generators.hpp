// rapidcheck generators for syntax trees: every construct of the language, nested. The trees are
// syntactically valid but not necessarily well-typed (see program_generators.hpp for those).
// Generation runs inside rc::gen::exec, so every choice shrinks.
#pragma once

#include <rapidcheck.h>

#include <memory>
#include <string>

#include "dsl/ast.hpp"

namespace regla::testing {

class SyntaxBuilder {
 public:
  ast::ExprPtr expression(int depth) {
    int choice = *rc::gen::inRange(0, depth <= 0 ? 6 : 22);
    switch (choice) {
      case 0:
        return number();
      case 1:
        return make(ast::DateLiteral{*rc::gen::inRange(1000, 9999), *rc::gen::inRange(0, 100),
                                     *rc::gen::inRange(0, 100)});
      case 2:
        return make(ast::MonthLiteral{*rc::gen::inRange(1000, 9999), *rc::gen::inRange(0, 100)});
      case 3:
        return make(ast::TextLiteral{text()});
      case 4:
        return make(ast::BoolLiteral{*rc::gen::arbitrary<bool>()});
      case 5:
      case 6:
        return make(ast::Name{name()});
      case 7:
      case 8:
        return make(ast::FieldAccess{expression(depth - 1), identifier(field_name())});
      case 9:
        return make(ast::Index{expression(depth - 1), expression(depth - 1)});
      case 10: {
        ast::Call call{expression(depth - 1), {}};
        int count = *rc::gen::inRange(0, 3);
        for (int i = 0; i < count; ++i)
          call.arguments.push_back(expression(depth - 1));
        return make(std::move(call));
      }
      case 11:
        return make(ast::Unary{
            *rc::gen::arbitrary<bool>() ? ast::UnaryOp::negate : ast::UnaryOp::logical_not,
            expression(depth - 1)});
      case 12:
      case 13:
      case 14: {
        auto op = static_cast<ast::BinaryOp>(*rc::gen::inRange(0, 15));
        return make(ast::Binary{op, expression(depth - 1), expression(depth - 1)});
      }
      case 15:
        return make(ast::PresenceTest{expression(depth - 1), *rc::gen::arbitrary<bool>()});
      case 16:
        return make(
            ast::Conditional{expression(depth - 1), expression(depth - 1), expression(depth - 1)});
      case 17:
      case 18: {
        auto kind = static_cast<ast::QuantifierKind>(*rc::gen::inRange(0, 4));
        ast::Quantifier q{kind, identifier(name()), expression(depth - 1), nullptr, nullptr};
        if (*rc::gen::arbitrary<bool>()) q.filter = expression(depth - 1);
        if (kind != ast::QuantifierKind::count) q.body = expression(depth - 1);
        return make(std::move(q));
      }
      case 19:
        return make(ast::IntervalLiteral{expression(depth - 1), expression(depth - 1),
                                         *rc::gen::arbitrary<bool>()});
      case 20: {
        ast::SetLiteral set;
        int count = *rc::gen::inRange(1, 4);
        for (int i = 0; i < count; ++i)
          set.elements.push_back(expression(depth - 1));
        return make(std::move(set));
      }
      default:
        return make(ast::Binary{
            *rc::gen::arbitrary<bool>() ? ast::BinaryOp::logical_and : ast::BinaryOp::logical_or,
            expression(depth - 1), expression(depth - 1)});
    }
  }

  ast::Module module() {
    ast::Module module;
    int count = *rc::gen::inRange(0, 7);
    for (int i = 0; i < count; ++i)
      module.declarations.push_back({{}, declaration()});
    return module;
  }

  ast::DeclarationNode declaration() {
    switch (*rc::gen::inRange(0, 9)) {
      case 0:
        return ast::ProgramDecl{identifier(name()), description()};
      case 1:
        return ast::UseDecl{identifier(name())};
      case 2:
        return shape();
      case 3:
        return param();
      case 4:
        return table();
      case 5: {
        ast::RejectDecl reject;
        if (*rc::gen::arbitrary<bool>()) reject.subject = rule_param();
        reject.condition = expression(3);
        reject.labels = labels();
        return reject;
      }
      default:
        return rule();
    }
  }

 private:
  static ast::ExprPtr make(ast::ExprNode node) {
    return std::make_unique<ast::Expr>(ast::Expr{{}, std::move(node)});
  }
  static ast::Identifier identifier(std::string name) { return {std::move(name), {}}; }

  std::string name() {
    static const std::vector<std::string> pool = {
        "a",      "b",    "x",      "person", "household", "as_of", "child",
        "ratio",  "m",    "crecer", "sis",    "window",    "total", "income_ceiling",
        "member", "date", "month",  "text",   "type"};
    return *rc::gen::elementOf(pool);
  }
  std::string field_name() {
    static const std::vector<std::string> pool = {"birth_date", "cse", "level", "start", "end",
                                                  "count",      "in",  "type",  "date",  "x"};
    return *rc::gen::elementOf(pool);
  }
  std::string text() {
    static const std::vector<std::string> pool = {"",
                                                  "pobre",
                                                  "cred",
                                                  "a \"quoted\" word",
                                                  "back\\slash",
                                                  "line\nbreak",
                                                  "tab\there",
                                                  "año",
                                                  "# not a comment",
                                                  "día 1, día 2"};
    return *rc::gen::elementOf(pool);
  }

  ast::ExprPtr number(bool allow_negative = false) {
    std::string digits = std::to_string(*rc::gen::inRange(0, 100000));
    if (*rc::gen::arbitrary<bool>()) digits += "." + std::to_string(*rc::gen::inRange(0, 100));
    if (allow_negative && *rc::gen::arbitrary<bool>()) digits = "-" + digits;
    auto unit = static_cast<ast::Unit>(*rc::gen::inRange(0, 6));
    return make(ast::NumberLiteral{digits, unit});
  }

  ast::ExprPtr param_literal() {
    switch (*rc::gen::inRange(0, 7)) {
      case 0:
        return number(true);
      case 1:
        return make(ast::DateLiteral{*rc::gen::inRange(1000, 9999), *rc::gen::inRange(1, 13),
                                     *rc::gen::inRange(1, 29)});
      case 2:
        return make(ast::MonthLiteral{*rc::gen::inRange(1000, 9999), *rc::gen::inRange(1, 13)});
      case 3:
        return make(ast::TextLiteral{text()});
      case 4:
        return make(ast::BoolLiteral{*rc::gen::arbitrary<bool>()});
      case 5:
        return make(
            ast::IntervalLiteral{expression(1), expression(1), *rc::gen::arbitrary<bool>()});
      default: {
        ast::SetLiteral set;
        int count = *rc::gen::inRange(1, 4);
        for (int i = 0; i < count; ++i)
          set.elements.push_back(expression(0));
        return make(std::move(set));
      }
    }
  }

  // `districts` or `inei.districts`.
  ast::ExprPtr table_reference() {
    ast::ExprPtr table = make(ast::Name{name()});
    if (*rc::gen::arbitrary<bool>()) return table;
    return make(ast::FieldAccess{std::move(table), identifier(name())});
  }

  ast::ExprPtr date_reference() {
    if (*rc::gen::arbitrary<bool>()) return make(ast::Name{name()});
    return make(ast::DateLiteral{*rc::gen::inRange(1000, 9999), *rc::gen::inRange(1, 13),
                                 *rc::gen::inRange(1, 29)});
  }

  std::vector<ast::Label> labels() {
    static const std::vector<std::string> languages = {"en", "es", "qu"};
    std::vector<ast::Label> out;
    int count = *rc::gen::inRange(0, 3);
    for (int i = 0; i < count; ++i)
      out.push_back({*rc::gen::elementOf(languages), text(), {}});
    return out;
  }

  ast::Description description() {
    ast::Description d{labels(), std::nullopt};
    if (*rc::gen::arbitrary<bool>()) d.source = ast::SourceNote{text(), {}};
    return d;
  }

  ast::TypeExpr type(int depth) {
    ast::TypeExpr t;
    int choice = *rc::gen::inRange(0, depth <= 0 ? 2 : 4);
    if (choice == 0) {
      t.form = ast::TypeForm::named;
      t.name = identifier(
          *rc::gen::elementOf(std::vector<std::string>{"text", "date", "member", "money"}));
    } else if (choice == 1) {
      t.form = ast::TypeForm::enumeration;
      int count = *rc::gen::inRange(1, 4);
      for (int i = 0; i < count; ++i)
        t.enum_values.push_back(identifier(field_name()));
    } else {
      t.form = choice == 2 ? ast::TypeForm::list : ast::TypeForm::optional;
      t.element = std::make_unique<ast::TypeExpr>(type(depth - 1));
    }
    return t;
  }

  ast::ShapeDecl shape() {
    ast::ShapeDecl shape{identifier(name()), {}};
    int count = *rc::gen::inRange(0, 5);
    for (int i = 0; i < count; ++i) {
      shape.fields.push_back({identifier(field_name()),
                              type(2),
                              *rc::gen::arbitrary<bool>(),
                              {},
                              field_constraints()});
    }
    return shape;
  }

  // Whether they suit the field is the checker's business: any combination must round-trip.
  std::vector<ast::FieldConstraint> field_constraints() {
    std::vector<ast::FieldConstraint> constraints(*rc::gen::inRange<std::size_t>(0, 4));
    for (ast::FieldConstraint& constraint : constraints) {
      constraint.kind = static_cast<ast::ConstraintKind>(*rc::gen::inRange(0, 3));
      if (constraint.kind == ast::ConstraintKind::digits) {
        constraint.amount.digits = std::to_string(*rc::gen::inRange(0, 20));
        continue;
      }
      constraint.amount = std::get<ast::NumberLiteral>(number(true)->node);
      constraint.in_characters = *rc::gen::arbitrary<bool>();
    }
    return constraints;
  }

  ast::ParamDecl param() {
    ast::ParamDecl param{identifier(name()), {}, description()};
    int count = *rc::gen::inRange(1, 4);
    for (int i = 0; i < count; ++i) {
      // Now and then `no value`: a period without one.
      ast::ParamValue value{
          *rc::gen::inRange(0, 5) == 0 ? nullptr : param_literal(), nullptr, nullptr, {}};
      if (*rc::gen::arbitrary<bool>()) value.from = date_reference();
      if (*rc::gen::arbitrary<bool>()) value.until = date_reference();
      param.values.push_back(std::move(value));
    }
    return param;
  }

  ast::TableDecl table() {
    ast::TableDecl table;
    table.name = identifier(name());
    if (*rc::gen::arbitrary<bool>()) table.file = ast::SourceNote{"data/" + name() + ".csv", {}};
    int count = *rc::gen::inRange(0, 4);
    for (int i = 0; i < count; ++i) {
      ast::TableColumn column{
          identifier(name()), type(0), *rc::gen::arbitrary<bool>(), {}, field_constraints()};
      if (*rc::gen::arbitrary<bool>()) column.keys_of = table_reference();
      table.columns.push_back(std::move(column));
    }
    table.description = description();
    return table;
  }

  ast::RuleParam rule_param() { return {identifier(name()), identifier(name())}; }

  ast::Clause clause() { return {expression(3), labels(), {}}; }

  ast::RuleDecl rule() {
    ast::RuleDecl rule;
    rule.is_decision = *rc::gen::arbitrary<bool>();
    rule.name = identifier(name());
    int params = *rc::gen::inRange(0, 3);
    for (int i = 0; i < params; ++i)
      rule.params.push_back(rule_param());
    if (*rc::gen::arbitrary<bool>()) rule.declared_type = type(0);
    rule.description = description();
    if (*rc::gen::arbitrary<bool>()) {
      ast::Validity validity;
      if (*rc::gen::arbitrary<bool>()) validity.from = date_reference();
      if (*rc::gen::arbitrary<bool>()) validity.until = date_reference();
      rule.in_force = std::move(validity);
    }
    int withs = *rc::gen::inRange(0, 3);
    for (int i = 0; i < withs; ++i)
      rule.withs.push_back({identifier(name()), expression(3), labels(), {}});
    if (*rc::gen::arbitrary<bool>()) rule.applies = clause();
    rule.body = expression(4);
    int waivers = *rc::gen::inRange(0, 3);
    for (int i = 0; i < waivers; ++i)
      rule.waivers.push_back(clause());
    int exceptions = *rc::gen::inRange(0, 2);
    for (int i = 0; i < exceptions; ++i)
      rule.exceptions.push_back(clause());
    return rule;
  }
};

// A whole module; shared_ptr because rapidcheck values must be copyable.
inline rc::Gen<std::shared_ptr<const ast::Module>> arbitrary_module() {
  return rc::gen::exec(
      [] { return std::make_shared<const ast::Module>(SyntaxBuilder().module()); });
}

inline rc::Gen<std::shared_ptr<const ast::Expr>> arbitrary_expression(int depth) {
  return rc::gen::exec(
      [depth] { return std::shared_ptr<const ast::Expr>(SyntaxBuilder().expression(depth)); });
}

}  // namespace regla::testing
