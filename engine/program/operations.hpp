// The primitive operations of evaluation, shared by the reference interpreter and the compiled
// evaluator (and the built-ins, builtins.cpp): checked integer arithmetic, calendar functions,
// comparisons. Each either returns a value or throws EvaluationError.
#pragma once

#include <algorithm>
#include <cmath>

#include "engine/program/calendar.hpp"
#include "engine/program/evaluation_error.hpp"
#include "engine/program/program.hpp"

namespace regla::operations {

[[noreturn]] inline void overflow() {
  throw EvaluationError{"a whole number grew past the largest one regla can hold"};
}

inline std::int64_t add(std::int64_t a, std::int64_t b) {
  std::int64_t r;
  if (__builtin_add_overflow(a, b, &r)) overflow();
  return r;
}
inline std::int64_t subtract(std::int64_t a, std::int64_t b) {
  std::int64_t r;
  if (__builtin_sub_overflow(a, b, &r)) overflow();
  return r;
}
inline std::int64_t multiply(std::int64_t a, std::int64_t b) {
  std::int64_t r;
  if (__builtin_mul_overflow(a, b, &r)) overflow();
  return r;
}
inline std::int64_t negate(std::int64_t a) {
  return subtract(0, a);
}

inline double finite(double d) {
  if (!std::isfinite(d)) throw EvaluationError{"a number grew past the largest one regla can hold"};
  return d;
}
inline double divide(double a, double b) {
  if (b == 0) throw EvaluationError{"division by zero"};
  return finite(a / b);
}

inline std::int64_t to_whole(double d) {
  // Doubles at or beyond 2^63 do not fit in an int64.
  if (!(d > -9.2233720368547758e18 && d < 9.2233720368547758e18)) overflow();
  return static_cast<std::int64_t>(d);
}

constexpr calendar::DayNumber first_supported_day = 2232400;  // 1400-01-01
constexpr calendar::DayNumber last_supported_day = 5373484;   // 9999-12-31

inline std::int64_t date(std::int64_t day) {
  if (day < first_supported_day || day > last_supported_day) {
    throw EvaluationError{"a date moved outside the years 1400 to 9999"};
  }
  return day;
}

inline std::int64_t date_plus_months(std::int64_t day, std::int64_t months) {
  if (months > 12 * 10000 || months < -12 * 10000)
    throw EvaluationError{"a date moved outside the years 1400 to 9999"};
  auto moved = calendar::add_months(static_cast<calendar::DayNumber>(day), months);
  if (!moved) throw EvaluationError{"a date moved outside the years 1400 to 9999"};
  return *moved;
}

inline std::int64_t month_plus_months(std::int64_t month, std::int64_t months) {
  std::int64_t moved = add(month, months);
  if (moved < std::int64_t{calendar::min_year} * 12 ||
      moved > std::int64_t{calendar::max_year} * 12 + 11) {
    throw EvaluationError{"a month moved outside the years 1400 to 9999"};
  }
  return moved;
}

// Completed years as completed months / 12, rounding down also for negative spans.
inline std::int64_t completed_years(std::int64_t months) {
  return months >= 0 ? months / 12 : -((-months + 11) / 12);
}

inline bool month_in_interval(std::int64_t month, Value::Interval interval) {
  calendar::DayNumber first = calendar::first_day_of(static_cast<calendar::MonthNumber>(month));
  calendar::DayNumber after =
      first + calendar::days_in_month(static_cast<calendar::MonthNumber>(month));
  return interval.start <= first && after <= interval.end;
}

// Whether two values of `type` are the same value (two missing values are): how one evaluation is
// checked against another, and how member ids are told apart.
inline bool same_value(const Type& type, const Value& a, const Value& b) {
  if (a.present != b.present) return false;
  if (!a.present) return true;
  if (is_decimal_like(type.kind)) return a.decimal == b.decimal;
  if (type.kind == Kind::text) return a.as_text() == b.as_text();
  if (type.kind == Kind::interval)
    return a.interval.start == b.interval.start && a.interval.end == b.interval.end;
  return a.integer == b.integer;
}

inline bool compare(Comparison comparison, const Value& a, const Value& b, Op op) {
  if (comparison == Comparison::equal || comparison == Comparison::not_equal) {
    bool equal;
    if (!a.present || !b.present) {
      equal = false;  // a missing value equals nothing
    } else if (op == Op::compare_text) {
      equal = a.as_text() == b.as_text();
    } else if (op == Op::compare_decimal) {
      equal = a.decimal == b.decimal;
    } else {
      equal = a.integer == b.integer;
    }
    return comparison == Comparison::equal ? equal : !equal;
  }
  int order;
  if (op == Op::compare_text) {
    int c = a.as_text().compare(b.as_text());
    order = c < 0 ? -1 : c > 0 ? 1 : 0;
  } else if (op == Op::compare_decimal) {
    order = a.decimal < b.decimal ? -1 : a.decimal > b.decimal ? 1 : 0;
  } else {
    order = a.integer < b.integer ? -1 : a.integer > b.integer ? 1 : 0;
  }
  switch (comparison) {
    case Comparison::less:
      return order < 0;
    case Comparison::less_equal:
      return order <= 0;
    case Comparison::greater:
      return order > 0;
    default:
      return order >= 0;
  }
}

// `set` is sorted by the checker; `representation` is the in_set node's index (0 integer, 1 text,
// 2 decimal).
inline bool in_set(const Value& value, const std::vector<Value>& set,
                   std::uint32_t representation) {
  if (!value.present) return false;
  for (const Value& element : set) {
    bool equal = representation == 1   ? element.as_text() == value.as_text()
                 : representation == 2 ? element.decimal == value.decimal
                                       : element.integer == value.integer;
    if (equal) return true;
  }
  return false;
}

}  // namespace regla::operations
