// What evaluation tells about itself as it goes: a stream of events, each naming the part of the
// checked program it comes from (a rule, a NodeId). An evaluator given a Tracer emits them; what
// is made of them is the tracer's business: the explanation tree (explanation_builder), what
// `regla test --coverage` saw (coverage_recorder), the summary's reasons (failure_reasons).
//
// Events nest: every enter_* is closed by its exit_* (or, for an element whose filter failed to
// evaluate, element_failed), except where an evaluation error unwinds them. An evaluation error
// ends the whole evaluation, unless it happens between begin_unneeded and end_unneeded: then
// end_unneeded reports it and every event entered since begin_unneeded stays open no longer.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "engine/program/program.hpp"

namespace regla {

enum class ClauseKind : std::uint8_t { applies, waiver, exception };

// How a rule reached its value.
enum class RuleOutcome : std::uint8_t {
  evaluated,       // its value
  not_in_force,    // outside its `in force` dates: fails
  not_applicable,  // `applies when` failed: holds
  waived,          // the value failed, a waiver granted it
  excepted,        // an exception refused it
};

// Every event but exhaustive() does nothing unless a tracer overrides it.
class Tracer {
 public:
  virtual ~Tracer() = default;

  // Whether what a failed `and` or `all` skipped is evaluated too, between begin_unneeded and
  // end_unneeded (a skipped part that relies on what the failed one tested, as in
  // `x is present and x > 0`, is never evaluated).
  virtual bool exhaustive() const = 0;

  // `rule` applied to `arguments`, called at node `call` (no_node: by whoever started the
  // evaluation). A tracer that wants no events from inside this call (it has them already for the
  // record, or needs only the value) may answer the call's value instead: the evaluator then
  // skips the call (no exit_rule follows).
  virtual std::optional<Value> enter_rule(std::uint32_t /*rule*/, NodeId /*call*/,
                                          std::span<const Value> /*arguments*/) {
    return std::nullopt;
  }
  virtual void exit_rule(std::uint32_t /*rule*/, const Value& /*value*/, RuleOutcome /*outcome*/) {}

  // A clause of `rule` (its condition node `condition`); `granted`: whether the condition held.
  virtual void enter_clause(std::uint32_t /*rule*/, ClauseKind /*kind*/, std::uint32_t /*index*/,
                            NodeId /*condition*/) {}
  virtual void exit_clause(std::uint32_t /*rule*/, ClauseKind /*kind*/, std::uint32_t /*index*/,
                           bool /*granted*/) {}

  // The `with` number `index` of the rule entered last, computed from node `value`.
  virtual void enter_with(std::uint32_t /*index*/, NodeId /*value*/) {}
  virtual void exit_with(std::uint32_t /*index*/, const Value& /*value*/) {}

  // A condition (a comparison, a test, and/or/not, all/any) and its verdict; `compared`: the
  // values a comparison or a test looked at (none for and/or/not/all/any).
  virtual void enter_condition(NodeId /*node*/) {}
  virtual void exit_condition(NodeId /*node*/, const Value& /*verdict*/,
                              std::span<const Value> /*compared*/) {}

  // One element of the list of an `all` or `any` (row `row` of shape `shape`). `needed`: false
  // once the verdict is known and the rest is evaluated only to show it. The element's verdict is
  // missing when the filter left it out, nullopt when its body could not be evaluated (the error
  // is in an end_unneeded).
  virtual void enter_element(std::uint32_t /*shape*/, std::uint32_t /*row*/, bool /*needed*/) {}
  virtual void exit_element(const std::optional<Value>& /*verdict*/) {}
  // The filter of an element shown but not needed could not be evaluated.
  virtual void element_failed(const std::string& /*error*/) {}

  // Node `node` is evaluated only to show it: the verdict does not depend on it. `error`: why it
  // could not be evaluated, or null.
  virtual void begin_unneeded() {}
  virtual void end_unneeded(NodeId /*node*/, const std::string* /*error*/) {}
};

// The conditions a tracer hears about (enter_condition, exit_condition): comparisons, tests,
// and/or/not, all/any.
constexpr bool is_traced_condition(Op op) {
  switch (op) {
    case Op::logical_not:
    case Op::logical_and:
    case Op::logical_or:
    case Op::compare_integer:
    case Op::compare_decimal:
    case Op::compare_text:
    case Op::in_set:
    case Op::date_in_interval:
    case Op::month_in_interval:
    case Op::table_contains:
    case Op::is_present:
    case Op::all:
    case Op::any:
      return true;
    default:
      return false;
  }
}

// How many values a traced condition compares (exit_condition's `compared`): its operands, for
// a comparison or a test.
constexpr std::size_t compared_count(Op op) {
  switch (op) {
    case Op::compare_integer:
    case Op::compare_decimal:
    case Op::compare_text:
    case Op::date_in_interval:
    case Op::month_in_interval:
      return 2;
    case Op::in_set:
    case Op::table_contains:
    case Op::is_present:
      return 1;
    default:
      return 0;
  }
}

}  // namespace regla
