// The subcommands of `regla`; each returns the process exit code (see arguments.hpp).
#pragma once

#include <string>
#include <vector>

namespace regla::cli {

int run_check(const std::vector<std::string>& words);
int run_fmt(const std::vector<std::string>& words);

// Prints "regla SUBCOMMAND: message" and the hint to use --help; returns exit_usage.
int usage_error(const std::string& command, const std::string& message);

}  // namespace regla::cli
