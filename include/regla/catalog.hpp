// regla's public API, part 5: what a rule set decides, and the parameters it decides with, as data
// for a service or an editor to show (`regla serve` answers GET /v1/rules with it).
//
//   regla::RuleCatalog catalog = regla::catalog(rules);
//   for (const regla::ParameterEntry& p : catalog.parameters) ... p.name, p.versions ...
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "regla/decisions.hpp"
#include "regla/rules.hpp"

namespace regla {

struct LabelText {
  std::string language;  // "en", "es"
  std::string text;
};

// Where a declaration is: its rule file, and the line and column where it begins.
struct DeclaredAt {
  std::string file;
  SourcePoint at;
};

struct DecisionEntry {
  std::string name;            // "juntos.eligible"
  bool about_members = false;  // decided for each member rather than for the household
  std::string type;            // as the rules declare it: "bool", "money", ...
  // The same, as the values evaluations give (`Decision::type`): optional when a record may
  // have no value; for an enumeration, its values.
  DecisionType value_type = DecisionType::boolean;
  bool optional = false;
  std::vector<std::string> enumeration_values;
  std::vector<LabelText> labels;
  std::string source;  // the rule's `source "..."`, if any
  DeclaredAt declared;
};

struct ParameterEntry {
  // One value and the days it holds on: from `from` (included) until `until` (excluded), dates
  // as YYYY-MM-DD; none for an open end.
  struct Version {
    std::string value;  // as a person reads it: "19 years", "250 PEN", "90%", 2005-04-01
    std::optional<std::string> from;
    std::optional<std::string> until;
  };
  std::string name;  // "juntos.age_limit"
  std::string type;
  std::vector<Version> versions;  // in date order
  std::vector<LabelText> labels;
  std::string source;
  DeclaredAt declared;
};

struct RuleCatalog {
  std::vector<std::string> programs;     // the programs the decisions and parameters belong to
  std::vector<DecisionEntry> decisions;  // household decisions first, in the rules' order
  std::vector<ParameterEntry> parameters;
};

// What `rules` decides and with which parameters; empty when the rules have errors.
RuleCatalog catalog(const RuleSet& rules);

}  // namespace regla
