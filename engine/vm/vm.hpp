// The compiled evaluator: runs a CompiledProgram over one record at a time. It allocates nothing
// per record once its stacks have grown to size. `regla eval` decides with it, and explains and
// finds the summary's reasons with its traced code; tests compare both with the reference
// Interpreter.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "engine/compile/compiled_program.hpp"
#include "engine/program/evaluation_budget.hpp"
#include "engine/records/record.hpp"
#include "engine/trace/tracer.hpp"

namespace regla {

class CompiledEvaluator {
 public:
  // Runs `compiled` (compile_program(program, as_of)), which evaluators on other threads may share.
  CompiledEvaluator(const CheckedProgram& program, std::shared_ptr<const CompiledProgram> compiled,
                    calendar::DayNumber as_of,
                    std::uint64_t max_steps = EvaluationBudget::unlimited);
  // Compiles the program for `as_of` itself.
  CompiledEvaluator(const CheckedProgram& program, calendar::DayNumber as_of,
                    std::uint64_t max_steps = EvaluationBudget::unlimited)
      : CompiledEvaluator(program,
                          std::make_shared<const CompiledProgram>(compile_program(program, as_of)),
                          as_of, max_steps) {}

  void set_record(const Record& record);
  // Same contract as Interpreter::call and Interpreter::rejects (throw EvaluationError). Given a
  // tracer, the rule runs its traced code and tells the tracer what it evaluates. A tracer may
  // call this evaluator again (without a tracer) while it is told an event.
  Value call(std::uint32_t rule, std::span<const Value> arguments, Tracer* tracer = nullptr);
  bool rejects(const Rejection& rejection, std::optional<std::uint32_t> member_row);
  // What one pass over the record may spend (renewed by the caller before each pass).
  EvaluationBudget& budget() { return budget_; }

 private:
  // Calls `rule` with its arguments on top of the stack (they are consumed).
  Value call_rule(std::uint32_t rule) { return run_rule(rule, compiled_.rules[rule]); }
  Value run_rule(std::uint32_t rule, const CompiledRule& code);
  // The traced code of `rule`, called at node `call`, its arguments on top of the stack.
  Value run_traced_rule(std::uint32_t rule, NodeId call);
  bool run_traced_clause(std::uint32_t rule, ClauseKind kind, std::uint32_t index, NodeId condition,
                         const Block& block, const CompiledRule& code, std::uint32_t frame);
  // Runs a part only to show it, when the tracer is exhaustive: its value, or nullopt when it
  // could not be evaluated (the error told to the tracer).
  std::optional<Value> run_unneeded(const Block& part, NodeId node, const CompiledRule* rule,
                                    std::uint32_t frame);
  // A traced `all` or `any` over the list on top of the stack: its verdict.
  Value run_traced_loop(const TracedLoop& loop, const CompiledRule* rule, std::uint32_t frame);
  // A frame of `slots` missing values on top of the locals; returns where it starts.
  std::uint32_t push_frame(std::uint32_t slots);
  Value run(const Block& block, const CompiledRule* rule, std::uint32_t frame);
  Value pop() {
    Value v = stack_.back();
    stack_.pop_back();
    return v;
  }

  const CheckedProgram& program_;
  calendar::DayNumber as_of_;
  calendar::SplitDay as_of_fields_;  // for ages
  std::shared_ptr<const CompiledProgram> shared_compiled_;
  const CompiledProgram& compiled_;  // *shared_compiled_
  std::vector<Value> stack_;
  // Frames, one after the other, up to locals_top_ (the vector only grows).
  std::vector<Value> locals_;
  std::uint32_t locals_top_ = 0;
  std::vector<const ObjectRows*> rows_by_shape_;
  // Results of rules already evaluated for this record (evaluation is pure): by rule, and for
  // rules of one object by rule and row. A result is current when its generation is the record's.
  std::vector<Value> memo_;
  std::vector<std::uint64_t> memo_generation_;
  std::vector<std::vector<Value>> row_memo_;
  std::vector<std::vector<std::uint64_t>> row_memo_generation_;
  std::vector<Value> cache_;  // parts of rules with one value per record (Code::cached)
  std::vector<std::uint64_t> cache_generation_;
  std::uint64_t generation_ = 0;
  EvaluationBudget budget_;
  Tracer* tracer_ = nullptr;  // during a traced call
  Value compared_[2];         // what the next traced condition compares (Code::keep_compared)
};

}  // namespace regla
