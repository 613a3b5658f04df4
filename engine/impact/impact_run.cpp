// One pass over a registry with two rule sets: each record decided by both, its decisions and the
// verdicts of the conditions both rule sets share compared; on every core for a stream.
#include <algorithm>
#include <cerrno>
#include <stdexcept>

#include "engine/decide/decisions.hpp"
#include "engine/decide/typed_decisions.hpp"
#include "engine/impact/group_names.hpp"
#include "engine/impact/household_changes.hpp"
#include "engine/impact/impact_counts.hpp"
#include "engine/records/record_loader.hpp"
#include "engine/render/output.hpp"
#include "engine/run/batches_in_order.hpp"
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

// One rule set's view of the record at hand.
struct Side {
  explicit Side(const CompiledRules& compiled)
      : rules(compiled),
        program(compiled.implementation().program),
        loader(program, compiled.options().reader),
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

  // The value of the household field `field` (an index among the household's fields).
  std::string group(int field) const {
    const Shape& household = program.shapes[program.household_shape];
    const Value& value =
        record.objects[program.household_shape].at(0, household.fields[field].slot);
    return value.present ? std::string(value.as_text()) : std::string();
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

// What both rule sets share, found once and read by the comparers of every thread.
class RuleSetPair {
 public:
  RuleSetPair(const CompiledRules& base, const CompiledRules& changed, const ImpactOptions& given)
      : base_rules(base), changed_rules(changed), options(given) {
    if (base.options().as_of != changed.options().as_of)
      throw std::invalid_argument("the two rule sets are compiled for different dates");
    const CompiledRules::Implementation& after_rules = changed.implementation();
    const CheckedProgram& before = base.implementation().program;
    const CheckedProgram& after = after_rules.program;
    match_decisions(false, base.household_decisions(), changed.household_decisions());
    match_decisions(true, base.member_decisions(), changed.member_decisions());
    for (std::uint32_t r = 0; r < after.rules.size(); ++r) {
      const Rule& rule = after.rules[r];
      if (!is_condition(after, rule)) continue;
      auto found = std::ranges::find(before.rules, rule.qualified_name(), &Rule::qualified_name);
      if (found == before.rules.end() || !is_condition(before, *found)) continue;
      bool per_member = !rule.parameters.empty();
      if (per_member != !found->parameters.empty()) continue;
      conditions.push_back({static_cast<std::uint32_t>(found - before.rules.begin()), r});
      blank.conditions.push_back({rule.qualified_name(), per_member, 0, 0});
      condition_names.push_back(rule.qualified_name());
    }
    group_field = after_rules.group_field;
    if (group_field >= 0) {
      group_by = changed.options().group_by;
      group_names.emplace(after, group_by);
    }
    if (options.households) {
      EvaluationOptions explained = changed.options();
      explained.explain = true;
      explained.language = options.language;
      explained.group_by = "";
      explained_changed = compile(changed.rules(), explained).value();
      explained.max_steps = base.options().max_steps;
      explained_base = compile(base.rules(), explained).value();
    }
  }

  // The report of what was counted: the conditions that flipped, most flips first.
  ImpactReport report(const ImpactCounts& counts) const {
    ImpactReport out;
    out.as_of = changed_rules.options().as_of;
    out.base_rules = base_rules.rules().hash();
    out.changed_rules = changed_rules.rules().hash();
    out.records = counts.records;
    out.rejected_by_both = counts.rejected_by_both;
    out.rejected_by_base_only = counts.rejected_by_base_only;
    out.rejected_by_changed_only = counts.rejected_by_changed_only;
    out.decisions = counts.decisions;
    out.only_in_base = only_in_base;
    out.only_in_changed = only_in_changed;
    out.conditions = counts.conditions;
    std::erase_if(out.conditions, [](const ConditionImpact& impact) {
      return impact.became_true + impact.became_false == 0;
    });
    std::ranges::stable_sort(out.conditions, std::greater<>(), [](const ConditionImpact& impact) {
      return impact.became_true + impact.became_false;
    });
    out.unread_lines = counts.unread_lines;
    out.group_by = group_by;
    for (const auto& [key, group] : counts.groups) {
      out.groups.push_back(group);
      out.groups.back().name = group_names->name(key);
    }
    return out;
  }

  struct MatchedDecision {
    bool per_member;
    std::size_t base, changed;  // positions in each side's decisions
  };
  struct MatchedCondition {
    std::uint32_t base, changed;  // rules
  };

  CompiledRules base_rules, changed_rules;
  ImpactOptions options;
  std::vector<MatchedDecision> decisions;
  std::vector<MatchedCondition> conditions;
  std::vector<std::string> condition_names;
  std::vector<std::string> only_in_base, only_in_changed;
  ImpactCounts blank;  // every decision and condition, counted 0
  int group_field = -1;
  std::string group_by;
  std::optional<GroupNames> group_names;
  // With --households: the rules compiled again to explain, for the households that changed.
  std::optional<CompiledRules> explained_base, explained_changed;

 private:
  void match_decisions(bool per_member, const std::vector<std::string>& before,
                       const std::vector<std::string>& after) {
    const CheckedProgram& program = changed_rules.implementation().program;
    for (std::size_t c = 0; c < after.size(); ++c) {
      auto found = std::ranges::find(before, after[c]);
      if (found == before.end()) {
        only_in_changed.push_back(after[c]);
        continue;
      }
      decisions.push_back({per_member, static_cast<std::size_t>(found - before.begin()), c});
      const Rule& rule = program.rules[per_member ? program.member_decisions[c].rule
                                                  : program.household_decisions[c].rule];
      blank.decisions.push_back({after[c], per_member, decision_type(rule.type.kind)});
    }
    for (const std::string& name : before) {
      if (std::ranges::find(after, name) == after.end()) only_in_base.push_back(name);
    }
  }
};

// One thread's comparer: each record decided by both sides and counted.
class Comparer {
 public:
  explicit Comparer(const RuleSetPair& comparison)
      : comparison_(comparison), base_(comparison.base_rules), changed_(comparison.changed_rules) {
    if (comparison.explained_base) {
      explain_base_.emplace(*comparison.explained_base);
      explain_changed_.emplace(*comparison.explained_changed);
    }
  }

  // Counts the record in `counts`; with `households`, appends its line there if it changed.
  void add(std::string_view line, std::uint64_t line_number, ImpactCounts& counts,
           std::string* households) {
    ++counts.records;
    bool base_decided = base_.decide(line);
    bool changed_decided = changed_.decide(line);
    if (!base_decided || !changed_decided) {
      if (!base_decided && !changed_decided) {
        ++counts.rejected_by_both;
        return;
      }
      ++(base_decided ? counts.rejected_by_changed_only : counts.rejected_by_base_only);
      if (households) write_change(line, line_number, *households);
      return;
    }
    const Evaluation& before = base_.evaluation;
    const Evaluation& after = changed_.evaluation;
    // The members of the record, by position on each side (both read the same record, but a
    // changed shape may read it differently: members are matched by id).
    members_.clear();
    for (std::size_t m = 0; m < after.members.size(); ++m) {
      auto found = std::ranges::find(before.members, after.members[m].member_id,
                                     &MemberDecisions::member_id);
      if (found != before.members.end())
        members_.emplace_back(static_cast<std::size_t>(found - before.members.begin()), m);
    }
    GroupImpact* group = nullptr;
    if (comparison_.group_field >= 0) {
      std::string key = changed_.group(comparison_.group_field);
      auto [found, added] = counts.groups.try_emplace(key);
      if (added) {
        found->second.group = key;
        found->second.decisions = comparison_.blank.decisions;
      }
      group = &found->second;
      ++group->records;
    }
    bool changed = false;
    auto transition = [&](std::size_t d, const DecidedValue& was, const DecidedValue& is) {
      count_transition(counts.decisions[d], was, is);
      if (group) count_transition(group->decisions[d], was, is);
      changed = changed || was != is;
    };
    for (std::size_t d = 0; d < comparison_.decisions.size(); ++d) {
      const RuleSetPair::MatchedDecision& matched = comparison_.decisions[d];
      if (!matched.per_member) {
        transition(d, before.household[matched.base].value, after.household[matched.changed].value);
        continue;
      }
      for (auto [b, c] : members_) {
        transition(d, before.members[b].decisions[matched.base].value,
                   after.members[c].decisions[matched.changed].value);
      }
    }
    for (std::size_t k = 0; k < comparison_.conditions.size(); ++k) {
      ConditionImpact& impact = counts.conditions[k];
      const RuleSetPair::MatchedCondition& matched = comparison_.conditions[k];
      if (!impact.per_member) {
        flip(impact, base_.verdict(matched.base, std::nullopt),
             changed_.verdict(matched.changed, std::nullopt));
        continue;
      }
      for (auto [b, c] : members_)
        flip(impact, base_.verdict(matched.base, b), changed_.verdict(matched.changed, c));
    }
    if (changed && households) write_change(line, line_number, *households);
  }

 private:
  static void flip(ConditionImpact& impact, const Value& before, const Value& after) {
    if (!before.present || !after.present || before.as_bool() == after.as_bool()) return;
    ++(after.as_bool() ? impact.became_true : impact.became_false);
  }

  // The record explained by both sides, as its --households line.
  void write_change(std::string_view line, std::uint64_t line_number, std::string& out) {
    const Evaluation& before = explain_base_->evaluate(line, line_number);
    const Evaluation& after = explain_changed_->evaluate(line, line_number);
    write_household_change(household_id_key(changed_.program), line_number, before, after,
                           comparison_.condition_names, out);
  }

  const RuleSetPair& comparison_;
  Side base_, changed_;
  std::optional<HouseholdEvaluator> explain_base_, explain_changed_;
  std::vector<std::pair<std::size_t, std::size_t>> members_;
};

}  // namespace

class ImpactRun::Implementation {
 public:
  Implementation(const CompiledRules& base, const CompiledRules& changed,
                 const ImpactOptions& options)
      : comparison(base, changed, options), comparer(comparison), counts(comparison.blank) {}

  RuleSetPair comparison;
  Comparer comparer;
  ImpactCounts counts;
  std::uint64_t lines = 0;
};

ImpactRun::ImpactRun(const CompiledRules& base, const CompiledRules& changed,
                     const ImpactOptions& options)
    : implementation_(std::make_unique<Implementation>(base, changed, options)) {}
ImpactRun::~ImpactRun() = default;

void ImpactRun::add(std::string_view json_line) {
  Implementation& run = *implementation_;
  run.comparer.add(json_line, ++run.lines, run.counts, nullptr);
}

void ImpactRun::add(std::string_view json_line, std::uint64_t line_number,
                    std::string& households) {
  Implementation& run = *implementation_;
  run.lines = line_number;
  run.comparer.add(json_line, line_number, run.counts,
                   run.comparison.options.households ? &households : nullptr);
}

ImpactReport ImpactRun::report() const {
  return implementation_->comparison.report(implementation_->counts);
}

namespace {

// Adds the lines of `text` to `kept` until it holds `limit`.
void keep_first(std::string_view text, std::size_t limit, std::vector<std::string>& kept) {
  while (kept.size() < limit && !text.empty()) {
    std::size_t end = text.find('\n');
    kept.emplace_back(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  }
}

// A batch of lines and what comparing them gave.
struct ImpactBatch {
  LineBatch lines;
  ImpactCounts counts;
  std::string households;

  void clear() {
    lines.clear();
    households.clear();
  }
};

}  // namespace

ImpactStreamResult impact_stream(const CompiledRules& base, const CompiledRules& changed,
                                 const ImpactOptions& options, std::FILE* in,
                                 std::FILE* households) {
  RuleSetPair comparison(base, changed, options);
  unsigned threads = thread_count(options.threads);
  std::vector<std::unique_ptr<Comparer>> comparers;
  for (unsigned t = 0; t < threads; ++t)
    comparers.push_back(std::make_unique<Comparer>(comparison));
  LineSource source(in, options.max_line_bytes, options.lines_per_batch);
  ImpactCounts total = comparison.blank;
  ImpactStreamResult result;
  bool writing = options.households;
  process_in_order<ImpactBatch>(
      source, threads,
      [&](unsigned worker, ImpactBatch& batch) {
        batch.counts = comparison.blank;
        for (std::size_t i = 0; i < batch.lines.size(); ++i) {
          std::uint64_t number = batch.lines.first_line + i;
          if (batch.lines.too_long[i]) {  // counted, not read
            ++batch.counts.records;
            ++batch.counts.rejected_by_both;
            batch.counts.unread_lines.push_back(number);
            continue;
          }
          comparers[worker]->add(batch.lines.line(i), number, batch.counts,
                                 writing ? &batch.households : nullptr);
        }
      },
      [&](const ImpactBatch& batch) {
        total.merge(batch.counts);
        keep_first(batch.households, options.households_kept, result.first_households);
        if (!households || batch.households.empty()) return true;
        errno = 0;
        if (std::fwrite(batch.households.data(), 1, batch.households.size(), households) !=
                batch.households.size() ||
            std::fflush(households) != 0) {
          result.write_error = errno != 0 ? errno : EIO;
          return false;
        }
        result.households_written +=
            static_cast<std::uint64_t>(std::ranges::count(batch.households, '\n'));
        return true;
      });
  result.report = comparison.report(total);
  result.read_error = source.read_error();
  return result;
}

}  // namespace regla
