// Rendering explanations: as JSON (regla eval --explain) and as an indented note for a person to
// read, in English or Spanish (regla explain). Both read the same recorded tree.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/program/program.hpp"
#include "engine/records/record.hpp"
#include "engine/render/json_writer.hpp"
#include "engine/trace/explanation.hpp"
#include "regla/decisions.hpp"

namespace regla {

struct RenderContext {
  const CheckedProgram& program;
  const Record& record;
  calendar::DayNumber as_of;
  std::string_view language;  // "en" or "es"
};

// A value as a person reads it: 2026-11-01, 85%, 200 PEN, 28 days, "P-3", yes/no.
std::string format_value(const RenderContext& context, const Type& type, const Value& value);
// What a node computes, in words when it has them (a with's or parameter's label, a rule's label)
// and otherwise as written in the rule file.
std::string describe_node(const RenderContext& context, NodeId node, const Explanation* rule_node);
// How an element of a list is named: a member by its id, a table row by its name column.
std::string describe_element(const RenderContext& context, std::uint32_t shape, std::uint32_t row);

// Calls `visit(child, rule)` for each child of `e` as explanations show them, `rule` being the
// rule node a clause belongs to: an element a `where` filtered out is left out, and a chain of one
// operator (a and b and c) is one condition with all its operands, as it is written.
template <typename Visit>
void for_each_shown_child(const CheckedProgram& program, const Explanation& e,
                          const Explanation* rule, Visit&& visit) {
  const Explanation* enclosing = e.kind == Explanation::Kind::rule ? &e : rule;
  auto is_chain = [](Op op) { return op == Op::logical_and || op == Op::logical_or; };
  auto continues_chain = [&](const Explanation& chain, const Explanation& child) {
    if (chain.kind != Explanation::Kind::condition || child.kind != Explanation::Kind::condition)
      return false;
    Op op = program.nodes[chain.node].op;
    return is_chain(op) && program.nodes[child.node].op == op && child.needed == chain.needed &&
           child.error.empty();
  };
  auto walk = [&](auto& self, const Explanation& parent) -> void {
    for (const Explanation& child : parent.children) {
      if (child.kind == Explanation::Kind::element && !child.value.present && child.error.empty() &&
          child.needed) {
        continue;  // filtered out by `where`
      }
      if (continues_chain(e, child)) {
        self(self, child);
        continue;
      }
      visit(child, enclosing);
    }
  };
  walk(walk, e);
}

// Whether a condition node shows the values it compared (a comparison: two; a test: one).
inline int compared_operands(const CheckedProgram& program, NodeId node) {
  Op op = program.nodes[node].op;
  if (op == Op::compare_integer || op == Op::compare_decimal || op == Op::compare_text ||
      op == Op::date_in_interval || op == Op::month_in_interval) {
    return 2;
  }
  return op == Op::in_set || op == Op::is_present || op == Op::table_contains ? 1 : 0;
}
// The type of operand `index` of a condition node that shows its operands.
inline Type operand_type(const CheckedProgram& program, NodeId node, int index) {
  const Node& ir = program.nodes[node];
  if (index == 0) return program.nodes[ir.a].type;
  return ir.op == Op::date_in_interval || ir.op == Op::month_in_interval ? Type::of(Kind::interval)
                                                                         : program.nodes[ir.b].type;
}

// The explanation as the API gives it (include/regla/decisions.hpp).
ExplanationStep explanation_step(const RenderContext& context, const Explanation& explanation,
                                 const Explanation* rule = nullptr);

// Explanations as JSON. One writer serves a whole run: it keeps what depends only on the rules
// (each condition as written, each rule's and clause's name and label) rendered, ready for the
// next explanation that shows it.
class ExplanationJsonWriter {
 public:
  explicit ExplanationJsonWriter(const CheckedProgram& program);
  // A repeated rule (Explanation::repeated) is written as its verdict and "explained_above": true.
  void write(const RenderContext& context, const Explanation& explanation, JsonWriter& out);

  // Rendered when first needed; empty until then.
  struct Texts {
    std::string language;              // of the labels below
    std::vector<std::string> tests;    // by node: "test":"…"
    std::vector<std::string> rules;    // by rule: "rule":"…","label":"…"
    std::vector<std::string> clauses;  // by a clause's condition node: "clause":"…","label":"…"
  };

 private:
  const CheckedProgram& program_;
  Texts texts_;
};
// `member_row`: the member whose heading the note is under (not named again inside it).
void render_explanation_text(const RenderContext& context, const Explanation& explanation,
                             int indent, std::string& out,
                             std::optional<std::uint32_t> member_row = std::nullopt);

}  // namespace regla
