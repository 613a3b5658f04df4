// What the properties comparing the two evaluators share: a rule's outcome (its value, or the
// error it failed with) under either evaluator, and when two outcomes are the same.
#pragma once

#include <string>
#include <vector>

#include "engine/program/evaluation_error.hpp"
#include "engine/program/program.hpp"

namespace regla::testing {

struct Outcome {
  bool failed = false;
  Value value;
  std::string error;
};

template <typename Evaluator>
Outcome outcome_of(Evaluator& evaluator, std::uint32_t rule, const std::vector<Value>& arguments) {
  try {
    return {false, evaluator.call(rule, arguments), ""};
  } catch (const EvaluationError& error) {
    return {true, Value::missing(), error.message};
  }
}

// The same value of `type`, or the same error message.
inline bool same(const Type& type, const Outcome& a, const Outcome& b) {
  if (a.failed || b.failed) return a.failed == b.failed && a.error == b.error;
  if (a.value.present != b.value.present) return false;
  if (!a.value.present) return true;
  if (is_decimal_like(type.kind)) return a.value.decimal == b.value.decimal;
  if (type.kind == Kind::text) return a.value.as_text() == b.value.as_text();
  if (type.kind == Kind::interval) {
    return a.value.interval.start == b.value.interval.start &&
           a.value.interval.end == b.value.interval.end;
  }
  return a.value.integer == b.value.integer;
}

}  // namespace regla::testing
