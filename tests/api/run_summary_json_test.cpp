// Run summaries read back from their JSON (RunSummary::from_json) and added up (merge): what
// `regla summary merge` rests on. Only include/regla and the library.
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "regla/evaluation.hpp"
#include "regla/rules.hpp"

namespace {

std::vector<std::string> sample_lines(const std::string& file) {
  std::ifstream in(std::string(REGLA_SOURCE_DIR) + "/rules/samples/" + file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

// The summary of evaluating lines [begin, end) of the sample registry and its defects.
regla::RunSummary summary_of(std::size_t begin, std::size_t end) {
  static const regla::RuleSet rules =
      regla::RuleSet::load({std::string(REGLA_SOURCE_DIR) + "/rules"});
  regla::CompileResult compiled =
      regla::compile(rules, {.as_of = "2026-11-01", .group_by = "ubigeo"});
  regla::HouseholdEvaluator evaluator(compiled.value());
  std::vector<std::string> lines = sample_lines("households.jsonl");
  for (const std::string& defect : sample_lines("defects.jsonl"))
    lines.push_back(defect);
  for (std::size_t i = begin; i < std::min(end, lines.size()); ++i)
    (void)evaluator.evaluate(lines[i], i + 1);
  return evaluator.summary();
}

std::string error_of(const std::string& json) {
  regla::RunSummaryReading reading = regla::RunSummary::from_json(json);
  EXPECT_FALSE(reading.summary) << json;
  return reading.error;
}

TEST(RunSummaryJson, ReadsBackWhatItWrote) {
  regla::RunSummary whole = summary_of(0, 10'000);
  ASSERT_GT(whole.overall.rejected, 0u);
  ASSERT_FALSE(whole.by_group.empty());
  whole.seconds = 1.25;
  regla::RunSummaryReading reading = regla::RunSummary::from_json(whole.json());
  ASSERT_TRUE(reading.summary) << reading.error;
  EXPECT_EQ(reading.summary->json(), whole.json());
  EXPECT_EQ(reading.summary->text(), whole.text());
  EXPECT_EQ(reading.summary->decision_order, whole.decision_order);
  EXPECT_EQ(reading.summary->bool_decisions, whole.bool_decisions);
}

TEST(RunSummaryJson, TwoHalvesReadBackAndMergedAreTheWhole) {
  regla::RunSummary whole = summary_of(0, 10'000);
  regla::RunSummary merged;
  for (const regla::RunSummary& half : {summary_of(0, 150), summary_of(150, 10'000)}) {
    regla::RunSummaryReading reading = regla::RunSummary::from_json(half.json());
    ASSERT_TRUE(reading.summary) << reading.error;
    merged.merge(*reading.summary);
  }
  EXPECT_EQ(merged.json(), whole.json());
}

TEST(RunSummaryJson, ADecisionOnlyTheSecondPartCountsKeepsItsPlace) {
  regla::RunSummary first;
  first.decision_order = {"a.x", "a.z"};
  first.bool_decisions = {"a.x", "a.z"};
  regla::RunSummary second;
  second.decision_order = {"a.x", "a.y", "a.z"};
  second.bool_decisions = {"a.y"};
  first.merge(second);
  EXPECT_EQ(first.decision_order, (std::vector<std::string>{"a.x", "a.y", "a.z"}));
  EXPECT_EQ(first.bool_decisions, (std::vector<std::string>{"a.x", "a.z", "a.y"}));
}

TEST(RunSummaryJson, SaysWhereAFileIsNotASummary) {
  std::string valid = summary_of(0, 3).json();
  EXPECT_EQ(error_of("{\"as_of\": \"2026-11-01\",\n  \"seconds\": 1,,}"),
            "not JSON: parse error at line 2, column 16: syntax error while parsing object key - "
            "unexpected ','; expected string literal");
  EXPECT_EQ(error_of("[]"), "the summary: expected an object, found array");
  EXPECT_EQ(error_of("{\"as_of\": \"1 Nov\"}"),
            "as_of: expected the evaluation date as \"YYYY-MM-DD\"");

  auto edited = [&](const std::string& from, const std::string& to) {
    std::string text = valid;
    std::size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return text.replace(at, from.size(), to);
  };
  EXPECT_EQ(error_of(edited("\"overall\":{\"records\":3", "\"overall\":{\"records\":-3")),
            "overall.records: expected a count (a whole number, 0 or more), found -3");
  EXPECT_EQ(error_of(edited("\"overall\":{\"records\":3", "\"overall\":{\"records\":2.5")),
            "overall.records: expected a count (a whole number, 0 or more), found 2.5");
  EXPECT_EQ(error_of(edited("\"seconds\":0,", "")), "the summary: 'seconds' is missing");
  EXPECT_EQ(error_of(edited("\"seconds\":0,", "\"seconds\":0,\"threads\":2,")),
            "threads: not a field of a run summary");
  EXPECT_EQ(error_of(edited("\"juntos.eligible\":{\"evaluated\":3,\"holds\":",
                            "\"juntos.eligible\":{\"evaluated\":3,\"holds\":9,\"fails\":0,"
                            "\"failed_conditions\":{}},\"x\":{\"evaluated\":3,\"holds\":")),
            "overall.decisions[\"juntos.eligible\"].holds: 9 is more than the 3 evaluated");
  EXPECT_TRUE(
      error_of(edited("\"failed_conditions_count\":\"each", "\"failed_conditions_count\":\"all"))
          .starts_with("failed_conditions_count: its reasons are counted otherwise"));
}

}  // namespace
