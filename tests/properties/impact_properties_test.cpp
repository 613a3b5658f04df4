// Properties of `regla impact` over generated registries (the households `regla gen` makes, as
// record_generators.hpp builds them): a rule set against itself changes nothing; the transitions
// and money totals are those of two separate evaluations; the counts add up to the records
// decided; the report is the same whatever the number of threads; --set equals the same change
// made in the rule file.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>

#include "regla/impact.hpp"
#include "tests/properties/record_generators.hpp"

namespace regla {
namespace {

const std::string rules_folder = std::string(REGLA_SOURCE_DIR) + "/rules";

const RuleSet& shipped_rules() {
  static const RuleSet rules = RuleSet::load({rules_folder});
  return rules;
}

CompiledRules compiled(const RuleSet& rules) {
  return compile(rules, {.as_of = "2026-11-01"}).value();
}

// The shipped rules with the Juntos age limit since 2014 set to `years`, by --set; loaded once
// for each value (loading is most of a small case's time under the sanitizers).
const RuleSet& age_limit_set(int years) {
  static std::map<int, RuleSet> loaded;
  auto found = loaded.find(years);
  if (found == loaded.end()) {
    found =
        loaded
            .emplace(years, RuleSet::load({rules_folder},
                                          {{"juntos.age_limit", std::to_string(years) + " years"}}))
            .first;
  }
  return found->second;
}

// The same change made in juntos.regla.
RuleSet age_limit_edited(int years) {
  std::vector<RuleFile> files;
  for (const char* name : {"household", "inei", "crecer", "sis", "juntos"}) {
    std::string path = rules_folder + "/" + name + ".regla";
    std::ifstream in(path);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string shipped = "= 19 years from 2014-01-01";
    if (std::string(name) == "juntos") {
      RC_ASSERT(text.find(shipped) != std::string::npos);
      text.replace(text.find(shipped), shipped.size(),
                   "= " + std::to_string(years) + " years from 2014-01-01");
    }
    files.push_back({path, text});
  }
  return RuleSet::from_files(files, read_from_disk());
}

std::string registry(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines)
    text += line + "\n";
  return text;
}

ImpactReport streamed(const CompiledRules& base, const CompiledRules& changed,
                      const std::string& input, unsigned threads) {
  std::string copy = input;
  std::FILE* in = fmemopen(copy.data(), copy.size(), "rb");
  ImpactOptions options;
  options.threads = threads;
  options.lines_per_batch = 3;  // many batches in flight, so their order is really at stake
  ImpactStreamResult result = impact_stream(base, changed, options, in, nullptr);
  std::fclose(in);
  RC_ASSERT(!result.read_error);
  return result.report;
}

const DecisionImpact& decision(const ImpactReport& report, const std::string& name) {
  for (const DecisionImpact& d : report.decisions) {
    if (d.decision == name) return d;
  }
  throw std::out_of_range(name);
}

// Up to 40 generated households: enough for every transition, small enough that each property
// stays within seconds under the sanitizers.
rc::Gen<std::vector<std::string>> households() {
  return rc::gen::mapcat(rc::gen::inRange<std::size_t>(0, 41), [](std::size_t count) {
    return rc::gen::container<std::vector<std::string>>(count, testing::arbitrary_household_line());
  });
}

RC_GTEST_PROP(ImpactProperties, ARuleSetAgainstItselfChangesNothing, ()) {
  std::vector<std::string> lines = *households();
  CompiledRules rules = compiled(shipped_rules());
  ImpactReport report = streamed(rules, rules, registry(lines), 2);
  RC_ASSERT(report.records == lines.size());
  RC_ASSERT(report.rejected_by_base_only + report.rejected_by_changed_only == 0u);
  for (const DecisionImpact& d : report.decisions) {
    RC_ASSERT(d.gained + d.lost + d.changed == 0u);
    RC_ASSERT(d.total_before == d.total_after);
  }
  RC_ASSERT(report.conditions.empty());
}

// What two separate runs of the public evaluator say, counted by hand.
struct Expected {
  std::uint64_t decided = 0, rejected_by_base_only = 0, rejected_by_changed_only = 0;
  std::map<std::string, std::uint64_t> gained, lost, held_before, held_after;
  std::map<std::string, double> total_before, total_after;
};

Expected two_evaluations(const CompiledRules& base, const CompiledRules& changed,
                         const std::vector<std::string>& lines) {
  HouseholdEvaluator before(base), after(changed);
  Expected out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    Evaluation was = before.evaluate(lines[i], i + 1);
    const Evaluation& is = after.evaluate(lines[i], i + 1);
    if (was.decided() != is.decided()) {
      ++(was.decided() ? out.rejected_by_changed_only : out.rejected_by_base_only);
      continue;
    }
    if (!was.decided()) continue;
    ++out.decided;
    for (std::size_t d = 0; d < is.household.size(); ++d) {
      const Decision &then = was.household[d], &now = is.household[d];
      std::string name(now.name);
      if (now.type != DecisionType::boolean) {
        if (const double* amount = std::get_if<double>(&then.value))
          out.total_before[name] += *amount;
        if (const double* amount = std::get_if<double>(&now.value))
          out.total_after[name] += *amount;
        continue;
      }
      bool held = then.holds(), holds = now.holds();
      out.held_before[name] += held;
      out.held_after[name] += holds;
      out.gained[name] += !held && holds;
      out.lost[name] += held && !holds;
    }
  }
  return out;
}

RC_GTEST_PROP(ImpactProperties, TransitionsAreThoseOfTwoSeparateEvaluations, ()) {
  std::vector<std::string> lines = *households();
  int years = *rc::gen::inRange(6, 25);
  CompiledRules base = compiled(shipped_rules());
  CompiledRules changed = compiled(age_limit_set(years));
  ImpactReport report = streamed(base, changed, registry(lines), 2);
  Expected expected = two_evaluations(base, changed, lines);
  RC_ASSERT(report.records == lines.size());
  RC_ASSERT(report.rejected_by_base_only == expected.rejected_by_base_only);
  RC_ASSERT(report.rejected_by_changed_only == expected.rejected_by_changed_only);
  RC_ASSERT(report.records - report.rejected_by_both - report.rejected_by_base_only -
                report.rejected_by_changed_only ==
            expected.decided);
  for (const DecisionImpact& d : report.decisions) {
    if (d.per_member) continue;
    RC_ASSERT(d.compared == expected.decided);
    if (d.type == DecisionType::boolean) {
      // The transitions add up to the households decided, and are those counted by hand.
      RC_ASSERT(d.stayed_true + d.stayed_false + d.gained + d.lost == d.compared);
      RC_ASSERT(d.gained == expected.gained[d.decision]);
      RC_ASSERT(d.lost == expected.lost[d.decision]);
      RC_ASSERT(d.stayed_true + d.lost == expected.held_before[d.decision]);
      RC_ASSERT(d.stayed_true + d.gained == expected.held_after[d.decision]);
    } else if (d.type == DecisionType::money) {
      RC_ASSERT(std::abs(d.total_before - expected.total_before[d.decision]) < 1e-6);
      RC_ASSERT(std::abs(d.total_after - expected.total_after[d.decision]) < 1e-6);
    }
  }
}

RC_GTEST_PROP(ImpactProperties, TheReportIsTheSameWhateverTheNumberOfThreads, ()) {
  std::vector<std::string> lines = *households();
  CompiledRules base = compiled(shipped_rules());
  CompiledRules changed = compiled(age_limit_set(*rc::gen::inRange(6, 25)));
  std::string input = registry(lines);
  std::string one = streamed(base, changed, input, 1).json();
  RC_ASSERT(streamed(base, changed, input, 3).json() == one);
  ImpactRun run(base, changed);  // the same through the one-record-at-a-time API
  for (const std::string& line : lines)
    run.add(line);
  RC_ASSERT(run.report().text() == streamed(base, changed, input, 1).text());
}

RC_GTEST_PROP(ImpactProperties, ASettingGivesTheReportOfTheSameChangeInTheFile, ()) {
  std::vector<std::string> lines = *households();
  int years = *rc::gen::inRange(6, 25);
  CompiledRules base = compiled(shipped_rules());
  static std::map<int, RuleSet> edits;  // loaded once for each value
  auto found = edits.find(years);
  if (found == edits.end()) found = edits.emplace(years, age_limit_edited(years)).first;
  const RuleSet& edited = found->second;
  RC_ASSERT(!edited.has_errors());
  ImpactReport by_setting = streamed(base, compiled(age_limit_set(years)), registry(lines), 2);
  ImpactReport by_file = streamed(base, compiled(edited), registry(lines), 2);
  by_setting.changed_rules = by_file.changed_rules;  // the hashes name how the change was made
  RC_ASSERT(by_setting.json() == by_file.json());
}

TEST(ImpactProperties, TheGeneratedRegistryOfTheDocsChangesHouseholds) {
  // The sample registry (rules/samples/households.jsonl) and an age limit of 14: something moves,
  // so that the properties above are not vacuous on the rules they are run on.
  std::ifstream in(rules_folder + "/samples/households.jsonl");
  std::string input((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ImpactReport report = streamed(compiled(age_limit_set(14)), compiled(shipped_rules()), input, 2);
  EXPECT_GT(decision(report, "juntos.eligible").gained, 0u);
}

}  // namespace
}  // namespace regla
