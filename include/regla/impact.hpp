// regla's public API, part 4: what a rule change does to a registry (`regla impact`). Every record
// is decided by both rule sets; the report separates "a decision changed" from "a condition
// changed", since a condition can flip while the decision stays failed for another reason.
//
//   regla::ImpactRun run(base.value(), changed.value());   // two CompiledRules, same as_of
//   for (each line) run.add(line);
//   regla::ImpactReport report = run.report();
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "regla/evaluation.hpp"

namespace regla {

struct DecisionImpact {
  std::string decision;     // "juntos.eligible"
  bool per_member = false;  // counted over members instead of households
  DecisionType type = DecisionType::boolean;
  std::uint64_t compared = 0;  // households (or members) decided on both sides
  // Boolean decisions: how the verdict went from the base to the changed rules.
  std::uint64_t stayed_true = 0, stayed_false = 0, gained = 0, lost = 0;
  // Number decisions (money and the like): the sums on each side and how many values changed.
  double total_before = 0, total_after = 0;
  std::uint64_t changed = 0;
};

// A condition (a bool rule about the household or about each member, present in both rule sets)
// whose verdict changed for some households or members.
struct ConditionImpact {
  std::string condition;  // "juntos.has_target_member"
  bool per_member = false;
  std::uint64_t became_true = 0, became_false = 0;
};

struct ImpactReport {
  std::string as_of;
  std::string base_rules, changed_rules;  // the two rules hashes
  std::uint64_t records = 0;
  // A record one side rejects and the other decides is a change too.
  std::uint64_t rejected_by_both = 0, rejected_by_base_only = 0, rejected_by_changed_only = 0;
  std::vector<DecisionImpact> decisions;     // decisions of both rule sets, in the changed order
  std::vector<std::string> only_in_base;     // decisions the change removed
  std::vector<std::string> only_in_changed;  // decisions the change added
  std::vector<ConditionImpact> conditions;   // those whose verdict changed, most changes first

  // For people: per decision its transitions, per condition its flips, the rejections.
  std::string text() const;
  std::string json() const;
};

class ImpactRun {
 public:
  // Both compiled for the same evaluation date (std::invalid_argument otherwise).
  ImpactRun(const CompiledRules& base, const CompiledRules& changed);
  ~ImpactRun();

  // Decides one record (a JSON line) with both rule sets and counts the differences.
  void add(std::string_view json_line);
  ImpactReport report() const;

  class Implementation;

 private:
  std::unique_ptr<Implementation> implementation_;
};

}  // namespace regla
