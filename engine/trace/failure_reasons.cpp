// Finding a failed decision's reasons in its events.
#include "engine/trace/failure_reasons.hpp"

#include <algorithm>

namespace regla {

std::string clause_name(const CheckedProgram& program, const Clause& clause) {
  const Node& condition = program.nodes[clause.condition];
  if (condition.op == Op::call) return program.rules[condition.index].qualified_name();
  std::string_view label = pick_label(clause.labels, "en");
  return label.empty() ? source_text(program, clause.condition) : std::string(label);
}

std::string reason_name(const CheckedProgram& program, const FailureReason& reason) {
  switch (reason.kind) {
    case FailureReason::Kind::rule:
      return program.rules[reason.rule].qualified_name();
    case FailureReason::Kind::refused_by:
      return "refused by " +
             clause_name(program, program.rules[reason.rule].exceptions[reason.index]);
    case FailureReason::Kind::condition:
      return source_text(program, reason.index);
  }
  return "";
}

void FailureReasons::start() {
  open_.clear();
  pending_.clear();
  unneeded_.clear();
  refused_by_.reset();
  reasons_.clear();
}

bool FailureReasons::is_part(NodeId id) const {
  const Open& top = open_.back();
  if (!top.taken_apart) return false;
  if (open_.size() == 1) return id == top.node;  // the decision's value itself
  const Node& node = program_.nodes[top.node];
  if (node.op == Op::all) return id == node.c;
  return id == node.a || id == node.b;
}

void FailureReasons::push(bool part, bool taken_apart, NodeId node, bool element) {
  open_.push_back({part, taken_apart, element, node, pending_.size()});
}

void FailureReasons::close(bool failed, const FailureReason& reason) {
  Open closed = open_.back();
  open_.pop_back();
  if (!closed.part) return;
  if (!failed) {
    pending_.resize(closed.pending);
  } else if (pending_.size() == closed.pending) {
    pending_.push_back(reason);
  }
}

std::optional<Value> FailureReasons::enter_rule(std::uint32_t rule, NodeId call,
                                                std::span<const Value> arguments) {
  if (open_.empty()) {
    push(true, true, program_.rules[rule].body);
    return std::nullopt;
  }
  push(is_part(call), false, call);
  if (!value_of_) return std::nullopt;
  Value value = value_of_(rule, arguments);  // entered and left at once
  close(is_failed(rule, value), {FailureReason::Kind::rule, rule, 0});
  return value;
}

bool FailureReasons::is_failed(std::uint32_t rule, const Value& value) const {
  return program_.rules[rule].type.kind == Kind::boolean && !value.as_bool();
}

void FailureReasons::exit_rule(std::uint32_t rule, const Value& value, RuleOutcome outcome) {
  bool failed = is_failed(rule, value);
  if (open_.size() > 1) return close(failed, {FailureReason::Kind::rule, rule, 0});
  open_.pop_back();
  if (outcome == RuleOutcome::excepted) {
    reasons_.push_back({FailureReason::Kind::refused_by, rule, *refused_by_});
  } else if (outcome == RuleOutcome::evaluated && failed) {
    reasons_ = pending_;
    // A value that takes no part apart (an `if`, a `with`) fails on itself.
    if (reasons_.empty())
      reasons_.push_back({FailureReason::Kind::condition, rule, program_.rules[rule].body});
    std::sort(reasons_.begin(), reasons_.end());
    reasons_.erase(std::unique(reasons_.begin(), reasons_.end()), reasons_.end());
  }
}

void FailureReasons::enter_clause(std::uint32_t, ClauseKind, std::uint32_t, NodeId condition) {
  push(false, false, condition);
}

void FailureReasons::exit_clause(std::uint32_t, ClauseKind kind, std::uint32_t index,
                                 bool granted) {
  open_.pop_back();
  bool of_the_decision = open_.size() == 1;
  if (of_the_decision && kind == ClauseKind::exception && granted) refused_by_ = index;
}

void FailureReasons::enter_with(std::uint32_t, NodeId value) {
  push(false, false, value);
}

void FailureReasons::exit_with(std::uint32_t, const Value&) {
  open_.pop_back();
}

void FailureReasons::enter_condition(NodeId node) {
  bool part = is_part(node);
  Op op = program_.nodes[node].op;
  push(part, part && (op == Op::logical_and || op == Op::logical_or || op == Op::all), node);
}

void FailureReasons::exit_condition(NodeId node, const Value& verdict, std::span<const Value>) {
  close(!verdict.as_bool(), {FailureReason::Kind::condition, 0, node});
}

void FailureReasons::enter_element(std::uint32_t, std::uint32_t, bool) {
  const Open& quantifier = open_.back();
  push(quantifier.taken_apart, quantifier.taken_apart, quantifier.node, /*element=*/true);
}

void FailureReasons::exit_element(const std::optional<Value>& verdict) {
  // An element of an `all` fails when its body does (`any` is never taken apart).
  bool failed = verdict && verdict->present && !verdict->as_bool();
  close(failed, {FailureReason::Kind::condition, 0, program_.nodes[open_.back().node].c});
}

void FailureReasons::element_failed(const std::string&) {
  while (!open_.back().element)
    open_.pop_back();
  pending_.resize(open_.back().pending);
  open_.pop_back();
}

void FailureReasons::begin_unneeded() {
  unneeded_.push_back({open_.size(), pending_.size()});
}

void FailureReasons::end_unneeded(NodeId, const std::string* error) {
  Unneeded begun = unneeded_.back();
  unneeded_.pop_back();
  if (!error) return;
  // A part that could not be evaluated names no condition.
  open_.resize(begun.depth);
  pending_.resize(begun.pending);
}

}  // namespace regla
