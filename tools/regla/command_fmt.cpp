// regla fmt [--check] [PATH...]: rewrite rule files in the one canonical layout.
#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "arguments.hpp"
#include "commands.hpp"
#include "input_files.hpp"
#include "output_files.hpp"
#include "regla/rules.hpp"

namespace regla::cli {
namespace {

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
      if (it->is_regular_file(error) && it->path().extension() == ".regla") {
        found.push_back(it->path().generic_string());
      }
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

}  // namespace

int run_fmt(const std::vector<std::string>& words) {
  std::string error;
  std::optional<Arguments> arguments = parse_arguments(words, {{"check", false}}, error);
  if (!arguments) return usage_error("fmt", error);
  if (arguments->help) {
    std::cout << "usage: regla fmt [--check] [PATH...]\n\n"
                 "Rewrites rule files (*.regla in the given files and folders; default rules/)\n"
                 "in the one canonical layout. Comments are kept; formatting twice changes\n"
                 "nothing. With --check, changes nothing, lists the files that would change and\n"
                 "exits 1 if there are any. A file with syntax errors is left alone (exit 1).\n"
                 "A file is rewritten through a temporary file beside it, renamed over it: a\n"
                 "failed write leaves it as it was (exit 4).\n\n"
              << exit_codes_help;
    return exit_ok;
  }
  bool check_only = arguments->has("check");
  std::vector<std::string> paths = arguments->positional;
  if (paths.empty()) paths.push_back("rules/");
  int result = exit_ok;
  if (!all_paths_exist("fmt", paths, result)) return result;
  bool write_failed = false;
  for (const std::string& path : rule_files(paths)) {
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
      std::cout << path << ": would be reformatted\n";
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

}  // namespace regla::cli
