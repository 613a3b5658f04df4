// The types of the language. Quantities carry their unit in the type (days, months, years, money,
// percent) so the checker can refuse comparing a percent with money or days with years.
#pragma once

#include <cstdint>
#include <string>

namespace regla {

enum class Kind : std::uint8_t {
  error,  // the type of an expression that already produced a diagnostic
  boolean,
  integer,
  decimal,
  money,    // PEN
  percent,  // stored as a fraction: 85% is 0.85
  days,
  months,
  years,
  text,
  enumeration,
  date,
  month,
  interval,  // of dates, half-open
  object,    // a record of some shape, or a table row
  list,      // of objects of some shape
};

struct Type {
  Kind kind = Kind::error;
  bool optional = false;
  // enumeration: the enumeration's id; object and list: the shape's id.
  std::uint32_t id = 0;

  bool operator==(const Type&) const = default;

  static Type of(Kind kind, std::uint32_t id = 0) { return Type{kind, false, id}; }
  Type as_optional() const {
    Type t = *this;
    t.optional = true;
    return t;
  }
  Type as_present() const {
    Type t = *this;
    t.optional = false;
    return t;
  }
  bool same_ignoring_optional(const Type& other) const {
    return kind == other.kind && id == other.id;
  }
};

// How a value of this kind is held at run time.
inline bool is_integer_like(Kind kind) {
  return kind == Kind::integer || kind == Kind::days || kind == Kind::months || kind == Kind::years;
}
inline bool is_decimal_like(Kind kind) {
  return kind == Kind::decimal || kind == Kind::money || kind == Kind::percent;
}
inline bool is_number_like(Kind kind) {
  return is_integer_like(kind) || is_decimal_like(kind);
}
inline bool is_duration(Kind kind) {
  return kind == Kind::days || kind == Kind::months || kind == Kind::years;
}

const char* kind_name(Kind kind);

}  // namespace regla
