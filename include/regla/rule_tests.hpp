// regla's public API, part 3: test cases kept beside the rules (`regla test`).
//
// A case file (*.cases) holds cases like this one:
//
//   case "a 10-year-old attending 90% keeps the school co-responsibility"
//   as_of 2026-11-01
//   household {"household_id": "T-1", "ubigeo": "010105", "members": [ ... ]}
//   expect juntos.compliant = true
//   expect juntos.transfer_amount = 200 PEN
//   expect member P-1 sis.subsidized = false
//   expect juntos.eligible fails on sis.means_test
//   expect member P-1 sis.subsidized refused by sis.covered_by_essalud
//   expect error "born after the evaluation date"
//
// The household is JSON and may span several lines. Lines starting with # are comments. The whole
// syntax: docs/administrators.md, "The case syntax".
#pragma once

#include <string>
#include <vector>

#include "regla/rules.hpp"

namespace regla {

struct RuleTestReport {
  int passed = 0;
  int failed = 0;
  // One line per failing case (a malformed one included): file:line: name: line N: what differed
  std::vector<std::string> failures;
  // What is wrong with a case file outside any case: unreadable, text before the first case, none
  std::vector<std::string> problems;
  // With coverage: each condition (bool rule, or a rule's applies/waiver/exception clause) that no
  // case saw both hold and fail, as "rules/juntos.regla:214: juntos.identity_card: never fails".
  std::vector<std::string> not_covered;
  int conditions = 0;  // how many conditions coverage looked at
};

// Runs every case in the *.cases files found in `paths` (files or folders) against `rules`.
RuleTestReport run_rule_tests(const RuleSet& rules, const std::vector<std::string>& paths,
                              bool coverage);

}  // namespace regla
