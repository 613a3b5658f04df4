// The summary's reasons: what a failed decision failed on, found in the events of its evaluation.
//
// A decision whose exception refused it fails on that refusal only ("refused by X"). A decision
// whose value failed (and no waiver granted it) fails on every failing condition its value
// depends on: the value is taken apart through `and`, `or` and `all` (a failed `and` fails on
// each of its failing sides, a failed `or` on both, a failed `all` on the body of each failing
// element), down to the rules it calls (named by the rule) and the conditions written inline
// (named by their source text). The evaluation is exhaustive, so every failing side of an `and`
// counts, not only the first. A waiver that was not granted, an `applies when`, an exception
// that did not refuse, and what the rules it calls look at are not reasons.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/trace/tracer.hpp"

namespace regla {

struct FailureReason {
  enum class Kind : std::uint8_t {
    rule,        // `rule` failed
    refused_by,  // exception `index` of the decision `rule` refused it
    condition,   // the inline condition at node `index` failed
  };
  Kind kind = Kind::rule;
  std::uint32_t rule = 0;
  std::uint32_t index = 0;

  auto operator<=>(const FailureReason&) const = default;
};

// How the reasons are counted, in a sentence, for the `--summary` JSON.
inline constexpr std::string_view how_reasons_count =
    "each failed decision counts once under each of its reasons: 'refused by X' for an exception "
    "that refused it (alone); else every failing condition its value depends on through and, or "
    "and all, down to the rules it calls (by name) and the conditions written inline (by their "
    "text); 'not in force'; 'reasons beyond the evaluation budget'. A waiver not granted is no "
    "reason.";

// How a waiver or an exception is named: by the rule its condition calls
// (`crecer.priority_district`), else by its English label, else by its source text.
std::string clause_name(const CheckedProgram& program, const Clause& clause);

// How the summary names a reason: `sis.means_test`, `refused by sis.covered_by_essalud` (an
// exception that calls a rule is named by the rule, else by its English label, else its source
// text), `person.employment.monthly_income is present`.
std::string reason_name(const CheckedProgram& program, const FailureReason& reason);

// Follows the evaluation of one decision and keeps the reasons it failed on.
class FailureReasons final : public Tracer {
 public:
  // A rule's value on the record, from another evaluator (one that remembers what it decided).
  using RuleValue = std::function<Value(std::uint32_t rule, std::span<const Value> arguments)>;

  // With `value_of`, the rules the decision calls are not evaluated again by the evaluator being
  // traced: their values come from `value_of` (only their values can be reasons).
  explicit FailureReasons(const CheckedProgram& program, RuleValue value_of = {})
      : program_(program), value_of_(std::move(value_of)) {}

  // The next evaluation is a decision's.
  void start();
  // After a failed decision's evaluation: its reasons, sorted, each once (empty for a decision
  // that held or was not in force).
  const std::vector<FailureReason>& reasons() const { return reasons_; }

  bool exhaustive() const override { return true; }
  std::optional<Value> enter_rule(std::uint32_t rule, NodeId call,
                                  std::span<const Value> arguments) override;
  void exit_rule(std::uint32_t rule, const Value& value, RuleOutcome outcome) override;
  void enter_clause(std::uint32_t rule, ClauseKind kind, std::uint32_t index,
                    NodeId condition) override;
  void exit_clause(std::uint32_t rule, ClauseKind kind, std::uint32_t index, bool granted) override;
  void enter_with(std::uint32_t index, NodeId value) override;
  void exit_with(std::uint32_t index, const Value& value) override;
  void enter_condition(NodeId node) override;
  void exit_condition(NodeId node, const Value& verdict, std::span<const Value> compared) override;
  void enter_element(std::uint32_t shape, std::uint32_t row, bool needed) override;
  void exit_element(const std::optional<Value>& verdict) override;
  void element_failed(const std::string& error) override;
  void begin_unneeded() override;
  void end_unneeded(NodeId node, const std::string* error) override;

 private:
  // One open event. The parts of a `part` that takes its verdict apart (the decision's value, an
  // `and`, `or` or `all` that is itself a part) are parts too; whatever else is evaluated is not.
  struct Open {
    bool part = false;         // a part of the decision's value
    bool taken_apart = false;  // its failing parts are its reasons
    bool element = false;      // an element of an `all` or `any`
    NodeId node = no_node;     // the condition (the decision: its value; an element: its all)
    std::size_t pending = 0;   // where its parts' reasons start in pending_
  };
  struct Unneeded {
    std::size_t depth;    // of open_ at begin_unneeded
    std::size_t pending;  // of pending_ then
  };
  bool is_failed(std::uint32_t rule, const Value& value) const;
  // Whether node `id`, evaluated inside the innermost open event, is a part of the value.
  bool is_part(NodeId id) const;
  void push(bool part, bool taken_apart, NodeId node, bool element = false);
  // Closes the innermost event: a part that failed keeps its parts' reasons, or becomes one
  // (`reason`) when they named none; one that held keeps none.
  void close(bool failed, const FailureReason& reason);

  const CheckedProgram& program_;
  RuleValue value_of_;
  std::vector<Open> open_;
  std::vector<FailureReason> pending_;  // reasons found so far, for the parts still open
  std::vector<Unneeded> unneeded_;
  std::optional<std::uint32_t> refused_by_;  // the decision's exception that refused it
  std::vector<FailureReason> reasons_;
};

}  // namespace regla
