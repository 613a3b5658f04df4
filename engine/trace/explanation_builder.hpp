// The explanation tree, built from an evaluation's events: each rule, clause, condition and list
// element becomes a node under the one it was evaluated in, and a `with` value a node of its
// rule's. The tracer is exhaustive, so an explanation lists every unmet condition of a failed
// `and` or `all`, the ones the verdict did not need marked so.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "engine/trace/explanation.hpp"
#include "engine/trace/tracer.hpp"

namespace regla {

class ExplanationBuilder final : public Tracer {
 public:
  // `explain_repeats_once`: a rule applied again to arguments it was explained for on this record
  // is recorded as its verdict only (Explanation::repeated), and not evaluated again.
  ExplanationBuilder(const CheckedProgram& program, bool explain_repeats_once);

  // The next evaluation is recorded into `root` (its first rule becomes the root).
  void start(Explanation& root);
  // A new record: no call of it has been explained yet.
  void forget_calls() { explained_calls_.clear(); }

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
  // A new node under the one being recorded (the root, first).
  Explanation& open(Explanation::Kind kind, NodeId node);
  void close() { open_.pop_back(); }
  // A rule and its arguments, as a key (rules are pure: one call, one value per record).
  std::string call_key(std::uint32_t rule, std::span<const Value> arguments) const;

  struct Unneeded {
    std::size_t depth;              // of open_ at begin_unneeded
    const Explanation* last_child;  // of the node then being recorded (null: none yet)
    std::size_t rules;              // of open_rules_
  };

  const CheckedProgram& program_;
  bool explain_repeats_once_;
  Explanation* root_ = nullptr;
  // The nodes being recorded, innermost last.
  std::vector<Explanation*> open_;
  std::vector<Explanation*> open_rules_;  // the rules among them, for their `with` values
  std::vector<Unneeded> unneeded_;
  std::unordered_map<std::string, Value> explained_calls_;  // by call_key, on this record
  std::vector<std::string> entered_calls_;                  // the keys of the open rules
};

}  // namespace regla
