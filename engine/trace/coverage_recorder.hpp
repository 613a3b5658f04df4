// What `regla test --coverage` needs from evaluation: which conditions it saw hold and fail.
#pragma once

#include <map>
#include <tuple>
#include <vector>

#include "engine/trace/tracer.hpp"

namespace regla {

// Which conditions evaluation saw hold and fail: bit 1 held, bit 2 failed; for each bool rule,
// and for each rule's clauses by (rule, kind, index).
struct Coverage {
  std::vector<std::uint8_t> rules;
  std::map<std::tuple<std::uint32_t, ClauseKind, std::uint32_t>, std::uint8_t> clauses;
};

// Notes into a Coverage every bool rule and clause evaluated (plainly: what a failed `and`
// skipped is not seen).
class CoverageRecorder final : public Tracer {
 public:
  CoverageRecorder(const CheckedProgram& program, Coverage& coverage)
      : program_(program), coverage_(coverage) {}

  bool exhaustive() const override { return false; }
  void exit_rule(std::uint32_t rule, const Value& value, RuleOutcome) override {
    if (program_.rules[rule].type.kind != Kind::boolean) return;
    coverage_.rules.resize(program_.rules.size());
    coverage_.rules[rule] |= value.as_bool() ? 1 : 2;
  }
  void exit_clause(std::uint32_t rule, ClauseKind kind, std::uint32_t index,
                   bool granted) override {
    coverage_.clauses[{rule, kind, index}] |= granted ? 1 : 2;
  }

 private:
  const CheckedProgram& program_;
  Coverage& coverage_;
};

}  // namespace regla
