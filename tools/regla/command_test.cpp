// regla test [--coverage] [PATH...]: run the test cases kept beside the rules.
#include <iostream>

#include "arguments.hpp"
#include "commands.hpp"
#include "input_files.hpp"
#include "regla/rule_tests.hpp"

namespace regla::cli {

int run_test(const std::vector<std::string>& words) {
  std::string error;
  std::optional<Arguments> arguments =
      parse_arguments(words, {{"coverage", false}, {"rules", true}}, error);
  if (!arguments) return usage_error("test", error);
  if (arguments->help) {
    std::cout
        << "usage: regla test [--coverage] [--rules DIR] [PATH...]\n\n"
           "Runs the test cases in the *.cases files of the given files and folders (default\n"
           "rules/) against the rule set (--rules; default: the first folder given, else\n"
           "rules/). Prints one line per failing case, then 'N passed, N failed'. With\n"
           "--coverage, also lists every condition (rule, or applies/waiver/exception clause)\n"
           "that no case saw both hold and fail. Exit 1 if a case failed.\n\n"
        << exit_codes_help;
    return exit_ok;
  }
  std::vector<std::string> paths = arguments->positional;
  if (paths.empty()) paths.push_back("rules/");
  int exit_code = exit_ok;
  if (!all_paths_exist("test", paths, exit_code)) return exit_code;
  Arguments rule_arguments = *arguments;
  if (!rule_arguments.option("rules")) rule_arguments.options["rules"] = paths.front();
  std::optional<RuleSet> rules = load_rules(rule_arguments, "test", exit_code);
  if (!rules) return exit_code;
  RuleTestReport report = run_rule_tests(*rules, paths, arguments->has("coverage"));
  for (const std::string& problem : report.problems)
    std::cout << problem << "\n";
  for (const std::string& failure : report.failures)
    std::cout << failure << "\n";
  if (arguments->has("coverage")) {
    std::cout << "coverage: " << (report.conditions - static_cast<int>(report.not_covered.size()))
              << " of " << report.conditions << " conditions seen both holding and failing\n";
    for (const std::string& line : report.not_covered)
      std::cout << "  not covered: " << line << "\n";
  }
  std::cout << report.passed << " passed, " << report.failed << " failed\n";
  return report.failed > 0 || !report.problems.empty() ? exit_rule_errors : exit_ok;
}

}  // namespace regla::cli
