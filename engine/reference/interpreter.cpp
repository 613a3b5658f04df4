// Evaluation by walking the checked program. Short-circuit rules (and, or, if, otherwise, all,
// any, waivers, exceptions) decide what is evaluated. When explaining, the conditions a failed
// `and` or `all` skipped are evaluated too, marked as not needed for the verdict, so an
// explanation lists every unmet condition, not only the first; a skipped condition that relies on
// what the failed one tested (`x is present and x > 0`) is never evaluated.
#include "engine/reference/interpreter.hpp"

#include <algorithm>
#include <boost/container/small_vector.hpp>
#include <stdexcept>

#include "engine/program/operations.hpp"

namespace regla {
namespace {

namespace ops = operations;

// An arithmetic operation on its two operands, already evaluated.
Value arithmetic(Op op, const Value& a, const Value& b) {
  switch (op) {
    case Op::add_integer:
      return Value::of_integer(ops::add(a.integer, b.integer));
    case Op::subtract_integer:
      return Value::of_integer(ops::subtract(a.integer, b.integer));
    case Op::multiply_integer:
      return Value::of_integer(ops::multiply(a.integer, b.integer));
    case Op::divide_integer:
      return Value::of_decimal(
          ops::divide(static_cast<double>(a.integer), static_cast<double>(b.integer)));
    case Op::add_decimal:
      return Value::of_decimal(ops::finite(a.decimal + b.decimal));
    case Op::subtract_decimal:
      return Value::of_decimal(ops::finite(a.decimal - b.decimal));
    case Op::multiply_decimal:
      return Value::of_decimal(ops::finite(a.decimal * b.decimal));
    case Op::divide_decimal:
      return Value::of_decimal(ops::divide(a.decimal, b.decimal));
    case Op::date_plus_days:
      return Value::of_integer(ops::date(ops::add(a.integer, b.integer)));
    case Op::date_minus_days:
      return Value::of_integer(ops::date(ops::subtract(a.integer, b.integer)));
    case Op::date_plus_months:
      return Value::of_integer(ops::date_plus_months(a.integer, b.integer));
    case Op::date_minus_months:
      return Value::of_integer(ops::date_plus_months(a.integer, ops::negate(b.integer)));
    case Op::date_difference:
      return Value::of_integer(a.integer - b.integer);
    case Op::month_plus_months:
      return Value::of_integer(ops::month_plus_months(a.integer, b.integer));
    case Op::month_minus_months:
      return Value::of_integer(ops::month_plus_months(a.integer, ops::negate(b.integer)));
    default:
      throw std::logic_error("not an arithmetic operation");
  }
}

// Makes `next` the place new explanation nodes go, until the end of the scope.
class RecordingScope {
 public:
  RecordingScope(Explanation*& current, Explanation* next) : current_(current), saved_(current) {
    if (next) current_ = next;
  }
  ~RecordingScope() { current_ = saved_; }
  RecordingScope(const RecordingScope&) = delete;
  RecordingScope& operator=(const RecordingScope&) = delete;

 private:
  Explanation*& current_;
  Explanation* saved_;
};

bool is_explained(Op op) {
  switch (op) {
    case Op::logical_not:
    case Op::logical_and:
    case Op::logical_or:
    case Op::compare_integer:
    case Op::compare_decimal:
    case Op::compare_text:
    case Op::in_set:
    case Op::date_in_interval:
    case Op::month_in_interval:
    case Op::table_contains:
    case Op::is_present:
    case Op::all:
    case Op::any:
      return true;
    default:
      return false;
  }
}

}  // namespace

Interpreter::Interpreter(const CheckedProgram& program, calendar::DayNumber as_of,
                         std::uint64_t max_steps)
    : program_(program), as_of_(as_of), budget_(max_steps) {
  for (const Parameter& parameter : program.parameters) {
    const Parameter::Version* version = parameter.version_at(as_of);
    parameter_values_.push_back(version ? std::optional<Value>(version->value) : std::nullopt);
  }
}

Explanation* Interpreter::open(Explanation::Kind kind, NodeId node) {
  if (!current_) return nullptr;
  Explanation& child = current_->children.emplace_back();
  child.kind = kind;
  child.node = node;
  return &child;
}

const ObjectRows& Interpreter::rows_of(std::uint32_t shape) const {
  const Shape& s = program_.shapes[shape];
  return s.table ? program_.tables[*s.table].rows : record_->objects[shape];
}

std::vector<std::uint32_t> Interpreter::failed_conditions(std::uint32_t rule,
                                                          std::span<const Value> arguments) {
  std::vector<std::uint32_t> failed;
  failed_conditions_ = &failed;
  try {
    call(rule, arguments);
  } catch (...) {
    failed_conditions_ = nullptr;
    throw;
  }
  failed_conditions_ = nullptr;
  std::sort(failed.begin(), failed.end());
  failed.erase(std::unique(failed.begin(), failed.end()), failed.end());
  return failed;
}

Value Interpreter::call(std::uint32_t rule, std::span<const Value> arguments,
                        Explanation* explanation) {
  const Rule& r = program_.rules[rule];
  struct DepthScope {
    int& depth;
    explicit DepthScope(int& d) : depth(d) { ++depth; }
    ~DepthScope() { --depth; }
  } depth_scope(call_depth_);
  std::string call;  // the key of an explained call, when repeats are explained once
  if (explanation) {
    explanation->kind = Explanation::Kind::rule;
    explanation->rule = rule;
    explanation->arguments.assign(arguments.begin(), arguments.end());
    if (explain_repeats_once_) {
      call = call_key(rule, arguments);
      if (auto explained = explained_calls_.find(call); explained != explained_calls_.end()) {
        explanation->value = explained->second;
        explanation->repeated = true;
        return explained->second;
      }
    }
  }
  budget_.spend();
  Frame frame{&r, std::vector<Value>(r.local_count),
              std::vector<std::optional<Value>>(r.withs.size()), explanation};
  std::copy(arguments.begin(), arguments.end(), frame.locals.begin());
  Explanation* saved = current_;
  if (explanation) {
    explanation->withs.reserve(r.withs.size());
    current_ = explanation;
  }
  try {
    Value value = apply_rule(r, frame);
    if (coverage_ && r.type.kind == Kind::boolean) {
      coverage_->rules.resize(program_.rules.size());
      coverage_->rules[rule] |= value.as_bool() ? 1 : 2;
    }
    if (explanation) explanation->value = value;
    if (!call.empty()) explained_calls_.emplace(std::move(call), value);
    current_ = saved;
    return value;
  } catch (EvaluationError& error) {
    current_ = saved;
    if (error.rule.empty()) error.rule = r.qualified_name();
    throw;
  } catch (...) {
    current_ = saved;
    throw;
  }
}

std::string Interpreter::call_key(std::uint32_t rule, std::span<const Value> arguments) const {
  std::string key(reinterpret_cast<const char*>(&rule), sizeof rule);
  const Rule& r = program_.rules[rule];
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    key += arguments[i].present ? '+' : '-';
    if (r.parameters[i].type.kind == Kind::text) {
      key += arguments[i].as_text();
      key += '\0';
    } else {
      key.append(reinterpret_cast<const char*>(&arguments[i].integer), sizeof(std::int64_t));
    }
  }
  return key;
}

bool Interpreter::rejects(const Rejection& rejection, std::optional<std::uint32_t> member_row) {
  Frame frame{nullptr, std::vector<Value>(rejection.local_count), {}, nullptr};
  if (member_row) frame.locals[0] = Value::of_integer(*member_row);
  return holds(rejection.condition, frame);
}

Value Interpreter::evaluate_constant(NodeId node) {
  Frame frame;
  return evaluate(node, frame);
}

void Interpreter::evaluate_unneeded(NodeId id, Frame& frame) {
  if (!exhaustive()) return;
  if (!explaining()) {
    try {
      evaluate(id, frame);
    } catch (const EvaluationError&) {
      // only attributing: a part that cannot be evaluated names no condition
    }
    return;
  }
  std::size_t before = current_->children.size();
  std::string error;
  try {
    evaluate(id, frame);
  } catch (const EvaluationError& e) {
    error = e.message;
  }
  for (std::size_t i = before; i < current_->children.size(); ++i)
    current_->children[i].needed = false;
  if (!error.empty()) {
    if (before == current_->children.size()) {
      Explanation& failed = current_->children.emplace_back();
      failed.node = id;
      failed.needed = false;
    }
    current_->children[before].error = error;
  }
}

Value Interpreter::apply_rule(const Rule& rule, Frame& frame) {
  using Outcome = Explanation::Outcome;
  Explanation* explanation = frame.explanation;
  auto outcome = [explanation](Outcome o) {
    if (explanation) explanation->outcome = o;
  };
  if ((rule.in_force_from && as_of_ < *rule.in_force_from) ||
      (rule.in_force_until && as_of_ >= *rule.in_force_until)) {
    outcome(Outcome::not_in_force);
    return Value::of_bool(false);
  }
  auto clause = [&](Explanation::ClauseKind kind, std::uint32_t index, const Clause& c) {
    Explanation* node = open(Explanation::Kind::clause, c.condition);
    if (node) {
      node->clause_kind = kind;
      node->clause_index = index;
    }
    RecordingScope scope(current_, node);
    bool result = holds(c.condition, frame);
    if (node) node->value = Value::of_bool(result);
    if (coverage_) {
      auto rule_index = static_cast<std::uint32_t>(&rule - program_.rules.data());
      coverage_->clauses[{rule_index, static_cast<int>(kind), index}] |= result ? 1 : 2;
    }
    return result;
  };
  if (rule.applies && !clause(Explanation::ClauseKind::applies, 0, *rule.applies)) {
    outcome(Outcome::not_applicable);
    return Value::of_bool(true);
  }
  Value value = evaluate(rule.body, frame);
  if (rule.type.kind != Kind::boolean) return value;

  bool holds_now = value.as_bool();
  for (std::uint32_t w = 0; w < rule.waivers.size() && !holds_now; ++w) {
    if (clause(Explanation::ClauseKind::waiver, w, rule.waivers[w])) {
      holds_now = true;
      outcome(Outcome::waived);
    }
  }
  for (std::uint32_t e = 0; e < rule.exceptions.size() && holds_now; ++e) {
    if (clause(Explanation::ClauseKind::exception, e, rule.exceptions[e])) {
      holds_now = false;
      outcome(Outcome::excepted);
    }
  }
  return Value::of_bool(holds_now);
}

Value Interpreter::with_value(std::uint32_t index, Frame& frame) {
  if (frame.withs[index]) return *frame.withs[index];
  Explanation* node = nullptr;
  if (frame.explanation) {
    node = &frame.explanation->withs.emplace_back();
    node->kind = Explanation::Kind::with_value;
    node->clause_index = index;
    node->node = frame.rule->withs[index].value;
  }
  RecordingScope scope(current_, node);
  Value value = evaluate(frame.rule->withs[index].value, frame);
  if (node) node->value = value;
  frame.withs[index] = value;
  return value;
}

Value Interpreter::evaluate(NodeId id, Frame& frame) {
  const Node& node = program_.nodes[id];
  Explanation* record =
      explaining() && is_explained(node.op) ? open(Explanation::Kind::condition, id) : nullptr;
  RecordingScope scope(current_, record);
  auto operand = [&](NodeId child) { return evaluate(child, frame); };
  Value result;
  switch (node.op) {
    case Op::constant:
      return node.constant;
    case Op::parameter:
      if (!parameter_values_[node.index]) {
        throw EvaluationError{"parameter " + program_.parameters[node.index].qualified_name() +
                              " has no value on " + calendar::format_date(as_of_)};
      }
      return *parameter_values_[node.index];
    case Op::as_of:
      return Value::of_integer(as_of_);
    case Op::local:
      return frame.locals[node.index];
    case Op::with_value:
      return with_value(node.index, frame);
    case Op::field: {
      Value object = operand(node.a);
      if (!object.present)
        return node.type.kind == Kind::list ? Value::of_list(0, 0) : Value::missing();
      std::uint32_t shape = program_.nodes[node.a].type.id;
      const Field& field = program_.shapes[shape].fields[node.index];
      return rows_of(shape).at(static_cast<std::uint32_t>(object.integer), field.slot);
    }
    case Op::table_row:
    case Op::table_contains: {
      Value key = operand(node.a);
      std::optional<std::uint32_t> row = program_.tables[node.index].row_with_key(
          key, program_.nodes[node.a].type.kind == Kind::text);
      if (node.op == Op::table_contains) {
        result = Value::of_bool(row.has_value());
        if (record) record->operands[0] = key;
        break;
      }
      return row ? Value::of_integer(*row) : Value::missing();
    }
    case Op::table_rows:
      return Value::of_list(0, program_.tables[node.index].rows.count());
    case Op::call: {
      std::vector<Value> arguments;
      for (NodeId argument : node.arguments)
        arguments.push_back(operand(argument));
      Explanation* explanation = explaining() ? open(Explanation::Kind::rule, id) : nullptr;
      bool direct = failed_conditions_ && call_depth_ == 1;  // called by the decision itself
      Value value = call(node.index, arguments, explanation);
      if (direct && node.type.kind == Kind::boolean && !value.as_bool())
        failed_conditions_->push_back(node.index);
      return value;
    }
    case Op::builtin:
      return evaluate_builtin(node, frame);
    case Op::logical_not:
    case Op::logical_and:
    case Op::logical_or:
      result = evaluate_logical(node, frame);
      break;
    case Op::negate_integer:
      return Value::of_integer(ops::negate(operand(node.a).integer));
    case Op::negate_decimal:
      return Value::of_decimal(-operand(node.a).decimal);
    case Op::to_decimal: {
      Value v = operand(node.a);
      return v.present ? Value::of_decimal(static_cast<double>(v.integer)) : v;
    }
    case Op::years_to_months:
      return Value::of_integer(ops::multiply(operand(node.a).integer, 12));
    case Op::add_integer:
    case Op::subtract_integer:
    case Op::multiply_integer:
    case Op::divide_integer:
    case Op::add_decimal:
    case Op::subtract_decimal:
    case Op::multiply_decimal:
    case Op::divide_decimal:
    case Op::date_plus_days:
    case Op::date_minus_days:
    case Op::date_plus_months:
    case Op::date_minus_months:
    case Op::date_difference:
    case Op::month_plus_months:
    case Op::month_minus_months: {
      // The left operand first, then the right (docs/language.md, "Order of evaluation"); never
      // both inside one call's arguments, whose order C++ leaves to the compiler.
      Value left = operand(node.a);
      Value right = operand(node.b);
      return arithmetic(node.op, left, right);
    }
    case Op::compare_integer:
    case Op::compare_decimal:
    case Op::compare_text: {
      Value a = operand(node.a);
      Value b = operand(node.b);
      if (record) {
        record->operands[0] = a;
        record->operands[1] = b;
      }
      result = Value::of_bool(ops::compare(static_cast<Comparison>(node.index), a, b, node.op));
      break;
    }
    case Op::in_set: {
      Value a = operand(node.a);
      if (record) record->operands[0] = a;
      result = Value::of_bool(ops::in_set(a, node.set, node.index));
      break;
    }
    case Op::date_in_interval:
    case Op::month_in_interval: {
      Value a = operand(node.a);
      Value interval = operand(node.b);
      if (record) {
        record->operands[0] = a;
        record->operands[1] = interval;
      }
      bool inside = a.present &&
                    (node.op == Op::date_in_interval
                         ? interval.interval.start <= a.integer && a.integer < interval.interval.end
                         : ops::month_in_interval(a.integer, interval.interval));
      result = Value::of_bool(inside);
      break;
    }
    case Op::is_present: {
      Value a = operand(node.a);
      if (record) record->operands[0] = a;
      result = Value::of_bool(a.present);
      break;
    }
    case Op::otherwise: {
      Value a = operand(node.a);
      return a.present ? a : operand(node.b);
    }
    case Op::conditional:
      return holds(node.a, frame) ? operand(node.b) : operand(node.c);
    case Op::make_interval: {
      std::int64_t start = operand(node.a).integer;
      std::int64_t end = operand(node.b).integer + (node.index ? 1 : 0);
      return Value::of_interval(static_cast<std::int32_t>(start), static_cast<std::int32_t>(end));
    }
    case Op::interval_start:
    case Op::interval_end: {
      Value interval = operand(node.a);
      if (!interval.present) return Value::missing();
      return Value::of_integer(node.op == Op::interval_start ? interval.interval.start
                                                             : interval.interval.end);
    }
    case Op::all:
    case Op::any:
    case Op::count:
    case Op::sum_integer:
    case Op::sum_decimal:
      result = evaluate_quantifier(node, frame);
      break;
  }
  if (record) record->value = result;
  return result;
}

Value Interpreter::evaluate_logical(const Node& node, Frame& frame) {
  if (node.op == Op::logical_not) return Value::of_bool(!holds(node.a, frame));
  bool is_and = node.op == Op::logical_and;
  bool left = holds(node.a, frame);
  if (left != is_and) {  // and: left failed; or: left held. The right side is not needed.
    bool guarded = node.index == 1;
    if (is_and && !guarded) evaluate_unneeded(node.b, frame);
    return Value::of_bool(left);
  }
  return Value::of_bool(holds(node.b, frame));
}

Value Interpreter::evaluate_quantifier(const Node& node, Frame& frame) {
  Value list = evaluate(node.a, frame);
  std::uint32_t shape = program_.nodes[node.a].type.id;
  bool explain_elements = explaining() && (node.op == Op::all || node.op == Op::any);
  // After a failure, `all` goes on (when explaining) to show the other elements that fail.
  bool show_the_rest = exhaustive() && node.op == Op::all;
  std::int64_t count = 0;
  std::int64_t integer_sum = 0;
  double decimal_sum = 0;
  bool decided = false;  // all: an element failed; any: an element held
  for (std::uint32_t row = list.list.first; row < list.list.first + list.list.count; ++row) {
    if (decided && !show_the_rest) break;
    budget_.spend();
    frame.locals[node.index] = Value::of_integer(row);
    Explanation* element = explain_elements ? open(Explanation::Kind::element, no_node) : nullptr;
    if (element) {
      element->shape = shape;
      element->row = row;
      element->needed = !decided;
    }
    RecordingScope scope(current_, element);
    if (decided) {  // the verdict is known; evaluate the rest only to show it
      bool selected = true;
      try {
        selected = node.b == no_node || holds(node.b, frame);
      } catch (const EvaluationError& error) {
        if (element) element->error = error.message;
        continue;
      }
      if (!selected) {
        if (element) element->value = Value::missing();  // filtered out
        continue;
      }
      if (!element) {
        evaluate_unneeded(node.c, frame);
        continue;
      }
      std::size_t before = current_->children.size();
      evaluate_unneeded(node.c, frame);
      if (before < current_->children.size()) element->value = current_->children[before].value;
      continue;
    }
    if (node.b != no_node && !holds(node.b, frame)) {
      if (element) element->value = Value::missing();  // filtered out
      continue;
    }
    switch (node.op) {
      case Op::all:
      case Op::any: {
        bool body = holds(node.c, frame);
        if (element) element->value = Value::of_bool(body);
        if (body == (node.op == Op::any)) decided = true;
        break;
      }
      case Op::count:
        ++count;
        break;
      case Op::sum_integer:
        integer_sum = operations::add(integer_sum, evaluate(node.c, frame).integer);
        break;
      default:
        decimal_sum = operations::finite(decimal_sum + evaluate(node.c, frame).decimal);
        break;
    }
  }
  switch (node.op) {
    case Op::all:
      return Value::of_bool(!decided);
    case Op::any:
      return Value::of_bool(decided);
    case Op::count:
      return Value::of_integer(count);
    case Op::sum_integer:
      return Value::of_integer(integer_sum);
    default:
      return Value::of_decimal(decimal_sum);
  }
}

Value Interpreter::evaluate_builtin(const Node& node, Frame& frame) {
  // Inline room for the usual few arguments; any arity the table declares fits.
  boost::container::small_vector<Value, 4> arguments;
  for (NodeId argument : node.arguments)
    arguments.push_back(evaluate(argument, frame));
  return node.evaluation({arguments.data(), arguments.size()}, as_of_);
}

}  // namespace regla
