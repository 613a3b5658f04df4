// What the properties comparing the two evaluators share: a rule's outcome (its value, or the
// error it failed with) under either evaluator, and when two outcomes are the same.
#pragma once

#include <string>
#include <vector>

#include "engine/program/evaluation_error.hpp"
#include "engine/program/operations.hpp"
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
  return operations::same_value(type, a.value, b.value);
}

}  // namespace regla::testing
