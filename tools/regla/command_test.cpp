// regla test [--coverage] [--rules DIR] [PATH...]: run the test cases kept beside the rules.
#include <iostream>
#include <memory>
#include <optional>

#include "commands.hpp"
#include "input_files.hpp"
#include "regla/rule_tests.hpp"

namespace regla::cli {
namespace {

struct TestArguments {
  bool coverage = false;
  std::optional<std::string> rules;  // default the first PATH
  std::vector<std::string> paths;
};

int run_test(TestArguments given) {
  if (given.paths.empty()) given.paths.push_back("rules/");
  int exit_code = exit_ok;
  if (!all_paths_exist("test", given.paths, exit_code)) return exit_code;
  std::optional<RuleSet> rules =
      load_rules(given.rules.value_or(given.paths.front()), "test", exit_code);
  if (!rules) return exit_code;
  RuleTestReport report = run_rule_tests(*rules, given.paths, given.coverage);
  for (const std::string& problem : report.problems)
    std::cout << problem << "\n";
  for (const std::string& failure : report.failures)
    std::cout << failure << "\n";
  if (given.coverage) {
    std::cout << "coverage: " << (report.conditions - static_cast<int>(report.not_covered.size()))
              << " of " << report.conditions << " conditions seen both holding and failing\n";
    for (const std::string& line : report.not_covered)
      std::cout << "  not covered: " << line << "\n";
  }
  std::cout << report.passed << " passed, " << report.failed << " failed\n";
  return report.failed > 0 || !report.problems.empty() ? exit_rule_errors : exit_ok;
}

}  // namespace

RunCommand add_test(CLI::App& regla) {
  CLI::App& test = *regla.add_subcommand(
      "test", "run the test cases kept beside the rules (--coverage: what they miss)");
  set_help_footer(test,
                  "Runs the test cases in the *.cases files of the given files and folders\n"
                  "(default rules/) against the rule set. Prints one line per failing case, then\n"
                  "'N passed, N failed'. Exit 1 if a case failed. A condition (--coverage) is a\n"
                  "rule, or an applies, waiver or exception clause.\n");
  auto given = std::make_shared<TestArguments>();
  test.add_flag("--coverage", given->coverage,
                "also list the conditions that no case saw both hold and fail");
  test.add_option("--rules", given->rules, "the rule set (default the first PATH, else rules/)")
      ->type_name("DIR");
  test.add_option("PATH", given->paths, "*.cases files and folders of them (default rules/)")
      ->type_name("");
  return [given] { return run_test(*given); };
}

}  // namespace regla::cli
