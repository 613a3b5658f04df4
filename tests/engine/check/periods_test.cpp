// The periods of a dated parameter: where they overlap, which days none covers, and what `no
// value` means once the rules load (an evaluation on such a day is rejected, as the rules say).
#include "engine/check/periods.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "regla/evaluation.hpp"
#include "regla/rules.hpp"

namespace regla {
namespace {

calendar::DayNumber day(int year, int month, int date) {
  return *calendar::make_date(year, month, date);
}

Period period(std::optional<calendar::DayNumber> from, std::optional<calendar::DayNumber> until) {
  return {from, until, {}};
}

TEST(Periods, OverlapWhenTheyShareADay) {
  EXPECT_FALSE(overlap(period({}, day(2027, 2, 1)), period(day(2027, 2, 1), {})));
  EXPECT_TRUE(overlap(period({}, day(2027, 2, 2)), period(day(2027, 2, 1), {})));
  EXPECT_TRUE(overlap(period({}, {}), period(day(2000, 1, 1), day(2000, 1, 2))));
}

TEST(Periods, GapsAreTheDaysNoPeriodCovers) {
  std::vector<Gap> gaps = gaps_between({period(day(2027, 3, 1), {}), period({}, day(2027, 2, 1))});
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_EQ(gaps[0].from, day(2027, 2, 1));
  EXPECT_EQ(gaps[0].until, day(2027, 3, 1));

  gaps = gaps_between({period(day(2020, 1, 1), day(2030, 1, 1))});
  ASSERT_EQ(gaps.size(), 2u);
  EXPECT_FALSE(gaps[0].from.has_value());  // from the calendar's first day
  EXPECT_EQ(gaps[0].until, day(2020, 1, 1));
  EXPECT_EQ(gaps[1].from, day(2030, 1, 1));
  EXPECT_FALSE(gaps[1].until.has_value());  // to its last

  // Periods that meet, given in any order, or overlap, leave none.
  EXPECT_TRUE(gaps_between({period(day(2014, 1, 1), day(2020, 1, 1)), period({}, day(2014, 1, 1)),
                            period(day(2019, 1, 1), {})})
                  .empty());
}

const char* const bonus_rules = R"regla(program dated
  en "dated"
  es "fechado"

shape household {
  household_id: text id
}

param bonus
  = no value until 2020-01-01
  = 50 PEN from 2020-01-01

decision amount: money
  en "amount"
  es "monto"
  = bonus
)regla";

TEST(Periods, NoValueIsNoGapAndRejectsTheRecordsThatNeedIt) {
  RuleSet rules = RuleSet::from_files({{"dated.regla", bonus_rules}}, read_from_disk());
  ASSERT_FALSE(rules.has_errors()) << rules.diagnostics_text();

  std::string out;
  HouseholdEvaluator after(compile(rules, {.as_of = "2020-01-01"}).value());
  ASSERT_TRUE(after.evaluate(R"({"household_id":"H"})", 1, out)) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["decisions"]["dated.amount"], 50);

  out.clear();
  HouseholdEvaluator before(compile(rules, {.as_of = "2019-12-31"}).value());
  EXPECT_FALSE(before.evaluate(R"({"household_id":"H"})", 1, out));
  EXPECT_NE(out.find("parameter dated.bonus has no value on 2019-12-31"), std::string::npos) << out;
}

TEST(Periods, AGapIsAnErrorNamingTheMissingDays) {
  std::string text = bonus_rules;
  text.replace(text.find("  = no value until 2020-01-01\n"), 30, "  = 40 PEN until 2019-01-01\n");
  RuleSet rules = RuleSet::from_files({{"dated.regla", text}}, read_from_disk());
  EXPECT_TRUE(rules.has_errors());
  EXPECT_NE(rules.diagnostics_text().find(
                "error[missing-period]: 'bonus' has no value from 2019-01-01 until 2020-01-01"),
            std::string::npos)
      << rules.diagnostics_text();
}

}  // namespace
}  // namespace regla
