// What CompiledRules holds: the checked program, the options it was compiled for, and the
// compiled code every thread's evaluator runs.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/compile/compiled_program.hpp"
#include "engine/render/output.hpp"
#include "regla/evaluation.hpp"

namespace regla {

class CompiledRules::Implementation {
 public:
  RuleSet rules;
  const CheckedProgram& program;
  EvaluationOptions options;
  calendar::DayNumber as_of;
  int group_field;  // the household field summaries are broken down by, or -1
  // With the compiled evaluator; null with the reference one.
  std::shared_ptr<const CompiledProgram> compiled;
  std::vector<std::string> household_decisions;
  std::vector<std::string> member_decisions;
  DecisionWriter writer;  // of output lines
};

}  // namespace regla
