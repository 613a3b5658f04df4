// Boost.Date_Time supplies day numbers and month lengths; month addition follows the policy's
// clamping rule (Boost's own month arithmetic snaps month-ends, which the policy does not).
#include "engine/calendar.hpp"

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <cstdio>

namespace regla::calendar {
namespace {

using Calendar = boost::gregorian::gregorian_calendar;

int digit_value(char c) {
  return c >= '0' && c <= '9' ? c - '0' : -1;
}

// Reads exactly `count` digits at text[at...]; -1 if any is not a digit.
int read_digits(std::string_view text, std::size_t at, std::size_t count) {
  int value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    int digit = digit_value(text[at + i]);
    if (digit < 0) return -1;
    value = value * 10 + digit;
  }
  return value;
}

}  // namespace

std::optional<DayNumber> make_date(int year, int month, int day) {
  if (year < min_year || year > max_year || month < 1 || month > 12 || day < 1) return std::nullopt;
  if (day > Calendar::end_of_month_day(static_cast<unsigned short>(year),
                                       static_cast<unsigned short>(month))) {
    return std::nullopt;
  }
  Calendar::ymd_type ymd(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
                         static_cast<unsigned short>(day));
  return static_cast<DayNumber>(Calendar::day_number(ymd));
}

std::optional<MonthNumber> make_month(int year, int month) {
  if (year < min_year || year > max_year || month < 1 || month > 12) return std::nullopt;
  return year * 12 + (month - 1);
}

YearMonthDay split(DayNumber day) {
  Calendar::ymd_type ymd = Calendar::from_day_number(static_cast<Calendar::date_int_type>(day));
  return {static_cast<int>(ymd.year), static_cast<int>(ymd.month), static_cast<int>(ymd.day)};
}

std::optional<DayNumber> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int year = read_digits(text, 0, 4), month = read_digits(text, 5, 2),
      day = read_digits(text, 8, 2);
  if (year < 0 || month < 0 || day < 0) return std::nullopt;
  return make_date(year, month, day);
}

std::optional<MonthNumber> parse_month(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  int year = read_digits(text, 0, 4), month = read_digits(text, 5, 2);
  if (year < 0 || month < 0) return std::nullopt;
  return make_month(year, month);
}

std::string format_date(DayNumber day) {
  YearMonthDay ymd = split(day);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", ymd.year, ymd.month, ymd.day);
  return buffer;
}

std::string format_month(MonthNumber month) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d", month / 12, month % 12 + 1);
  return buffer;
}

std::optional<DayNumber> add_months(DayNumber day, std::int64_t months) {
  YearMonthDay ymd = split(day);
  std::int64_t target = static_cast<std::int64_t>(ymd.year) * 12 + (ymd.month - 1) + months;
  if (target < std::int64_t{min_year} * 12 || target > std::int64_t{max_year} * 12 + 11) {
    return std::nullopt;
  }
  int year = static_cast<int>(target / 12);
  int month = static_cast<int>(target % 12) + 1;
  int last_day = Calendar::end_of_month_day(static_cast<unsigned short>(year),
                                            static_cast<unsigned short>(month));
  return make_date(year, month, std::min(ymd.day, last_day));
}

std::int64_t completed_months(DayNumber from, DayNumber to) {
  YearMonthDay a = split(from), b = split(to);
  std::int64_t n = (static_cast<std::int64_t>(b.year) - a.year) * 12 + (b.month - a.month);
  std::optional<DayNumber> reached = add_months(from, n);
  if (!reached || *reached > to) --n;
  return n;
}

DayNumber first_day_of(MonthNumber month) {
  return *make_date(month / 12, month % 12 + 1, 1);
}

int days_in_month(MonthNumber month) {
  return Calendar::end_of_month_day(static_cast<unsigned short>(month / 12),
                                    static_cast<unsigned short>(month % 12 + 1));
}

DayNumber start_of_month(DayNumber day) {
  YearMonthDay ymd = split(day);
  return *make_date(ymd.year, ymd.month, 1);
}

}  // namespace regla::calendar
