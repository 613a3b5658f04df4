// regla eval [--rules DIR] [--as-of DATE] [--explain[=tree|note]] [--threads N] [INPUT]
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>
#include <stdexcept>

#include "commands.hpp"
#include "eval_records.hpp"
#include "evaluation_arguments.hpp"
#include "input_files.hpp"
#include "output_files.hpp"
#include "regla/evaluation.hpp"
#include "whole_number.hpp"

namespace regla::cli {
namespace {

struct EvalArguments {
  EvaluationArguments evaluation;
  std::optional<std::string> threads;     // default every core
  std::optional<std::string> first_line;  // default 1
  RecordsRoute records;
};

// What ended a run, whichever route it took.
struct RunEnd {
  RunSummary summary;
  bool complete = true;  // every record read and every answer written
};

// JSON Lines in and out, on every core.
RunEnd run_stream(const CompiledRules& rules, StreamOptions stream, const RecordInput& input) {
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
  StreamResult result = evaluate_stream(rules, stream, input.file(), stdout);
  if (terminal) std::fputs("\r\033[K", stderr);
  if (result.write_error) {
    std::cerr << "regla eval: cannot write standard output: " << std::strerror(*result.write_error)
              << "; the run stopped: " << result.lines_written
              << " lines were written before the write that failed\n";
  }
  if (result.read_error) {
    std::cerr << "regla eval: cannot read " << input.name() << ": "
              << std::strerror(*result.read_error) << "; the " << result.lines_written
              << " lines before the error were answered\n";
  }
  return RunEnd{result.summary, result.complete()};
}

int run_eval(const EvalArguments& given) {
  const EvaluationArguments& evaluation = given.evaluation;
  int exit_code = exit_ok;
  std::optional<EvaluationOptions> options = evaluation_options(evaluation, "eval", exit_code);
  if (!options) return exit_code;
  if (evaluation.group_by && !evaluation.summary)
    return usage_error("eval", "--group-by breaks down the --summary FILE; give one");
  StreamOptions stream;
  if (given.threads) {
    std::optional<std::uint64_t> count = parse_whole_number(*given.threads, 1, 1024);
    if (!count) return usage_error("eval", "--threads needs a whole number from 1 to 1024");
    stream.threads = static_cast<unsigned>(*count);
  }
  if (given.first_line) {
    std::optional<std::uint64_t> number =
        parse_whole_number(*given.first_line, 1, std::uint64_t{1} << 53);
    if (!number) return usage_error("eval", "--first-line needs a whole number of at least 1");
    stream.first_line = *number;
  }
  bool records_route = takes_records_route(given.records);
  if (records_route && (given.threads || given.first_line || !evaluation.explain.empty())) {
    const char* option = given.threads      ? "--threads"
                         : given.first_line ? "--first-line"
                                            : "--explain";
    return usage_error("eval", std::string(option) +
                                   " is for JSON Lines in and out; --tables and --output csv "
                                   "evaluate on one thread, without explanations");
  }
  if (given.records.sort_tables && !given.records.tables) {
    return usage_error("eval", "--sort-tables sorts the --tables; give them");
  }
  if (given.records.tables && evaluation.input) {
    return usage_error("eval", "records come from --tables or from INPUT, not both");
  }
  std::optional<RecordInput> input = given.records.tables
                                         ? std::optional<RecordInput>()
                                         : RecordInput::open("eval", evaluation.input, exit_code);
  if (!given.records.tables && !input) return exit_code;
  std::optional<RuleSet> rules = load_rules(evaluation.rules, "eval", exit_code);
  if (!rules) return exit_code;
  CompileResult compiled = compile(*rules, *options);
  if (!compiled.rules) return usage_error("eval", compiled.error);
  std::optional<RunEnd> result;
  if (records_route) {
    std::optional<RecordsRun> run =
        run_records_route(*compiled.rules, given.records, input ? &*input : nullptr, exit_code);
    if (!run) return exit_code;
    result = RunEnd{run->summary, run->complete()};
  } else {
    result = run_stream(*compiled.rules, stream, *input);
  }
  std::cerr << "regla eval: " << result->summary.text();
  bool summary_written = true;
  if (const std::optional<std::string>& file = evaluation.summary) {
    if (std::optional<int> failure = write_file(*file, result->summary.json())) {
      std::cerr << "regla eval: cannot write the summary to '" << *file
                << "': " << std::strerror(*failure) << "\n";
      summary_written = false;
    }
  }
  if (!result->complete || !summary_written) return exit_io;
  return result->summary.overall.rejected > 0 ? exit_rejected_records : exit_ok;
}

}  // namespace

RunCommand add_eval(CLI::App& regla) {
  CLI::App& eval = *regla.add_subcommand(
      "eval", "evaluate household records (JSON Lines): decisions, a line per record");
  set_help_footer(
      eval,
      "Reads household records (JSON Lines) from INPUT or standard input and writes one JSON\n"
      "line per input line to standard output, in input order: the decisions, or an error\n"
      "naming the line and the problem. A record that needs more steps than --max-steps is\n"
      "answered with an error line. A summary goes to standard error at the end.\n\n"
      "--tables reads the records from CSV tables instead (households.csv, members.csv and a\n"
      "table per list of the shapes, sorted by household id, or else with --sort-tables);\n"
      "--output csv writes a row per household and, to --members-output, a row per member\n"
      "(README, \"Registries\").\n\n"
      "A line that cannot be written (a full disk, a closed pipe) stops the run: standard error\n"
      "says why and how many lines were written, and the summary counts only those (exit 4).\n"
      "A failed read stops reading: the lines before it are still answered (exit 4).\n");
  auto given = std::make_shared<EvalArguments>();
  EvaluationArguments& evaluation = given->evaluation;
  add_evaluation_arguments(eval, evaluation);
  eval.add_flag("--explain{tree}", evaluation.explain,
                "add \"why\": the explanation tree of every decision; --explain=note adds\n"
                "\"note\" instead: the caseworker's note, as regla explain prints it");
  eval.add_option("--threads", given->threads, "evaluating threads (default every core)")
      ->type_name("N");
  eval.add_option("--first-line", given->first_line,
                  "the number of INPUT's first line, for a part of a larger registry (default 1)")
      ->type_name("N");
  eval.add_option("--summary", evaluation.summary,
                  "also write the summary as JSON, broken down by district")
      ->type_name("FILE");
  eval.add_option("--group-by", evaluation.group_by,
                  "the household text field --summary breaks down by (with --summary only)")
      ->type_name("FIELD")
      ->default_str(EvaluationArguments::default_group_by);
  eval.add_option("--evaluator", evaluation.evaluator, "compiled, or reference (the slower oracle)")
      ->type_name("E")
      ->capture_default_str();
  eval.add_option("--tables", given->records.tables,
                  "read the records from CSV tables: a folder of NAME.csv, or "
                  "households=FILE,members=FILE,... (instead of INPUT)")
      ->type_name("TABLES");
  eval.add_flag("--sort-tables", given->records.sort_tables,
                "the --tables are not sorted by household id: sort them first, in temporary\n"
                "files (TMPDIR), before the first household is answered");
  eval.add_option("--output", given->records.output,
                  "json (JSON Lines), or csv: a row per household on standard output")
      ->type_name("FORMAT")
      ->capture_default_str();
  eval.add_option("--members-output", given->records.members_output,
                  "with --output csv: the file of the members' rows")
      ->type_name("FILE");
  return [given] { return run_eval(*given); };
}

}  // namespace regla::cli
