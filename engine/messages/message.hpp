// The engine's own words (not the rules' labels, which come from the rule files): one key per
// message, and a language as a table holding a text for every key. A text may have placeholders
// {0} to {9}, filled by messages::fill in the order the code passes the values.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace regla::messages {

enum class Message : std::uint8_t {
  // The explanation as text (engine/render/explanation_text.cpp).
  no,
  does_not_apply,
  not_in_force,
  granted_by,
  refused_by,
  also,
  cannot_evaluate,
  every,
  at_least_one,
  one_of,
  applies_when,
  waiver,
  exception,
  values,
  needs_more,  // {0}: how many more
  too_many,    // {0}: how many too many
  needs_at_least,
  needs_at_most,
  not_word,
  none,
  // Values in explanations (engine/render/explanation_values.cpp).
  yes,
  missing,
  recorded,
  empty_interval,
  interval,  // {0} to {1}: the first and last day
  items,     // {0}: how many
  one_day,   // {0}: 1 or -1
  days,      // {0}: any other count
  one_month,
  months,
  one_year,
  years,
  evaluation_date,
  // `regla explain` (engine/run/household_evaluator.cpp).
  household_heading,  // {0}: household id, {1}: evaluation date, {2}: start of the rules' hash
  member_heading,     // {0}: member id
  record_rejected,    // {0}: line number, {1}: why
  explanation_stops,  // {0}: what the record needs (budget_exceeded)
  budget_exceeded,    // {0}: the budget's steps; follows "the record "
  // The caseworker's note (engine/render/caseworker_note*.cpp).
  see_above,
  members_heading,  // {0}: the members, each as in member_heading
  missing_fact,
  missing_field,   // {0}: the field's name
  requires_equal,  // {0}: the value needed
  requires_not_equal,
  requires_less,
  requires_at_most,
  requires_more,
  requires_at_least,
  requires_before,  // {0}: a date
  requires_on_or_before,
  requires_after,
  requires_on_or_after,
  short_by_one,  // {0}: 1
  short_by,      // {0}: how many, more than 1
  over_by_one,   // {0}: 1
  over_by,
  outside,       // {0}: a date or month, {1}: the interval
  not_in_table,  // {0}: the key
  not_accepted,  // {0}: the value
  date,          // {0}: day, {1}: month name, {2}: year
  month,         // {0}: month name, {1}: year
  money,         // {0}: amount with two decimals
  month_1,
  month_2,
  month_3,
  month_4,
  month_5,
  month_6,
  month_7,
  month_8,
  month_9,
  month_10,
  month_11,
  month_12,
  head_male,
  head_female,
  spouse_male,
  spouse_female,
  child_male,
  child_female,
  grandchild_male,
  grandchild_female,
  parent_male,
  parent_female,
  other_male,
  other_female,
  age_one_year,  // {0}: 1
  age_years,
  age_one_month,
  age_months,
  age_one_day,
  age_days,
};
// The last key above: every language has this many messages.
inline constexpr std::size_t message_count = static_cast<std::size_t>(Message::age_days) + 1;

struct Wording {
  Message message;
  std::string_view text;
};

class Language {
 public:
  // A language must give every message exactly once, or its table does not compile.
  template <std::size_t count>
  consteval Language(std::string_view code, const Wording (&wordings)[count]) : code_(code) {
    static_assert(count == message_count, "a language gives every message exactly once");
    std::array<bool, message_count> given{};
    for (const Wording& wording : wordings) {
      auto index = static_cast<std::size_t>(wording.message);
      // Throwing is not a constant expression, so a message given twice is a compile error.
      if (given[index]) throw "a language gives a message twice";
      given[index] = true;
      texts_[index] = wording.text;
    }
  }

  // The code --lang and EvaluationOptions::language name it by, such as "es".
  constexpr std::string_view code() const { return code_; }
  constexpr std::string_view operator[](Message message) const {
    return texts_[static_cast<std::size_t>(message)];
  }

 private:
  std::string_view code_;
  std::array<std::string_view, message_count> texts_{};
};

}  // namespace regla::messages
