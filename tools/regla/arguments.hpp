// Command-line arguments for one subcommand: --flags, --options VALUE, and positional paths.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace regla::cli {

// The exit codes of every command (README, `regla --help`). exit_io: an input could not be read
// to its end or some output could not be written; the message on standard error says which and
// why.
enum ExitCode {
  exit_ok = 0,
  exit_rule_errors = 1,
  exit_usage = 2,
  exit_rejected_records = 3,
  exit_io = 4
};

// The exit codes as every command's --help ends.
extern const char* const exit_codes_help;

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

// `text` as a whole number from `lowest` to `highest` (digits only: no sign, no spaces).
std::optional<std::uint64_t> parse_whole_number(const std::string& text, std::uint64_t lowest,
                                                std::uint64_t highest);

// nullopt (with `error` set) for an unknown option or a missing value.
std::optional<Arguments> parse_arguments(const std::vector<std::string>& words,
                                         const std::vector<OptionSpec>& specs, std::string& error);

}  // namespace regla::cli
