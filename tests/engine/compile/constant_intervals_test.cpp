// Membership in a constant period is compiled to a comparison of month (or day) numbers. A mistake
// at the period's edges would rarely change a generated household's decisions, so these pin the
// edges with values that differ in every month.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "regla/evaluation.hpp"
#include "regla/rules.hpp"

namespace regla {
namespace {

const char* const program_text = R"regla(program edges
  en "edges"
  es "bordes"

shape household {
  household_id: text id
  attendance: list of attendance_month
}

shape attendance_month {
  month: month
  days: integer
  on: date
}

decision whole_months: integer
  en "days in the months wholly inside [2026-09-01, 2026-11-01)"
  es "días"
  = sum m in household.attendance where m.month in [2026-09-01, 2026-11-01): m.days

decision months_of_a_ragged_period: integer
  en "days in the months wholly inside [2026-09-02, 2026-11-29]"
  es "días"
  = sum m in household.attendance where m.month in [2026-09-02, 2026-11-29]: m.days

decision days_in_period: integer
  en "days whose date is in [2026-09-01, 2026-11-01)"
  es "días"
  = sum m in household.attendance where m.on in [2026-09-01, 2026-11-01): m.days
)regla";

// Months 2026-08 to 2026-12, each with a different power of two, dated on their first day; the
// last one is dated 2026-10-31 and the one before 2026-11-01, the two sides of a period's end.
const char* const household =
    R"({"household_id":"H","attendance":[)"
    R"({"month":"2026-08","days":1,"on":"2026-08-31"},{"month":"2026-09","days":2,"on":"2026-09-01"},)"
    R"({"month":"2026-10","days":4,"on":"2026-10-31"},{"month":"2026-11","days":8,"on":"2026-11-01"},)"
    R"({"month":"2026-12","days":16,"on":"2026-12-01"}]})";

TEST(ConstantIntervals, OnlyMonthsAndDaysInsideThePeriodCount) {
  RuleSet rules = RuleSet::from_files({{"edges.regla", program_text}}, read_from_disk());
  ASSERT_FALSE(rules.has_errors()) << rules.diagnostics_text();
  HouseholdEvaluator evaluator(compile(rules, {.as_of = "2026-11-01"}).value());
  std::string out;
  ASSERT_TRUE(evaluator.evaluate(household, 1, out)) << out;
  nlohmann::json decisions = nlohmann::json::parse(out)["decisions"];
  EXPECT_EQ(decisions["edges.whole_months"], 2 + 4);
  EXPECT_EQ(decisions["edges.months_of_a_ragged_period"], 4);  // October: the only whole month
  EXPECT_EQ(decisions["edges.days_in_period"], 2 + 4);
}

}  // namespace
}  // namespace regla
