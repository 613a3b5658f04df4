// Calendar arithmetic exactly as shared/spec/policy.md defines it: adding months keeps the day or
// clamps to the month's last day, ages are completed units, intervals are half-open.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace regla::calendar {

using DayNumber = std::int32_t;    // consecutive days (Boost.Date_Time's day number)
using MonthNumber = std::int32_t;  // year * 12 + (month - 1)

constexpr int min_year = 1400;  // Boost.Date_Time's range
constexpr int max_year = 9999;

struct YearMonthDay {
  int year, month, day;
};

// nullopt when (year, month, day) is not a calendar date in [1400-01-01, 9999-12-31].
std::optional<DayNumber> make_date(int year, int month, int day);
std::optional<MonthNumber> make_month(int year, int month);
YearMonthDay split(DayNumber day);

// "YYYY-MM-DD" and "YYYY-MM", nothing else.
std::optional<DayNumber> parse_date(std::string_view text);
std::optional<MonthNumber> parse_month(std::string_view text);
std::string format_date(DayNumber day);
std::string format_month(MonthNumber month);

// The same day `months` later (or earlier), or that month's last day when the day does not exist:
// 2024-01-31 + 1 = 2024-02-29. nullopt when the result leaves the supported range.
std::optional<DayNumber> add_months(DayNumber day, std::int64_t months);
// A day with its calendar fields worked out once: the evaluation date, to which every age is
// counted. (Implicit, so a plain day number will do where speed does not matter.)
struct SplitDay {
  DayNumber day;
  YearMonthDay fields;
  SplitDay(DayNumber d);
};

// The largest n with add_months(from, n) <= to (negative when `to` is before `from`).
std::int64_t completed_months(DayNumber from, const SplitDay& to);

inline MonthNumber month_of(DayNumber day) {
  YearMonthDay ymd = split(day);
  return ymd.year * 12 + (ymd.month - 1);
}
DayNumber first_day_of(MonthNumber month);
int days_in_month(MonthNumber month);
DayNumber start_of_month(DayNumber day);

}  // namespace regla::calendar
