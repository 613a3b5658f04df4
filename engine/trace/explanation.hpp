// Why a decision came out as it did: a tree built from the events of an evaluation
// (explanation_builder), never re-derived afterwards. Renderers turn it into JSON or into a
// caseworker's note.
#pragma once

#include <memory_resource>
#include <string>
#include <vector>

#include "engine/program/program.hpp"
#include "engine/trace/tracer.hpp"

namespace regla {

struct Explanation {
  // `regla eval --explain` builds hundreds of nodes per decision: their lists can come from an
  // arena released once the decision's explanation is written, instead of being freed one by one
  // (by default they come from the heap).
  using allocator_type = std::pmr::polymorphic_allocator<>;
  enum class Kind : std::uint8_t {
    rule,        // a rule applied to its arguments
    condition,   // a comparison, a test, and/or/not, a quantifier (IR node `node`)
    element,     // one element of a quantifier's list (`row` of shape `shape`)
    clause,      // `applies when`, `waived when` or `except when` (`clause_kind`, `clause_index`)
    with_value,  // a `with` value the rule looked at (`clause_index` is the with's index)
  };
  using ClauseKind = regla::ClauseKind;
  using Outcome = RuleOutcome;  // how a rule reached its verdict

  Kind kind = Kind::condition;
  NodeId node = no_node;
  std::uint32_t rule = 0;
  ClauseKind clause_kind = ClauseKind::applies;
  std::uint32_t clause_index = 0;
  std::uint32_t shape = 0;
  std::uint32_t row = 0;
  Outcome outcome = Outcome::evaluated;
  Value value;                        // the verdict or the value
  Value operands[2];                  // for comparisons and tests: what was compared
  std::pmr::vector<Value> arguments;  // for rules
  bool needed = true;     // false: evaluated only to show it; the verdict did not depend on it
  bool repeated = false;  // a rule explained earlier for the same record: its verdict only
  std::string error;      // set when evaluating this (unneeded) part failed
  std::pmr::vector<Explanation> children;
  // For rules: the `with` values it computed (their own explanations inside). Kept apart from
  // `children`, and reserved up front, so recording one never moves a node being recorded.
  std::pmr::vector<Explanation> withs;

  Explanation() = default;
  explicit Explanation(const allocator_type& allocator)
      : arguments(allocator), children(allocator), withs(allocator) {}
  // As a list moves or copies its nodes: into the list's own allocator.
  Explanation(Explanation&& other, const allocator_type& allocator) : Explanation(allocator) {
    *this = std::move(other);
  }
  Explanation(const Explanation& other, const allocator_type& allocator) : Explanation(allocator) {
    *this = other;
  }
  Explanation(Explanation&&) = default;
  Explanation(const Explanation&) = default;
  Explanation& operator=(Explanation&&) = default;
  Explanation& operator=(const Explanation&) = default;
  ~Explanation() = default;
};

}  // namespace regla
