// The caseworker's note: for each decision its verdict and the few facts that decided it, in
// sentences built from the rules' labels (README, "Explaining one household"). It reads the same
// explanation tree as the full rendering (explanation_text.cpp) and evaluates nothing itself.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/messages/catalog.hpp"
#include "engine/render/explanation_render.hpp"

namespace regla {

// A value as a person reads it in a note: 12 October 2026, S/ 200.00, 70%, September 2026.
std::string note_value(const RenderContext& context, const Type& type, const Value& value);
// A member as the note names them: their id, what the record says of them ("P-3, son, 7 years
// old"; "P-3, hijo, 7 años"), from the fields named in member_description_fields.
std::string describe_member(const RenderContext& context, std::uint32_t row);

// One household's note, written decision by decision into `out`. A rule explained in detail once
// is referred to after ("see above"), and a period is stated the first time a decision uses it.
class CaseworkerNote {
 public:
  // `all_conditions`: also list the conditions that held or did not apply.
  CaseworkerNote(const RenderContext& context, bool all_conditions, std::string& out);
  // Where the next decisions are written (a member's, to be grouped with members whose notes say
  // the same).
  void write_into(std::string& out) {
    out_ = &out;
    joinable_.reset();
  }

  // The note of one decision whose explanation is `root`; `member_row`: the member whose heading
  // it is under (a member decision), so that their rules need not name them again.
  void decision(const Explanation& root, int indent, std::optional<std::uint32_t> member_row);

 private:
  struct Place;  // where in the tree the walk is: the member it is about, a table row
  struct Facts;  // what a failed rule's own conditions found

  void state_periods(const Explanation& node, int indent);
  void explain_rule(const Explanation& rule, int indent, const Place& place);
  void walk(const Explanation& node, int indent, const Place& place, Facts& facts);
  void rule_line(const Explanation& rule, int indent, const Place& place, bool decision);
  void write_line(int indent, const std::string& text);
  void add_fact(const Explanation& condition, const Explanation& rule, Facts& facts) const;
  std::string comparison_fact(const Explanation& condition, const Explanation& rule) const;
  std::optional<std::string> operand_name(NodeId node, const Explanation& rule) const;
  std::string rule_title(const Explanation& rule, const Place& place) const;
  bool explained_before(const Explanation& rule) const;
  std::string word(messages::Message message) const;

  const RenderContext& context_;
  const messages::Language& words_;
  bool all_conditions_;
  std::string* out_;
  // The last line written, when it lists rules a member kept: the next such line for the same
  // member joins it ("✓ P-2, son, 2 years old: has a DNI; growth monitoring up to date").
  struct JoinableLine {
    int indent;
    std::uint32_t member;
  };
  std::optional<JoinableLine> joinable_;
  std::optional<std::uint32_t> heading_member_;
  // Rules explained in detail so far (by rule and arguments), and periods stated.
  std::vector<std::pair<std::uint32_t, std::vector<Value>>> explained_;
  std::vector<std::uint32_t> stated_periods_;
  std::size_t period_rules_;  // how many rules could be stated as periods
};

}  // namespace regla
