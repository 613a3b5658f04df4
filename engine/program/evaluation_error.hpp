// An evaluation that cannot produce a value (a division by zero, an overflow, a date past 9999, a
// parameter with no value on the evaluation date). It rejects the record, never the run.
#pragma once

#include <string>

namespace regla {

struct EvaluationError {
  explicit EvaluationError(std::string text) : message(std::move(text)) {}
  std::string message;
  std::string rule;  // the innermost rule being evaluated, filled in as the error leaves it
};

}  // namespace regla
