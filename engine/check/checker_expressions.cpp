// Typing expressions: name resolution, units, values that may be missing, and the facts that make
// them safe to use (`x is present and x > 0`, `k in table and table[k].column`).
#include <algorithm>
#include <charconv>

#include "dsl/formatter.hpp"
#include "engine/check/checker_internal.hpp"
#include "engine/program/value_text.hpp"

namespace regla::checking {

std::string canonical_text(const ast::Expr& expr) {
  return format_expression(expr);
}

void facts_when_true(const ast::Expr& expr, std::vector<std::string>& facts) {
  if (const auto* test = std::get_if<ast::PresenceTest>(&expr.node)) {
    if (test->present) facts.push_back(canonical_text(*test->operand));
  } else if (const auto* binary = std::get_if<ast::Binary>(&expr.node)) {
    if (binary->op == ast::BinaryOp::logical_and) {
      facts_when_true(*binary->left, facts);
      facts_when_true(*binary->right, facts);
    } else if (binary->op == ast::BinaryOp::in) {
      facts.push_back(canonical_text(*binary->right) + "[" + canonical_text(*binary->left) + "]");
    }
  } else if (const auto* unary = std::get_if<ast::Unary>(&expr.node)) {
    if (unary->op == ast::UnaryOp::logical_not) facts_when_false(*unary->operand, facts);
  }
}

void facts_when_false(const ast::Expr& expr, std::vector<std::string>& facts) {
  if (const auto* test = std::get_if<ast::PresenceTest>(&expr.node)) {
    if (!test->present) facts.push_back(canonical_text(*test->operand));
  } else if (const auto* binary = std::get_if<ast::Binary>(&expr.node)) {
    if (binary->op == ast::BinaryOp::logical_or) {
      facts_when_false(*binary->left, facts);
      facts_when_false(*binary->right, facts);
    } else if (binary->op == ast::BinaryOp::not_in) {
      facts.push_back(canonical_text(*binary->right) + "[" + canonical_text(*binary->left) + "]");
    }
  } else if (const auto* unary = std::get_if<ast::Unary>(&expr.node)) {
    if (unary->op == ast::UnaryOp::logical_not) facts_when_true(*unary->operand, facts);
  }
}

namespace {

std::vector<std::string> builtin_function_names() {
  std::vector<std::string> names;
  for (const builtins::Builtin& builtin : builtins::table())
    names.emplace_back(builtin.name);
  return names;
}

// Restores the facts known before a subexpression added its own.
class FactsGuard {
 public:
  explicit FactsGuard(Scope& scope) : scope_(scope), size_(scope.facts.size()) {}
  ~FactsGuard() { scope_.facts.resize(size_); }
  FactsGuard(const FactsGuard&) = delete;
  FactsGuard& operator=(const FactsGuard&) = delete;

 private:
  Scope& scope_;
  std::size_t size_;
};

bool orderable(Kind kind) {
  return is_number_like(kind) || kind == Kind::date || kind == Kind::month || kind == Kind::text;
}
bool equatable(Kind kind) {
  return orderable(kind) || kind == Kind::boolean || kind == Kind::enumeration;
}
Op comparison_op(Kind kind) {
  if (kind == Kind::text) return Op::compare_text;
  return is_decimal_like(kind) ? Op::compare_decimal : Op::compare_integer;
}

Comparison comparison_of(ast::BinaryOp op) {
  switch (op) {
    case ast::BinaryOp::not_equal:
      return Comparison::not_equal;
    case ast::BinaryOp::less:
      return Comparison::less;
    case ast::BinaryOp::less_equal:
      return Comparison::less_equal;
    case ast::BinaryOp::greater:
      return Comparison::greater;
    case ast::BinaryOp::greater_equal:
      return Comparison::greater_equal;
    default:
      return Comparison::equal;
  }
}

}  // namespace

std::string Checker::text_of(const ast::Expr& expr) const {
  return shortened(format_expression(expr));
}

NodeId Checker::add(Node node) {
  std::uint32_t deepest = 0;
  for (NodeId child : {node.a, node.b, node.c}) {
    if (child != no_node) deepest = std::max(deepest, node_depths_[child]);
  }
  for (NodeId argument : node.arguments)
    deepest = std::max(deepest, node_depths_[argument]);
  if (node.op == Op::call) deepest = std::max(deepest, rule_depths_[node.index]);
  // A with value is evaluated where it is first used.
  if (node.op == Op::with_value && !with_depths_.empty() &&
      node.index < with_depths_.back().size()) {
    deepest = std::max(deepest, with_depths_.back()[node.index]);
  }
  node_depths_.push_back(deepest + 1);
  program_->nodes.push_back(std::move(node));
  return static_cast<NodeId>(program_->nodes.size() - 1);
}

NodeId Checker::error_node(SourceRange range) {
  Node node;
  node.range = range;
  return add(std::move(node));
}

NodeId Checker::constant(SourceRange range, Type type, Value value) {
  Node node;
  node.op = Op::constant;
  node.type = type;
  node.range = range;
  node.constant = value;
  return add(std::move(node));
}

void Checker::narrow(NodeId node, const ast::Expr& expr, const Scope& scope) {
  if (!type_of(node).optional) return;
  std::string text = canonical_text(expr);
  if (std::find(scope.facts.begin(), scope.facts.end(), text) != scope.facts.end()) {
    program_->nodes[node].type.optional = false;
  }
}

const Local* Checker::local_named(const std::string& name, const Scope& scope) const {
  for (auto local = scope.locals.rbegin(); local != scope.locals.rend(); ++local) {
    if (local->name == name) return &*local;
  }
  return nullptr;
}

std::optional<Entity> Checker::entity_named(const ast::Expr& expr, const Scope& scope) const {
  if (const auto* name = std::get_if<ast::Name>(&expr.node)) {
    if (local_named(name->name, scope) || scope.module == Scope::no_module) return std::nullopt;
    const auto& entities = scopes_[scope.module].entities;
    auto found = entities.find(name->name);
    if (found != entities.end()) return found->second;
    return std::nullopt;
  }
  if (const auto* access = std::get_if<ast::FieldAccess>(&expr.node)) {
    std::optional<std::uint32_t> module = module_named(*access->object, scope);
    if (!module || scope.module == Scope::no_module ||
        !scopes_[scope.module].uses.count(scopes_[*module].name)) {
      return std::nullopt;
    }
    const auto& entities = scopes_[*module].entities;
    auto found = entities.find(access->field.name);
    if (found != entities.end()) return found->second;
  }
  return std::nullopt;
}

std::optional<std::uint32_t> Checker::module_named(const ast::Expr& expr,
                                                   const Scope& scope) const {
  const auto* name = std::get_if<ast::Name>(&expr.node);
  if (!name || local_named(name->name, scope)) return std::nullopt;
  if (scope.module != Scope::no_module && scopes_[scope.module].entities.count(name->name)) {
    return std::nullopt;
  }
  for (std::uint32_t m = 0; m < scopes_.size(); ++m) {
    if (scopes_[m].name == name->name) return m;
  }
  return std::nullopt;
}

NodeId Checker::check(const ast::Expr& expr, Scope& scope) {
  struct Dispatch {
    Checker& checker;
    const ast::Expr& expr;
    Scope& scope;
    NodeId operator()(const ast::Name& n) { return checker.check_name(expr, n, scope); }
    NodeId operator()(const ast::FieldAccess& f) { return checker.check_field(expr, f, scope); }
    NodeId operator()(const ast::Index& i) { return checker.check_index(expr, i, scope); }
    NodeId operator()(const ast::Call& c) { return checker.check_call(expr, c, scope); }
    NodeId operator()(const ast::Unary& u) { return checker.check_unary(expr, u, scope); }
    NodeId operator()(const ast::Binary& b) { return checker.check_binary(expr, b, scope); }
    NodeId operator()(const ast::PresenceTest& p) { return checker.check_presence(expr, p, scope); }
    NodeId operator()(const ast::Conditional& c) {
      return checker.check_conditional(expr, c, scope);
    }
    NodeId operator()(const ast::Quantifier& q) { return checker.check_quantifier(expr, q, scope); }
    NodeId operator()(const ast::IntervalLiteral& i) {
      return checker.check_interval(expr, i, scope);
    }
    NodeId operator()(const ast::SetLiteral&) {
      checker.error(DiagnosticCode::type_mismatch, expr.range,
                    "a set {...} can only follow 'in' or 'not in'");
      return checker.error_node(expr.range);
    }
    NodeId operator()(const ast::NumberLiteral&) { return checker.check_literal(expr); }
    NodeId operator()(const ast::DateLiteral&) { return checker.check_literal(expr); }
    NodeId operator()(const ast::MonthLiteral&) { return checker.check_literal(expr); }
    NodeId operator()(const ast::TextLiteral&) { return checker.check_literal(expr); }
    NodeId operator()(const ast::BoolLiteral&) { return checker.check_literal(expr); }
  };
  return std::visit(Dispatch{*this, expr, scope}, expr.node);
}

NodeId Checker::check_condition(const ast::Expr& expr, Scope& scope, const char* role) {
  NodeId node = check(expr, scope);
  if (failed(node)) return node;
  const Type& type = type_of(node);
  if (type.kind != Kind::boolean) {
    error(DiagnosticCode::type_mismatch, expr.range,
          std::string("expected a condition (true or false) for ") + role + ", but this is " +
              describe(type));
    return error_node(expr.range);
  }
  if (type.optional) {
    std::string text = text_of(expr);
    error(DiagnosticCode::maybe_missing, expr.range,
          "'" + text + "' may be missing; compare it ('" + text +
              " = true') or say what missing means ('" + text + " otherwise false')");
    return error_node(expr.range);
  }
  return node;
}

NodeId Checker::check_literal(const ast::Expr& expr) {
  if (const auto* number = std::get_if<ast::NumberLiteral>(&expr.node)) {
    const std::string& digits = number->digits;
    bool is_decimal = digits.find('.') != std::string::npos;
    const char* end = digits.data() + digits.size();
    if (is_decimal || number->unit == ast::Unit::pen || number->unit == ast::Unit::percent) {
      double value = 0;
      auto result = std::from_chars(digits.data(), end, value);
      if (result.ec != std::errc() || result.ptr != end) {
        error(DiagnosticCode::invalid_literal, expr.range,
              "'" + digits + "' is not a number regla can hold");
        return error_node(expr.range);
      }
      if (number->unit == ast::Unit::percent)
        return constant(expr.range, Type::of(Kind::percent), Value::of_decimal(value / 100));
      Kind kind = number->unit == ast::Unit::pen ? Kind::money : Kind::decimal;
      if (is_decimal && number->unit != ast::Unit::none && number->unit != ast::Unit::pen) {
        error(DiagnosticCode::invalid_literal, expr.range,
              std::string("a number of ") + ast::spelling_of(number->unit) + " must be whole");
        return error_node(expr.range);
      }
      return constant(expr.range, Type::of(kind), Value::of_decimal(value));
    }
    std::int64_t value = 0;
    auto result = std::from_chars(digits.data(), end, value);
    if (result.ec != std::errc() || result.ptr != end) {
      error(DiagnosticCode::invalid_literal, expr.range,
            "'" + digits + "' is too large (whole numbers go up to 9223372036854775807)");
      return error_node(expr.range);
    }
    Kind kind = number->unit == ast::Unit::days     ? Kind::days
                : number->unit == ast::Unit::months ? Kind::months
                : number->unit == ast::Unit::years  ? Kind::years
                                                    : Kind::integer;
    return constant(expr.range, Type::of(kind), Value::of_integer(value));
  }
  if (const auto* date = std::get_if<ast::DateLiteral>(&expr.node)) {
    auto day = calendar::make_date(date->year, date->month, date->day);
    if (!day) {
      error(DiagnosticCode::invalid_literal, expr.range,
            not_a_value("'" + text_of(expr) + "'", Kind::date));
      return error_node(expr.range);
    }
    return constant(expr.range, Type::of(Kind::date), Value::of_integer(*day));
  }
  if (const auto* month = std::get_if<ast::MonthLiteral>(&expr.node)) {
    auto number = calendar::make_month(month->year, month->month);
    if (!number) {
      error(DiagnosticCode::invalid_literal, expr.range, "'" + text_of(expr) + "' is not a month");
      return error_node(expr.range);
    }
    return constant(expr.range, Type::of(Kind::month), Value::of_integer(*number));
  }
  if (const auto* text = std::get_if<ast::TextLiteral>(&expr.node)) {
    program_->constant_texts.push_back(text->value);
    return constant(expr.range, Type::of(Kind::text),
                    Value::of_text(program_->constant_texts.back()));
  }
  const auto& boolean = std::get<ast::BoolLiteral>(expr.node);
  return constant(expr.range, Type::of(Kind::boolean), Value::of_bool(boolean.value));
}

NodeId Checker::check_name(const ast::Expr& expr, const ast::Name& name, Scope& scope) {
  if (const Local* local = local_named(name.name, scope)) {
    Node node;
    node.type = local->type;
    node.range = expr.range;
    node.index = local->index;
    if (local->kind == Local::Kind::with) {
      node.op = Op::with_value;
      with_used_[*scope.rule][local->index] = true;
    } else {
      node.op = Op::local;
    }
    NodeId id = add(std::move(node));
    narrow(id, expr, scope);
    return id;
  }
  if (std::optional<Entity> entity = entity_named(expr, scope)) {
    switch (entity->kind) {
      case Entity::Kind::parameter: {
        Parameter& parameter = program_->parameters[entity->index];
        parameter.used = true;
        Node node;
        node.op = Op::parameter;
        node.type = parameter.type;
        node.range = expr.range;
        node.index = entity->index;
        return add(std::move(node));
      }
      case Entity::Kind::table: {
        table_used_[entity->index] = true;
        Node node;
        node.op = Op::table_rows;
        node.type = Type::of(Kind::list, program_->tables[entity->index].shape);
        node.range = expr.range;
        node.index = entity->index;
        return add(std::move(node));
      }
      case Entity::Kind::rule:
        return check_rule_call(expr, entity->index, {}, scope);
    }
  }
  if (name.name == "as_of") {
    Node node;
    node.op = Op::as_of;
    node.type = Type::of(Kind::date);
    node.range = expr.range;
    return add(std::move(node));
  }
  if (name.name == "household") {
    household_referenced_ = true;
    auto household = shape_ids_.find("household");
    if (household == shape_ids_.end()) {
      error(DiagnosticCode::missing_household, expr.range,
            "no 'shape household { ... }' is declared, so 'household' has no fields");
      return error_node(expr.range);
    }
    return constant(expr.range, Type::of(Kind::object, household->second), Value::of_integer(0));
  }
  if (std::optional<std::uint32_t> module = module_named(expr, scope)) {
    error(DiagnosticCode::misused_name, expr.range,
          "'" + name.name + "' is a program; name one of its rules, as in '" + name.name + "." +
              (scopes_[*module].entities.empty() ? std::string("rule")
                                                 : scopes_[*module].entities.begin()->first) +
              "'");
    return error_node(expr.range);
  }
  if (builtins::find(name.name)) {
    error(DiagnosticCode::misused_name, expr.range,
          "'" + name.name + "' is a function; call it, as in '" + name.name + "(...)'");
    return error_node(expr.range);
  }
  std::vector<std::string> candidates = {"as_of", "household"};
  for (const Local& local : scope.locals)
    candidates.push_back(local.name);
  if (scope.module != Scope::no_module) {
    for (const auto& [entity_name, entity] : scopes_[scope.module].entities)
      candidates.push_back(entity_name);
  }
  std::string message = "unknown name '" + name.name + "'";
  if (auto guess = closest_name(name.name, candidates))
    message += "; did you mean '" + *guess + "'?";
  error(DiagnosticCode::unknown_name, expr.range, message);
  return error_node(expr.range);
}

NodeId Checker::check_field(const ast::Expr& expr, const ast::FieldAccess& access, Scope& scope) {
  // program.name: a rule, parameter or table of another program.
  if (std::optional<std::uint32_t> module = module_named(*access.object, scope)) {
    const ModuleScope& target = scopes_[*module];
    bool imported =
        scope.module != Scope::no_module && scopes_[scope.module].uses.count(target.name);
    if (!imported) {
      error(DiagnosticCode::missing_use, access.object->range,
            "program '" + target.name + "' is not used here; add 'use " + target.name +
                "' at the top of this file");
      return error_node(expr.range);
    }
    if (!entity_named(expr, scope)) {
      std::vector<std::string> names;
      for (const auto& [entity_name, entity] : target.entities)
        names.push_back(entity_name);
      std::string message = "program '" + target.name +
                            "' has no rule, parameter or table named '" + access.field.name + "'";
      if (auto guess = closest_name(access.field.name, names))
        message += "; did you mean '" + *guess + "'?";
      error(DiagnosticCode::unknown_name, access.field.range, message);
      return error_node(expr.range);
    }
    Scope qualified = scope;
    qualified.module = *module;
    qualified.locals.clear();
    ast::Expr name{expr.range, ast::Name{access.field.name}, 1};
    NodeId node = check_name(name, std::get<ast::Name>(name.node), qualified);
    return node;
  }

  NodeId object = check(*access.object, scope);
  if (failed(object)) return object;
  const Type object_type = type_of(object);
  if (object_type.kind == Kind::interval) {
    if (access.field.name != "start" && access.field.name != "end") {
      error(DiagnosticCode::unknown_field, access.field.range,
            "an interval has 'start' (its first day) and 'end' (the day after its last)");
      return error_node(expr.range);
    }
    Node node;
    node.op = access.field.name == "start" ? Op::interval_start : Op::interval_end;
    node.type = Type{Kind::date, object_type.optional, 0};
    node.range = expr.range;
    node.a = object;
    return add(std::move(node));
  }
  if (object_type.kind != Kind::object) {
    error(DiagnosticCode::type_mismatch, access.field.range,
          "'" + text_of(*access.object) + "' is " + describe(object_type) + "; it has no fields");
    return error_node(expr.range);
  }
  Shape& shape = program_->shapes[object_type.id];
  int field = shape.field_index(access.field.name);
  // A shape or table with a syntax error: its fields were not read, so this one may be among them.
  if (field < 0 && shape_incomplete_[object_type.id]) return error_node(expr.range);
  if (field < 0) {
    std::vector<std::string> names;
    for (const Field& f : shape.fields)
      names.push_back(f.name);
    std::string what = shape.table ? "column '" : "field '";
    std::string message = "unknown " + what.substr(0, what.size() - 2) + " '" + access.field.name +
                          "' on " + shape.name;
    if (auto guess = closest_name(access.field.name, names))
      message += "; did you mean '" + *guess + "'?";
    auto& d = error(DiagnosticCode::unknown_field, access.field.range, message);
    d.notes.push_back({shape.range, std::string(shape.table ? "table '" : "shape '") + shape.name +
                                        "' declared here"});
    return error_node(expr.range);
  }
  Field& declared = shape.fields[static_cast<std::size_t>(field)];
  declared.used = true;
  Node node;
  node.op = Op::field;
  node.type = declared.type;
  if (object_type.optional) node.type.optional = true;
  node.range = expr.range;
  node.a = object;
  node.index = static_cast<std::uint32_t>(field);
  NodeId id = add(std::move(node));
  narrow(id, expr, scope);
  return id;
}

NodeId Checker::check_index(const ast::Expr& expr, const ast::Index& index, Scope& scope) {
  std::optional<Entity> entity = entity_named(*index.table, scope);
  if (!entity || entity->kind != Entity::Kind::table) {
    error(
        DiagnosticCode::misused_name, index.table->range,
        "only a table can be looked up with [key]; '" + text_of(*index.table) + "' is not a table");
    return error_node(expr.range);
  }
  table_used_[entity->index] = true;
  const Table& table = program_->tables[entity->index];
  if (!table.key_field && table_incomplete_[entity->index]) return error_node(expr.range);
  if (!table.key_field) {
    error(DiagnosticCode::missing_key, expr.range,
          "table '" + table.name +
              "' has no key column to look rows up by; declare one with 'key NAME: text'");
    return error_node(expr.range);
  }
  NodeId key = check(*index.key, scope);
  if (failed(key)) return key;
  const Type& key_type = program_->shapes[table.shape].fields[*table.key_field].type;
  if (!type_of(key).same_ignoring_optional(key_type)) {
    error(DiagnosticCode::type_mismatch, index.key->range,
          "the key of table '" + table.name + "' is " + describe(key_type) + ", but this is " +
              describe(type_of(key)));
    return error_node(expr.range);
  }
  Node node;
  node.op = Op::table_row;
  node.type = Type::of(Kind::object, table.shape).as_optional();
  node.range = expr.range;
  node.a = key;
  node.index = entity->index;
  NodeId id = add(std::move(node));
  narrow(id, expr, scope);
  return id;
}

NodeId Checker::check_call(const ast::Expr& expr, const ast::Call& call, Scope& scope) {
  if (const auto* name = std::get_if<ast::Name>(&call.callee->node)) {
    const builtins::Builtin* builtin = builtins::find(name->name);
    if (builtin && !local_named(name->name, scope) && !entity_named(*call.callee, scope)) {
      return check_builtin(expr, *builtin, call.arguments, scope);
    }
  }
  std::optional<Entity> entity = entity_named(*call.callee, scope);
  if (entity && entity->kind == Entity::Kind::rule) {
    return check_rule_call(expr, entity->index, call.arguments, scope);
  }
  if (entity || module_named(*call.callee, scope)) {
    error(DiagnosticCode::misused_name, call.callee->range,
          "'" + text_of(*call.callee) + "' is not a rule or a function; it cannot be called");
    return error_node(expr.range);
  }
  if (std::get_if<ast::FieldAccess>(&call.callee->node)) {
    // program.rule(...) with an unknown program or rule: let field checking explain.
    NodeId callee = check(*call.callee, scope);
    if (!failed(callee)) {
      error(DiagnosticCode::misused_name, call.callee->range,
            "'" + text_of(*call.callee) + "' is not a rule or a function; it cannot be called");
    }
    return error_node(expr.range);
  }
  std::vector<std::string> candidates = builtin_function_names();
  if (scope.module != Scope::no_module) {
    for (const auto& [entity_name, e] : scopes_[scope.module].entities) {
      if (e.kind == Entity::Kind::rule) candidates.push_back(entity_name);
    }
  }
  std::string callee_text = text_of(*call.callee);
  std::string message = "unknown rule or function '" + callee_text + "'";
  if (auto guess = closest_name(callee_text, candidates))
    message += "; did you mean '" + *guess + "'?";
  error(DiagnosticCode::unknown_name, call.callee->range, message);
  return error_node(expr.range);
}

// Rules being checked from `rule` on each use the next, and `closing` uses `rule` again. Of the
// uses around the circle, the error goes at the one back to the rule declared first: the others
// read as built on it, so that one is likely where the fix goes. The other uses are notes.
void Checker::report_rule_cycle(std::uint32_t rule, SourceRange closing) {
  struct Use {
    std::uint32_t from, to;
    SourceRange range;
  };
  std::vector<Use> uses;
  auto start = static_cast<std::size_t>(
      std::find(rules_being_checked_.begin(), rules_being_checked_.end(), rule) -
      rules_being_checked_.begin());
  for (std::size_t k = start; k < rules_being_checked_.size(); ++k) {
    bool last = k + 1 == rules_being_checked_.size();
    uses.push_back({rules_being_checked_[k], last ? rule : rules_being_checked_[k + 1],
                    last ? closing : calls_being_checked_[k]});
  }
  auto declared_before = [&](const Use& a, const Use& b) {
    SourceRange x = program_->rules[a.to].range, y = program_->rules[b.to].range;
    return std::pair(x.file, x.begin) < std::pair(y.file, y.begin);
  };
  std::size_t first = static_cast<std::size_t>(
      std::min_element(uses.begin(), uses.end(), declared_before) - uses.begin());
  std::rotate(uses.begin(), uses.begin() + static_cast<std::ptrdiff_t>(first + 1), uses.end());
  // Now uses.back() is the one back to the first-declared rule, and uses runs from it.
  const std::string& name = program_->rules[uses.back().to].name;
  std::string chain = name;
  for (const Use& use : uses)
    chain += " -> " + program_->rules[use.to].name;
  auto& d = error(DiagnosticCode::rule_cycle, uses.back().range,
                  "rule '" + name + "' depends on itself: " + chain);
  for (std::size_t i = 0; i + 1 < uses.size(); ++i) {
    d.notes.push_back({uses[i].range, "'" + program_->rules[uses[i].from].name + "' uses '" +
                                          program_->rules[uses[i].to].name + "' here"});
  }
}

NodeId Checker::check_rule_call(const ast::Expr& expr, std::uint32_t rule,
                                const std::vector<ast::ExprPtr>& arguments, Scope& scope) {
  rule_used_[rule] = true;
  if (rule_states_[rule] == RuleState::checking) {
    report_rule_cycle(rule, expr.range);
    return error_node(expr.range);
  }
  if (rule_states_[rule] == RuleState::unchecked &&
      rules_being_checked_.size() >= max_rules_checked_on_demand) {
    // Only a cycle makes checking recurse (see rules_callees_first); this one is long.
    error(DiagnosticCode::rule_cycle, expr.range,
          "rule '" + program_->rules[rule].name + "' is part of a cycle of more than " +
              std::to_string(max_rules_checked_on_demand) +
              " rules that depend on one another, through rule '" +
              program_->rules[rules_being_checked_.front()].name + "'");
    return error_node(expr.range);
  }
  calls_being_checked_.push_back(expr.range);
  check_rule(rule);
  calls_being_checked_.pop_back();
  if (!rules_being_checked_.empty() && rule_depths_[rule] > max_evaluation_depth)
    called_by_too_deep_[rule] = true;
  const Rule& target = program_->rules[rule];
  if (arguments.size() != target.parameters.size()) {
    std::string signature;
    for (std::size_t i = 0; i < target.parameters.size(); ++i) {
      signature +=
          (i ? ", " : "") + target.parameters[i].name + ": " + describe(target.parameters[i].type);
    }
    auto& d = error(DiagnosticCode::wrong_argument_count, expr.range,
                    "rule '" + target.name + "' takes " + std::to_string(target.parameters.size()) +
                        " argument" + (target.parameters.size() == 1 ? "" : "s") + " (" +
                        signature + "), not " + std::to_string(arguments.size()));
    d.notes.push_back({target.range, "rule '" + target.name + "' declared here"});
    return error_node(expr.range);
  }
  Node node;
  node.op = Op::call;
  node.range = expr.range;
  node.index = rule;
  bool ok = true;
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    NodeId argument = check(*arguments[i], scope);
    if (failed(argument)) {
      ok = false;
      continue;
    }
    const Type& wanted = target.parameters[i].type;
    if (wanted.kind == Kind::error) {
      ok = false;
      continue;
    }
    const Type given = type_of(argument);
    if (!given.same_ignoring_optional(wanted)) {
      bool converted = false;
      if (is_bare_number(*arguments[i])) converted = adopt_unit(argument, wanted.kind);
      if (!converted && wanted.kind == Kind::decimal && is_integer_like(given.kind)) {
        argument = to_decimal(argument);
        converted = true;
      }
      if (!converted) {
        error(DiagnosticCode::type_mismatch, arguments[i]->range,
              "rule '" + target.name + "' needs " + describe(wanted) + " for '" +
                  target.parameters[i].name + "', but this is " + describe(given));
        ok = false;
        continue;
      }
    }
    if (!wanted.optional && !require_present(argument, *arguments[i], "an argument")) {
      ok = false;
      continue;
    }
    node.arguments.push_back(argument);
  }
  if (!ok || target.type.kind == Kind::error) return error_node(expr.range);
  node.type = target.type;
  return add(std::move(node));
}

NodeId Checker::check_builtin(const ast::Expr& expr, const builtins::Builtin& builtin,
                              const std::vector<ast::ExprPtr>& arguments, Scope& scope) {
  const std::string name(builtin.name);
  if (arguments.size() != builtin.arity) {
    error(DiagnosticCode::wrong_argument_count, expr.range,
          "'" + name + "' takes " + std::to_string(builtin.arity) + " argument" +
              (builtin.arity == 1 ? "" : "s") + ", not " + std::to_string(arguments.size()));
    return error_node(expr.range);
  }
  std::vector<NodeId> args;
  for (const ast::ExprPtr& argument : arguments) {
    NodeId node = check(*argument, scope);
    if (failed(node)) return node;
    if (!require_present(node, *argument, "an argument")) return error_node(expr.range);
    args.push_back(node);
  }
  if (builtin.arguments_alike) {
    // Each argument meets the first; twice, since a later one may widen the first to a decimal
    // after earlier ones already matched it.
    for (int pass = 0; pass < 2; ++pass) {
      for (std::size_t i = 1; i < args.size(); ++i) {
        if (!reconcile(args[0], args[i], *arguments[0], *arguments[i], expr.range, "compare"))
          return error_node(expr.range);
      }
    }
  }
  std::vector<Type> types;
  for (NodeId argument : args)
    types.push_back(type_of(argument));
  builtins::Typing typing =
      builtin.signature(builtin.name, types, [this](const Type& type) { return describe(type); });
  if (typing.is_error()) {
    error(DiagnosticCode::type_mismatch,
          typing.culprit ? arguments[*typing.culprit]->range : expr.range, typing.error);
    return error_node(expr.range);
  }
  if (!typing.evaluation) return args[0];
  Node node;
  node.op = Op::builtin;
  node.type = typing.result;
  node.range = expr.range;
  node.index = static_cast<std::uint32_t>(&builtin - builtins::table().data());
  node.evaluation = typing.evaluation;
  node.arguments = std::move(args);
  return add(std::move(node));
}

NodeId Checker::check_unary(const ast::Expr& expr, const ast::Unary& unary, Scope& scope) {
  if (unary.op == ast::UnaryOp::logical_not) {
    NodeId operand = check_condition(*unary.operand, scope, "'not'");
    if (failed(operand)) return operand;
    Node node;
    node.op = Op::logical_not;
    node.type = Type::of(Kind::boolean);
    node.range = expr.range;
    node.a = operand;
    return add(std::move(node));
  }
  NodeId operand = check(*unary.operand, scope);
  if (failed(operand)) return operand;
  if (!require_kind(operand, *unary.operand, is_number_like, "a number"))
    return error_node(expr.range);
  if (!require_present(operand, *unary.operand, "'-'")) return error_node(expr.range);
  Node& inner = program_->nodes[operand];
  bool integer = is_integer_like(inner.type.kind);
  if (inner.op == Op::constant) {  // fold -5 into a constant, so it still counts as a bare number
    if (integer && inner.constant.integer == INT64_MIN) return operand;
    if (integer) {
      inner.constant.integer = -inner.constant.integer;
    } else {
      inner.constant.decimal = -inner.constant.decimal;
    }
    inner.range = expr.range;
    return operand;
  }
  Node node;
  node.op = integer ? Op::negate_integer : Op::negate_decimal;
  node.type = inner.type;
  node.range = expr.range;
  node.a = operand;
  return add(std::move(node));
}

NodeId Checker::check_binary(const ast::Expr& expr, const ast::Binary& binary, Scope& scope) {
  switch (binary.op) {
    case ast::BinaryOp::logical_and:
    case ast::BinaryOp::logical_or:
      return check_logical(expr, binary, scope);
    case ast::BinaryOp::in:
    case ast::BinaryOp::not_in:
      return check_membership(expr, binary, scope);
    case ast::BinaryOp::otherwise:
      return check_otherwise(expr, binary, scope);
    case ast::BinaryOp::add:
    case ast::BinaryOp::subtract:
    case ast::BinaryOp::multiply:
    case ast::BinaryOp::divide:
      return check_arithmetic(expr, binary, scope);
    default:
      return check_comparison(expr, binary, scope);
  }
}

NodeId Checker::check_logical(const ast::Expr& expr, const ast::Binary& binary, Scope& scope) {
  bool is_and = binary.op == ast::BinaryOp::logical_and;
  const char* role = is_and ? "'and'" : "'or'";
  NodeId left = check_condition(*binary.left, scope, role);
  NodeId right;
  bool guarded;
  {
    FactsGuard guard(scope);
    std::size_t known = scope.facts.size();
    if (is_and) {
      facts_when_true(*binary.left, scope.facts);
    } else {
      facts_when_false(*binary.left, scope.facts);
    }
    guarded = scope.facts.size() > known;
    right = check_condition(*binary.right, scope, role);
  }
  if (failed(left) || failed(right)) return error_node(expr.range);
  Node node;
  node.op = is_and ? Op::logical_and : Op::logical_or;
  node.type = Type::of(Kind::boolean);
  node.range = expr.range;
  node.a = left;
  node.b = right;
  node.index = guarded ? 1 : 0;  // the right side is only safe to evaluate after the left
  return add(std::move(node));
}

bool Checker::is_bare_number(const ast::Expr& expr) const {
  if (const auto* number = std::get_if<ast::NumberLiteral>(&expr.node))
    return number->unit == ast::Unit::none;
  if (const auto* unary = std::get_if<ast::Unary>(&expr.node)) {
    return unary->op == ast::UnaryOp::negate && is_bare_number(*unary->operand);
  }
  return false;
}

bool Checker::adopt_unit(NodeId literal, Kind kind) {
  Node& node = program_->nodes[literal];
  if (node.op != Op::constant) return false;
  if (is_integer_like(kind) && node.type.kind == Kind::integer) {
    node.type.kind = kind;
    return true;
  }
  if (kind == Kind::money || kind == Kind::decimal) {
    if (node.type.kind == Kind::integer)
      node.constant = Value::of_decimal(static_cast<double>(node.constant.integer));
    if (node.type.kind == Kind::integer || node.type.kind == Kind::decimal) {
      node.type.kind = kind;
      return true;
    }
  }
  return false;
}

NodeId Checker::to_decimal(NodeId id) {
  Node& existing = program_->nodes[id];
  if (existing.op == Op::constant && existing.type.kind == Kind::integer) {
    existing.constant = Value::of_decimal(static_cast<double>(existing.constant.integer));
    existing.type.kind = Kind::decimal;
    return id;
  }
  Node node;
  node.op = Op::to_decimal;
  node.type = Type{Kind::decimal, existing.type.optional, 0};
  node.range = existing.range;
  node.a = id;
  return add(std::move(node));
}

namespace {

// How a number in `kind` is written after its digits: 23741 years, 500 PEN.
const char* unit_word(Kind kind) {
  switch (kind) {
    case Kind::days:
      return "days";
    case Kind::months:
      return "months";
    case Kind::years:
      return "years";
    default:
      return "PEN";
  }
}

// "is compared with", "is added to": what reconcile's verb does to the number.
std::string done_with(const char* verb) {
  std::string_view v = verb;
  if (v == "compare") return "is compared with";
  if (v == "add") return "is added to";
  if (v == "subtract") return "is subtracted from";
  return "is used with";
}

bool is_zero(const ast::Expr& expr) {
  const auto* unary = std::get_if<ast::Unary>(&expr.node);
  const ast::Expr& literal = unary ? *unary->operand : expr;
  const auto* number = std::get_if<ast::NumberLiteral>(&literal.node);
  return number && number->digits.find_first_not_of("0.") == std::string::npos;
}

}  // namespace

bool Checker::reconcile(NodeId& left, NodeId& right, const ast::Expr& left_ast,
                        const ast::Expr& right_ast, SourceRange range, const char* verb) {
  const Type l = type_of(left), r = type_of(right);
  if (l.kind == r.kind && l.id == r.id) return true;
  if (l.kind == Kind::enumeration && r.kind == Kind::enumeration) {
    error(DiagnosticCode::type_mismatch, range,
          std::string("cannot ") + verb + " values of two different enums, " + describe(l) +
              " and " + describe(r));
    return false;
  }
  if (is_number_like(l.kind) && is_number_like(r.kind)) {
    bool l_quantity = is_duration(l.kind) || l.kind == Kind::money;
    bool r_quantity = is_duration(r.kind) || r.kind == Kind::money;
    // A number written without a unit that has not taken one yet: a built-in's arguments meet
    // the first one by one, so the first may already have taken an earlier argument's unit.
    bool l_bare = is_bare_number(left_ast) && !l_quantity;
    bool r_bare = is_bare_number(right_ast) && !r_quantity;
    if (l_bare && r_quantity && adopt_unit(left, r.kind)) {
      warn_bare_number(left_ast, r.kind, verb);
      return true;
    }
    if (r_bare && l_quantity && adopt_unit(right, l.kind)) {
      warn_bare_number(right_ast, l.kind, verb);
      return true;
    }
    if ((r_quantity && report_unit_missing_at_parameter(left, r.kind, range, verb)) ||
        (l_quantity && report_unit_missing_at_parameter(right, l.kind, range, verb)))
      return false;
    if (l.kind == Kind::integer && r.kind == Kind::decimal) {
      left = to_decimal(left);
      return true;
    }
    if (l.kind == Kind::decimal && r.kind == Kind::integer) {
      right = to_decimal(right);
      return true;
    }
    bool fractions = (l.kind == Kind::decimal || l.kind == Kind::percent) &&
                     (r.kind == Kind::decimal || r.kind == Kind::percent);
    if (fractions) return true;
    // A whole number beside a percent stays an error, not a warning: 0.85 already means 85%, so
    // taking 85 as 85% would be a guess.
    bool bare_whole_beside_percent =
        (l.kind == Kind::percent && r_bare && r.kind == Kind::integer) ||
        (r.kind == Kind::percent && l_bare && l.kind == Kind::integer);
    if (bare_whole_beside_percent) {
      const ast::Expr& number = l.kind == Kind::percent ? right_ast : left_ast;
      std::string written = text_of(number);
      error(DiagnosticCode::unit_mismatch, number.range,
            written + " " + done_with(verb) + " a percent; write '" + written + "%'");
      return false;
    }
    if (l.kind == Kind::percent || r.kind == Kind::percent) {
      error(DiagnosticCode::unit_mismatch, range,
            std::string("cannot ") + verb + " " + describe(l) + " and " + describe(r) +
                "; write a percent with its sign, as in 85%, or a fraction such as 0.85");
      return false;
    }
    std::string hint;
    if ((l_quantity && r_bare) || (r_quantity && l_bare)) {
      hint = "; a number of days, months or years must be whole";
    } else if (l_quantity != r_quantity) {
      hint = "; give the number its unit, as in '6 months' or '200 PEN'";
    }
    error(DiagnosticCode::unit_mismatch, range,
          std::string("cannot ") + verb + " " + describe(l) + " and " + describe(r) + hint);
    return false;
  }
  std::string hint;
  if ((l.kind == Kind::enumeration && r.kind == Kind::text) ||
      (r.kind == Kind::enumeration && l.kind == Kind::text)) {
    hint = "; compare an enum with one of its values in quotes, as in \"essalud\"";
  } else if ((l.kind == Kind::date || r.kind == Kind::date) &&
             (is_number_like(l.kind) || is_number_like(r.kind))) {
    hint = "; to move a date, give the number its unit: 3 days, 3 months or 3 years";
  }
  error(DiagnosticCode::type_mismatch, range,
        std::string("cannot ") + verb + " " + describe(l) + " and " + describe(r) + hint);
  return false;
}

// The number still takes the unit (as it always has, so rules keep their meaning), but a number
// of days written where years were meant is a classic slip: the writer is asked to say it. Zero
// is the same in every unit.
void Checker::warn_bare_number(const ast::Expr& number, Kind unit, const char* verb) {
  if (is_zero(number)) return;
  std::string written = text_of(number);
  diagnostics_.warning(DiagnosticCode::bare_number, number.range,
                       written + " " + done_with(verb) + " a value in " + unit_word(unit) +
                           "; write '" + written + " " + unit_word(unit) + "'?");
}

// A parameter written as a plain number and used as a quantity: the unit is missing where the
// parameter is declared, so that is where the error goes (once per parameter), with the use as a
// note.
bool Checker::report_unit_missing_at_parameter(NodeId number, Kind unit, SourceRange use,
                                               const char* verb) {
  const Node& node = program_->nodes[number];
  if (node.op != Op::parameter) return false;
  if (node.type.kind != Kind::integer && node.type.kind != Kind::decimal) return false;
  const ast::ParamDecl& decl = *parameter_decls_[node.index];
  auto value = std::find_if(decl.values.begin(), decl.values.end(),
                            [](const ast::ParamValue& v) { return v.value != nullptr; });
  if (value == decl.values.end()) return false;
  if (!parameters_missing_unit_.insert(node.index).second) return true;
  std::string written = text_of(*value->value);
  auto& d = error(DiagnosticCode::unit_mismatch, value->value->range,
                  "parameter '" + decl.name.name + "' is a number without a unit, but it " +
                      done_with(verb) + " a value in " + unit_word(unit) +
                      "; write its unit, as in '" + written + " " + unit_word(unit) + "'");
  d.notes.push_back(
      {use, "'" + decl.name.name + "' " + done_with(verb) + " " + unit_word(unit) + " here"});
  return true;
}

bool Checker::text_literal_to_enum(NodeId& node, const ast::Expr& expr, std::uint32_t enumeration) {
  const auto* text = std::get_if<ast::TextLiteral>(&expr.node);
  if (!text) return false;
  const Enumeration& e = program_->enumerations[enumeration];
  auto found = std::find(e.values.begin(), e.values.end(), text->value);
  if (found == e.values.end()) {
    std::string message = "\"" + shortened(text->value) + "\" is not one of " +
                          describe(Type::of(Kind::enumeration, enumeration));
    if (auto guess = closest_name(text->value, e.values))
      message += "; did you mean \"" + *guess + "\"?";
    error(DiagnosticCode::unknown_enum_value, expr.range, message);
    node = error_node(expr.range);
    return true;
  }
  node = constant(expr.range, Type::of(Kind::enumeration, enumeration),
                  Value::of_integer(found - e.values.begin()));
  return true;
}

bool Checker::require_present(NodeId node, const ast::Expr& expr, const char* role) {
  if (!type_of(node).optional) return true;
  std::string text = text_of(expr);
  error(DiagnosticCode::maybe_missing, expr.range,
        "'" + text + "' may be missing, so it cannot be used as " + role +
            " as it is; test it first ('" + text +
            " is present and ...') or say what to use when it is missing ('" + text +
            " otherwise ...')");
  return false;
}

bool Checker::require_kind(NodeId node, const ast::Expr& expr, bool (*accept)(Kind),
                           const char* wanted) {
  if (accept(type_of(node).kind)) return true;
  error(DiagnosticCode::type_mismatch, expr.range,
        "expected " + std::string(wanted) + ", but '" + text_of(expr) + "' is " +
            describe(type_of(node)));
  return false;
}

NodeId Checker::check_comparison(const ast::Expr& expr, const ast::Binary& binary, Scope& scope) {
  NodeId left = check(*binary.left, scope);
  NodeId right = check(*binary.right, scope);
  if (failed(left) || failed(right)) return error_node(expr.range);
  Comparison comparison = comparison_of(binary.op);
  bool ordering = comparison != Comparison::equal && comparison != Comparison::not_equal;
  if (type_of(left).kind == Kind::enumeration && type_of(right).kind == Kind::text) {
    text_literal_to_enum(right, *binary.right, type_of(left).id);
  } else if (type_of(right).kind == Kind::enumeration && type_of(left).kind == Kind::text) {
    text_literal_to_enum(left, *binary.left, type_of(right).id);
  }
  if (failed(left) || failed(right)) return error_node(expr.range);
  if (!reconcile(left, right, *binary.left, *binary.right, expr.range, "compare")) {
    return error_node(expr.range);
  }
  Kind kind = type_of(left).kind;
  if (ordering && !orderable(kind)) {
    error(
        DiagnosticCode::type_mismatch, expr.range,
        describe(type_of(left).as_present()) + " values have no order; compare them with = or !=");
    return error_node(expr.range);
  }
  if (!equatable(kind)) {
    error(DiagnosticCode::type_mismatch, expr.range,
          describe(type_of(left).as_present()) + " values cannot be compared");
    return error_node(expr.range);
  }
  if (ordering && (!require_present(left, *binary.left, "a side of a comparison") ||
                   !require_present(right, *binary.right, "a side of a comparison"))) {
    return error_node(expr.range);
  }
  Node node;
  node.op = comparison_op(
      is_decimal_like(kind) || is_decimal_like(type_of(right).kind) ? Kind::decimal : kind);
  node.type = Type::of(Kind::boolean);
  node.range = expr.range;
  node.a = left;
  node.b = right;
  node.index = static_cast<std::uint32_t>(comparison);
  return add(std::move(node));
}

NodeId Checker::check_membership(const ast::Expr& expr, const ast::Binary& binary, Scope& scope) {
  Node node;
  node.type = Type::of(Kind::boolean);
  node.range = expr.range;
  NodeId left = check(*binary.left, scope);
  if (failed(left)) return left;
  const Type left_type = type_of(left);

  if (const auto* set = std::get_if<ast::SetLiteral>(&binary.right->node)) {
    if (!equatable(left_type.kind)) {
      error(DiagnosticCode::type_mismatch, binary.left->range,
            describe(left_type) + " values cannot be looked for in a set");
      return error_node(expr.range);
    }
    node.op = Op::in_set;
    node.a = left;
    node.index = left_type.kind == Kind::text ? 1 : is_decimal_like(left_type.kind) ? 2 : 0;
    bool ok = true;
    for (const ast::ExprPtr& element_ast : set->elements) {
      NodeId element = check(*element_ast, scope);
      if (failed(element)) {
        ok = false;
        continue;
      }
      if (left_type.kind == Kind::enumeration && type_of(element).kind == Kind::text) {
        text_literal_to_enum(element, *element_ast, left_type.id);
        if (failed(element)) {
          ok = false;
          continue;
        }
      }
      if (!type_of(element).same_ignoring_optional(left_type)) {
        bool converted = is_bare_number(*element_ast) && adopt_unit(element, left_type.kind);
        if (!converted && left_type.kind == Kind::decimal &&
            type_of(element).kind == Kind::integer) {
          element = to_decimal(element);
          converted = true;
        }
        if (!converted) {
          error(DiagnosticCode::type_mismatch, element_ast->range,
                "this is " + describe(type_of(element)) + ", but '" + text_of(*binary.left) +
                    "' is " + describe(left_type.as_present()));
          ok = false;
          continue;
        }
      }
      if (program_->nodes[element].op != Op::constant) {
        error(DiagnosticCode::not_a_literal, element_ast->range,
              "a set lists values written out, such as \"pobre\" or 3");
        ok = false;
        continue;
      }
      node.set.push_back(program_->nodes[element].constant);
    }
    if (!ok) return error_node(expr.range);
    if (node.index == 1) {
      std::sort(node.set.begin(), node.set.end(),
                [](const Value& a, const Value& b) { return a.as_text() < b.as_text(); });
    } else if (node.index == 2) {
      std::sort(node.set.begin(), node.set.end(),
                [](const Value& a, const Value& b) { return a.decimal < b.decimal; });
    } else {
      std::sort(node.set.begin(), node.set.end(),
                [](const Value& a, const Value& b) { return a.integer < b.integer; });
    }
  } else if (std::optional<Entity> entity = entity_named(*binary.right, scope);
             entity && entity->kind == Entity::Kind::table) {
    table_used_[entity->index] = true;
    const Table& table = program_->tables[entity->index];
    if (!table.key_field && table_incomplete_[entity->index]) return error_node(expr.range);
    if (!table.key_field) {
      error(DiagnosticCode::missing_key, binary.right->range,
            "table '" + table.name + "' has no key column to look values up in");
      return error_node(expr.range);
    }
    const Type& key_type = program_->shapes[table.shape].fields[*table.key_field].type;
    if (!left_type.same_ignoring_optional(key_type)) {
      error(DiagnosticCode::type_mismatch, binary.left->range,
            "the key of table '" + table.name + "' is " + describe(key_type) + ", but this is " +
                describe(left_type));
      return error_node(expr.range);
    }
    node.op = Op::table_contains;
    node.a = left;
    node.index = entity->index;
  } else {
    NodeId right = check(*binary.right, scope);
    if (failed(right)) return right;
    if (type_of(right).kind != Kind::interval) {
      error(DiagnosticCode::type_mismatch, binary.right->range,
            "'in' needs a set {...}, an interval [a, b) or a table after it; this is " +
                describe(type_of(right)));
      return error_node(expr.range);
    }
    if (!require_present(right, *binary.right, "an interval")) return error_node(expr.range);
    if (left_type.kind != Kind::date && left_type.kind != Kind::month) {
      error(DiagnosticCode::type_mismatch, binary.left->range,
            "only a date or a month can be in an interval; this is " + describe(left_type));
      return error_node(expr.range);
    }
    node.op = left_type.kind == Kind::date ? Op::date_in_interval : Op::month_in_interval;
    node.a = left;
    node.b = right;
  }
  NodeId membership = add(std::move(node));
  if (binary.op == ast::BinaryOp::in) return membership;
  Node negation;
  negation.op = Op::logical_not;
  negation.type = Type::of(Kind::boolean);
  negation.range = expr.range;
  negation.a = membership;
  return add(std::move(negation));
}

NodeId Checker::check_arithmetic(const ast::Expr& expr, const ast::Binary& binary, Scope& scope) {
  NodeId left = check(*binary.left, scope);
  NodeId right = check(*binary.right, scope);
  if (failed(left) || failed(right)) return error_node(expr.range);
  if (!require_present(left, *binary.left, "an operand") ||
      !require_present(right, *binary.right, "an operand")) {
    return error_node(expr.range);
  }
  Node node;
  node.range = expr.range;
  node.a = left;
  node.b = right;
  Kind l = type_of(left).kind, r = type_of(right).kind;
  bool additive = binary.op == ast::BinaryOp::add || binary.op == ast::BinaryOp::subtract;
  bool add_op = binary.op == ast::BinaryOp::add;
  const char* verb = add_op                                 ? "add"
                     : binary.op == ast::BinaryOp::subtract ? "subtract"
                     : binary.op == ast::BinaryOp::multiply ? "multiply"
                                                            : "divide";

  // Dates and months move by durations.
  if (additive && (l == Kind::date || l == Kind::month) && is_duration(r)) {
    if (l == Kind::month && r == Kind::days) {
      error(DiagnosticCode::unit_mismatch, expr.range,
            "a month moves by months or years, not days");
      return error_node(expr.range);
    }
    if (r == Kind::years) {
      Node scale;
      scale.op = Op::years_to_months;
      scale.type = Type::of(Kind::months);
      scale.range = program_->nodes[right].range;
      scale.a = right;
      node.b = add(std::move(scale));
      r = Kind::months;
    }
    if (l == Kind::date) {
      node.op = r == Kind::days ? (add_op ? Op::date_plus_days : Op::date_minus_days)
                                : (add_op ? Op::date_plus_months : Op::date_minus_months);
    } else {
      node.op = add_op ? Op::month_plus_months : Op::month_minus_months;
    }
    node.type = Type::of(l);
    return add(std::move(node));
  }
  if (binary.op == ast::BinaryOp::subtract && l == Kind::date && r == Kind::date) {
    node.op = Op::date_difference;
    node.type = Type::of(Kind::days);
    return add(std::move(node));
  }
  if (!is_number_like(l) || !is_number_like(r)) {
    if (!reconcile(left, right, *binary.left, *binary.right, expr.range, verb))
      return error_node(expr.range);
    error(DiagnosticCode::type_mismatch, expr.range,
          std::string("cannot ") + verb + " " + describe(type_of(left)) + " values");
    return error_node(expr.range);
  }

  if (additive) {
    if (!reconcile(left, right, *binary.left, *binary.right, expr.range, verb))
      return error_node(expr.range);
    node.a = left;
    node.b = right;
    Kind kind = type_of(left).kind == Kind::percent && type_of(right).kind == Kind::percent
                    ? Kind::percent
                    : (is_decimal_like(type_of(left).kind) && type_of(left).kind != Kind::percent
                           ? type_of(left).kind
                           : type_of(right).kind);
    if (type_of(left).kind == Kind::percent && type_of(right).kind == Kind::decimal)
      kind = Kind::decimal;
    bool integer = is_integer_like(type_of(left).kind) && is_integer_like(type_of(right).kind);
    node.op = integer ? (add_op ? Op::add_integer : Op::subtract_integer)
                      : (add_op ? Op::add_decimal : Op::subtract_decimal);
    node.type = Type::of(kind);
    return add(std::move(node));
  }

  auto is_quantity = [](Kind k) { return is_duration(k) || k == Kind::money; };
  if (binary.op == ast::BinaryOp::multiply) {
    if (is_quantity(l) && is_quantity(r)) {
      error(DiagnosticCode::unit_mismatch, expr.range,
            "cannot multiply " + describe(type_of(left)) + " by " + describe(type_of(right)));
      return error_node(expr.range);
    }
    Kind quantity = is_quantity(l) ? l : is_quantity(r) ? r : Kind::error;
    Kind plain_other = is_quantity(l) ? r : l;
    if (quantity != Kind::error && is_duration(quantity) && is_decimal_like(plain_other)) {
      error(DiagnosticCode::unit_mismatch, expr.range,
            "a number of " + std::string(kind_name(quantity)) +
                " stays whole; multiply it by a whole number");
      return error_node(expr.range);
    }
    Kind kind = quantity != Kind::error                      ? quantity
                : (is_decimal_like(l) || is_decimal_like(r)) ? Kind::decimal
                                                             : Kind::integer;
    if (l == Kind::percent && r == Kind::percent) kind = Kind::percent;
    if (is_integer_like(l) && is_integer_like(r)) {
      node.op = Op::multiply_integer;
    } else {
      if (is_integer_like(l)) node.a = to_decimal(left);
      if (is_integer_like(r)) node.b = to_decimal(right);
      node.op = Op::multiply_decimal;
    }
    node.type = Type::of(kind);
    return add(std::move(node));
  }

  // Division: a quantity by the same quantity is a plain ratio; money by a plain number is money.
  Kind kind;
  if (l == r && is_quantity(l)) {
    kind = Kind::decimal;
  } else if (is_quantity(l) && is_quantity(r)) {
    error(DiagnosticCode::unit_mismatch, expr.range,
          "cannot divide " + describe(type_of(left)) + " by " + describe(type_of(right)));
    return error_node(expr.range);
  } else if (l == Kind::money) {
    kind = Kind::money;
  } else if (is_duration(l) || is_quantity(r)) {
    error(DiagnosticCode::unit_mismatch, expr.range,
          "cannot divide " + describe(type_of(left)) + " by " + describe(type_of(right)) +
              "; divide by the same unit to get a ratio");
    return error_node(expr.range);
  } else {
    kind = Kind::decimal;
  }
  if (is_integer_like(l) && is_integer_like(r)) {
    node.op = Op::divide_integer;
  } else {
    if (is_integer_like(l)) node.a = to_decimal(left);
    if (is_integer_like(r)) node.b = to_decimal(right);
    node.op = Op::divide_decimal;
  }
  node.type = Type::of(kind);
  return add(std::move(node));
}

NodeId Checker::check_otherwise(const ast::Expr& expr, const ast::Binary& binary, Scope& scope) {
  NodeId left = check(*binary.left, scope);
  NodeId right = check(*binary.right, scope);
  if (failed(left) || failed(right)) return error_node(expr.range);
  if (!type_of(left).optional) {
    diagnostics_.warning(
        DiagnosticCode::never_missing, binary.left->range,
        "'" + text_of(*binary.left) + "' is never missing, so 'otherwise' is never used");
  }
  if (type_of(left).kind == Kind::enumeration && type_of(right).kind == Kind::text) {
    text_literal_to_enum(right, *binary.right, type_of(left).id);
    if (failed(right)) return right;
  }
  if (!reconcile(left, right, *binary.left, *binary.right, expr.range, "combine")) {
    return error_node(expr.range);
  }
  if (!require_present(right, *binary.right, "the value for when it is missing")) {
    return error_node(expr.range);
  }
  Node node;
  node.op = Op::otherwise;
  node.type = type_of(left).as_present();
  if (is_decimal_like(type_of(right).kind)) node.type.kind = type_of(right).kind;
  node.range = expr.range;
  node.a = left;
  node.b = right;
  return add(std::move(node));
}

NodeId Checker::check_presence(const ast::Expr& expr, const ast::PresenceTest& test, Scope& scope) {
  NodeId operand = check(*test.operand, scope);
  if (failed(operand)) return operand;
  if (!type_of(operand).optional) {
    diagnostics_.warning(DiagnosticCode::never_missing, test.operand->range,
                         "'" + text_of(*test.operand) + "' is never missing, so this test always " +
                             (test.present ? "holds" : "fails"));
  }
  Node node;
  node.op = Op::is_present;
  node.type = Type::of(Kind::boolean);
  node.range = expr.range;
  node.a = operand;
  NodeId present = add(std::move(node));
  if (test.present) return present;
  Node negation;
  negation.op = Op::logical_not;
  negation.type = Type::of(Kind::boolean);
  negation.range = expr.range;
  negation.a = present;
  return add(std::move(negation));
}

NodeId Checker::check_conditional(const ast::Expr& expr, const ast::Conditional& conditional,
                                  Scope& scope) {
  NodeId condition = check_condition(*conditional.condition, scope, "'if'");
  NodeId then_value, else_value;
  {
    FactsGuard guard(scope);
    facts_when_true(*conditional.condition, scope.facts);
    then_value = check(*conditional.then_value, scope);
  }
  {
    FactsGuard guard(scope);
    facts_when_false(*conditional.condition, scope.facts);
    else_value = check(*conditional.else_value, scope);
  }
  if (failed(condition) || failed(then_value) || failed(else_value)) return error_node(expr.range);
  if (type_of(then_value).kind == Kind::enumeration && type_of(else_value).kind == Kind::text) {
    text_literal_to_enum(else_value, *conditional.else_value, type_of(then_value).id);
  } else if (type_of(else_value).kind == Kind::enumeration &&
             type_of(then_value).kind == Kind::text) {
    text_literal_to_enum(then_value, *conditional.then_value, type_of(else_value).id);
  }
  if (failed(then_value) || failed(else_value)) return error_node(expr.range);
  if (!reconcile(then_value, else_value, *conditional.then_value, *conditional.else_value,
                 expr.range, "choose between")) {
    return error_node(expr.range);
  }
  Node node;
  node.op = Op::conditional;
  node.type = type_of(then_value);
  if (is_decimal_like(type_of(else_value).kind) && type_of(else_value).kind != Kind::percent) {
    node.type.kind = type_of(else_value).kind;
  }
  node.type.optional = type_of(then_value).optional || type_of(else_value).optional;
  node.range = expr.range;
  node.a = condition;
  node.b = then_value;
  node.c = else_value;
  return add(std::move(node));
}

NodeId Checker::check_quantifier(const ast::Expr& expr, const ast::Quantifier& quantifier,
                                 Scope& scope) {
  const char* word = ast::spelling_of(quantifier.kind);
  NodeId collection = check(*quantifier.collection, scope);
  if (failed(collection)) return collection;
  if (type_of(collection).kind != Kind::list) {
    error(DiagnosticCode::type_mismatch, quantifier.collection->range,
          std::string("'") + word + "' goes through a list, such as household.members; '" +
              text_of(*quantifier.collection) + "' is " + describe(type_of(collection)));
    return error_node(expr.range);
  }
  Type element = Type::of(Kind::object, type_of(collection).id);
  std::uint32_t slot = add_local(scope, Local::Kind::variable, quantifier.variable.name, element,
                                 quantifier.variable.range);
  NodeId filter = no_node, body = no_node;
  bool ok = true;
  {
    FactsGuard guard(scope);
    if (quantifier.filter) {
      filter = check_condition(*quantifier.filter, scope, "'where'");
      ok = ok && !failed(filter);
      facts_when_true(*quantifier.filter, scope.facts);
    }
    if (quantifier.body) {
      if (quantifier.kind == ast::QuantifierKind::sum) {
        body = check(*quantifier.body, scope);
        ok = ok && !failed(body) &&
             require_kind(body, *quantifier.body, is_number_like, "a number to add up") &&
             require_present(body, *quantifier.body, "a number to add up");
      } else {
        body = check_condition(*quantifier.body, scope, (std::string("'") + word + "'").c_str());
        ok = ok && !failed(body);
      }
    }
  }
  scope.locals.pop_back();
  if (!ok) return error_node(expr.range);
  Node node;
  node.range = expr.range;
  node.a = collection;
  node.b = filter;
  node.c = body;
  node.index = slot;
  switch (quantifier.kind) {
    case ast::QuantifierKind::all:
      node.op = Op::all;
      node.type = Type::of(Kind::boolean);
      break;
    case ast::QuantifierKind::any:
      node.op = Op::any;
      node.type = Type::of(Kind::boolean);
      break;
    case ast::QuantifierKind::count:
      node.op = Op::count;
      node.type = Type::of(Kind::integer);
      break;
    case ast::QuantifierKind::sum:
      node.op = is_integer_like(type_of(body).kind) ? Op::sum_integer : Op::sum_decimal;
      node.type = type_of(body).as_present();
      break;
  }
  return add(std::move(node));
}

NodeId Checker::check_interval(const ast::Expr& expr, const ast::IntervalLiteral& interval,
                               Scope& scope) {
  NodeId start = check(*interval.start, scope);
  NodeId end = check(*interval.end, scope);
  if (failed(start) || failed(end)) return error_node(expr.range);
  bool ok = require_kind(
                start, *interval.start, [](Kind k) { return k == Kind::date; }, "a date") &&
            require_kind(
                end, *interval.end, [](Kind k) { return k == Kind::date; }, "a date") &&
            require_present(start, *interval.start, "the start of an interval") &&
            require_present(end, *interval.end, "the end of an interval");
  if (!ok) return error_node(expr.range);
  Node node;
  node.op = Op::make_interval;
  node.type = Type::of(Kind::interval);
  node.range = expr.range;
  node.a = start;
  node.b = end;
  node.index = interval.end_included ? 1 : 0;
  return add(std::move(node));
}

}  // namespace regla::checking
