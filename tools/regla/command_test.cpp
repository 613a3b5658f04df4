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
  std::optional<double> min_coverage;  // percent
  std::optional<std::string> rules;    // default: the rule folder of the first PATH
  std::vector<std::string> paths;
};

int run_test(TestArguments given) {
  if (given.paths.empty()) given.paths.push_back("rules/");
  int exit_code = exit_ok;
  if (!all_paths_exist("test", given.paths, exit_code)) return exit_code;
  if (!given.rules) given.rules = rule_folder_of(given.paths.front());
  if (!given.rules) {
    return usage_error("test", "no rule files in or above '" + given.paths.front() +
                                   "'; name the rule folder with --rules DIR");
  }
  std::optional<RuleSet> rules = load_rules(*given.rules, "test", exit_code);
  if (!rules) return exit_code;
  RuleTestReport report = run_rule_tests(*rules, given.paths, given.coverage || given.min_coverage);
  for (const std::string& problem : report.problems)
    std::cout << problem << "\n";
  for (const std::string& failure : report.failures)
    std::cout << failure << "\n";
  bool coverage_too_low = false;
  if (given.coverage || given.min_coverage) {
    int covered = report.conditions - static_cast<int>(report.not_covered.size());
    double percent = report.conditions ? 100.0 * covered / report.conditions : 100.0;
    std::cout << "coverage: " << covered << " of " << report.conditions
              << " conditions seen both holding and failing (" << static_cast<int>(percent)
              << "%)\n";
    for (const std::string& line : report.not_covered)
      std::cout << "  not covered: " << line << "\n";
    if (given.min_coverage && percent < *given.min_coverage) {
      coverage_too_low = true;
      std::cout << "coverage below --min-coverage " << *given.min_coverage << "%\n";
    }
  }
  std::cout << report.passed << " passed, " << report.failed << " failed";
  if (!report.problems.empty())
    std::cout << ", " << report.problems.size() << " problems in the case files";
  std::cout << "\n";
  return report.failed > 0 || !report.problems.empty() || coverage_too_low ? exit_rule_errors
                                                                           : exit_ok;
}

}  // namespace

RunCommand add_test(CLI::App& regla) {
  CLI::App& test = *regla.add_subcommand(
      "test", "run the test cases kept beside the rules (--coverage: what they miss)");
  set_help_footer(test,
                  "Runs the test cases in the *.cases files of the given files and folders\n"
                  "(default rules/) against the rule set. Prints one line per failing case, then\n"
                  "'N passed, N failed'. Exit 1 if a case failed, a case file has a problem or\n"
                  "coverage is below --min-coverage. A condition (--coverage) is a bool rule,\n"
                  "or an applies, waiver or exception clause. The rules are those of the\n"
                  "nearest folder at or above the first PATH that holds rule files.\n");
  auto given = std::make_shared<TestArguments>();
  test.add_flag("--coverage", given->coverage,
                "also list the conditions that no case saw both hold and fail");
  test.add_option("--min-coverage", given->min_coverage,
                  "fail when fewer than PERCENT of the conditions are covered")
      ->type_name("PERCENT")
      ->check(CLI::Range(0.0, 100.0));
  test.add_option("--rules", given->rules,
                  "the rule set (default the rule folder of the first PATH, else rules/)")
      ->type_name("DIR");
  test.add_option("PATH", given->paths, "*.cases files and folders of them (default rules/)")
      ->type_name("");
  return [given] { return run_test(*given); };
}

}  // namespace regla::cli
