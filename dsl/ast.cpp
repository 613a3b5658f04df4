// Operator tables shared by parser and formatter, and the position-free dump used to compare trees.
#include "dsl/ast.hpp"

#include <cstdio>

namespace regla::ast {

Precedence precedence_of(BinaryOp op) {
  switch (op) {
    case BinaryOp::logical_or:
      return Precedence::logical_or;
    case BinaryOp::logical_and:
      return Precedence::logical_and;
    case BinaryOp::equal:
    case BinaryOp::not_equal:
    case BinaryOp::less:
    case BinaryOp::less_equal:
    case BinaryOp::greater:
    case BinaryOp::greater_equal:
    case BinaryOp::in:
    case BinaryOp::not_in:
      return Precedence::comparison;
    case BinaryOp::otherwise:
      return Precedence::otherwise;
    case BinaryOp::add:
    case BinaryOp::subtract:
      return Precedence::additive;
    case BinaryOp::multiply:
    case BinaryOp::divide:
      return Precedence::multiplicative;
  }
  return Precedence::primary;
}

namespace {
struct PrecedenceOf {
  Precedence operator()(const Binary& b) const { return precedence_of(b.op); }
  Precedence operator()(const Unary& u) const {
    return u.op == UnaryOp::logical_not ? Precedence::logical_not : Precedence::unary;
  }
  Precedence operator()(const PresenceTest&) const { return Precedence::comparison; }
  Precedence operator()(const Conditional&) const { return Precedence::prefix_form; }
  Precedence operator()(const Quantifier&) const { return Precedence::prefix_form; }
  Precedence operator()(const FieldAccess&) const { return Precedence::postfix; }
  Precedence operator()(const Index&) const { return Precedence::postfix; }
  Precedence operator()(const Call&) const { return Precedence::postfix; }
  Precedence operator()(const NumberLiteral& n) const {
    // "6 months" is a literal, but it cannot be the object of a postfix operator
    return n.unit == Unit::none ? Precedence::primary : Precedence::unary;
  }
  template <typename Leaf>
  Precedence operator()(const Leaf&) const {
    return Precedence::primary;
  }
};
}  // namespace

Precedence precedence_of(const Expr& expr) {
  return std::visit(PrecedenceOf{}, expr.node);
}

const char* spelling_of(BinaryOp op) {
  switch (op) {
    case BinaryOp::logical_or:
      return "or";
    case BinaryOp::logical_and:
      return "and";
    case BinaryOp::equal:
      return "=";
    case BinaryOp::not_equal:
      return "!=";
    case BinaryOp::less:
      return "<";
    case BinaryOp::less_equal:
      return "<=";
    case BinaryOp::greater:
      return ">";
    case BinaryOp::greater_equal:
      return ">=";
    case BinaryOp::in:
      return "in";
    case BinaryOp::not_in:
      return "not in";
    case BinaryOp::otherwise:
      return "otherwise";
    case BinaryOp::add:
      return "+";
    case BinaryOp::subtract:
      return "-";
    case BinaryOp::multiply:
      return "*";
    case BinaryOp::divide:
      return "/";
  }
  return "?";
}

const char* spelling_of(QuantifierKind kind) {
  switch (kind) {
    case QuantifierKind::all:
      return "all";
    case QuantifierKind::any:
      return "any";
    case QuantifierKind::count:
      return "count";
    case QuantifierKind::sum:
      return "sum";
  }
  return "?";
}

const char* spelling_of(Unit unit) {
  switch (unit) {
    case Unit::none:
      return "";
    case Unit::days:
      return "days";
    case Unit::months:
      return "months";
    case Unit::years:
      return "years";
    case Unit::pen:
      return "PEN";
    case Unit::percent:
      return "%";
  }
  return "";
}

std::string literal_text(const DateLiteral& date) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buffer;
}

std::string literal_text(const MonthLiteral& month) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d", month.year, month.month);
  return buffer;
}

namespace {

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string dump_ptr(const ExprPtr& expr) {
  return expr ? dump(*expr) : "_";
}

std::string dump_labels(const std::vector<Label>& labels) {
  std::string out;
  for (const Label& label : labels)
    out += " (label " + label.language + " " + quoted(label.text) + ")";
  return out;
}

std::string dump_description(const Description& description) {
  std::string out = dump_labels(description.labels);
  if (description.source) out += " (source " + quoted(description.source->text) + ")";
  return out;
}

std::string dump_type(const TypeExpr& type) {
  switch (type.form) {
    case TypeForm::named:
      return type.name.name;
    case TypeForm::enumeration: {
      std::string out = "(enum";
      for (const Identifier& value : type.enum_values)
        out += " " + value.name;
      return out + ")";
    }
    case TypeForm::list:
      return "(list " + dump_type(*type.element) + ")";
    case TypeForm::optional:
      return "(optional " + dump_type(*type.element) + ")";
  }
  return "?";
}

std::string dump_clause(const char* kind, const Clause& clause) {
  return " (" + std::string(kind) + " " + dump_ptr(clause.condition) + dump_labels(clause.labels) +
         ")";
}

std::string dump_params(const std::vector<RuleParam>& params) {
  std::string out = "(";
  for (std::size_t i = 0; i < params.size(); ++i) {
    out += (i ? " " : "") + params[i].name.name + ":" + params[i].type.name;
  }
  return out + ")";
}

std::string dump_number(const NumberLiteral& n) {
  return n.unit == Unit::none ? n.digits : "(" + n.digits + " " + spelling_of(n.unit) + ")";
}

std::string dump_constraints(const std::vector<FieldConstraint>& constraints) {
  std::string out;
  for (const FieldConstraint& constraint : constraints) {
    const char* kind = constraint.kind == ConstraintKind::at_least  ? "at-least"
                       : constraint.kind == ConstraintKind::at_most ? "at-most"
                                                                    : "digits";
    out += std::string(" (") + kind + " " + dump_number(constraint.amount) +
           (constraint.in_characters ? " characters" : "") + ")";
  }
  return out;
}

struct DeclarationDumper {
  std::string operator()(const ProgramDecl& d) const {
    return "(program " + d.name.name + dump_description(d.description) + ")";
  }
  std::string operator()(const UseDecl& d) const { return "(use " + d.module.name + ")"; }
  std::string operator()(const ShapeDecl& d) const {
    std::string out = "(shape " + d.name.name;
    for (const FieldDecl& field : d.fields) {
      out += " (" + field.name.name + " " + dump_type(field.type) + (field.is_id ? " id" : "");
      out += dump_constraints(field.constraints) + ")";
    }
    return out + ")";
  }
  std::string operator()(const ParamDecl& d) const {
    std::string out = "(param " + d.name.name;
    for (const ParamValue& value : d.values) {
      out += " (value " + (value.value ? dump(*value.value) : "no-value") + " " +
             dump_ptr(value.from) + " " + dump_ptr(value.until) + ")";
    }
    return out + dump_description(d.description) + ")";
  }
  std::string operator()(const TableDecl& d) const {
    std::string out = "(table " + d.name.name;
    if (d.file) out += " (file " + quoted(d.file->text) + ")";
    for (const TableColumn& column : d.columns) {
      out += std::string(column.is_key ? " (key " : " (column ") + column.name.name + " " +
             dump_type(column.type) + dump_constraints(column.constraints);
      if (column.keys_of) out += " (in " + dump(*column.keys_of) + ")";
      out += ")";
    }
    return out + dump_description(d.description) + ")";
  }
  std::string operator()(const RuleDecl& d) const {
    std::string out = std::string(d.is_decision ? "(decision " : "(rule ") + d.name.name + " " +
                      dump_params(d.params);
    if (d.declared_type) out += " (type " + dump_type(*d.declared_type) + ")";
    out += dump_description(d.description);
    if (d.in_force) {
      out += " (in-force " + dump_ptr(d.in_force->from) + " " + dump_ptr(d.in_force->until) + ")";
    }
    out += " (= " + dump_ptr(d.body) + ")";
    if (d.applies) out += dump_clause("applies", *d.applies);
    for (const Clause& clause : d.waivers)
      out += dump_clause("waived", clause);
    for (const Clause& clause : d.exceptions)
      out += dump_clause("except", clause);
    for (const WithBinding& with : d.withs) {
      out +=
          " (with " + with.name.name + " " + dump_ptr(with.value) + dump_labels(with.labels) + ")";
    }
    return out + ")";
  }
  std::string operator()(const RejectDecl& d) const {
    std::string out = "(reject";
    if (d.subject) out += " " + dump_params({*d.subject});
    return out + " " + dump_ptr(d.condition) + dump_labels(d.labels) + ")";
  }
};

struct ExprDumper {
  std::string operator()(const NumberLiteral& n) const { return dump_number(n); }
  std::string operator()(const DateLiteral& d) const { return literal_text(d); }
  std::string operator()(const MonthLiteral& m) const { return literal_text(m); }
  std::string operator()(const TextLiteral& t) const { return quoted(t.value); }
  std::string operator()(const BoolLiteral& b) const { return b.value ? "true" : "false"; }
  std::string operator()(const Name& n) const { return n.name; }
  std::string operator()(const FieldAccess& f) const {
    return "(. " + dump_ptr(f.object) + " " + f.field.name + ")";
  }
  std::string operator()(const Index& i) const {
    return "([] " + dump_ptr(i.table) + " " + dump_ptr(i.key) + ")";
  }
  std::string operator()(const Call& c) const {
    std::string out = "(call " + dump_ptr(c.callee);
    for (const ExprPtr& argument : c.arguments)
      out += " " + dump_ptr(argument);
    return out + ")";
  }
  std::string operator()(const Unary& u) const {
    return std::string(u.op == UnaryOp::negate ? "(neg " : "(not ") + dump_ptr(u.operand) + ")";
  }
  std::string operator()(const Binary& b) const {
    return "(" + std::string(spelling_of(b.op)) + " " + dump_ptr(b.left) + " " + dump_ptr(b.right) +
           ")";
  }
  std::string operator()(const PresenceTest& p) const {
    return std::string(p.present ? "(present " : "(missing ") + dump_ptr(p.operand) + ")";
  }
  std::string operator()(const Conditional& c) const {
    return "(if " + dump_ptr(c.condition) + " " + dump_ptr(c.then_value) + " " +
           dump_ptr(c.else_value) + ")";
  }
  std::string operator()(const Quantifier& q) const {
    return "(" + std::string(spelling_of(q.kind)) + " " + q.variable.name + " " +
           dump_ptr(q.collection) + " " + dump_ptr(q.filter) + " " + dump_ptr(q.body) + ")";
  }
  std::string operator()(const IntervalLiteral& i) const {
    return std::string(i.end_included ? "(closed " : "(interval ") + dump_ptr(i.start) + " " +
           dump_ptr(i.end) + ")";
  }
  std::string operator()(const SetLiteral& s) const {
    std::string out = "(set";
    for (const ExprPtr& element : s.elements)
      out += " " + dump_ptr(element);
    return out + ")";
  }
};

}  // namespace

namespace {
struct ChildCollector {
  std::vector<const Expr*>& children;
  void add(const ExprPtr& child) const {
    if (child) children.push_back(child.get());
  }
  void operator()(const FieldAccess& f) const { add(f.object); }
  void operator()(const Index& i) const {
    add(i.table);
    add(i.key);
  }
  void operator()(const Call& c) const {
    add(c.callee);
    for (const ExprPtr& argument : c.arguments)
      add(argument);
  }
  void operator()(const Unary& u) const { add(u.operand); }
  void operator()(const Binary& b) const {
    add(b.left);
    add(b.right);
  }
  void operator()(const PresenceTest& p) const { add(p.operand); }
  void operator()(const Conditional& c) const {
    add(c.condition);
    add(c.then_value);
    add(c.else_value);
  }
  void operator()(const Quantifier& q) const {
    add(q.collection);
    add(q.filter);
    add(q.body);
  }
  void operator()(const IntervalLiteral& i) const {
    add(i.start);
    add(i.end);
  }
  void operator()(const SetLiteral& s) const {
    for (const ExprPtr& element : s.elements)
      add(element);
  }
  template <typename Leaf>
  void operator()(const Leaf&) const {}
};
}  // namespace

std::vector<const Expr*> children_of(const Expr& expr) {
  std::vector<const Expr*> children;
  std::visit(ChildCollector{children}, expr.node);
  return children;
}

std::vector<const Expr*> expressions_of(const Declaration& declaration) {
  std::vector<const Expr*> out;
  auto add = [&out](const ExprPtr& expr) {
    if (expr) out.push_back(expr.get());
  };
  if (const auto* param = std::get_if<ParamDecl>(&declaration.node)) {
    for (const ParamValue& value : param->values) {
      add(value.value);
      add(value.from);
      add(value.until);
    }
  } else if (const auto* rule = std::get_if<RuleDecl>(&declaration.node)) {
    if (rule->in_force) {
      add(rule->in_force->from);
      add(rule->in_force->until);
    }
    for (const WithBinding& with : rule->withs)
      add(with.value);
    if (rule->applies) add(rule->applies->condition);
    add(rule->body);
    for (const Clause& clause : rule->waivers)
      add(clause.condition);
    for (const Clause& clause : rule->exceptions)
      add(clause.condition);
  } else if (const auto* table = std::get_if<TableDecl>(&declaration.node)) {
    for (const TableColumn& column : table->columns)
      add(column.keys_of);
  } else if (const auto* reject = std::get_if<RejectDecl>(&declaration.node)) {
    add(reject->condition);
  }
  return out;
}

std::string dump(const Expr& expr) {
  return std::visit(ExprDumper{}, expr.node);
}

std::string dump(const Module& module) {
  std::string out;
  for (const Declaration& declaration : module.declarations) {
    std::string dumped = std::visit(DeclarationDumper{}, declaration.node);
    out += (declaration.incomplete ? "(incomplete " + dumped + ")" : dumped) + "\n";
  }
  return out;
}

}  // namespace regla::ast
