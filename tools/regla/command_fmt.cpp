// regla fmt [--check [--diff]] [PATH...]: rewrite rule files in the one canonical layout.
#include <sys/stat.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "commands.hpp"
#include "input_files.hpp"
#include "output_files.hpp"
#include "regla/rules.hpp"
#include "unified_diff.hpp"

namespace regla::cli {
namespace {

// What a path that is neither a rule file nor a folder of them is, for the message refusing it;
// nullptr for a regular file or a folder. fmt reads a file whole and renames its new text over
// it: a pipe would be waited on, and a device or /dev/stdin (even when it leads to a plain file)
// would be replaced by a plain file.
const char* not_a_rule_file(const std::string& path) {
  struct stat status;
  if (stat(path.c_str(), &status) != 0) return nullptr;  // reported when it is read
  if (S_ISFIFO(status.st_mode)) return "a pipe (FIFO)";
  if (S_ISCHR(status.st_mode) || S_ISBLK(status.st_mode)) return "a device";
  if (S_ISSOCK(status.st_mode)) return "a socket";
  if (!S_ISREG(status.st_mode) && !S_ISDIR(status.st_mode)) return "a special file";
  std::error_code error;
  std::filesystem::path written = std::filesystem::absolute(path, error).lexically_normal();
  auto top = written.begin();
  if (!error && top != written.end() && ++top != written.end() && (*top == "dev" || *top == "proc"))
    return "a file of the system's /dev or /proc (such as /dev/stdin)";
  return nullptr;
}

std::vector<std::string> rule_files(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code error;
    if (!std::filesystem::is_directory(path, error)) {
      files.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    for (auto it = std::filesystem::recursive_directory_iterator(path, error);
         !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
      // A FIFO named like a rule file is listed too, to be refused by name rather than skipped.
      if (!it->is_directory(error) && it->path().extension() == ".regla") {
        found.push_back(it->path().generic_string());
      }
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

int run_fmt(bool check_only, bool show_diff, std::vector<std::string> paths) {
  if (paths.empty()) paths.push_back("rules/");
  int result = exit_ok;
  if (!all_paths_exist("fmt", paths, result)) return result;
  for (const std::string& path : paths) {
    if (const char* what = not_a_rule_file(path)) {
      return usage_error("fmt", "'" + path + "' is " + what +
                                    ", not a rule file; fmt reads and rewrites regular files "
                                    "(and the *.regla files of folders)");
    }
  }
  bool write_failed = false;
  for (const std::string& path : rule_files(paths)) {
    if (const char* what = not_a_rule_file(path)) {
      std::cerr << path << ": error: this is " << what << ", not a rule file; it is left alone\n";
      result = exit_rule_errors;
      continue;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::cerr << path << ": error: cannot read this file\n";
      result = exit_rule_errors;
      continue;
    }
    std::ostringstream text;
    text << in.rdbuf();
    FormatResult formatted = format_rules({path, text.str()});
    if (!formatted.ok) {
      std::cerr << formatted.diagnostics;
      result = exit_rule_errors;
      continue;
    }
    if (formatted.text == text.str()) continue;
    if (check_only) {
      if (show_diff) {
        std::cout << unified_diff(text.str(), formatted.text, path + "\t(as it is)",
                                  path + "\t(formatted)");
      } else {
        std::cout << path << ": would be reformatted\n";
      }
      result = exit_rule_errors;
      continue;
    }
    if (std::optional<int> failure = replace_file(path, formatted.text)) {
      std::cerr << path << ": error: cannot write this file (" << std::strerror(*failure)
                << "); it is left as it was\n";
      write_failed = true;
      continue;
    }
    std::cout << path << ": formatted\n";
  }
  return write_failed ? exit_io : result;
}

struct FmtArguments {
  bool check = false;
  bool diff = false;
  std::vector<std::string> paths;
};

}  // namespace

RunCommand add_fmt(CLI::App& regla) {
  CLI::App& fmt = *regla.add_subcommand("fmt", "rewrite rule files in the canonical layout");
  set_help_footer(fmt,
                  "Rewrites rule files (*.regla in the given files and folders; default rules/)\n"
                  "in the one canonical layout. Comments are kept; formatting twice changes\n"
                  "nothing. A file with syntax errors is left alone (exit 1). A file is rewritten\n"
                  "through a temporary file beside it, renamed over it: a failed write leaves it\n"
                  "as it was (exit 4). --check --diff prints, for each file that would change, a\n"
                  "unified diff (as diff -u) from the file as it is to the file formatted.\n");
  auto given = std::make_shared<FmtArguments>();
  CLI::Option* check =
      fmt.add_flag("--check", given->check,
                   "change nothing: list the files that would change; exit 1 if any would");
  fmt.add_flag("--diff", given->diff,
               "with --check: print what would change as a unified diff instead of the list")
      ->needs(check);
  fmt.add_option("PATH", given->paths, "rule files and folders of them (default rules/)")
      ->type_name("");
  return [given] { return run_fmt(given->check, given->diff, given->paths); };
}

}  // namespace regla::cli
