// The checker's pass over the constraints of shape fields and table columns (`at least 0 PEN`,
// `at most 20 characters`, `6 digits`): each must suit its field's type, and together they must
// leave some value possible. The result is what the loader enforces on every record, and the
// table reader on every cell.
#include <algorithm>
#include <charconv>

#include "dsl/formatter.hpp"
#include "engine/check/checker_internal.hpp"

namespace regla::checking {
namespace {

// The unit a bound of this kind of number is written in.
ast::Unit unit_of(Kind kind) {
  switch (kind) {
    case Kind::money:
      return ast::Unit::pen;
    case Kind::percent:
      return ast::Unit::percent;
    case Kind::days:
      return ast::Unit::days;
    case Kind::months:
      return ast::Unit::months;
    case Kind::years:
      return ast::Unit::years;
    default:
      return ast::Unit::none;
  }
}

std::optional<std::uint64_t> whole_count(const std::string& digits) {
  std::uint64_t count = 0;
  const char* end = digits.data() + digits.size();
  auto result = std::from_chars(digits.data(), end, count);
  if (result.ec != std::errc() || result.ptr != end) return std::nullopt;
  return count;
}

bool less(const Value& a, const Value& b, Kind kind) {
  return is_integer_like(kind) ? a.integer < b.integer : a.decimal < b.decimal;
}

std::string quoted(const ast::FieldConstraint& constraint) {
  return "'" + format_constraint(constraint) + "'";
}

}  // namespace

FieldLimits Checker::field_limits(const ConstrainedField& field, const Type& type) {
  FieldLimits limits;
  if (type.kind == Kind::text) limits.max_size = field.max_text_characters;
  const ast::FieldConstraint* lower = nullptr;
  const ast::FieldConstraint* upper = nullptr;
  const ast::FieldConstraint* pattern = nullptr;
  for (const ast::FieldConstraint& constraint : field.constraints) {
    const ast::FieldConstraint*& same_kind =
        constraint.kind == ast::ConstraintKind::at_least  ? lower
        : constraint.kind == ast::ConstraintKind::at_most ? upper
                                                          : pattern;
    if (same_kind) {
      auto& d = error(DiagnosticCode::repeated_constraint, constraint.range,
                      quoted(constraint) + " repeats " + quoted(*same_kind) +
                          "; a field takes one of each kind of constraint");
      d.notes.push_back({same_kind->range, "the first one"});
      continue;
    }
    if (apply_constraint(field, constraint, type, limits)) same_kind = &constraint;
  }
  // Reported at the later of the two, in source order.
  auto contradiction = [&](const ast::FieldConstraint* a, const ast::FieldConstraint* b,
                           const std::string& why) {
    if (b->range.begin < a->range.begin) std::swap(a, b);
    auto& d = error(DiagnosticCode::contradictory_constraints, b->range,
                    quoted(*a) + " and " + quoted(*b) + " contradict each other: " + why);
    d.notes.push_back({a->range, "the other constraint"});
  };
  if (lower && upper) {
    bool empty = limits.at_least && limits.at_most
                     ? less(*limits.at_most, *limits.at_least, type.kind)
                     : limits.min_size > limits.max_size;
    if (empty) contradiction(lower, upper, "no value can satisfy both");
  }
  if (pattern && (lower || upper)) {
    contradiction(pattern, lower ? lower : upper,
                  "'N digits' already fixes the length of the text");
  }
  if (lower && !upper && type.kind == Kind::text && limits.min_size > limits.max_size) {
    error(DiagnosticCode::contradictory_constraints, lower->range,
          quoted(*lower) + " is more than the " + std::to_string(field.max_text_characters) +
              " characters text may have unless its field says otherwise; add 'at most N "
              "characters'");
  }
  if (upper && field.is_id && limits.max_size == 0) {
    error(DiagnosticCode::contradictory_constraints, upper->range,
          quoted(*upper) + " leaves only empty text, and an 'id' field cannot be empty");
  }
  // Whatever its constraints say, no record or member is named by nothing.
  if (type.kind == Kind::text && field.is_id)
    limits.min_size = std::max<std::uint64_t>(limits.min_size, 1);
  return limits;
}

// Records one constraint in `limits`, or reports why it does not suit the field.
bool Checker::apply_constraint(const ConstrainedField& field,
                               const ast::FieldConstraint& constraint, const Type& type,
                               FieldLimits& limits) {
  auto refuse = [&](const std::string& why) {
    error(DiagnosticCode::invalid_constraint, constraint.range, why);
    return false;
  };
  const std::string field_is = "'" + field.name + "' is " + describe(type.as_present());
  const std::string& digits = constraint.amount.digits;
  if (constraint.kind == ast::ConstraintKind::digits) {
    if (type.kind != Kind::text)
      return refuse(quoted(constraint) + " is a pattern for text, but " + field_is);
    std::optional<std::uint64_t> count = whole_count(digits);
    if (!count || *count == 0 || *count > default_max_text_characters) {
      return refuse("the number of digits must be from 1 to " +
                    std::to_string(default_max_text_characters));
    }
    limits.digits = static_cast<std::uint32_t>(*count);
    return true;
  }
  bool is_lower = constraint.kind == ast::ConstraintKind::at_least;
  if (type.kind == Kind::text || type.kind == Kind::list) {
    const char* counted = type.kind == Kind::text ? "characters" : "elements";
    if (type.kind == Kind::text && !constraint.in_characters) {
      return refuse("text is bounded by its length: write '" +
                    std::string(is_lower ? "at least " : "at most ") + digits + " characters'");
    }
    if (type.kind == Kind::list &&
        (constraint.in_characters || constraint.amount.unit != ast::Unit::none)) {
      return refuse("a list is bounded by how many elements it has, as in 'at least 1'");
    }
    if (constraint.amount.unit != ast::Unit::none)
      return refuse("a number of characters has no unit, as in 'at most 20 characters'");
    std::optional<std::uint64_t> count = whole_count(digits);
    if (!count) return refuse("'" + digits + "' is not a whole number of " + counted);
    (is_lower ? limits.min_size : limits.max_size) = *count;
    return true;
  }
  if (!is_number_like(type.kind)) {
    return refuse(field_is + ", which takes no bounds: only numbers, text and lists do");
  }
  if (constraint.in_characters)
    return refuse("'characters' bound the length of text, but " + field_is);
  ast::Unit expected = unit_of(type.kind);
  if (constraint.amount.unit != expected &&
      !(constraint.amount.unit == ast::Unit::none && expected != ast::Unit::percent)) {
    std::string written = constraint.amount.unit == ast::Unit::none
                              ? "a bare number"
                              : std::string("in ") + ast::spelling_of(constraint.amount.unit);
    ast::FieldConstraint example = constraint;
    example.amount.unit = expected;
    return refuse("the bound is " + written + ", but " + field_is + ": write " + quoted(example));
  }
  const char* end = digits.data() + digits.size();
  Value bound;
  if (is_integer_like(type.kind)) {
    std::int64_t whole = 0;
    auto result = std::from_chars(digits.data(), end, whole);
    if (result.ec != std::errc() || result.ptr != end)
      return refuse(field_is + ", so its bound is a whole number (in range), not '" + digits + "'");
    bound = Value::of_integer(whole);
  } else {
    double number = 0;
    auto result = std::from_chars(digits.data(), end, number);
    if (result.ec != std::errc() || result.ptr != end)
      return refuse("'" + digits + "' is not a number regla can hold");
    bound = Value::of_decimal(type.kind == Kind::percent ? number / 100 : number);
  }
  std::string written = format_constraint(constraint);
  if (is_lower) {
    limits.at_least = bound;
    limits.at_least_text = written;
  } else {
    limits.at_most = bound;
    limits.at_most_text = written;
  }
  return true;
}

}  // namespace regla::checking
