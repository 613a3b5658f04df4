// Calendar arithmetic as shared/spec/policy.md defines it.
#include "engine/calendar.hpp"

#include <gtest/gtest.h>

namespace regla::calendar {
namespace {

DayNumber d(const char* text) {
  return *parse_date(text);
}

TEST(Calendar, AddingMonthsClampsToTheLastDay) {
  EXPECT_EQ(format_date(*add_months(d("2024-01-31"), 1)), "2024-02-29");
  EXPECT_EQ(format_date(*add_months(d("2024-02-29"), 12)), "2025-02-28");
  EXPECT_EQ(format_date(*add_months(d("2024-02-29"), 1)), "2024-03-29");
  EXPECT_EQ(format_date(*add_months(d("2026-03-31"), -1)), "2026-02-28");
  EXPECT_EQ(format_date(*add_months(d("2026-11-01"), -2)), "2026-09-01");
}

TEST(Calendar, CompletedMonthsAndYears) {
  EXPECT_EQ(completed_months(d("2024-02-29"), d("2025-02-28")), 12);  // clamped anniversary
  EXPECT_EQ(completed_months(d("2024-02-29"), d("2025-02-27")), 11);
  EXPECT_EQ(completed_months(d("2020-05-15"), d("2026-05-15")), 72);
  EXPECT_EQ(completed_months(d("2020-05-15"), d("2026-05-14")), 71);
  EXPECT_EQ(completed_months(d("2026-01-31"), d("2026-02-28")), 1);
  EXPECT_EQ(completed_months(d("2026-05-15"), d("2026-05-15")), 0);
}

TEST(Calendar, RejectsImpossibleDates) {
  EXPECT_FALSE(parse_date("2026-02-30"));
  EXPECT_FALSE(parse_date("2025-02-29"));
  EXPECT_TRUE(parse_date("2024-02-29"));
  EXPECT_FALSE(parse_date("2026-13-01"));
  EXPECT_FALSE(parse_date("2026-1-01"));
  EXPECT_FALSE(parse_date("0000-01-01"));
  EXPECT_FALSE(parse_date("2026-01-01T00"));
  EXPECT_FALSE(parse_month("2026-00"));
  EXPECT_EQ(format_month(*parse_month("2026-09")), "2026-09");
}

TEST(Calendar, MovingPastTheSupportedRangeFails) {
  EXPECT_FALSE(add_months(d("9999-12-01"), 1));
  EXPECT_FALSE(add_months(d("1400-01-01"), -1));
}

TEST(Calendar, MonthsAndTheirFirstDays) {
  EXPECT_EQ(format_date(first_day_of(month_of(d("2026-11-20")))), "2026-11-01");
  EXPECT_EQ(format_date(start_of_month(d("2024-02-29"))), "2024-02-01");
}

}  // namespace
}  // namespace regla::calendar
