// regla's public API, part 2a: what evaluating one household record gives, as typed data. The
// JSON output lines of `regla eval` are one rendering of it (write_json_line).
//
//   const regla::Evaluation& result = evaluator.evaluate(json_line, 1);
//   if (result.error) std::cerr << *result.error;                    // rejected, and why
//   else if (const regla::Decision* d = result.find("juntos.compliant")) ...
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace regla {

using Date = std::chrono::year_month_day;
using Month = std::chrono::year_month;
// Days from `start` up to, not including, `end`.
struct DateRange {
  Date start;
  Date end;
  bool operator==(const DateRange&) const = default;
};

// A decision's type, as the rules declare it.
enum class DecisionType {
  boolean,
  integer,
  decimal,
  money,    // PEN
  percent,  // held as a fraction: 85% is 0.85
  days,
  months,
  years,
  text,
  enumeration,  // one of the enumeration's values, as text
  date,
  month,
  date_range,
};

// A decided value, by type: bool (boolean); std::int64_t (integer, days, months, years); double
// (decimal, money, percent); std::string (text, enumeration); Date; Month; DateRange.
// std::monostate: the decision has no value for this record (a rule whose result is optional).
using DecidedValue =
    std::variant<std::monostate, bool, std::int64_t, double, std::string, Date, Month, DateRange>;

struct Decision {
  std::string_view name;  // "juntos.compliant"; lives as long as the compiled rules
  DecisionType type = DecisionType::boolean;
  DecidedValue value;

  // For a boolean decision: whether it holds (false when it has no value).
  bool holds() const {
    const bool* verdict = std::get_if<bool>(&value);
    return verdict && *verdict;
  }
};

struct MemberDecisions {
  std::string member_id;  // the member's id field, as text
  std::vector<Decision> decisions;
};

struct Evaluation {
  std::uint64_t line = 0;                   // of the record in its input
  std::optional<std::string> household_id;  // none when the record's id cannot be read
  // Why the record has no decisions: where it is malformed (members[2].birth_date: ...), the
  // rejection that refused it, or what could not be evaluated. None when it was decided.
  std::optional<std::string> error;
  std::vector<Decision> household;       // every household decision, in the rules' order
  std::vector<MemberDecisions> members;  // every member, in record order

  bool decided() const { return !error; }
  // A household decision, or with `member_id` that member's; null when there is none so named.
  const Decision* find(std::string_view decision, std::string_view member_id = {}) const;
};

}  // namespace regla
