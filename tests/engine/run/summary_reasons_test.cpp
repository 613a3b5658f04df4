// The summary's reasons on the sample registry (README, "How the summary counts"): refusals are
// counted as such, waivers not granted are not reasons, conditions written inline are.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "regla/evaluation.hpp"
#include "regla/rules.hpp"

namespace {

// The summary of the shipped rules over rules/samples/households.jsonl at 2026-11-01.
const regla::RunSummary& sample_summary() {
  static const regla::RunSummary summary = [] {
    regla::RuleSet rules = regla::RuleSet::load({std::string(REGLA_SOURCE_DIR) + "/rules"});
    regla::HouseholdEvaluator evaluator(regla::compile(rules, {.as_of = "2026-11-01"}).value());
    std::ifstream in(std::string(REGLA_SOURCE_DIR) + "/rules/samples/households.jsonl");
    std::string line;
    std::string out;
    for (std::uint64_t number = 1; std::getline(in, line); ++number)
      evaluator.evaluate(line, number, out);
    return evaluator.summary();
  }();
  return summary;
}

const regla::RunSummary::Tally& tally(const std::string& decision) {
  return sample_summary().overall.decisions.at(decision);
}

std::uint64_t count(const regla::RunSummary::Tally& tally, const std::string& reason) {
  auto found = tally.failed_conditions.find(reason);
  return found == tally.failed_conditions.end() ? 0 : found->second;
}

// sis.subsidized fails when its means test fails and no waiver grants it, or when EsSalud already
// covers the person: each failure is one or the other, never both.
TEST(SummaryReasons, TheEsSaludRefusalsOfSisSubsidizedAreCounted) {
  const regla::RunSummary::Tally& subsidized = tally("sis.subsidized");
  std::uint64_t fails = subsidized.evaluated - subsidized.holds;
  std::uint64_t refused = count(subsidized, "refused by sis.covered_by_essalud");
  EXPECT_EQ(refused, 229u);
  EXPECT_EQ(fails, 719u);
  EXPECT_EQ(count(subsidized, "sis.means_test") + refused, fails);
}

// sis.subsidized has three waivers (a Crecer district, newborns, Juntos households): none of them,
// not granted, is a reason it failed on; only its value and its exception are.
TEST(SummaryReasons, NoWaiverIsListedAsAReasonForFailing) {
  for (const auto& [reason, failures] : tally("sis.subsidized").failed_conditions) {
    EXPECT_TRUE(reason == "sis.means_test" || reason == "refused by sis.covered_by_essalud")
        << reason << " (" << failures << ")";
  }
}

// sis.semicontributory's value is three conditions written inline; each that failed counts.
TEST(SummaryReasons, TheInlineConditionsOfSisSemicontributoryAreListed) {
  const regla::RunSummary::Tally& semicontributory = tally("sis.semicontributory");
  EXPECT_GT(count(semicontributory, R"(person.employment.sector = "informal")"), 0u);
  EXPECT_GT(count(semicontributory, "person.employment.monthly_income is present"), 0u);
  // Every failure has at least one reason.
  std::uint64_t reasons = 0;
  for (const auto& [reason, failures] : semicontributory.failed_conditions)
    reasons += failures;
  EXPECT_GE(reasons, semicontributory.evaluated - semicontributory.holds);
}

}  // namespace
