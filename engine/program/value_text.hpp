// How text that should be a value of some kind, and is not, is reported wherever text is read as a
// typed value: record fields, table cells, literals in rule files, dates on the command line. One
// phrase per kind, so an administrator meets the same words for the same mistake everywhere.
#pragma once

#include <string>
#include <string_view>

#include "engine/program/types.hpp"

namespace regla {

// What text of `kind` looks like: "a calendar date (YYYY-MM-DD, years 1400 to 9999)".
inline std::string_view value_form(Kind kind) {
  switch (kind) {
    case Kind::date:
      return "a calendar date (YYYY-MM-DD, years 1400 to 9999)";
    case Kind::month:
      return "a month (YYYY-MM)";
    case Kind::boolean:
      return "true or false";
    case Kind::percent:
      return "a percent such as 85%";
    default:
      return is_integer_like(kind) ? "a whole number" : "a number";
  }
}

// "'2026-02-30' is not a calendar date (YYYY-MM-DD, years 1400 to 9999)"; `shown`: the text as the
// reader quotes it.
inline std::string not_a_value(std::string_view shown, Kind kind) {
  return std::string(shown) + " is not " + std::string(value_form(kind));
}

}  // namespace regla
