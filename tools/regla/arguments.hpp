// Command-line arguments for one subcommand: --flags, --options VALUE, and positional paths.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace regla::cli {

enum ExitCode { exit_ok = 0, exit_rule_errors = 1, exit_usage = 2, exit_rejected_records = 3 };

struct OptionSpec {
  std::string name;  // without the leading dashes
  bool takes_value;
};

struct Arguments {
  std::set<std::string> flags;
  std::map<std::string, std::string> options;
  std::vector<std::string> positional;
  bool help = false;

  bool has(const std::string& flag) const { return flags.count(flag) > 0; }
  std::optional<std::string> option(const std::string& name) const {
    auto found = options.find(name);
    if (found == options.end()) return std::nullopt;
    return found->second;
  }
};

// nullopt (with `error` set) for an unknown option or a missing value.
std::optional<Arguments> parse_arguments(const std::vector<std::string>& words,
                                         const std::vector<OptionSpec>& specs, std::string& error);

}  // namespace regla::cli
