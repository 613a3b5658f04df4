// The options eval and explain share: the rule set, the date, the language and the reader, the
// evaluation budget and the records' INPUT.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "regla/evaluation.hpp"

namespace regla::cli {

// As given on the command line. eval declares the options after `explain` itself; explain leaves
// them at these defaults.
struct EvaluationArguments {
  std::string rules = "rules/";
  std::optional<std::string> as_of;  // default today
  std::string language = "en";
  std::string json_reader = "simdjson";
  std::optional<std::string> max_steps;  // default EvaluationOptions::max_steps
  std::optional<std::string> input;      // default (and "-") standard input
  std::string explain;  // eval: "" none, "tree" the explanation tree, "note" the note
  std::string evaluator = "compiled";
  std::optional<std::string> summary;
  std::optional<std::string> group_by;  // default default_group_by, with --summary only
  static constexpr const char* default_group_by = "ubigeo";
};

// Declares --rules, --as-of, --lang, --json-reader, --max-steps and INPUT on `command`, bound to
// `given`.
void add_evaluation_arguments(CLI::App& command, EvaluationArguments& given);

// The evaluation `given` asks for; nullopt (with `exit_code` set) after a usage error.
std::optional<EvaluationOptions> evaluation_options(const EvaluationArguments& given,
                                                    const std::string& command, int& exit_code);

}  // namespace regla::cli
