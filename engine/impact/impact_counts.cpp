// Counting transitions and merging counts (impact_counts.hpp).
#include "engine/impact/impact_counts.hpp"

#include <optional>

namespace regla {
namespace {

std::optional<double> number_of(const DecidedValue& value) {
  if (const double* d = std::get_if<double>(&value)) return *d;
  if (const std::int64_t* i = std::get_if<std::int64_t>(&value)) return static_cast<double>(*i);
  return std::nullopt;
}

void merge_decisions(std::vector<DecisionImpact>& into, const std::vector<DecisionImpact>& from) {
  for (std::size_t d = 0; d < into.size(); ++d) {
    DecisionImpact& to = into[d];
    const DecisionImpact& add = from[d];
    to.compared += add.compared;
    to.stayed_true += add.stayed_true;
    to.stayed_false += add.stayed_false;
    to.gained += add.gained;
    to.lost += add.lost;
    to.total_before += add.total_before;
    to.total_after += add.total_after;
    to.changed += add.changed;
  }
}

}  // namespace

void ImpactCounts::merge(const ImpactCounts& other) {
  records += other.records;
  rejected_by_both += other.rejected_by_both;
  rejected_by_base_only += other.rejected_by_base_only;
  rejected_by_changed_only += other.rejected_by_changed_only;
  merge_decisions(decisions, other.decisions);
  for (std::size_t c = 0; c < conditions.size(); ++c) {
    conditions[c].became_true += other.conditions[c].became_true;
    conditions[c].became_false += other.conditions[c].became_false;
  }
  for (const auto& [key, group] : other.groups) {
    auto [found, added] = groups.try_emplace(key, group);
    if (added) continue;
    found->second.records += group.records;
    merge_decisions(found->second.decisions, group.decisions);
  }
  unread_lines.insert(unread_lines.end(), other.unread_lines.begin(), other.unread_lines.end());
}

void count_transition(DecisionImpact& impact, const DecidedValue& before,
                      const DecidedValue& after) {
  ++impact.compared;
  if (impact.type == DecisionType::boolean) {
    bool was = std::holds_alternative<bool>(before) && std::get<bool>(before);
    bool is = std::holds_alternative<bool>(after) && std::get<bool>(after);
    (was ? (is ? impact.stayed_true : impact.lost) : (is ? impact.gained : impact.stayed_false))++;
    return;
  }
  impact.total_before += number_of(before).value_or(0);
  impact.total_after += number_of(after).value_or(0);
  if (before != after) ++impact.changed;
}

}  // namespace regla
