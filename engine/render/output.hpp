// Output lines of `regla eval`: one JSON object per input line (README, "Output").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/decide/decisions.hpp"
#include "engine/render/explanation_render.hpp"
#include "regla/decisions.hpp"

namespace regla {

// A typed value as JSON: numbers as numbers, dates, months and enum values as strings.
void write_typed_value(const RenderContext& context, JsonWriter& out, const Type& type,
                       const Value& value);

// A decided value as an output line writes it: true, 250.5, "2026-11-01", null.
void write_decided_value(JsonWriter& out, const DecidedValue& value);
std::string decided_value_json(const DecidedValue& value);

// The name of the household's id field ("household_id"), the first key of every output line.
std::string_view household_id_key(const CheckedProgram& program);

struct OutputLine {
  std::string_view id_key;  // the household's id field: "household_id"
  std::string_view household_id;
  std::string_view as_of;  // YYYY-MM-DD
  std::string_view rules_hash;
};

// {"household_id":…,"as_of":…,"rules":…,"decisions":{…},"members":{…}[,"why":…]}, from the
// typed evaluation. What every line of a run shares (the header after the id, the decision keys)
// is rendered once.
class DecisionWriter {
 public:
  DecisionWriter(const CheckedProgram& program, const OutputLine& run);
  // The line up to its decisions: the caller may add fields (",\"why\":…") before close().
  void write(const Evaluation& evaluation, std::string& out) const;
  static void close(std::string& out) { out += "}\n"; }

 private:
  bool has_members_;
  std::string opening_;                      // {"household_id":
  std::string after_id_;                     // ,"as_of":"…","rules":"…","decisions":{
  std::vector<std::string> household_keys_;  // "program.decision":
  std::vector<std::string> member_keys_;
};
// {"line":17,"household_id":…,"as_of":…,"rules":…,"error":"members[2].birth_date: …"}
void write_error(const OutputLine& line, std::uint64_t line_number, std::string_view message,
                 std::string& out);

}  // namespace regla
