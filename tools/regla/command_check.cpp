// regla check [PATH...]: parse and type-check rule files; nothing is evaluated.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "input_files.hpp"
#include "regla/rules.hpp"

namespace regla::cli {
namespace {

std::string counted(std::size_t count, const char* what) {
  return std::to_string(count) + " " + what + (count == 1 ? "" : "s");
}

// One rule file of a folder that holds others: its names are declared across the folder's files
// (shapes in one, programs it uses in others), so alone it would be full of unknown names; the
// folder is checked instead when the file alone has errors. nullopt when `path` is not such a
// file.
std::optional<std::string> folder_to_check_with(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (fs::path(path).extension() != ".regla" || !fs::is_regular_file(path, error))
    return std::nullopt;
  std::optional<std::string> folder = rule_folder_of(path);
  if (!folder) return std::nullopt;
  for (auto it = fs::recursive_directory_iterator(*folder, error);
       !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (it->path().extension() == ".regla" && !fs::equivalent(it->path(), path, error))
      return folder;
  }
  return std::nullopt;
}

int run_check(std::vector<std::string> paths) {
  namespace fs = std::filesystem;
  if (paths.empty()) paths.push_back("rules/");
  int exit_code = exit_ok;
  if (!all_paths_exist("check", paths, exit_code)) return exit_code;
  RuleSet as_given = RuleSet::load(paths);
  // A file that checks clean alone (an example, a file standing on its own) is reported alone.
  std::optional<std::string> folder =
      paths.size() == 1 && as_given.has_errors() ? folder_to_check_with(paths[0]) : std::nullopt;
  if (!folder) {
    std::cerr << as_given.diagnostics_text();
    std::cerr << "regla check: " << counted(as_given.error_count(), "error") << ", "
              << counted(as_given.warning_count(), "warning") << "\n";
    return as_given.has_errors() ? exit_rule_errors : exit_ok;
  }
  RuleSet rules = RuleSet::load({*folder});
  // The file as the folder's problems name it (rules/juntos.regla for ./rules/juntos.regla).
  std::string file = (fs::path(*folder) / fs::relative(paths[0], *folder)).generic_string();
  std::cerr << rules.diagnostics_text(file);
  std::size_t errors = 0, warnings = 0;
  for (const Problem& problem : rules.problems()) {
    if (fs::path(problem.file).lexically_normal() != fs::path(file).lexically_normal()) continue;
    ++(problem.severity == Problem::Severity::error ? errors : warnings);
  }
  std::size_t other_errors = rules.error_count() - errors;
  std::size_t other_warnings = rules.warning_count() - warnings;
  std::cerr << "regla check: " << counted(errors, "error") << ", " << counted(warnings, "warning")
            << " in " << paths[0] << "; checked with the other rule files of its folder " << *folder
            << " ("
            << (other_errors + other_warnings == 0
                    ? std::string("nothing to report in them")
                    : counted(other_errors, "error") + ", " + counted(other_warnings, "warning") +
                          " in them, printed after the file's")
            << ")\n";
  return rules.has_errors() ? exit_rule_errors : exit_ok;
}

}  // namespace

RunCommand add_check(CLI::App& regla) {
  CLI::App& check = *regla.add_subcommand("check", "parse and type-check rule files");
  set_help_footer(check,
                  "Parses and type-checks rule files (*.regla in the given files and folders;\n"
                  "default rules/), with the data tables they name. Every problem is printed\n"
                  "like a compiler error, with the line and a caret under it. Nothing is\n"
                  "evaluated. One rule file of a folder that holds others, if it has errors\n"
                  "alone, is checked with its folder (names are declared across the folder's\n"
                  "files): the file's problems come first, then the others'. Exit code 1 when\n"
                  "there are errors anywhere; warnings alone exit 0.\n");
  auto paths = std::make_shared<std::vector<std::string>>();
  check.add_option("PATH", *paths, "rule files and folders of them (default rules/)")
      ->type_name("");
  return [paths] { return run_check(*paths); };
}

}  // namespace regla::cli
