// regla fmt [--check] [PATH...]: rewrite rule files in the one canonical layout.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "arguments.hpp"
#include "commands.hpp"
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
                 "exits 1 if there are any. A file with syntax errors is left alone (exit 1).\n";
    return exit_ok;
  }
  bool check_only = arguments->has("check");
  std::vector<std::string> paths = arguments->positional;
  if (paths.empty()) paths.push_back("rules/");
  int result = exit_ok;
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
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << formatted.text;
    if (!out) {
      std::cerr << path << ": error: cannot write this file\n";
      result = exit_rule_errors;
      continue;
    }
    std::cout << path << ": formatted\n";
  }
  return result;
}

}  // namespace regla::cli
