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

// One step of why a decision came out as it did, with the steps it rests on (the tree `regla eval
// --explain` writes as "why"; README, "Explanations").
struct ExplanationStep {
  enum class Kind {
    rule,       // a rule applied to its arguments
    condition,  // a comparison, a test, and/or/not, all/any, or a `with` value
    element,    // one element of the list of an all/any
    clause,     // an `applies when`, `waived when` or `except when`
  };
  // How a rule reached its value.
  enum class Outcome { evaluated, not_in_force, not_applicable, waived, excepted };

  Kind kind = Kind::condition;
  // rule: its name ("sis.means_test"); condition: the condition as written; element: what the
  // element is (a member's id, a table row's name); clause: "applies", "waiver" or "exception".
  std::string text;
  std::string label;   // the rule's or clause's label in the evaluation's language, if any
  DecidedValue value;  // the verdict, or the value
  Outcome outcome = Outcome::evaluated;                      // rules
  std::vector<DecidedValue> arguments;                       // rules
  std::vector<std::pair<std::string, DecidedValue>> values;  // rules: the `with` values, by name
  std::vector<DecidedValue> operands;  // comparisons and tests: the values compared
  bool needed = true;                  // false: shown only, the verdict did not depend on it
  bool explained_above = false;        // a rule explained earlier for this record: its verdict only
  std::string error;                   // why this (unneeded) part could not be evaluated
  std::vector<ExplanationStep> steps;  // what it rests on
};

struct DecisionExplanation {
  std::string_view decision;  // "juntos.compliant"
  std::string member_id;      // whose, for a member decision; empty for the household's
  ExplanationStep why;
};

struct Evaluation {
  std::uint64_t line = 0;                   // of the record in its input
  std::optional<std::string> household_id;  // none when the record's id cannot be read
  // Why the record has no decisions: where it is malformed (members[2].birth_date: ...), the
  // rejection that refused it, or what could not be evaluated. None when it was decided.
  std::optional<std::string> error;
  std::vector<Decision> household;       // every household decision, in the rules' order
  std::vector<MemberDecisions> members;  // every member, in record order
  // With the option `explain`: why each decision came out as it did, household decisions first,
  // then each member's, in the order above.
  std::vector<DecisionExplanation> explanations;
  // With the option `note`: the caseworker's note of every decision, in the options' language.
  std::string note;

  bool decided() const { return !error; }
  // A household decision, or with `member_id` that member's; null when there is none so named.
  const Decision* find(std::string_view decision, std::string_view member_id = {}) const;
};

}  // namespace regla
