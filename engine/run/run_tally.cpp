// Counting decisions, and turning the counts into a RunSummary.
#include "engine/run/run_tally.hpp"

namespace regla {

RunTally::RunTally(const CheckedProgram& program) : program_(program) {
  for (const DecisionOutput& d : program.household_decisions)
    decisions_.push_back(&d);
  for (const DecisionOutput& d : program.member_decisions)
    decisions_.push_back(&d);
  overall_.decisions.resize(decisions_.size());
}

RunTally::Group& RunTally::group(std::string_view name) {
  auto found = groups_.find(name);
  if (found == groups_.end()) {
    found = groups_.emplace(std::string(name), Group()).first;
    found->second.decisions.resize(decisions_.size());
  }
  return found->second;
}

void RunTally::record(std::string_view name, bool rejected) {
  current_group_ = name.empty() ? nullptr : &group(name);
  for (Group* g : {&overall_, current_group_}) {
    if (!g) continue;
    ++g->records;
    if (rejected) ++g->rejected;
  }
}

void RunTally::decision(std::size_t decision, const Value& value,
                        const std::vector<FailureReason>& failed_on, FailedWithoutReasons without) {
  const Type& type = program_.rules[decisions_[decision]->rule].type;
  for (Group* g : {&overall_, current_group_}) {
    if (!g) continue;
    Counts& counts = g->decisions[decision];
    ++counts.evaluated;
    if (type.kind == Kind::boolean) {
      if (value.as_bool()) ++counts.holds;
    } else if (is_number_like(type.kind)) {
      counts.total +=
          is_decimal_like(type.kind) ? value.decimal : static_cast<double>(value.integer);
    }
    if (without == FailedWithoutReasons::not_in_force) ++counts.not_in_force;
    if (without == FailedWithoutReasons::beyond_budget) ++counts.beyond_budget;
    for (const FailureReason& reason : failed_on)
      ++counts.failed_on[reason];
  }
}

void RunTally::fill(RunSummary::Group& out, const Group& group) const {
  out.records = group.records;
  out.rejected = group.rejected;
  for (std::size_t d = 0; d < decisions_.size(); ++d) {
    const Counts& counts = group.decisions[d];
    if (counts.evaluated == 0) continue;
    RunSummary::Tally& tally = out.decisions[decisions_[d]->key];
    tally.evaluated = counts.evaluated;
    tally.holds = counts.holds;
    tally.total = counts.total;
    if (counts.not_in_force) tally.failed_conditions["not in force"] = counts.not_in_force;
    if (counts.beyond_budget)
      tally.failed_conditions["reasons beyond the evaluation budget"] = counts.beyond_budget;
    // Conditions written alike in two places share their name, and their counts.
    for (const auto& [reason, count] : counts.failed_on)
      tally.failed_conditions[reason_name(program_, reason)] += count;
  }
}

RunSummary RunTally::summary() const {
  RunSummary out;
  for (const DecisionOutput* d : decisions_) {
    out.decision_order.push_back(d->key);
    if (program_.rules[d->rule].type.kind == Kind::boolean) out.bool_decisions.push_back(d->key);
  }
  fill(out.overall, overall_);
  for (const auto& [name, group] : groups_)
    fill(out.by_group[name], group);
  return out;
}

}  // namespace regla
