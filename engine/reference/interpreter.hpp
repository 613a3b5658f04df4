// The reference interpreter: walks the checked program node by node, written to be obviously
// right rather than fast. It is the oracle the compiled evaluator is tested against, and, with an
// explanation attached, the recorder of why each decision came out as it did.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "engine/program/evaluation_budget.hpp"
#include "engine/program/program.hpp"
#include "engine/records/record.hpp"
#include "engine/trace/explanation.hpp"

namespace regla {

// Which conditions evaluation saw hold and fail (for `regla test --coverage`): bit 1 held, bit 2
// failed; for each bool rule, and for each rule's applies (kind 0), waiver (1) and exception (2)
// clauses.
struct Coverage {
  std::vector<std::uint8_t> rules;
  std::map<std::tuple<std::uint32_t, int, std::uint32_t>, std::uint8_t> clauses;
};

class Interpreter {
 public:
  Interpreter(const CheckedProgram& program, calendar::DayNumber as_of,
              std::uint64_t max_steps = EvaluationBudget::unlimited);

  // The record that `household` and its fields refer to, until the next call.
  void set_record(const Record& record) {
    record_ = &record;
    explained_calls_.clear();
  }
  // While on, a rule applied again to arguments it was explained for on this record is recorded
  // as its verdict only (Explanation::repeated): `regla eval --explain` explains each call once.
  void explain_repeats_once(bool on) {
    explain_repeats_once_ = on;
    explained_calls_.clear();
  }

  // Applies a rule to its arguments. With `explanation`, records why into it (the rule's node).
  // Throws EvaluationError.
  Value call(std::uint32_t rule, std::span<const Value> arguments,
             Explanation* explanation = nullptr);
  // Whether the rejection holds, for the member in `member_row` when it is about members.
  bool rejects(const Rejection& rejection, std::optional<std::uint32_t> member_row);
  // Evaluates a node that reads neither the record nor any local (for constant folding).
  Value evaluate_constant(NodeId node);
  // The conditions a failed decision failed on: the rules it calls directly that did not hold,
  // evaluated as thoroughly as for an explanation (every unmet condition, not only the first), but
  // without recording one. For the run summary's reasons.
  std::vector<std::uint32_t> failed_conditions(std::uint32_t rule,
                                               std::span<const Value> arguments);
  // From now on, note in `coverage` every condition evaluated (null: stop).
  void record_coverage(Coverage* coverage) { coverage_ = coverage; }
  // What one pass over the record may spend (renewed by the caller before each pass).
  EvaluationBudget& budget() { return budget_; }

 private:
  struct Frame {
    const Rule* rule = nullptr;
    std::vector<Value> locals;
    std::vector<std::optional<Value>> withs;
    Explanation* explanation = nullptr;  // the rule's explanation node, when explaining
  };

  Value evaluate(NodeId id, Frame& frame);
  Value evaluate_logical(const Node& node, Frame& frame);
  Value evaluate_quantifier(const Node& node, Frame& frame);
  Value evaluate_builtin(const Node& node, Frame& frame);
  Value with_value(std::uint32_t index, Frame& frame);
  Value apply_rule(const Rule& rule, Frame& frame);
  bool holds(NodeId id, Frame& frame) { return evaluate(id, frame).as_bool(); }
  // Evaluates `id` only to show it, when the verdict is already known: failures are recorded, not
  // thrown.
  void evaluate_unneeded(NodeId id, Frame& frame);
  const ObjectRows& rows_of(std::uint32_t shape) const;
  // A rule and its arguments, as a key (rules are pure: one call, one value per record).
  std::string call_key(std::uint32_t rule, std::span<const Value> arguments) const;

  // Explanation recording: `current_` is where new nodes go; null when not explaining.
  Explanation* open(Explanation::Kind kind, NodeId node);
  bool explaining() const { return current_ != nullptr; }
  // Whether what a failed `and` or `all` skipped is evaluated too (when explaining or attributing).
  bool exhaustive() const { return current_ != nullptr || failed_conditions_ != nullptr; }

  const CheckedProgram& program_;
  calendar::DayNumber as_of_;
  std::vector<std::optional<Value>> parameter_values_;
  const Record* record_ = nullptr;
  Explanation* current_ = nullptr;
  std::vector<std::uint32_t>* failed_conditions_ = nullptr;  // set while attributing
  int call_depth_ = 0;
  Coverage* coverage_ = nullptr;
  bool explain_repeats_once_ = false;
  std::unordered_map<std::string, Value> explained_calls_;  // by call_key, on this record
  EvaluationBudget budget_;
};

}  // namespace regla
