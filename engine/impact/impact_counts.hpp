// What an impact run counts, per batch of lines and over the run: batches are counted apart and
// merged in input order, so that sums of money come out the same whatever the number of threads.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "regla/impact.hpp"

namespace regla {

struct ImpactCounts {
  std::uint64_t records = 0;
  std::uint64_t rejected_by_both = 0, rejected_by_base_only = 0, rejected_by_changed_only = 0;
  std::vector<DecisionImpact> decisions;    // named, in the report's order
  std::vector<ConditionImpact> conditions;  // named, every condition both rule sets share
  std::map<std::string, GroupImpact> groups;
  std::vector<std::uint64_t> unread_lines;

  // Adds `other`'s counts, whose decisions and conditions are named as these.
  void merge(const ImpactCounts& other);
};

// Counts one record's value of a decision on each side.
void count_transition(DecisionImpact& impact, const DecidedValue& before,
                      const DecidedValue& after);

}  // namespace regla
