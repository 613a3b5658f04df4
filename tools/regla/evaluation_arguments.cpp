// The options of eval and explain, declared once for both, and what they mean for the evaluation.
#include "evaluation_arguments.hpp"

#include <algorithm>
#include <iostream>
#include <stdexcept>

#include "commands.hpp"

namespace regla::cli {
namespace {

// The languages of explanations, joined by `separator`.
std::string language_codes(std::string_view separator) {
  std::string codes;
  for (const std::string& code : explanation_languages()) {
    if (!codes.empty()) codes += separator;
    codes += code;
  }
  return codes;
}

}  // namespace

void add_evaluation_arguments(CLI::App& command, EvaluationArguments& given) {
  command.add_option("--rules", given.rules, "the rule set")
      ->type_name("DIR")
      ->capture_default_str();
  command.add_option("--as-of", given.as_of, "the evaluation date, YYYY-MM-DD (default today)")
      ->type_name("DATE");
  command.add_option("--lang", given.language, "the language of explanations")
      ->type_name(language_codes("|"))
      ->capture_default_str();
  command.add_option("--json-reader", given.json_reader, "the JSON reader: simdjson or nlohmann")
      ->type_name("R")
      ->capture_default_str();
  command
      .add_option("--max-steps", given.max_steps,
                  "the steps one record may take: rules evaluated, list elements visited")
      ->type_name("N")
      ->default_str(std::to_string(EvaluationOptions{}.max_steps));
  command
      .add_option("INPUT", given.input,
                  "household records, JSON Lines (default, and -: standard input)")
      ->type_name("");
}

std::optional<EvaluationOptions> evaluation_options(const EvaluationArguments& given,
                                                    const std::string& command, int& exit_code) {
  EvaluationOptions options;
  options.as_of = given.as_of.value_or(today());
  // A date the user did not choose is said, since every age and period depends on it.
  if (!given.as_of) {
    std::cerr << "regla " << command << ": no --as-of given: evaluating as of " << options.as_of
              << " (today)\n";
  }
  if (!given.explain.empty() && given.explain != "tree" && given.explain != "note") {
    exit_code = usage_error(command, "--explain must be tree or note (or given alone, tree)");
    return std::nullopt;
  }
  options.explain = given.explain == "tree";
  options.note = given.explain == "note";
  options.language = given.language;
  std::vector<std::string> languages = explanation_languages();
  if (std::ranges::find(languages, options.language) == languages.end()) {
    exit_code = usage_error(command, "--lang must be one of " + language_codes(", "));
    return std::nullopt;
  }
  if (given.json_reader != "simdjson" && given.json_reader != "nlohmann") {
    exit_code = usage_error(command, "--json-reader must be simdjson or nlohmann");
    return std::nullopt;
  }
  options.reader = given.json_reader == "simdjson" ? JsonReader::simdjson : JsonReader::nlohmann;
  if (given.evaluator != "compiled" && given.evaluator != "reference") {
    exit_code = usage_error(command, "--evaluator must be compiled or reference");
    return std::nullopt;
  }
  options.evaluator =
      given.evaluator == "compiled" ? EvaluatorKind::compiled : EvaluatorKind::reference;
  if (const std::optional<std::string>& steps = given.max_steps) {
    std::size_t used = 0;
    try {
      options.max_steps = std::stoull(*steps, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != steps->size() || (*steps)[0] == '-' || options.max_steps == 0) {
      exit_code = usage_error(command, "--max-steps needs a whole number of at least 1");
      return std::nullopt;
    }
  }
  // The breakdown by district is only written with --summary; without it, none is kept.
  options.group_by =
      given.summary ? given.group_by.value_or(EvaluationArguments::default_group_by) : "";
  return options;
}

}  // namespace regla::cli
