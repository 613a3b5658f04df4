// A value at run time: 24 bytes, no heap. What the bits mean is known statically from the checked
// type, so a Value carries no type tag, only whether it is present.
#pragma once

#include <cstdint>
#include <string_view>

namespace regla {

struct Value {
  struct Interval {
    std::int32_t start;  // day numbers, half-open
    std::int32_t end;
  };
  struct Text {
    const char* data;
    std::uint32_t size;
  };
  struct List {
    std::uint32_t first;  // first row of the element shape
    std::uint32_t count;
  };

  union {
    std::int64_t integer;  // integers, durations, bools, enums, dates, months, object rows
    double decimal;        // decimals, money, percents (as fractions)
    Interval interval;
    Text text;
    List list;
  };
  bool present = true;

  Value() : integer(0) {}

  static Value missing() {
    Value v;
    v.present = false;
    return v;
  }
  static Value of_integer(std::int64_t i) {
    Value v;
    v.integer = i;
    return v;
  }
  static Value of_bool(bool b) { return of_integer(b ? 1 : 0); }
  static Value of_decimal(double d) {
    Value v;
    v.decimal = d;
    return v;
  }
  static Value of_text(std::string_view s) {
    Value v;
    v.text = {s.data(), static_cast<std::uint32_t>(s.size())};
    return v;
  }
  static Value of_interval(std::int32_t start, std::int32_t end) {
    Value v;
    v.interval = {start, end};
    return v;
  }
  static Value of_list(std::uint32_t first, std::uint32_t count) {
    Value v;
    v.list = {first, count};
    return v;
  }

  bool as_bool() const { return integer != 0; }
  std::string_view as_text() const { return {text.data, text.size}; }
};

}  // namespace regla
