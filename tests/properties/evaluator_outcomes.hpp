// What the properties comparing the two evaluators share: the arguments a rule can be applied to
// in a record, a rule's outcome (its value, or the error it failed with) under either evaluator,
// and when two outcomes are the same.
#pragma once

#include <string>
#include <vector>

#include "engine/program/evaluation_error.hpp"
#include "engine/program/operations.hpp"
#include "engine/program/program.hpp"
#include "engine/records/record.hpp"

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

// Every combination of arguments a rule can be applied to in this record: members for member
// parameters, rows for table-row parameters. Rules taking other values are not enumerated.
inline std::vector<std::vector<Value>> argument_lists(const CheckedProgram& program,
                                                      const Record& record, const Rule& rule) {
  std::vector<std::vector<Value>> lists{{}};
  for (const RuleParameter& parameter : rule.parameters) {
    if (parameter.type.kind != Kind::object) return {};
    const Shape& shape = program.shapes[parameter.type.id];
    std::uint32_t rows = shape.table ? program.tables[*shape.table].rows.count()
                                     : record.objects[parameter.type.id].count();
    std::vector<std::vector<Value>> extended;
    for (const auto& list : lists) {
      for (std::uint32_t row = 0; row < rows; ++row) {
        extended.push_back(list);
        extended.back().push_back(Value::of_integer(row));
      }
    }
    lists = std::move(extended);
  }
  return lists;
}

}  // namespace regla::testing
