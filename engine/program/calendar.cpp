// Day numbers are Boost.Date_Time's (Julian day numbers); month arithmetic here takes month
// lengths from Boost. Reading a date (calendar.hpp) and splitting one (civil_from_days here) are
// closed forms with their own month lengths, because a registry run converts millions of dates and
// Boost's validating constructors cost several times more; calendar_test checks both against Boost
// on every day of the range.
// Month addition follows the policy's clamping rule (Boost's own month arithmetic snaps
// month-ends, which the policy does not).
#include "engine/program/calendar.hpp"

#include <algorithm>
#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <charconv>

namespace regla::calendar {
namespace {

using Calendar = boost::gregorian::gregorian_calendar;

// H. Hinnant's civil_from_days: the date `days` after 1970-01-01 (days >= -719468).
YearMonthDay civil_from_days(std::int32_t days) {
  days += 719468;
  const int era = days / 146097;
  const int day_of_era = days - era * 146097;
  const int year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int shifted_month = (5 * day_of_year + 2) / 153;  // March is 0
  const int day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
  const int month = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
  return {year_of_era + era * 400 + (month <= 2), month, day};
}

void write_digits(int value, int count, char* out) {
  for (int i = count - 1; i >= 0; --i, value /= 10)
    out[i] = static_cast<char>('0' + value % 10);
}

// Four digits, as in the supported years; an interval's end can be the day after the last one.
char* write_year(int year, char* out) {
  if (year < 0 || year > 9999) return std::to_chars(out, out + 12, year).ptr;
  write_digits(year, 4, out);
  return out + 4;
}

}  // namespace

YearMonthDay split(DayNumber day) {
  // Ages are computed several times from the same birth date (age in years, in months, ...):
  // each thread remembers the last day it split.
  thread_local DayNumber last_day = -1;
  thread_local YearMonthDay last_fields{};
  if (day != last_day) {
    last_fields = civil_from_days(day - detail::julian_day_of_1970_01_01);
    last_day = day;
  }
  return last_fields;
}

char* write_date(DayNumber day, char* out) {
  YearMonthDay ymd = split(day);
  out = write_year(ymd.year, out);
  *out++ = '-';
  write_digits(ymd.month, 2, out);
  out[2] = '-';
  write_digits(ymd.day, 2, out + 3);
  return out + 5;
}

char* write_month(MonthNumber month, char* out) {
  out = write_year(month / 12, out);
  *out++ = '-';
  write_digits(month % 12 + 1, 2, out);
  return out + 2;
}

std::string format_date(DayNumber day) {
  char text[max_date_text];
  return std::string(text, write_date(day, text));
}

std::string format_month(MonthNumber month) {
  char text[max_date_text];
  return std::string(text, write_month(month, text));
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

SplitDay::SplitDay(DayNumber d) : day(d), fields(split(d)) {}

std::int64_t completed_months(DayNumber from, const SplitDay& to) {
  YearMonthDay a = split(from), b = to.fields;
  std::int64_t n = (static_cast<std::int64_t>(b.year) - a.year) * 12 + (b.month - a.month);
  // add_months(from, n) falls in to's month, on from's day clamped to that month's length.
  int last_day = Calendar::end_of_month_day(static_cast<unsigned short>(b.year),
                                            static_cast<unsigned short>(b.month));
  if (std::min(a.day, last_day) > b.day) --n;
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
