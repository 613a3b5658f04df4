// regla's public API, part 4: what a rule change does to a registry (`regla impact`). Every record
// is decided by both rule sets; the report separates "a decision changed" from "a condition
// changed", since a condition can flip while the decision stays failed for another reason.
//
//   regla::ImpactRun run(base.value(), changed.value());   // two CompiledRules, same as_of
//   for (each line) run.add(line);
//   regla::ImpactReport report = run.report();
//
// or, for a whole registry on every core, regla::impact_stream(base, changed, {}, in, nullptr).
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "regla/evaluation.hpp"

namespace regla {

struct DecisionImpact {
  std::string decision;     // "juntos.eligible"
  bool per_member = false;  // counted over members instead of households
  DecisionType type = DecisionType::boolean;
  std::uint64_t compared = 0;  // households (or members) decided on both sides
  // Boolean decisions: how the verdict went from the base to the changed rules.
  std::uint64_t stayed_true = 0, stayed_false = 0, gained = 0, lost = 0;
  // Number decisions (money and the like): the sums on each side and how many values changed.
  double total_before = 0, total_after = 0;
  std::uint64_t changed = 0;
};

// A condition (a bool rule about the household or about each member, present in both rule sets)
// whose verdict changed for some households or members.
struct ConditionImpact {
  std::string condition;  // "juntos.has_target_member"
  bool per_member = false;
  std::uint64_t became_true = 0, became_false = 0;
};

// The transitions of the households of one group (a district, with --group-by ubigeo).
struct GroupImpact {
  std::string group;  // the value of the field, "010101"
  std::string name;   // from a rule table keyed by the field, when one has it ("CHACHAPOYAS")
  std::uint64_t records = 0;              // decided by both rule sets
  std::vector<DecisionImpact> decisions;  // as ImpactReport::decisions
};

struct ImpactReport {
  std::string as_of;
  std::string base_rules, changed_rules;  // the two rules hashes
  std::uint64_t records = 0;
  // A record one side rejects and the other decides is a change too.
  std::uint64_t rejected_by_both = 0, rejected_by_base_only = 0, rejected_by_changed_only = 0;
  std::vector<DecisionImpact> decisions;     // decisions of both rule sets, in the changed order
  std::vector<std::string> only_in_base;     // decisions the change removed
  std::vector<std::string> only_in_changed;  // decisions the change added
  std::vector<ConditionImpact> conditions;   // those whose verdict changed, most changes first
  // Lines longer than the bound, not read (counted in records and rejected_by_both), by number.
  std::vector<std::uint64_t> unread_lines;
  // With the changed rules compiled with a `group_by` field: the decisions per value of it.
  std::string group_by;
  std::vector<GroupImpact> groups;  // by value

  // For people: per decision its transitions, per condition its flips, the rejections, and the
  // groups in which something changed.
  std::string text() const;
  std::string json() const;
  // The tables for spreadsheets (RFC 4180): file name ("decisions.csv") and content.
  std::vector<std::pair<std::string, std::string>> csv_tables() const;
  // A self-contained page (styles, script and SVG charts inline; no network): the transition
  // tables, gains and losses by group, the budget before and after, the conditions that changed,
  // and `households` (lines as ImpactOptions::households writes them) with their reasons.
  std::string html(const std::vector<std::string>& households) const;
};

struct ImpactOptions {
  // Write a JSON line for each household that changed: its decisions before and after, and the
  // conditions whose verdict flipped, labelled in `language`, with the values they compared.
  bool households = false;
  std::string language = "en";
  // impact_stream only. The first lines of changed households it keeps in its result (for a
  // page: ImpactReport::html).
  std::size_t households_kept = 0;
  unsigned threads = 0;  // 0: every core
  std::size_t max_line_bytes = 64u << 20;
  std::size_t lines_per_batch = 512;  // lines handed to a thread at a time
};

class ImpactRun {
 public:
  // Both compiled for the same evaluation date (std::invalid_argument otherwise); the breakdown is
  // by the changed rules' `group_by` field, if they have one.
  ImpactRun(const CompiledRules& base, const CompiledRules& changed,
            const ImpactOptions& options = {});
  ~ImpactRun();

  // Decides one record (a JSON line) with both rule sets and counts the differences. With the
  // option `households`, the record's JSON line (README, "What a change does") is appended to
  // `households` when it changed.
  void add(std::string_view json_line);
  void add(std::string_view json_line, std::uint64_t line_number, std::string& households);
  ImpactReport report() const;

  class Implementation;

 private:
  std::unique_ptr<Implementation> implementation_;
};

// How an impact run over a stream ended (as StreamResult for evaluate_stream).
struct [[nodiscard]] ImpactStreamResult {
  ImpactReport report;
  std::uint64_t households_written = 0;       // lines written to `households`
  std::vector<std::string> first_households;  // up to ImpactOptions::households_kept of them
  std::optional<int> read_error;              // errno: the input could not be read to its end
  std::optional<int> write_error;  // errno: `households` could not be written; the run stopped
};

// Reads JSON Lines from `in` with a bound on the line length and compares them on every core
// (options.threads); the report is the same whatever the number of threads. With the option
// `households`, the changed households' lines go to `households`, in input order.
ImpactStreamResult impact_stream(const CompiledRules& base, const CompiledRules& changed,
                                 const ImpactOptions& options, std::FILE* in,
                                 std::FILE* households);

}  // namespace regla
