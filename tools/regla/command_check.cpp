// regla check [PATH...]: parse and type-check rule files; nothing is evaluated.
#include <iostream>

#include "arguments.hpp"
#include "commands.hpp"
#include "input_files.hpp"
#include "regla/rules.hpp"

namespace regla::cli {

int run_check(const std::vector<std::string>& words) {
  std::string error;
  std::optional<Arguments> arguments = parse_arguments(words, {}, error);
  if (!arguments) return usage_error("check", error);
  if (arguments->help) {
    std::cout
        << "usage: regla check [PATH...]\n\n"
           "Parses and type-checks rule files (*.regla in the given files and folders;\n"
           "default rules/), with the data tables they name. Every problem is printed\n"
           "like a compiler error, with the line and a caret under it. Nothing is evaluated.\n"
           "Exit code 1 when there are errors; warnings alone exit 0.\n\n"
        << exit_codes_help;
    return exit_ok;
  }
  std::vector<std::string> paths = arguments->positional;
  if (paths.empty()) paths.push_back("rules/");
  int exit_code = exit_ok;
  if (!all_paths_exist("check", paths, exit_code)) return exit_code;
  RuleSet rules = RuleSet::load(paths);
  std::cerr << rules.diagnostics_text();
  std::cerr << "regla check: " << rules.error_count() << " error"
            << (rules.error_count() == 1 ? "" : "s") << ", " << rules.warning_count() << " warning"
            << (rules.warning_count() == 1 ? "" : "s") << "\n";
  return rules.has_errors() ? exit_rule_errors : exit_ok;
}

}  // namespace regla::cli
