// Calendar arithmetic as docs/policy.md ("Dates and ages") defines it.
#include "engine/program/calendar.hpp"

#include <gtest/gtest.h>

#include <boost/date_time/gregorian/gregorian_types.hpp>

namespace regla::calendar {
namespace {

DayNumber d(const char* text) {
  return *parse_date(text);
}

// The closed-form conversions are Boost.Date_Time's day numbers, on every day of the range.
TEST(Calendar, DayNumbersAreBoostsOnEveryDayOfTheRange) {
  using Calendar = boost::gregorian::gregorian_calendar;
  DayNumber expected = *make_date(min_year, 1, 1);
  for (int year = min_year; year <= max_year; ++year) {
    for (int month = 1; month <= 12; ++month) {
      int last = Calendar::end_of_month_day(static_cast<unsigned short>(year),
                                            static_cast<unsigned short>(month));
      for (int day = 1; day <= last; ++day, ++expected) {
        Calendar::ymd_type ymd(static_cast<unsigned short>(year),
                               static_cast<unsigned short>(month),
                               static_cast<unsigned short>(day));
        ASSERT_EQ(make_date(year, month, day), static_cast<DayNumber>(Calendar::day_number(ymd)))
            << year << "-" << month << "-" << day;
        ASSERT_EQ(make_date(year, month, day), expected);
        YearMonthDay back = split(expected);
        ASSERT_EQ(back.year * 10000 + back.month * 100 + back.day,
                  year * 10000 + month * 100 + day);
      }
      ASSERT_FALSE(make_date(year, month, last + 1));
    }
  }
}

TEST(Calendar, DatesAreWrittenAsTheyAreRead) {
  for (const char* text : {"1400-01-01", "1999-12-31", "2024-02-29", "2026-11-01", "9999-12-31"})
    EXPECT_EQ(format_date(d(text)), text);
  // An interval's end is the day after its last: one past the supported range still prints.
  EXPECT_EQ(format_date(d("9999-12-31") + 1), "10000-01-01");
  EXPECT_EQ(format_month(*parse_month("1400-01")), "1400-01");
  EXPECT_EQ(format_month(*parse_month("9999-12")), "9999-12");
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

// completed_months is computed from the two dates' fields; it must be the definition itself.
TEST(Calendar, CompletedMonthsIsTheLargestNWhoseAnniversaryHasPassed) {
  for (DayNumber from = d("2023-01-01"); from <= d("2024-12-31"); ++from) {
    for (DayNumber to = from - 1100; to <= from + 1100; to += 7) {
      std::int64_t n = completed_months(from, to);
      ASSERT_LE(*add_months(from, n), to) << format_date(from) << " " << format_date(to);
      ASSERT_GT(*add_months(from, n + 1), to) << format_date(from) << " " << format_date(to);
    }
  }
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
