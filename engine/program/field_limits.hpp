// What a value must be beyond its type, and the one check of it: the constraints of a shape field
// (checked on every record) or of a table column (checked on every cell).
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/program/types.hpp"
#include "engine/program/value.hpp"

namespace regla {

// Text longer than this is refused in any shape field that does not set its own `at most N
// characters`, so that no record can carry megabytes in an id or a code.
constexpr std::uint64_t default_max_text_characters = 1000;

struct FieldLimits {
  // Numbers: the bounds, held as the field's values are (a percent as a fraction), and as written
  // for messages ("at least 0 PEN").
  std::optional<Value> at_least, at_most;
  std::string at_least_text, at_most_text;
  // Text: its length in characters; lists: how many elements.
  std::uint64_t min_size = 0;
  std::uint64_t max_size = UINT64_MAX;
  std::uint32_t digits = 0;  // text that is exactly this many digits 0-9; 0: any text
};

// Why `text` does not meet `limits` (`quoted()` shows it in the message), or nothing when it
// does. One pass over the text, so hostile records cost time in proportion to their length.
template <typename Quoted>
std::optional<std::string> text_limits_problem(std::string_view text, const FieldLimits& limits,
                                               const Quoted& quoted) {
  if (limits.digits) {
    bool digits = text.size() == limits.digits && std::all_of(text.begin(), text.end(), [](char c) {
                    return c >= '0' && c <= '9';
                  });
    if (digits) return std::nullopt;
    return quoted() + " is not " + std::to_string(limits.digits) +
           (limits.digits == 1 ? " digit" : " digits");
  }
  // Characters, not bytes: every byte but a UTF-8 continuation byte starts one. Text has at
  // most as many characters as bytes, so short text needs no count.
  auto characters = [&text] {
    return static_cast<std::uint64_t>(std::count_if(text.begin(), text.end(), [](char c) {
      return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
  };
  auto counted = [](std::uint64_t n) {
    return std::to_string(n) + (n == 1 ? " character" : " characters");
  };
  if (text.size() > limits.max_size) {
    std::uint64_t count = characters();
    if (count > limits.max_size) {
      return quoted() + " has " + counted(count) + " (at most " + std::to_string(limits.max_size) +
             " are allowed)";
    }
  }
  if (limits.min_size > 0 && (text.size() < limits.min_size || characters() < limits.min_size)) {
    if (text.empty()) return "'' is empty (it needs at least " + counted(limits.min_size) + ")";
    return quoted() + " has " + counted(characters()) + " (it needs at least " +
           std::to_string(limits.min_size) + ")";
  }
  return std::nullopt;
}

// Why a number of kind `kind` does not meet the bounds of `limits` (`shown()` shows it), or
// nothing when it does.
template <typename Shown>
std::optional<std::string> number_limits_problem(const Value& number, Kind kind,
                                                 const FieldLimits& limits, const Shown& shown) {
  bool integer = is_integer_like(kind);
  auto below = [&](const Value& a, const Value& b) {
    return integer ? a.integer < b.integer : a.decimal < b.decimal;
  };
  if (limits.at_least && below(number, *limits.at_least))
    return shown() + " is too small (it must be " + limits.at_least_text + ")";
  if (limits.at_most && below(*limits.at_most, number))
    return shown() + " is too large (it must be " + limits.at_most_text + ")";
  return std::nullopt;
}

}  // namespace regla
