// regla check [PATH...]: parse and type-check rule files; nothing is evaluated.
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "input_files.hpp"
#include "regla/rules.hpp"

namespace regla::cli {
namespace {

int run_check(std::vector<std::string> paths) {
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

}  // namespace

RunCommand add_check(CLI::App& regla) {
  CLI::App& check = *regla.add_subcommand("check", "parse and type-check rule files");
  set_help_footer(check,
                  "Parses and type-checks rule files (*.regla in the given files and folders;\n"
                  "default rules/), with the data tables they name. Every problem is printed\n"
                  "like a compiler error, with the line and a caret under it. Nothing is\n"
                  "evaluated. Exit code 1 when there are errors; warnings alone exit 0.\n");
  auto paths = std::make_shared<std::vector<std::string>>();
  check.add_option("PATH", *paths, "rule files and folders of them (default rules/)")
      ->type_name("");
  return [paths] { return run_check(*paths); };
}

}  // namespace regla::cli
