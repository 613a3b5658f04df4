// Calendar arithmetic exactly as docs/policy.md ("Dates and ages") defines it: adding months keeps
// the day or clamps to the month's last day, ages are completed units, intervals are half-open.
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

// Reading dates is inline: the loader reads every date of every record.
namespace detail {

// Julian day number (Boost.Date_Time's day number) of 1970-01-01, the epoch of Hinnant's formulas.
constexpr std::int32_t julian_day_of_1970_01_01 = 2440588;

// H. Hinnant's days_from_civil: days from 1970-01-01 to a valid date of a year >= 1.
inline std::int32_t days_from_civil(int year, int month, int day) {
  year -= month <= 2;
  const int era = year / 400;
  const int year_of_era = year - era * 400;
  const int day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

inline int month_length(int year, int month) {
  if (month == 2) return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28;
  return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
}

// Exactly `count` digits at text[at...] as a number; -1 if any is not a digit.
inline int read_digits(std::string_view text, std::size_t at, std::size_t count) {
  int value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    char c = text[at + i];
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace detail

// nullopt when (year, month, day) is not a calendar date in [1400-01-01, 9999-12-31].
inline std::optional<DayNumber> make_date(int year, int month, int day) {
  if (year < min_year || year > max_year || month < 1 || month > 12 || day < 1 ||
      day > detail::month_length(year, month)) {
    return std::nullopt;
  }
  return detail::days_from_civil(year, month, day) + detail::julian_day_of_1970_01_01;
}
inline std::optional<MonthNumber> make_month(int year, int month) {
  if (year < min_year || year > max_year || month < 1 || month > 12) return std::nullopt;
  return year * 12 + (month - 1);
}
YearMonthDay split(DayNumber day);

// "YYYY-MM-DD" and "YYYY-MM", nothing else.
inline std::optional<DayNumber> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int year = detail::read_digits(text, 0, 4), month = detail::read_digits(text, 5, 2),
      day = detail::read_digits(text, 8, 2);
  if (year < 0 || month < 0 || day < 0) return std::nullopt;
  return make_date(year, month, day);
}
inline std::optional<MonthNumber> parse_month(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  int year = detail::read_digits(text, 0, 4), month = detail::read_digits(text, 5, 2);
  if (year < 0 || month < 0) return std::nullopt;
  return make_month(year, month);
}
// YYYY-MM-DD and YYYY-MM. The write_ forms fill `out` (room for max_date_text characters) without
// allocating, for the JSON writers, and return the end of what they wrote.
constexpr std::size_t max_date_text = 24;
char* write_date(DayNumber day, char* out);
char* write_month(MonthNumber month, char* out);
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
