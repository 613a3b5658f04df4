// regla eval [--rules DIR] [--as-of DATE] [--explain] [--threads N] [INPUT]
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <stdexcept>

#include "arguments.hpp"
#include "commands.hpp"
#include "input_files.hpp"
#include "output_files.hpp"
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
  --group-by FIELD   the household text field --summary breaks the counts down by (default
                     ubigeo; with --summary only)
  --json-reader R    simdjson (default) or nlohmann
  --evaluator E      compiled (default) or reference (the slower oracle)
  --max-steps N      the evaluation budget: the steps (rules evaluated, list elements visited)
                     one record may take (default 1000000); a record that needs more is
                     answered with an error line

A line that cannot be written (a full disk, a closed pipe) stops the run: standard error says
why and how many lines were written, and the summary counts only those (exit 4). A failed read
stops reading: the lines before it are still answered (exit 4).

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
  if (auto steps = arguments.option("max-steps")) {
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
      arguments.option("summary") ? arguments.option("group-by").value_or("ubigeo") : "";
  return options;
}

std::optional<RuleSet> load_rules(const Arguments& arguments, const std::string& command,
                                  int& exit_code) {
  std::string folder = arguments.option("rules").value_or("rules/");
  if (!all_paths_exist(command, {folder}, exit_code)) return std::nullopt;
  RuleSet rules = RuleSet::load({folder});
  if (rules.has_errors()) {
    std::cerr << rules.diagnostics_text();
    exit_code = exit_rule_errors;
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
                                                        {"evaluator", true},
                                                        {"max-steps", true}},
                                                       error);
  if (!arguments) return usage_error("eval", error);
  if (arguments->help) {
    std::cout << help << exit_codes_help;
    return exit_ok;
  }
  if (arguments->positional.size() > 1) return usage_error("eval", "give at most one INPUT file");
  int exit_code = exit_ok;
  std::optional<EvaluationOptions> options = evaluation_options(*arguments, "eval", exit_code);
  if (!options) return exit_code;
  if (arguments->option("group-by") && !arguments->option("summary"))
    return usage_error("eval", "--group-by breaks down the --summary FILE; give one");
  StreamOptions stream;
  if (auto threads = arguments->option("threads")) {
    std::optional<std::uint64_t> count = parse_whole_number(*threads, 1, 1024);
    if (!count) return usage_error("eval", "--threads needs a whole number from 1 to 1024");
    stream.threads = static_cast<unsigned>(*count);
  }
  std::optional<RecordInput> input = RecordInput::open("eval", arguments->positional, exit_code);
  if (!input) return exit_code;
  std::optional<RuleSet> rules = load_rules(*arguments, "eval", exit_code);
  if (!rules) return exit_code;

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
    result = evaluate_stream(*rules, *options, stream, input->file(), stdout);
  } catch (const std::invalid_argument& problem) {
    return usage_error("eval", problem.what());
  }
  if (terminal) std::fputs("\r\033[K", stderr);
  if (result.write_error) {
    std::cerr << "regla eval: cannot write standard output: " << std::strerror(*result.write_error)
              << "; the run stopped: " << result.lines_written
              << " lines were written before the write that failed\n";
  }
  if (result.read_error) {
    std::cerr << "regla eval: cannot read " << input->name() << ": "
              << std::strerror(*result.read_error) << "; the " << result.lines_written
              << " lines before the error were answered\n";
  }
  std::cerr << "regla eval: " << result.summary.text();
  bool summary_written = true;
  if (auto file = arguments->option("summary")) {
    if (std::optional<int> failure = write_file(*file, result.summary.json())) {
      std::cerr << "regla eval: cannot write the summary to '" << *file
                << "': " << std::strerror(*failure) << "\n";
      summary_written = false;
    }
  }
  if (!result.complete() || !summary_written) return exit_io;
  return result.summary.overall.rejected > 0 ? exit_rejected_records : exit_ok;
}

}  // namespace regla::cli
