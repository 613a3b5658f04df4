// Each habit is recognised from the text around the error alone, so the grammar stays as it is
// documented; only dates written day first need the grammar to stop at them (grammar.hpp).
#include "dsl/habits.hpp"

#include "dsl/lexical.hpp"

namespace regla {
namespace {

std::size_t digits_at(std::string_view text, std::size_t at) {
  std::size_t end = at;
  while (end < text.size() && text[end] >= '0' && text[end] <= '9')
    ++end;
  return end - at;
}

// 19/10/2011 (or 1/9/2011): day, month and year, each after a '/'.
std::optional<HabitHint> day_first_date(std::string_view text, std::size_t at) {
  std::size_t day = digits_at(text, at);
  if (day < 1 || day > 2 || at + day >= text.size() || text[at + day] != '/') return std::nullopt;
  std::size_t month_at = at + day + 1;
  std::size_t month = digits_at(text, month_at);
  if (month < 1 || month > 2 || month_at + month >= text.size() || text[month_at + month] != '/')
    return std::nullopt;
  std::size_t year_at = month_at + month + 1;
  if (digits_at(text, year_at) != 4) return std::nullopt;
  auto two = [](std::string_view digits) {
    return digits.size() == 1 ? "0" + std::string(digits) : std::string(digits);
  };
  std::string iso = std::string(text.substr(year_at, 4)) + "-" + two(text.substr(month_at, month)) +
                    "-" + two(text.substr(at, day));
  return HabitHint{static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(year_at + 4),
                   "dates are written YYYY-MM-DD: " + iso};
}

}  // namespace

std::optional<HabitHint> habit_at(std::string_view text, std::size_t at) {
  if (at >= text.size()) return std::nullopt;
  auto here = static_cast<std::uint32_t>(at);
  if (text[at] == '=' && at > 0 && text[at - 1] == '=') {
    return HabitHint{here - 1, here + 1, "use = to compare (a single '='), as in 'x = 3'"};
  }
  if (auto date = day_first_date(text, at)) return date;
  std::string_view word = text.substr(at, name_length_at(text, at));
  if (word == "y" || word == "o") {
    std::string english = word == "y" ? "and" : "or";
    return HabitHint{here, here + 1,
                     "conditions are joined with '" + english + "', not '" + std::string(word) +
                         "': write 'a " + english + " b'"};
  }
  return std::nullopt;
}

}  // namespace regla
