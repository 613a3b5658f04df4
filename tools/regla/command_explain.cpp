// regla explain [--rules DIR] [--as-of DATE] [--lang en|es] [--full] [--all-conditions]
//               [--decision PATTERN] --household ID [INPUT]
#include <fnmatch.h>

#include <algorithm>
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
  HouseholdEvaluator::TextOptions text;
};

// Whether some decision of `rules` is named by `pattern`, a glob such as juntos.*.
bool matches_a_decision(const CompiledRules& rules, const std::string& pattern) {
  auto matches = [&](const std::string& key) {
    return fnmatch(pattern.c_str(), key.c_str(), 0) == 0;
  };
  return std::ranges::any_of(rules.household_decisions(), matches) ||
         std::ranges::any_of(rules.member_decisions(), matches);
}

std::string decision_names(const CompiledRules& rules) {
  std::string names;
  for (const auto* list : {&rules.household_decisions(), &rules.member_decisions()}) {
    for (const std::string& key : *list)
      names += (names.empty() ? "" : ", ") + key;
  }
  return names;
}

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
  if (!matches_a_decision(*compiled.rules, given.text.decisions)) {
    return usage_error("explain", "--decision '" + given.text.decisions +
                                      "' names no decision; the decisions are " +
                                      decision_names(*compiled.rules));
  }
  HouseholdEvaluator evaluator(*compiled.rules);
  std::optional<int> read_error;
  std::optional<FoundLine> found =
      find_household(evaluator, input->file(), given.household, read_error);
  if (found) {
    std::cout << evaluator.explain_text(found->text, found->number, given.text);
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
      "Prints, for a caseworker, the note of one household: for each decision its verdict\n"
      "(✓ holds, ✗ fails) and the few facts that decided it, in the rules' words: the rules\n"
      "that failed and by how much, the values they looked at, the waiver or exception that\n"
      "decided; a rule explained once is referred to after. --full prints the whole\n"
      "explanation instead: every rule and condition with its verdict, the values it looked\n"
      "at and what it needed; conditions not needed for the verdict are marked 'also'.\n"
      "Reads INPUT or standard input.\n"
      "Control characters from the record (terminal escapes) are shown as \\xNN.\n"
      "A household whose record is rejected is explained with the reason (exit 3).\n");
  auto given = std::make_shared<ExplainArguments>();
  explain.add_option("--household", given->household, "the household to explain")
      ->type_name("ID")
      ->required();
  explain.add_flag("--full", given->text.full,
                   "the whole explanation: every rule and condition, as written");
  explain.add_flag("--all-conditions", given->text.all_conditions,
                   "the note also lists conditions that held or did not apply");
  explain
      .add_option("--decision", given->text.decisions,
                  "only the decisions this glob names, such as 'juntos.*'")
      ->type_name("PATTERN")
      ->capture_default_str();
  add_evaluation_arguments(explain, given->evaluation);
  return [given] { return run_explain(*given); };
}

}  // namespace regla::cli
