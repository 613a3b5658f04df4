// Generated rule text loaded as a rule set beside the shipped household shapes
// (rules/household.regla), as the properties over generated programs need it.
#pragma once

#include <optional>
#include <string>

#include "regla/rules.hpp"
#include "tests/properties/program_generators.hpp"
#include "tests/text_file.hpp"

namespace regla::testing {

inline const std::string& household_shapes() {
  static const std::string text =
      read_text_file(std::string(REGLA_SOURCE_DIR) + "/rules/household.regla");
  return text;
}

// `program` as generated.regla, with the table files the program generator's rules name.
inline RuleSet load_generated(const std::string& program) {
  return RuleSet::from_files(
      {{"household.regla", household_shapes()}, {"generated.regla", program}},
      [](const std::string& path) -> std::optional<std::string> {
        if (path == "places.csv") return ProgramBuilder::places_csv();
        return std::nullopt;
      });
}

}  // namespace regla::testing
