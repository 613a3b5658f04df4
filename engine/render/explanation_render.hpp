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
