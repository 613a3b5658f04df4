// A syntax error is reported alone: whichever line of the shipped rules it breaks, loading them
// gives syntax errors and nothing else (no unknown name for a broken rule's uses, no "never used"
// for what it used, no missing period for a parameter whose later values were not read, no
// warning). Only include/regla and the library are used.
#include <gtest/gtest.h>

#include <sstream>

#include "regla/rules.hpp"
#include "shipped_rule_files.hpp"

namespace {

using regla::testing::shipped_rule_files;

// A line worth breaking: code (not blank, no comment) that is not a brace of a shape, where an
// open parenthesis at its end is a syntax error.
bool breakable(const std::string& line) {
  return line.find_first_not_of(' ') != std::string::npos && line.find('#') == std::string::npos &&
         line.back() != '{' && line.find('}') == std::string::npos;
}

TEST(SyntaxErrorAlone, ABrokenLineAnywhereInTheShippedRulesIsItsOnlyProblem) {
  const std::vector<regla::RuleFile> shipped = shipped_rule_files();
  int broken_lines = 0;
  for (std::size_t f = 0; f < shipped.size(); ++f) {
    std::istringstream lines(shipped[f].text);
    std::vector<std::string> all;
    for (std::string line; std::getline(lines, line);)
      all.push_back(line);
    for (std::size_t l = 0; l < all.size(); ++l) {
      if (!breakable(all[l])) continue;
      std::string text;
      for (std::size_t i = 0; i < all.size(); ++i)
        text += all[i] + (i == l ? " (" : "") + "\n";
      std::vector<regla::RuleFile> files = shipped;
      files[f].text = text;
      regla::RuleSet rules = regla::RuleSet::from_files(files, regla::read_from_disk());
      SCOPED_TRACE(shipped[f].name + ":" + std::to_string(l + 1) + ": " + all[l] + " (");
      ++broken_lines;
      EXPECT_TRUE(rules.has_errors());
      for (const regla::Problem& problem : rules.problems()) {
        EXPECT_EQ(problem.code, "syntax-error")
            << problem.file << ":" << (problem.begin ? problem.begin->line : 0) << ": "
            << problem.message;
      }
    }
  }
  EXPECT_GT(broken_lines, 300);  // every program's every declaration was broken somewhere
}

}  // namespace
