// The reference interpreter: walks the checked program node by node, written to be obviously
// right rather than fast. It is the oracle the compiled evaluator is tested against. Given a
// Tracer, it tells it what it evaluates (engine/trace/tracer.hpp), as exhaustively as the tracer
// asks.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "engine/program/evaluation_budget.hpp"
#include "engine/program/program.hpp"
#include "engine/records/record.hpp"
#include "engine/trace/tracer.hpp"

namespace regla {

class Interpreter {
 public:
  Interpreter(const CheckedProgram& program, calendar::DayNumber as_of,
              std::uint64_t max_steps = EvaluationBudget::unlimited);

  // The record that `household` and its fields refer to, until the next call.
  void set_record(const Record& record) { record_ = &record; }

  // Applies a rule to its arguments, telling `tracer` (when given) what it evaluates. Throws
  // EvaluationError.
  Value call(std::uint32_t rule, std::span<const Value> arguments, Tracer* tracer = nullptr);
  // Whether the rejection holds, for the member in `member_row` when it is about members.
  bool rejects(const Rejection& rejection, std::optional<std::uint32_t> member_row);
  // Evaluates a node that reads neither the record nor any local (for constant folding).
  Value evaluate_constant(NodeId node);
  // What one pass over the record may spend (renewed by the caller before each pass).
  EvaluationBudget& budget() { return budget_; }

 private:
  struct Frame {
    const Rule* rule = nullptr;
    std::vector<Value> locals;
    std::vector<std::optional<Value>> withs;
  };

  // Applies `rule`, called at node `call` (no_node: by call()).
  Value apply(std::uint32_t rule, NodeId call, std::span<const Value> arguments);
  Value apply_clauses(std::uint32_t rule, Frame& frame, RuleOutcome& outcome);
  Value evaluate(NodeId id, Frame& frame);
  // Evaluates node `id`; for a comparison or a test, also stores what it compared in `compared`.
  Value evaluate_node(NodeId id, const Node& node, Frame& frame, Value* compared);
  Value evaluate_logical(const Node& node, Frame& frame);
  Value evaluate_quantifier(const Node& node, Frame& frame);
  Value evaluate_builtin(const Node& node, Frame& frame);
  Value with_value(std::uint32_t index, Frame& frame);
  bool holds(NodeId id, Frame& frame) { return evaluate(id, frame).as_bool(); }
  // Evaluates `id` only to show it, when the verdict is already known and the tracer is
  // exhaustive: an error is told to the tracer, not thrown. Its value, when it could be evaluated.
  std::optional<Value> evaluate_unneeded(NodeId id, Frame& frame);
  bool exhaustive() const { return tracer_ && tracer_->exhaustive(); }
  const ObjectRows& rows_of(std::uint32_t shape) const;

  const CheckedProgram& program_;
  calendar::DayNumber as_of_;
  std::vector<std::optional<Value>> parameter_values_;
  const Record* record_ = nullptr;
  Tracer* tracer_ = nullptr;  // during call(), when given
  EvaluationBudget budget_;
};

}  // namespace regla
