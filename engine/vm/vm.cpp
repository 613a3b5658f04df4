// The instruction loop. Rule semantics (in force, applies, waivers, exceptions) are those of
// Interpreter::apply_rule; the arithmetic is the same shared operations.
#include "engine/vm/vm.hpp"

#include <algorithm>
#include <boost/container/small_vector.hpp>
#include <utility>

#include "engine/program/operations.hpp"

namespace regla {

namespace ops = operations;

CompiledEvaluator::CompiledEvaluator(const CheckedProgram& program,
                                     std::shared_ptr<const CompiledProgram> compiled,
                                     calendar::DayNumber as_of, std::uint64_t max_steps)
    : program_(program),
      as_of_(as_of),
      as_of_fields_(as_of),
      shared_compiled_(std::move(compiled)),
      compiled_(*shared_compiled_),
      rows_by_shape_(program.shapes.size(), nullptr),
      memo_(program.rules.size()),
      memo_generation_(program.rules.size(), 0),
      row_memo_(program.rules.size()),
      row_memo_generation_(program.rules.size()),
      cache_(compiled_.cache_count),
      cache_generation_(compiled_.cache_count, 0),
      budget_(max_steps) {
  stack_.reserve(1024);
  locals_.resize(1024);
  for (std::uint32_t s = 0; s < program.shapes.size(); ++s) {
    if (program.shapes[s].table) rows_by_shape_[s] = &program.tables[*program.shapes[s].table].rows;
  }
}

void CompiledEvaluator::set_record(const Record& record) {
  for (std::uint32_t s = 0; s < program_.shapes.size(); ++s) {
    if (!program_.shapes[s].table) rows_by_shape_[s] = &record.objects[s];
  }
  ++generation_;
}

Value CompiledEvaluator::call(std::uint32_t rule, std::span<const Value> arguments,
                              Tracer* tracer) {
  // Above whatever a traced call in progress has on the stacks, and restored after an error.
  std::size_t stack_base = stack_.size();
  std::uint32_t locals_base = locals_top_;
  Tracer* outer = std::exchange(tracer_, tracer);
  try {
    for (const Value& argument : arguments)
      stack_.push_back(argument);
    Value value = tracer ? run_traced_rule(rule, no_node) : call_rule(rule);
    tracer_ = outer;
    return value;
  } catch (...) {
    stack_.resize(stack_base);
    locals_top_ = locals_base;
    tracer_ = outer;
    throw;
  }
}

bool CompiledEvaluator::rejects(const Rejection& rejection,
                                std::optional<std::uint32_t> member_row) {
  const CompiledRejection& compiled =
      compiled_.rejections[static_cast<std::size_t>(&rejection - program_.rejections.data())];
  stack_.clear();
  locals_top_ = 0;
  push_frame(compiled.slots);
  if (member_row) locals_[0] = Value::of_integer(*member_row);
  return run(compiled.condition, nullptr, 0).as_bool();
}

std::uint32_t CompiledEvaluator::push_frame(std::uint32_t slots) {
  std::uint32_t frame = locals_top_;
  locals_top_ += slots;
  if (locals_top_ > locals_.size()) locals_.resize(2 * locals_top_);
  std::fill_n(locals_.begin() + frame, slots, Value::missing());
  return frame;
}

Value CompiledEvaluator::run_rule(std::uint32_t r, const CompiledRule& rule) {
  const Rule& source = program_.rules[r];
  auto arguments = static_cast<std::uint32_t>(source.parameters.size());
  if (rule.constant) {
    stack_.resize(stack_.size() - arguments);
    return *rule.constant;
  }
  if (rule.memoized && memo_generation_[r] == generation_) return memo_[r];
  std::uint32_t row = 0;
  if (rule.memoized_by_row) {
    row = static_cast<std::uint32_t>(stack_.back().integer);
    if (row < row_memo_[r].size() && row_memo_generation_[r][row] == generation_) {
      stack_.pop_back();
      return row_memo_[r][row];
    }
  }
  budget_.spend();
  std::uint32_t frame = push_frame(rule.slots);
  for (std::uint32_t i = 0; i < arguments; ++i)
    locals_[frame + i] = stack_[stack_.size() - arguments + i];
  stack_.resize(stack_.size() - arguments);
  for (std::uint32_t w = 0; w < rule.withs.size(); ++w)
    locals_[frame + rule.with_base + 2 * w] = Value::of_bool(false);
  Value result;
  try {
    if (!rule.in_force) {
      result = Value::of_bool(false);
    } else if (rule.applies && !run(*rule.applies, &rule, frame).as_bool()) {
      result = Value::of_bool(true);
    } else {
      result = run(rule.body, &rule, frame);
      if (source.type.kind == Kind::boolean) {
        bool holds = result.as_bool();
        for (std::size_t w = 0; w < rule.waivers.size() && !holds; ++w)
          holds = run(rule.waivers[w], &rule, frame).as_bool();
        for (std::size_t e = 0; e < rule.exceptions.size() && holds; ++e) {
          holds = !run(rule.exceptions[e], &rule, frame).as_bool();
        }
        result = Value::of_bool(holds);
      }
    }
  } catch (EvaluationError& error) {
    if (error.rule.empty()) error.rule = source.qualified_name();
    locals_top_ = frame;
    throw;
  }
  locals_top_ = frame;
  if (rule.memoized) {
    memo_[r] = result;
    memo_generation_[r] = generation_;
  } else if (rule.memoized_by_row) {
    if (row >= row_memo_[r].size()) {
      row_memo_[r].resize(row + 1);
      row_memo_generation_[r].resize(row + 1, 0);
    }
    row_memo_[r][row] = result;
    row_memo_generation_[r][row] = generation_;
  }
  return result;
}

Value CompiledEvaluator::run_traced_rule(std::uint32_t r, NodeId call) {
  const Rule& source = program_.rules[r];
  auto count = static_cast<std::uint32_t>(source.parameters.size());
  // A copy: the tracer may use the stack while it is told.
  boost::container::small_vector<Value, 4> arguments(stack_.end() - count, stack_.end());
  stack_.resize(stack_.size() - count);
  if (std::optional<Value> known =
          tracer_->enter_rule(r, call, std::span<const Value>(arguments.data(), count)))
    return *known;
  const CompiledRule& rule = compiled_.traced_rules[r];
  budget_.spend();
  std::uint32_t frame = push_frame(rule.slots);
  std::copy(arguments.begin(), arguments.end(), locals_.begin() + frame);
  for (std::uint32_t w = 0; w < rule.withs.size(); ++w)
    locals_[frame + rule.with_base + 2 * w] = Value::of_bool(false);
  RuleOutcome outcome = RuleOutcome::evaluated;
  Value result;
  try {
    if (!rule.in_force) {
      outcome = RuleOutcome::not_in_force;
      result = Value::of_bool(false);
    } else if (rule.applies &&
               !run_traced_clause(r, ClauseKind::applies, 0, source.applies->condition,
                                  *rule.applies, rule, frame)) {
      outcome = RuleOutcome::not_applicable;
      result = Value::of_bool(true);
    } else {
      result = run(rule.body, &rule, frame);
      if (source.type.kind == Kind::boolean) {
        bool holds = result.as_bool();
        for (std::uint32_t w = 0; w < rule.waivers.size() && !holds; ++w) {
          if (run_traced_clause(r, ClauseKind::waiver, w, source.waivers[w].condition,
                                rule.waivers[w], rule, frame)) {
            holds = true;
            outcome = RuleOutcome::waived;
          }
        }
        for (std::uint32_t e = 0; e < rule.exceptions.size() && holds; ++e) {
          if (run_traced_clause(r, ClauseKind::exception, e, source.exceptions[e].condition,
                                rule.exceptions[e], rule, frame)) {
            holds = false;
            outcome = RuleOutcome::excepted;
          }
        }
        result = Value::of_bool(holds);
      }
    }
  } catch (EvaluationError& error) {
    if (error.rule.empty()) error.rule = source.qualified_name();
    locals_top_ = frame;
    throw;
  }
  locals_top_ = frame;
  tracer_->exit_rule(r, result, outcome);
  return result;
}

bool CompiledEvaluator::run_traced_clause(std::uint32_t rule, ClauseKind kind, std::uint32_t index,
                                          NodeId condition, const Block& block,
                                          const CompiledRule& code, std::uint32_t frame) {
  tracer_->enter_clause(rule, kind, index, condition);
  bool granted = run(block, &code, frame).as_bool();
  tracer_->exit_clause(rule, kind, index, granted);
  return granted;
}

std::optional<Value> CompiledEvaluator::run_unneeded(const Block& part, NodeId node,
                                                     const CompiledRule* rule,
                                                     std::uint32_t frame) {
  if (!tracer_->exhaustive()) return std::nullopt;
  tracer_->begin_unneeded();
  std::size_t stack_base = stack_.size();
  try {
    Value value = run(part, rule, frame);
    tracer_->end_unneeded(node, nullptr);
    return value;
  } catch (const EvaluationError& error) {
    stack_.resize(stack_base);
    tracer_->end_unneeded(node, &error.message);
    return std::nullopt;
  }
}

// As Interpreter::evaluate_quantifier tells an `all` or `any` to its tracer.
Value CompiledEvaluator::run_traced_loop(const TracedLoop& loop, const CompiledRule* rule,
                                         std::uint32_t frame) {
  Value list = stack_.back();
  // After a failure, `all` goes on (for an exhaustive tracer) to show the other elements that fail.
  bool show_the_rest = !loop.any && tracer_->exhaustive();
  bool decided = false;  // all: an element failed; any: an element held
  for (std::uint32_t row = list.list.first; row < list.list.first + list.list.count; ++row) {
    if (decided && !show_the_rest) break;
    budget_.spend();
    locals_[frame + loop.slot] = Value::of_integer(row);
    tracer_->enter_element(loop.shape, row, /*needed=*/!decided);
    if (decided) {  // the verdict is known; evaluate the rest only to show it
      bool selected = true;
      if (loop.filter) {
        std::size_t stack_base = stack_.size();
        try {
          selected = run(rule->parts[*loop.filter], rule, frame).as_bool();
        } catch (const EvaluationError& error) {
          stack_.resize(stack_base);
          tracer_->element_failed(error.message);
          continue;
        }
      }
      if (!selected) {
        tracer_->exit_element(Value::missing());  // filtered out
        continue;
      }
      tracer_->exit_element(run_unneeded(rule->parts[loop.body], loop.body_node, rule, frame));
      continue;
    }
    if (loop.filter && !run(rule->parts[*loop.filter], rule, frame).as_bool()) {
      tracer_->exit_element(Value::missing());  // filtered out
      continue;
    }
    bool body = run(rule->parts[loop.body], rule, frame).as_bool();
    tracer_->exit_element(Value::of_bool(body));
    if (body == loop.any) decided = true;
  }
  return Value::of_bool(loop.any ? decided : !decided);
}

Value CompiledEvaluator::run(const Block& block, const CompiledRule* rule, std::uint32_t frame) {
  const std::vector<Instruction>& code = block.code;
  const std::size_t end = code.size();
  for (std::size_t pc = 0; pc < end; ++pc) {
    const Instruction& i = code[pc];
    switch (i.code) {
      case Code::push_constant:
        stack_.push_back(compiled_.constants[i.a]);
        break;
      case Code::missing_parameter:
        throw EvaluationError("parameter " + program_.parameters[i.a].qualified_name() +
                              " has no value on " + calendar::format_date(as_of_));
      case Code::load_local:
        stack_.push_back(locals_[frame + i.a]);
        break;
      case Code::load_with: {
        std::uint32_t flag = frame + rule->with_base + 2 * i.a;
        if (!locals_[flag].as_bool()) {
          Value value = run(rule->withs[i.a], rule, frame);
          locals_[flag + 1] = value;
          locals_[flag] = Value::of_bool(true);
        }
        stack_.push_back(locals_[flag + 1]);
        break;
      }
      case Code::field: {
        Value& top = stack_.back();
        if (!top.present) {
          top = i.c ? Value::of_list(0, 0) : Value::missing();
        } else {
          top = rows_by_shape_[i.a]->at(static_cast<std::uint32_t>(top.integer), i.b);
        }
        break;
      }
      case Code::local_field:
      case Code::local_list_field: {
        const Value& object = locals_[frame + i.a];
        if (!object.present) {
          stack_.push_back(i.code == Code::local_list_field ? Value::of_list(0, 0)
                                                            : Value::missing());
        } else {
          stack_.push_back(
              rows_by_shape_[i.b]->at(static_cast<std::uint32_t>(object.integer), i.c));
        }
        break;
      }
      case Code::table_row:
      case Code::table_contains: {
        Value& top = stack_.back();
        std::optional<std::uint32_t> row = program_.tables[i.a].row_with_key(top, i.b != 0);
        if (i.code == Code::table_contains) {
          top = Value::of_bool(row.has_value());
        } else {
          top = row ? Value::of_integer(*row) : Value::missing();
        }
        break;
      }
      case Code::table_rows:
        stack_.push_back(Value::of_list(0, program_.tables[i.a].rows.count()));
        break;
      case Code::call:
        stack_.push_back(call_rule(i.a));
        break;
      case Code::cached:
        if (cache_generation_[i.b] == generation_) {
          stack_.push_back(cache_[i.b]);
          pc = i.a - 1;
        }
        break;
      case Code::store_cached:
        cache_[i.a] = stack_.back();
        cache_generation_[i.a] = generation_;
        break;
      case Code::builtin: {
        // The arguments are the top i.b values: the evaluation reads them where they are.
        std::size_t first = stack_.size() - i.b;
        Value result = compiled_.evaluations[i.a](
            std::span<const Value>(stack_.data() + first, i.b), as_of_fields_);
        stack_.resize(first);
        stack_.push_back(result);
        break;
      }
      case Code::logical_not:
        stack_.back() = Value::of_bool(!stack_.back().as_bool());
        break;
      case Code::and_then:
        if (!stack_.back().as_bool()) {
          pc = i.a - 1;
        } else {
          stack_.pop_back();
        }
        break;
      case Code::or_else:
        if (stack_.back().as_bool()) {
          pc = i.a - 1;
        } else {
          stack_.pop_back();
        }
        break;
      case Code::otherwise:
        if (stack_.back().present) {
          pc = i.a - 1;
        } else {
          stack_.pop_back();
        }
        break;
      case Code::jump:
        pc = i.a - 1;
        break;
      case Code::jump_if_false:
        if (!pop().as_bool()) pc = i.a - 1;
        break;
      case Code::jump_if_true:
        if (pop().as_bool()) pc = i.a - 1;
        break;
      case Code::pop:
        stack_.pop_back();
        break;
      case Code::negate_integer:
        stack_.back().integer = ops::negate(stack_.back().integer);
        break;
      case Code::negate_decimal:
        stack_.back().decimal = -stack_.back().decimal;
        break;
      case Code::to_decimal:
        if (stack_.back().present)
          stack_.back() = Value::of_decimal(static_cast<double>(stack_.back().integer));
        break;
      case Code::years_to_months:
        stack_.back().integer = ops::multiply(stack_.back().integer, 12);
        break;
      case Code::add_integer: {
        std::int64_t b = pop().integer;
        stack_.back().integer = ops::add(stack_.back().integer, b);
        break;
      }
      case Code::subtract_integer: {
        std::int64_t b = pop().integer;
        stack_.back().integer = ops::subtract(stack_.back().integer, b);
        break;
      }
      case Code::multiply_integer: {
        std::int64_t b = pop().integer;
        stack_.back().integer = ops::multiply(stack_.back().integer, b);
        break;
      }
      case Code::divide_integer: {
        auto b = static_cast<double>(pop().integer);
        stack_.back() =
            Value::of_decimal(ops::divide(static_cast<double>(stack_.back().integer), b));
        break;
      }
      case Code::add_decimal: {
        double b = pop().decimal;
        stack_.back().decimal = ops::finite(stack_.back().decimal + b);
        break;
      }
      case Code::subtract_decimal: {
        double b = pop().decimal;
        stack_.back().decimal = ops::finite(stack_.back().decimal - b);
        break;
      }
      case Code::multiply_decimal: {
        double b = pop().decimal;
        stack_.back().decimal = ops::finite(stack_.back().decimal * b);
        break;
      }
      case Code::divide_decimal: {
        double b = pop().decimal;
        stack_.back().decimal = ops::divide(stack_.back().decimal, b);
        break;
      }
      case Code::date_plus_days: {
        std::int64_t b = pop().integer;
        stack_.back().integer = ops::date(ops::add(stack_.back().integer, b));
        break;
      }
      case Code::date_minus_days: {
        std::int64_t b = pop().integer;
        stack_.back().integer = ops::date(ops::subtract(stack_.back().integer, b));
        break;
      }
      case Code::date_plus_months: {
        std::int64_t b = pop().integer;
        stack_.back().integer = ops::date_plus_months(stack_.back().integer, b);
        break;
      }
      case Code::date_minus_months: {
        std::int64_t b = pop().integer;
        stack_.back().integer = ops::date_plus_months(stack_.back().integer, ops::negate(b));
        break;
      }
      case Code::date_difference: {
        std::int64_t b = pop().integer;
        stack_.back().integer -= b;
        break;
      }
      case Code::month_plus_months: {
        std::int64_t b = pop().integer;
        stack_.back().integer = ops::month_plus_months(stack_.back().integer, b);
        break;
      }
      case Code::month_minus_months: {
        std::int64_t b = pop().integer;
        stack_.back().integer = ops::month_plus_months(stack_.back().integer, ops::negate(b));
        break;
      }
      case Code::compare_integer:
      case Code::compare_decimal:
      case Code::compare_text: {
        Value b = pop();
        Op op = i.code == Code::compare_integer   ? Op::compare_integer
                : i.code == Code::compare_decimal ? Op::compare_decimal
                                                  : Op::compare_text;
        stack_.back() =
            Value::of_bool(ops::compare(static_cast<Comparison>(i.a), stack_.back(), b, op));
        break;
      }
      case Code::compare_integer_constant:
      case Code::compare_text_constant:
        stack_.back() = Value::of_bool(ops::compare(
            static_cast<Comparison>(i.a), stack_.back(), compiled_.constants[i.b],
            i.code == Code::compare_integer_constant ? Op::compare_integer : Op::compare_text));
        break;
      case Code::date_in_constant_interval: {
        const Value::Interval& interval = compiled_.constants[i.b].interval;
        const Value& day = stack_.back();
        stack_.back() = Value::of_bool(day.present && interval.start <= day.integer &&
                                       day.integer < interval.end);
        break;
      }
      case Code::month_in_constant_interval: {
        const Value& month = stack_.back();
        stack_.back() =
            Value::of_bool(month.present && month.integer >= i.a && month.integer <= i.b);
        break;
      }
      case Code::in_set:
        stack_.back() = Value::of_bool(ops::in_set(stack_.back(), *compiled_.sets[i.a], i.b));
        break;
      case Code::date_in_interval: {
        Value::Interval interval = pop().interval;
        const Value& day = stack_.back();
        stack_.back() = Value::of_bool(day.present && interval.start <= day.integer &&
                                       day.integer < interval.end);
        break;
      }
      case Code::month_in_interval: {
        Value::Interval interval = pop().interval;
        const Value& month = stack_.back();
        stack_.back() =
            Value::of_bool(month.present && ops::month_in_interval(month.integer, interval));
        break;
      }
      case Code::is_present:
        stack_.back() = Value::of_bool(stack_.back().present);
        break;
      case Code::make_interval: {
        std::int64_t end_day = pop().integer + (i.a ? 1 : 0);
        stack_.back() = Value::of_interval(static_cast<std::int32_t>(stack_.back().integer),
                                           static_cast<std::int32_t>(end_day));
        break;
      }
      case Code::interval_start:
      case Code::interval_end: {
        Value& top = stack_.back();
        if (top.present) {
          top = Value::of_integer(i.code == Code::interval_start ? top.interval.start
                                                                 : top.interval.end);
        }
        break;
      }
      case Code::next_element: {
        Value& list = stack_.back();
        if (list.list.count == 0) {
          stack_.pop_back();
          pc = i.b - 1;
          break;
        }
        budget_.spend();
        locals_[frame + i.a] = Value::of_integer(list.list.first);
        ++list.list.first;
        --list.list.count;
        break;
      }
      case Code::count_one:
        ++stack_[stack_.size() - 2].integer;
        break;
      case Code::accumulate_integer: {
        std::int64_t v = pop().integer;
        Value& accumulator = stack_[stack_.size() - 2];
        accumulator.integer = ops::add(accumulator.integer, v);
        break;
      }
      case Code::accumulate_decimal: {
        double v = pop().decimal;
        Value& accumulator = stack_[stack_.size() - 2];
        accumulator.decimal = ops::finite(accumulator.decimal + v);
        break;
      }
      case Code::traced_call:
        stack_.push_back(run_traced_rule(i.a, i.b));
        break;
      case Code::traced_load_with: {
        std::uint32_t flag = frame + rule->with_base + 2 * i.a;
        if (!locals_[flag].as_bool()) {
          tracer_->enter_with(i.a, i.b);
          Value value = run(rule->withs[i.a], rule, frame);
          tracer_->exit_with(i.a, value);
          locals_[flag + 1] = value;
          locals_[flag] = Value::of_bool(true);
        }
        stack_.push_back(locals_[flag + 1]);
        break;
      }
      case Code::enter_condition:
        tracer_->enter_condition(i.a);
        break;
      case Code::keep_compared:
        std::copy(stack_.end() - i.a, stack_.end(), compared_);
        break;
      case Code::exit_condition:
        tracer_->exit_condition(i.a, stack_.back(), std::span<const Value>(compared_, i.b));
        break;
      case Code::unneeded:
        run_unneeded(rule->parts[i.a], i.b, rule, frame);
        break;
      case Code::traced_quantifier:
        stack_.back() = run_traced_loop(rule->loops[i.a], rule, frame);
        break;
    }
  }
  return pop();
}

}  // namespace regla
