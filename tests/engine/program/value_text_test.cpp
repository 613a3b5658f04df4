// One phrase for one kind of bad value: a date that is no calendar date is reported in the same
// words in a record, a table cell, a rule file's literal and the evaluation date.
#include "engine/program/value_text.hpp"

#include <gtest/gtest.h>

#include <string>

#include "regla/evaluation.hpp"
#include "regla/rules.hpp"

namespace regla {
namespace {

const std::string phrase = "is not a calendar date (YYYY-MM-DD, years 1400 to 9999)";

const std::string rules_text = R"(shape household {
  household_id: text id
  moved_in: date
}
program demo
table openings
  file "openings.csv"
  key code: text
  column opened: date
rule opened_early = household.moved_in < 2026-02-30
rule known = "a" in openings
)";

TEST(ValueText, ABadDateHasOnePhraseWhereverItIsRead) {
  EXPECT_EQ(not_a_value("'2026-02-30'", Kind::date), "'2026-02-30' " + phrase);

  RuleSet with_bad_literal_and_cell = RuleSet::from_files(
      {{"demo.regla", rules_text}}, [](const std::string&) -> std::optional<std::string> {
        return "code,opened\na,2026-13-01\n";
      });
  std::string diagnostics = with_bad_literal_and_cell.diagnostics_text();
  EXPECT_NE(diagnostics.find("'2026-02-30' " + phrase), std::string::npos) << diagnostics;
  EXPECT_NE(diagnostics.find("'2026-13-01' " + phrase), std::string::npos) << diagnostics;

  std::string fixed = rules_text;
  fixed.replace(fixed.find("2026-02-30"), 10, "2026-02-28");
  RuleSet good = RuleSet::from_files({{"demo.regla", fixed}},
                                     [](const std::string&) -> std::optional<std::string> {
                                       return "code,opened\na,2026-01-01\n";
                                     });
  ASSERT_FALSE(good.has_errors()) << good.diagnostics_text();
  EXPECT_EQ(compile(good, {.as_of = "2026-02-30"}).error, "'2026-02-30' " + phrase);

  HouseholdEvaluator evaluator(compile(good, {.as_of = "2026-11-01"}).value());
  const Evaluation& result =
      evaluator.evaluate(R"({"household_id":"H-1","moved_in":"2026-02-30"})", 1);
  ASSERT_TRUE(result.error);
  EXPECT_EQ(*result.error, "moved_in: '2026-02-30' " + phrase);
}

}  // namespace
}  // namespace regla
