// regla eval [--rules DIR] [--as-of DATE] [--explain] [--threads N] [INPUT]
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <stdexcept>

#include "arguments.hpp"
#include "commands.hpp"
#include "regla/evaluation.hpp"

namespace regla::cli {
namespace {

const char* const help =
    R"(usage: regla eval [--rules DIR] [--as-of DATE] [--explain] [--threads N] [INPUT]

Reads household records (JSON Lines) from INPUT or standard input and writes one JSON line per
input line to standard output, in input order: the decisions, or an error naming the line and
the problem. A summary goes to standard error at the end.

  --rules DIR        the rule set (default rules/)
  --as-of DATE       the evaluation date, YYYY-MM-DD (default today)
  --explain          add "why": the explanation of every decision
  --lang en|es       the language of labels in explanations (default en)
  --threads N        evaluating threads (default: every core)
  --summary FILE     also write the summary as JSON, broken down by district
  --group-by FIELD   the household field --summary breaks the counts down by (default ubigeo)
  --json-reader R    simdjson (default) or nlohmann
  --evaluator E      compiled (default) or reference (the slower oracle)

Exit codes: 0 all records evaluated, 1 the rule files have errors, 2 usage error,
            3 some records were rejected (every other record was still evaluated).
)";

}  // namespace

std::optional<EvaluationOptions> evaluation_options(const Arguments& arguments,
                                                    const std::string& command, int& exit_code) {
  EvaluationOptions options;
  options.as_of = arguments.option("as-of").value_or(today());
  options.explain = arguments.has("explain");
  options.language = arguments.option("lang").value_or("en");
  if (options.language != "en" && options.language != "es") {
    exit_code = usage_error(command, "--lang must be en or es");
    return std::nullopt;
  }
  std::string reader = arguments.option("json-reader").value_or("simdjson");
  if (reader != "simdjson" && reader != "nlohmann") {
    exit_code = usage_error(command, "--json-reader must be simdjson or nlohmann");
    return std::nullopt;
  }
  options.reader = reader == "simdjson" ? JsonReader::simdjson : JsonReader::nlohmann;
  std::string evaluator = arguments.option("evaluator").value_or("compiled");
  if (evaluator != "compiled" && evaluator != "reference") {
    exit_code = usage_error(command, "--evaluator must be compiled or reference");
    return std::nullopt;
  }
  options.evaluator = evaluator == "compiled" ? EvaluatorKind::compiled : EvaluatorKind::reference;
  // The breakdown by district is only written with --summary; without it, none is kept.
  options.group_by =
      arguments.option("summary") ? arguments.option("group-by").value_or("ubigeo") : "";
  return options;
}

std::optional<RuleSet> load_rules(const Arguments& arguments) {
  RuleSet rules = RuleSet::load({arguments.option("rules").value_or("rules/")});
  if (rules.has_errors()) {
    std::cerr << rules.diagnostics_text();
    return std::nullopt;
  }
  return rules;
}

int run_eval(const std::vector<std::string>& words) {
  std::string error;
  std::optional<Arguments> arguments = parse_arguments(words,
                                                       {{"rules", true},
                                                        {"as-of", true},
                                                        {"explain", false},
                                                        {"lang", true},
                                                        {"threads", true},
                                                        {"summary", true},
                                                        {"group-by", true},
                                                        {"json-reader", true},
                                                        {"evaluator", true}},
                                                       error);
  if (!arguments) return usage_error("eval", error);
  if (arguments->help) {
    std::cout << help;
    return exit_ok;
  }
  if (arguments->positional.size() > 1) return usage_error("eval", "give at most one INPUT file");
  int exit_code = exit_ok;
  std::optional<EvaluationOptions> options = evaluation_options(*arguments, "eval", exit_code);
  if (!options) return exit_code;
  StreamOptions stream;
  if (auto threads = arguments->option("threads")) {
    try {
      std::size_t used = 0;
      int count = std::stoi(*threads, &used);
      if (used != threads->size() || count < 1 || count > 1024) throw std::invalid_argument("");
      stream.threads = static_cast<unsigned>(count);
    } catch (const std::exception&) {
      return usage_error("eval", "--threads needs a whole number from 1 to 1024");
    }
  }
  std::FILE* input = stdin;
  if (!arguments->positional.empty() && arguments->positional[0] != "-") {
    input = std::fopen(arguments->positional[0].c_str(), "rb");
    if (!input)
      return usage_error("eval", "cannot open input file '" + arguments->positional[0] + "'");
  }
  std::optional<RuleSet> rules = load_rules(*arguments);
  if (!rules) return exit_rule_errors;

  bool terminal = isatty(STDERR_FILENO);
  auto last_report = std::chrono::steady_clock::now();
  auto started = last_report;
  if (terminal) {
    stream.progress = [&](std::uint64_t records) {
      auto now = std::chrono::steady_clock::now();
      if (now - last_report < std::chrono::milliseconds(500)) return;
      last_report = now;
      double seconds = std::chrono::duration<double>(now - started).count();
      std::fprintf(stderr, "\r%llu records, %.0f records/s",
                   static_cast<unsigned long long>(records), records / seconds);
    };
  }
  StreamResult result;
  try {
    result = evaluate_stream(*rules, *options, stream, input, stdout);
  } catch (const std::invalid_argument& problem) {
    if (input != stdin) std::fclose(input);
    return usage_error("eval", problem.what());
  }
  if (input != stdin) std::fclose(input);
  if (terminal) std::fputs("\r\033[K", stderr);
  if (result.write_error) {
    std::cerr << "regla eval: cannot write standard output: " << std::strerror(*result.write_error)
              << "; the run stopped after " << result.lines_written << " lines written\n";
  }
  if (result.read_error) {
    std::cerr << "regla eval: cannot read the input: " << std::strerror(*result.read_error)
              << "; the " << result.lines_written << " lines before the error were answered\n";
  }
  std::cerr << "regla eval: " << result.summary.text();
  if (auto file = arguments->option("summary")) {
    std::ofstream out(*file);
    out << result.summary.json();
    if (!out) std::cerr << "regla eval: cannot write the summary to '" << *file << "'\n";
  }
  if (!result.complete()) return 4;
  return result.summary.overall.rejected > 0 ? exit_rejected_records : exit_ok;
}

}  // namespace regla::cli
