// regla explain [--rules DIR] [--as-of DATE] [--lang en|es] --household ID [INPUT]
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <utility>

#include "commands.hpp"
#include "evaluation_arguments.hpp"
#include "input_files.hpp"
#include "regla/evaluation.hpp"

namespace regla::cli {
namespace {

struct FoundLine {
  std::string text;
  std::uint64_t number;
};

// The line of `input` that holds household `id`; nullopt at the end of the input, or at a read
// error (then `read_error` is its errno).
std::optional<FoundLine> find_household(HouseholdEvaluator& evaluator, std::FILE* input,
                                        const std::string& id, std::optional<int>& read_error) {
  std::optional<FoundLine> found;
  char* buffer = nullptr;
  std::size_t capacity = 0;
  std::uint64_t number = 0;
  ssize_t length;
  while (!found && (length = getline(&buffer, &capacity, input)) >= 0) {
    ++number;
    std::string line(buffer, static_cast<std::size_t>(length));
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
      line.pop_back();
    if (evaluator.household_id(line) == id) found = FoundLine{std::move(line), number};
  }
  if (!found && std::ferror(input)) read_error = errno;
  std::free(buffer);
  return found;
}

struct ExplainArguments {
  EvaluationArguments evaluation;
  std::string household;
};

int run_explain(const ExplainArguments& given) {
  const EvaluationArguments& evaluation = given.evaluation;
  int exit_code = exit_ok;
  std::optional<EvaluationOptions> options = evaluation_options(evaluation, "explain", exit_code);
  if (!options) return exit_code;
  std::optional<RecordInput> input = RecordInput::open("explain", evaluation.input, exit_code);
  if (!input) return exit_code;
  std::optional<RuleSet> rules = load_rules(evaluation.rules, "explain", exit_code);
  if (!rules) return exit_code;
  CompileResult compiled = compile(*rules, *options);
  if (!compiled.rules) return usage_error("explain", compiled.error);
  HouseholdEvaluator evaluator(*compiled.rules);
  std::optional<int> read_error;
  std::optional<FoundLine> found =
      find_household(evaluator, input->file(), given.household, read_error);
  if (found) {
    std::cout << evaluator.explain_text(found->text, found->number);
    return evaluator.evaluate(found->text, found->number).decided() ? exit_ok
                                                                    : exit_rejected_records;
  }
  if (read_error) {
    std::cerr << "regla explain: cannot read " << input->name() << ": "
              << std::strerror(*read_error) << "\n";
    return exit_io;
  }
  std::cerr << "regla explain: no household '" << given.household << "' in the input\n";
  return exit_usage;
}

}  // namespace

RunCommand add_explain(CLI::App& regla) {
  CLI::App& explain = *regla.add_subcommand(
      "explain", "explain the decisions of one household, for a person to read");
  set_help_footer(
      explain,
      "Prints, for a person to read, why each decision of one household came out as it\n"
      "did: every rule and condition with its verdict (✓ holds, ✗ fails), the values it\n"
      "looked at and what it needed; waivers and exceptions that decided; conditions that\n"
      "were not needed for the verdict are marked 'also'. Reads INPUT or standard input.\n"
      "Control characters from the record (terminal escapes) are shown as \\xNN.\n"
      "A household whose record is rejected is explained with the reason (exit 3).\n");
  auto given = std::make_shared<ExplainArguments>();
  explain.add_option("--household", given->household, "the household to explain")
      ->type_name("ID")
      ->required();
  add_evaluation_arguments(explain, given->evaluation);
  return [given] { return run_explain(*given); };
}

}  // namespace regla::cli
