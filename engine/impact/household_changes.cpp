// One changed household as a JSON line (household_changes.hpp).
#include "engine/impact/household_changes.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "engine/render/output.hpp"

namespace regla {
namespace {

using Json = nlohmann::ordered_json;

Json value_json(const DecidedValue& value) {
  return Json::parse(decided_value_json(value));  // one rendering of values, the output line's
}

// The decisions whose value differs, by name: {"juntos.eligible":{"before":false,"after":true}}.
Json changed_decisions(const std::vector<Decision>& before, const std::vector<Decision>& after) {
  Json out = Json::object();
  for (const Decision& decision : after) {
    auto was = std::ranges::find(before, decision.name, &Decision::name);
    if (was == before.end() || was->value == decision.value) continue;
    out[std::string(decision.name)] = {{"before", value_json(was->value)},
                                       {"after", value_json(decision.value)}};
  }
  return out;
}

// A condition as one side explained it: its verdict, label and the comparisons under it.
struct Verdict {
  bool holds = false;
  std::string label;
  Json compared = Json::array();  // [{"condition":"age < 19","values":[16,19],"holds":true}]
};

// The comparisons a rule's verdict rests on directly (not those of the rules it calls).
void collect_comparisons(const ExplanationStep& step, Json& into) {
  for (const ExplanationStep& part : step.steps) {
    if (part.kind == ExplanationStep::Kind::rule) continue;
    if (!part.operands.empty()) {
      Json values = Json::array();
      for (const DecidedValue& operand : part.operands)
        values.push_back(value_json(operand));
      into.push_back(
          {{"condition", part.text}, {"values", values}, {"holds", value_json(part.value)}});
    }
    collect_comparisons(part, into);
  }
}

// Every bool rule of the trees by name and arguments ("juntos.target_member(\"P-1\")"), with the
// explanation where it was explained in full.
void collect_verdicts(const ExplanationStep& step, std::map<std::string, Verdict>& into) {
  if (step.kind == ExplanationStep::Kind::rule && std::holds_alternative<bool>(step.value)) {
    std::string key = step.text + "(";
    for (const DecidedValue& argument : step.arguments)
      key += (key.back() == '(' ? "" : ",") + decided_value_json(argument);
    key += ")";
    auto [found, added] = into.try_emplace(key);
    if (added || found->second.compared.empty()) {
      found->second.holds = std::get<bool>(step.value);
      found->second.label = step.label;
      if (!step.explained_above) collect_comparisons(step, found->second.compared);
    }
  }
  for (const ExplanationStep& part : step.steps)
    collect_verdicts(part, into);
}

std::map<std::string, Verdict> verdicts(const Evaluation& evaluation) {
  std::map<std::string, Verdict> out;
  for (const DecisionExplanation& explanation : evaluation.explanations)
    collect_verdicts(explanation.why, out);
  return out;
}

Json flipped_conditions(const Evaluation& before, const Evaluation& after,
                        const std::vector<std::string>& conditions) {
  std::map<std::string, Verdict> was = verdicts(before), is = verdicts(after);
  Json out = Json::array();
  for (const auto& [key, verdict] : is) {
    auto found = was.find(key);
    if (found == was.end() || found->second.holds == verdict.holds) continue;
    std::string name = key.substr(0, key.find('('));
    if (std::ranges::find(conditions, name) == conditions.end()) continue;
    std::string arguments = key.substr(name.size() + 1, key.size() - name.size() - 2);
    Json condition = {{"condition", name}, {"label", verdict.label.empty() ? name : verdict.label}};
    if (!arguments.empty()) condition["member"] = Json::parse(arguments);
    condition["before"] = {{"holds", found->second.holds}, {"compared", found->second.compared}};
    condition["after"] = {{"holds", verdict.holds}, {"compared", verdict.compared}};
    out.push_back(std::move(condition));
  }
  return out;
}

}  // namespace

void write_household_change(std::string_view id_key, std::uint64_t line, const Evaluation& before,
                            const Evaluation& after, const std::vector<std::string>& conditions,
                            std::string& out) {
  Json change = Json::object();
  const std::optional<std::string>& id =
      after.household_id ? after.household_id : before.household_id;
  change[std::string(id_key)] = id ? Json(*id) : Json(nullptr);
  change["line"] = line;
  if (!before.decided() || !after.decided()) {
    if (before.error) change["rejected_by_base"] = *before.error;
    if (after.error) change["rejected_by_changed"] = *after.error;
  } else {
    change["decisions"] = changed_decisions(before.household, after.household);
    Json members = Json::object();
    for (const MemberDecisions& member : after.members) {
      auto was = std::ranges::find(before.members, member.member_id, &MemberDecisions::member_id);
      if (was == before.members.end()) continue;
      Json changed = changed_decisions(was->decisions, member.decisions);
      if (!changed.empty()) members[member.member_id] = std::move(changed);
    }
    change["members"] = std::move(members);
    change["conditions"] = flipped_conditions(before, after, conditions);
  }
  out += change.dump(-1, ' ', false, Json::error_handler_t::replace);
  out += '\n';
}

}  // namespace regla
