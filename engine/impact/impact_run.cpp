// One pass over a registry with two rule sets: each record decided by both, its decisions and the
// verdicts of the conditions both rule sets share compared.
#include <algorithm>
#include <stdexcept>

#include "engine/decide/decisions.hpp"
#include "engine/decide/typed_decisions.hpp"
#include "engine/records/record_loader.hpp"
#include "engine/run/compiled_rules.hpp"
#include "engine/vm/vm.hpp"
#include "regla/impact.hpp"

namespace regla {
namespace {

bool is_about_a_member(const CheckedProgram& program, const Rule& rule) {
  return rule.parameters.size() == 1 && rule.parameters[0].type.kind == Kind::object &&
         rule.parameters[0].type.id == program.member_shape;
}

// A bool rule about the household (no parameters) or about one member, not itself a decision (the
// decisions have their own table): a condition the report follows from one rule set to the other.
bool is_condition(const CheckedProgram& program, const Rule& rule) {
  return rule.type.kind == Kind::boolean && !rule.is_decision &&
         (rule.parameters.empty() || is_about_a_member(program, rule));
}

std::optional<double> number_of(const DecidedValue& value) {
  if (const double* d = std::get_if<double>(&value)) return *d;
  if (const std::int64_t* i = std::get_if<std::int64_t>(&value)) return static_cast<double>(*i);
  return std::nullopt;
}

// One rule set's view of the record at hand.
struct Side {
  explicit Side(const CompiledRules& compiled)
      : rules(compiled),
        program(compiled.implementation().program),
        loader(program),
        evaluator(program, compiled_program(compiled.implementation()),
                  compiled.implementation().as_of, compiled.options().max_steps) {
    record.prepare(program);
  }

  // Loads and decides the record; false when this side rejects it.
  bool decide(std::string_view line) {
    if (std::optional<LoadError> error = loader.load(line, record)) return false;
    evaluator.set_record(record);
    evaluator.budget().renew();
    regla::decide(program, evaluator, record, decisions);
    fill_evaluation(program, record, decisions, evaluation);
    return evaluation.decided();
  }

  // The verdict of condition `rule` on the household or on the member at `member` (an index
  // among the record's members); missing when it cannot be evaluated.
  Value verdict(std::uint32_t rule, std::optional<std::size_t> member) {
    Value argument[] = {Value::of_integer(member ? decisions.member_rows[*member] : 0)};
    try {
      evaluator.budget().renew();
      return evaluator.call(rule,
                            member ? std::span<const Value>(argument) : std::span<const Value>());
    } catch (const EvaluationError&) {
      return Value::missing();
    } catch (const EvaluationBudgetExceeded&) {
      return Value::missing();
    }
  }

  static std::shared_ptr<const CompiledProgram> compiled_program(
      const CompiledRules::Implementation& compiled) {
    if (compiled.compiled) return compiled.compiled;
    return std::make_shared<const CompiledProgram>(
        compile_program(compiled.program, compiled.as_of));
  }

  CompiledRules rules;  // kept alive while the run lasts
  const CheckedProgram& program;
  RecordLoader loader;
  Record record;
  CompiledEvaluator evaluator;
  HouseholdDecisions decisions;
  Evaluation evaluation;
};

}  // namespace

class ImpactRun::Implementation {
 public:
  Implementation(const CompiledRules& base, const CompiledRules& changed)
      : base_(base), changed_(changed) {
    if (base.options().as_of != changed.options().as_of)
      throw std::invalid_argument("the two rule sets are compiled for different dates");
    report_.as_of = changed.options().as_of;
    report_.base_rules = base.rules().hash();
    report_.changed_rules = changed.rules().hash();
    match_decisions(false, base.household_decisions(), changed.household_decisions());
    match_decisions(true, base.member_decisions(), changed.member_decisions());
    const CheckedProgram& before = base_.program;
    const CheckedProgram& after = changed_.program;
    for (std::uint32_t r = 0; r < after.rules.size(); ++r) {
      const Rule& rule = after.rules[r];
      if (!is_condition(after, rule)) continue;
      auto found = std::ranges::find(before.rules, rule.qualified_name(), &Rule::qualified_name);
      if (found == before.rules.end() || !is_condition(before, *found)) continue;
      bool per_member = !rule.parameters.empty();
      if (per_member != !found->parameters.empty()) continue;
      conditions_.push_back({static_cast<std::uint32_t>(found - before.rules.begin()), r});
      report_.conditions.push_back({rule.qualified_name(), per_member, 0, 0});
    }
  }

  void add(std::string_view line) {
    ++report_.records;
    bool base_decided = base_.decide(line);
    bool changed_decided = changed_.decide(line);
    if (!base_decided || !changed_decided) {
      if (!base_decided && !changed_decided) {
        ++report_.rejected_by_both;
      } else if (!base_decided) {
        ++report_.rejected_by_base_only;
      } else {
        ++report_.rejected_by_changed_only;
      }
      return;
    }
    const Evaluation& before = base_.evaluation;
    const Evaluation& after = changed_.evaluation;
    // The members of the record, by position on each side (both read the same record, but a
    // changed shape may read it differently: members are matched by id).
    std::vector<std::pair<std::size_t, std::size_t>> members;
    for (std::size_t m = 0; m < after.members.size(); ++m) {
      auto found = std::ranges::find(before.members, after.members[m].member_id,
                                     &MemberDecisions::member_id);
      if (found != before.members.end())
        members.emplace_back(static_cast<std::size_t>(found - before.members.begin()), m);
    }
    for (std::size_t d = 0; d < decisions_.size(); ++d) {
      const MatchedDecision& matched = decisions_[d];
      DecisionImpact& impact = report_.decisions[d];
      if (!matched.per_member) {
        count(impact, before.household[matched.base].value, after.household[matched.changed].value);
        continue;
      }
      for (auto [b, c] : members) {
        count(impact, before.members[b].decisions[matched.base].value,
              after.members[c].decisions[matched.changed].value);
      }
    }
    for (std::size_t k = 0; k < conditions_.size(); ++k) {
      ConditionImpact& impact = report_.conditions[k];
      if (!impact.per_member) {
        flip(impact, base_.verdict(conditions_[k].base, std::nullopt),
             changed_.verdict(conditions_[k].changed, std::nullopt));
        continue;
      }
      for (auto [b, c] : members)
        flip(impact, base_.verdict(conditions_[k].base, b),
             changed_.verdict(conditions_[k].changed, c));
    }
  }

  ImpactReport report() const {
    ImpactReport out = report_;
    std::erase_if(out.conditions, [](const ConditionImpact& impact) {
      return impact.became_true + impact.became_false == 0;
    });
    std::ranges::stable_sort(out.conditions, std::greater<>(), [](const ConditionImpact& impact) {
      return impact.became_true + impact.became_false;
    });
    return out;
  }

 private:
  struct MatchedDecision {
    bool per_member;
    std::size_t base, changed;  // positions in each side's decisions
  };
  struct MatchedCondition {
    std::uint32_t base, changed;  // rules
  };

  void match_decisions(bool per_member, const std::vector<std::string>& before,
                       const std::vector<std::string>& after) {
    for (std::size_t c = 0; c < after.size(); ++c) {
      auto found = std::ranges::find(before, after[c]);
      if (found == before.end()) {
        report_.only_in_changed.push_back(after[c]);
        continue;
      }
      decisions_.push_back({per_member, static_cast<std::size_t>(found - before.begin()), c});
      const Rule& rule =
          changed_.program.rules[per_member ? changed_.program.member_decisions[c].rule
                                            : changed_.program.household_decisions[c].rule];
      report_.decisions.push_back({after[c], per_member, decision_type(rule.type.kind)});
    }
    for (const std::string& name : before) {
      if (std::ranges::find(after, name) == after.end()) report_.only_in_base.push_back(name);
    }
  }

  static void count(DecisionImpact& impact, const DecidedValue& before, const DecidedValue& after) {
    ++impact.compared;
    if (impact.type == DecisionType::boolean) {
      bool was = std::holds_alternative<bool>(before) && std::get<bool>(before);
      bool is = std::holds_alternative<bool>(after) && std::get<bool>(after);
      (was ? (is ? impact.stayed_true : impact.lost)
           : (is ? impact.gained : impact.stayed_false))++;
      return;
    }
    impact.total_before += number_of(before).value_or(0);
    impact.total_after += number_of(after).value_or(0);
    if (before != after) ++impact.changed;
  }

  static void flip(ConditionImpact& impact, const Value& before, const Value& after) {
    if (!before.present || !after.present || before.as_bool() == after.as_bool()) return;
    ++(after.as_bool() ? impact.became_true : impact.became_false);
  }

  Side base_, changed_;
  std::vector<MatchedDecision> decisions_;
  std::vector<MatchedCondition> conditions_;
  ImpactReport report_;
};

ImpactRun::ImpactRun(const CompiledRules& base, const CompiledRules& changed)
    : implementation_(std::make_unique<Implementation>(base, changed)) {}
ImpactRun::~ImpactRun() = default;

void ImpactRun::add(std::string_view json_line) {
  implementation_->add(json_line);
}

ImpactReport ImpactRun::report() const {
  return implementation_->report();
}

}  // namespace regla
