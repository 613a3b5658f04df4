// Habits that administrators bring from Spanish and from other languages (`==`, dates written
// 19/10/2011, `y` and `o` for and/or): a syntax error at one of them is told what to write instead.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace regla {

struct HabitHint {
  std::uint32_t begin, end;  // the bytes of the habit in the text
  std::string message;
};

// The hint for a syntax error found at text[at], when a known habit is there.
std::optional<HabitHint> habit_at(std::string_view text, std::size_t at);

}  // namespace regla
