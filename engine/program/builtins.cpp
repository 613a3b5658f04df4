// The table of built-in functions (builtins.hpp): each entry's signature and evaluations are the
// functions just above it.
#include "engine/program/builtins.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "engine/program/operations.hpp"

namespace regla::builtins {
namespace {

namespace ops = operations;

Typing accepted(Type result, Evaluation evaluation) {
  return {result, evaluation, {}, std::nullopt};
}

Typing refused(std::string message, std::optional<std::size_t> culprit) {
  return {Type::of(Kind::error), nullptr, std::move(message), culprit};
}

// Every argument of `kind`, else an error at the first that is not: "'name' needs WHAT, but
// this is ...".
std::optional<Typing> unless_all(Kind kind, const char* what, std::string_view name,
                                 std::span<const Type> arguments, const Describe& describe) {
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    if (arguments[i].kind != kind) {
      return refused(
          "'" + std::string(name) + "' needs " + what + ", but this is " + describe(arguments[i]),
          i);
    }
  }
  return std::nullopt;
}

calendar::DayNumber day(const Value& value) {
  return static_cast<calendar::DayNumber>(value.integer);
}

// Ages: from a date to the evaluation date.

Value age_days(std::span<const Value> a, const calendar::SplitDay& as_of) {
  return Value::of_integer(std::int64_t{as_of.day} - day(a[0]));
}
Value age_months(std::span<const Value> a, const calendar::SplitDay& as_of) {
  return Value::of_integer(calendar::completed_months(day(a[0]), as_of));
}
Value age_years(std::span<const Value> a, const calendar::SplitDay& as_of) {
  return Value::of_integer(ops::completed_years(calendar::completed_months(day(a[0]), as_of)));
}

template <Kind result, Evaluation evaluation>
Typing age(std::string_view name, std::span<const Type> arguments, const Describe& describe) {
  if (auto error =
          unless_all(Kind::date, "a date (usually a birth date)", name, arguments, describe))
    return *error;
  return accepted(Type::of(result), evaluation);
}

// Spans between two dates.

Value days_between(std::span<const Value> a, const calendar::SplitDay&) {
  return Value::of_integer(std::int64_t{day(a[1])} - day(a[0]));
}
Value months_between(std::span<const Value> a, const calendar::SplitDay&) {
  return Value::of_integer(calendar::completed_months(day(a[0]), day(a[1])));
}
Value years_between(std::span<const Value> a, const calendar::SplitDay&) {
  return Value::of_integer(ops::completed_years(calendar::completed_months(day(a[0]), day(a[1]))));
}

template <Kind result, Evaluation evaluation>
Typing between(std::string_view name, std::span<const Type> arguments, const Describe& describe) {
  if (auto error = unless_all(Kind::date, "dates", name, arguments, describe)) return *error;
  return accepted(Type::of(result), evaluation);
}

// Months of a date.

Value start_of_month(std::span<const Value> a, const calendar::SplitDay&) {
  return Value::of_integer(calendar::start_of_month(day(a[0])));
}
Value month_of(std::span<const Value> a, const calendar::SplitDay&) {
  return Value::of_integer(calendar::month_of(day(a[0])));
}

template <Kind result, Evaluation evaluation>
Typing of_a_date(std::string_view name, std::span<const Type> arguments, const Describe& describe) {
  if (auto error = unless_all(Kind::date, "a date", name, arguments, describe)) return *error;
  return accepted(Type::of(result), evaluation);
}

// Orderings of numbers, dates and months (their arguments are alike: one type).

Value min_integer(std::span<const Value> a, const calendar::SplitDay&) {
  return Value::of_integer(std::min(a[0].integer, a[1].integer));
}
Value max_integer(std::span<const Value> a, const calendar::SplitDay&) {
  return Value::of_integer(std::max(a[0].integer, a[1].integer));
}
Value min_decimal(std::span<const Value> a, const calendar::SplitDay&) {
  return Value::of_decimal(std::min(a[0].decimal, a[1].decimal));
}
Value max_decimal(std::span<const Value> a, const calendar::SplitDay&) {
  return Value::of_decimal(std::max(a[0].decimal, a[1].decimal));
}
// min(max(x, low), high): defined for every argument, high winning when low is above it.
Value clamp_integer(std::span<const Value> a, const calendar::SplitDay&) {
  return Value::of_integer(std::min(std::max(a[0].integer, a[1].integer), a[2].integer));
}
Value clamp_decimal(std::span<const Value> a, const calendar::SplitDay&) {
  return Value::of_decimal(std::min(std::max(a[0].decimal, a[1].decimal), a[2].decimal));
}

template <Evaluation on_integers, Evaluation on_decimals>
Typing ordering(std::string_view name, std::span<const Type> arguments, const Describe& describe) {
  Kind kind = arguments[0].kind;
  if (!is_number_like(kind) && kind != Kind::date && kind != Kind::month) {
    return refused(
        "'" + std::string(name) + "' needs numbers, dates or months, not " + describe(arguments[0]),
        std::nullopt);
  }
  return accepted(Type::of(kind), is_decimal_like(kind) ? on_decimals : on_integers);
}

// Rounding a decimal to a whole number; a whole number is already rounded.

Value floor(std::span<const Value> a, const calendar::SplitDay&) {
  return Value::of_integer(ops::to_whole(std::floor(a[0].decimal)));
}
Value ceil(std::span<const Value> a, const calendar::SplitDay&) {
  return Value::of_integer(ops::to_whole(std::ceil(a[0].decimal)));
}

template <Evaluation evaluation>
Typing rounding(std::string_view name, std::span<const Type> arguments, const Describe& describe) {
  if (is_integer_like(arguments[0].kind)) return accepted(arguments[0], nullptr);
  if (arguments[0].kind != Kind::decimal) {
    return refused(
        "'" + std::string(name) + "' needs a decimal number, not " + describe(arguments[0]), 0);
  }
  return accepted(Type::of(Kind::integer), evaluation);
}

// Magnitudes: a number without its sign, in its unit.

Value abs_integer(std::span<const Value> a, const calendar::SplitDay&) {
  return Value::of_integer(a[0].integer < 0 ? ops::negate(a[0].integer) : a[0].integer);
}
Value abs_decimal(std::span<const Value> a, const calendar::SplitDay&) {
  return Value::of_decimal(std::fabs(a[0].decimal));
}

Typing magnitude(std::string_view name, std::span<const Type> arguments, const Describe& describe) {
  Kind kind = arguments[0].kind;
  if (!is_number_like(kind)) {
    return refused(
        "'" + std::string(name) + "' needs a number, but this is " + describe(arguments[0]), 0);
  }
  return accepted(Type::of(kind), is_decimal_like(kind) ? abs_decimal : abs_integer);
}

// Intervals.

Value overlaps(std::span<const Value> a, const calendar::SplitDay&) {
  Value::Interval i = a[0].interval, j = a[1].interval;
  return Value::of_bool(i.start < i.end && j.start < j.end && i.start < j.end && j.start < i.end);
}

Typing of_intervals(std::string_view name, std::span<const Type> arguments,
                    const Describe& describe) {
  if (auto error = unless_all(Kind::interval, "intervals", name, arguments, describe))
    return *error;
  return accepted(Type::of(Kind::boolean), overlaps);
}

// Text.

Value starts_with(std::span<const Value> a, const calendar::SplitDay&) {
  std::string_view text = a[0].as_text(), prefix = a[1].as_text();
  return Value::of_bool(text.substr(0, prefix.size()) == prefix);
}
Value ends_with(std::span<const Value> a, const calendar::SplitDay&) {
  std::string_view text = a[0].as_text(), suffix = a[1].as_text();
  return Value::of_bool(text.size() >= suffix.size() &&
                        text.substr(text.size() - suffix.size()) == suffix);
}

template <Evaluation evaluation>
Typing of_texts(std::string_view name, std::span<const Type> arguments, const Describe& describe) {
  if (auto error = unless_all(Kind::text, "text", name, arguments, describe)) return *error;
  return accepted(Type::of(Kind::boolean), evaluation);
}

constexpr auto builtins = std::to_array<Builtin>({
    {"age_days", 1, false, age<Kind::days, age_days>, "age_days(d)",
     "completed days from `d` to `as_of`"},
    {"age_months", 1, false, age<Kind::months, age_months>, "age_months(d)",
     "completed months from `d` to `as_of`"},
    {"age_years", 1, false, age<Kind::years, age_years>, "age_years(d)",
     "completed years from `d` to `as_of`"},
    {"days_between", 2, false, between<Kind::days, days_between>, "days_between(a, b)",
     "days from `a` to `b`"},
    {"months_between", 2, false, between<Kind::months, months_between>, "months_between(a, b)",
     "completed months from `a` to `b`"},
    {"years_between", 2, false, between<Kind::years, years_between>, "years_between(a, b)",
     "completed years from `a` to `b`"},
    {"start_of_month", 1, false, of_a_date<Kind::date, start_of_month>, "start_of_month(d)",
     "the first day of `d`'s month"},
    {"month_of", 1, false, of_a_date<Kind::month, month_of>, "month_of(d)", "`d`'s month"},
    {"min", 2, true, ordering<min_integer, min_decimal>, "min(a, b)",
     "the smaller of two numbers, dates or months with the same unit"},
    {"max", 2, true, ordering<max_integer, max_decimal>, "max(a, b)",
     "the larger of two numbers, dates or months with the same unit"},
    {"clamp", 3, true, ordering<clamp_integer, clamp_decimal>, "clamp(x, low, high)",
     "`x` kept between `low` and `high` (numbers, dates or months with the same unit): "
     "`min(max(x, low), high)`"},
    {"floor", 1, false, rounding<floor>, "floor(x)", "a decimal rounded down to a whole number"},
    {"ceil", 1, false, rounding<ceil>, "ceil(x)", "a decimal rounded up to a whole number"},
    {"abs", 1, false, magnitude, "abs(x)",
     "`x` without its sign, in its unit: `abs(-3 PEN)` is `3 PEN`"},
    {"overlaps", 2, false, of_intervals, "overlaps(i, j)", "whether two intervals share a day"},
    {"starts_with", 2, false, of_texts<starts_with>, "starts_with(t, prefix)",
     "whether text starts with another (district codes: `starts_with(household.ubigeo, \"15\")`)"},
    {"ends_with", 2, false, of_texts<ends_with>, "ends_with(t, suffix)",
     "whether text ends with another"},
});

}  // namespace

std::span<const Builtin> table() {
  return builtins;
}

const Builtin* find(std::string_view name) {
  auto found = std::find_if(builtins.begin(), builtins.end(),
                            [&](const Builtin& builtin) { return builtin.name == name; });
  return found == builtins.end() ? nullptr : &*found;
}

}  // namespace regla::builtins
