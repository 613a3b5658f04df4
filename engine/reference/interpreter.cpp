// Evaluation by walking the checked program. Short-circuit rules (and, or, if, otherwise, all,
// any, waivers, exceptions) decide what is evaluated. For an exhaustive tracer, the conditions a
// failed `and` or `all` skipped are evaluated too, told to it as not needed for the verdict, so
// an explanation lists every unmet condition, not only the first; a skipped condition that relies
// on what the failed one tested (`x is present and x > 0`) is never evaluated.
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

}  // namespace

Interpreter::Interpreter(const CheckedProgram& program, calendar::DayNumber as_of,
                         std::uint64_t max_steps)
    : program_(program), as_of_(as_of), budget_(max_steps) {
  for (const Parameter& parameter : program.parameters) {
    const Parameter::Version* version = parameter.version_at(as_of);
    parameter_values_.push_back(version ? std::optional<Value>(version->value) : std::nullopt);
  }
}

const ObjectRows& Interpreter::rows_of(std::uint32_t shape) const {
  const Shape& s = program_.shapes[shape];
  return s.table ? program_.tables[*s.table].rows : record_->objects[shape];
}

Value Interpreter::call(std::uint32_t rule, std::span<const Value> arguments, Tracer* tracer) {
  struct TracerScope {
    Tracer*& current;
    Tracer* saved;
    TracerScope(Tracer*& c, Tracer* next) : current(c), saved(c) { current = next; }
    ~TracerScope() { current = saved; }
  } scope(tracer_, tracer);
  return apply(rule, no_node, arguments);
}

Value Interpreter::apply(std::uint32_t rule, NodeId call, std::span<const Value> arguments) {
  if (tracer_) {
    if (std::optional<Value> known = tracer_->enter_rule(rule, call, arguments)) return *known;
  }
  const Rule& r = program_.rules[rule];
  budget_.spend();
  Frame frame{&r, std::vector<Value>(r.local_count),
              std::vector<std::optional<Value>>(r.withs.size())};
  std::copy(arguments.begin(), arguments.end(), frame.locals.begin());
  RuleOutcome outcome = RuleOutcome::evaluated;
  Value value;
  try {
    value = apply_clauses(rule, frame, outcome);
  } catch (EvaluationError& error) {
    if (error.rule.empty()) error.rule = r.qualified_name();
    throw;
  }
  if (tracer_) tracer_->exit_rule(rule, value, outcome);
  return value;
}

bool Interpreter::rejects(const Rejection& rejection, std::optional<std::uint32_t> member_row) {
  Frame frame{nullptr, std::vector<Value>(rejection.local_count), {}};
  if (member_row) frame.locals[0] = Value::of_integer(*member_row);
  return holds(rejection.condition, frame);
}

Value Interpreter::evaluate_constant(NodeId node) {
  Frame frame;
  return evaluate(node, frame);
}

std::optional<Value> Interpreter::evaluate_unneeded(NodeId id, Frame& frame) {
  if (!exhaustive()) return std::nullopt;
  tracer_->begin_unneeded();
  try {
    Value value = evaluate(id, frame);
    tracer_->end_unneeded(id, nullptr);
    return value;
  } catch (const EvaluationError& error) {
    tracer_->end_unneeded(id, &error.message);
    return std::nullopt;
  }
}

Value Interpreter::apply_clauses(std::uint32_t r, Frame& frame, RuleOutcome& outcome) {
  const Rule& rule = *frame.rule;
  if (!rule.in_force_on(as_of_)) {
    outcome = RuleOutcome::not_in_force;
    return Value::of_bool(false);
  }
  auto clause = [&](ClauseKind kind, std::uint32_t index, const Clause& c) {
    if (tracer_) tracer_->enter_clause(r, kind, index, c.condition);
    bool granted = holds(c.condition, frame);
    if (tracer_) tracer_->exit_clause(r, kind, index, granted);
    return granted;
  };
  if (rule.applies && !clause(ClauseKind::applies, 0, *rule.applies)) {
    outcome = RuleOutcome::not_applicable;
    return Value::of_bool(true);
  }
  Value value = evaluate(rule.body, frame);
  if (rule.type.kind != Kind::boolean) return value;

  bool holds_now = value.as_bool();
  for (std::uint32_t w = 0; w < rule.waivers.size() && !holds_now; ++w) {
    if (clause(ClauseKind::waiver, w, rule.waivers[w])) {
      holds_now = true;
      outcome = RuleOutcome::waived;
    }
  }
  for (std::uint32_t e = 0; e < rule.exceptions.size() && holds_now; ++e) {
    if (clause(ClauseKind::exception, e, rule.exceptions[e])) {
      holds_now = false;
      outcome = RuleOutcome::excepted;
    }
  }
  return Value::of_bool(holds_now);
}

Value Interpreter::with_value(std::uint32_t index, Frame& frame) {
  if (frame.withs[index]) return *frame.withs[index];
  NodeId node = frame.rule->withs[index].value;
  if (tracer_) tracer_->enter_with(index, node);
  Value value = evaluate(node, frame);
  if (tracer_) tracer_->exit_with(index, value);
  frame.withs[index] = value;
  return value;
}

Value Interpreter::evaluate(NodeId id, Frame& frame) {
  const Node& node = program_.nodes[id];
  if (!tracer_ || !is_traced_condition(node.op)) return evaluate_node(id, node, frame, nullptr);
  tracer_->enter_condition(id);
  Value compared[2];
  Value verdict = evaluate_node(id, node, frame, compared);
  tracer_->exit_condition(id, verdict, std::span<const Value>(compared, compared_count(node.op)));
  return verdict;
}

Value Interpreter::evaluate_node(NodeId id, const Node& node, Frame& frame, Value* compared) {
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
        if (compared) compared[0] = key;
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
      return apply(node.index, id, arguments);
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
      if (compared) {
        compared[0] = a;
        compared[1] = b;
      }
      result = Value::of_bool(ops::compare(static_cast<Comparison>(node.index), a, b, node.op));
      break;
    }
    case Op::in_set: {
      Value a = operand(node.a);
      if (compared) compared[0] = a;
      result = Value::of_bool(ops::in_set(a, node.set, node.index));
      break;
    }
    case Op::date_in_interval:
    case Op::month_in_interval: {
      Value a = operand(node.a);
      Value interval = operand(node.b);
      if (compared) {
        compared[0] = a;
        compared[1] = interval;
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
      if (compared) compared[0] = a;
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
  // The elements of an `all` or `any` are told to the tracer.
  Tracer* elements = node.op == Op::all || node.op == Op::any ? tracer_ : nullptr;
  // After a failure, `all` goes on (for an exhaustive tracer) to show the other elements that fail.
  bool show_the_rest = exhaustive() && node.op == Op::all;
  std::int64_t count = 0;
  std::int64_t integer_sum = 0;
  double decimal_sum = 0;
  bool decided = false;  // all: an element failed; any: an element held
  for (std::uint32_t row = list.list.first; row < list.list.first + list.list.count; ++row) {
    if (decided && !show_the_rest) break;
    budget_.spend();
    frame.locals[node.index] = Value::of_integer(row);
    if (elements) elements->enter_element(shape, row, /*needed=*/!decided);
    if (decided) {  // the verdict is known; evaluate the rest only to show it
      bool selected = true;
      try {
        selected = node.b == no_node || holds(node.b, frame);
      } catch (const EvaluationError& error) {
        elements->element_failed(error.message);
        continue;
      }
      if (!selected) {
        elements->exit_element(Value::missing());  // filtered out
        continue;
      }
      elements->exit_element(evaluate_unneeded(node.c, frame));
      continue;
    }
    if (node.b != no_node && !holds(node.b, frame)) {
      if (elements) elements->exit_element(Value::missing());  // filtered out
      continue;
    }
    switch (node.op) {
      case Op::all:
      case Op::any: {
        bool body = holds(node.c, frame);
        if (elements) elements->exit_element(Value::of_bool(body));
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
