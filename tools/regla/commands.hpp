// The subcommands of `regla`; each returns the process exit code (see arguments.hpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "arguments.hpp"
#include "regla/evaluation.hpp"

namespace regla::cli {

int run_check(const std::vector<std::string>& words);
int run_fmt(const std::vector<std::string>& words);
int run_eval(const std::vector<std::string>& words);
int run_explain(const std::vector<std::string>& words);
int run_gen(const std::vector<std::string>& words);
int run_test(const std::vector<std::string>& words);

// Options shared by eval and explain; nullopt (with `exit_code` set) after a usage error.
std::optional<EvaluationOptions> evaluation_options(const Arguments& arguments,
                                                    const std::string& command, int& exit_code);
// The rule set named by --rules (default rules/); nullopt (with `exit_code` set) after a usage
// error (the folder does not exist) or after printing the rule files' errors.
std::optional<RuleSet> load_rules(const Arguments& arguments, const std::string& command,
                                  int& exit_code);

// Prints "regla SUBCOMMAND: message" and the hint to use --help; returns exit_usage.
int usage_error(const std::string& command, const std::string& message);

}  // namespace regla::cli
