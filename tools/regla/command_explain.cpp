// regla explain [--rules DIR] [--as-of DATE] [--lang en|es] --household ID [INPUT]
#include <cstdio>
#include <iostream>
#include <stdexcept>

#include "arguments.hpp"
#include "commands.hpp"
#include "regla/evaluation.hpp"

namespace regla::cli {

int run_explain(const std::vector<std::string>& words) {
  std::string error;
  std::optional<Arguments> arguments = parse_arguments(words,
                                                       {{"rules", true},
                                                        {"as-of", true},
                                                        {"lang", true},
                                                        {"household", true},
                                                        {"json-reader", true},
                                                        {"max-steps", true}},
                                                       error);
  if (!arguments) return usage_error("explain", error);
  if (arguments->help) {
    std::cout
        << "usage: regla explain [--rules DIR] [--as-of DATE] [--lang en|es] --household ID "
           "[INPUT]\n\n"
           "Prints, for a person to read, why each decision of one household came out as it\n"
           "did: every rule and condition with its verdict (✓ holds, ✗ fails), the values it\n"
           "looked at and what it needed; waivers and exceptions that decided; conditions that\n"
           "were not needed for the verdict are marked 'also'. Reads INPUT or standard input.\n\n"
           "  --max-steps N      the evaluation budget of the record (default 1000000)\n";
    return exit_ok;
  }
  std::optional<std::string> household = arguments->option("household");
  if (!household) return usage_error("explain", "--household ID is required");
  if (arguments->positional.size() > 1)
    return usage_error("explain", "give at most one INPUT file");
  int exit_code = exit_ok;
  std::optional<EvaluationOptions> options = evaluation_options(*arguments, "explain", exit_code);
  if (!options) return exit_code;
  std::FILE* input = stdin;
  if (!arguments->positional.empty() && arguments->positional[0] != "-") {
    input = std::fopen(arguments->positional[0].c_str(), "rb");
    if (!input)
      return usage_error("explain", "cannot open input file '" + arguments->positional[0] + "'");
  }
  std::optional<RuleSet> rules = load_rules(*arguments);
  if (!rules) return exit_rule_errors;
  try {
    HouseholdEvaluator evaluator(*rules, *options);
    std::string line;
    std::uint64_t number = 0;
    char* buffer = nullptr;
    std::size_t capacity = 0;
    ssize_t length;
    while ((length = getline(&buffer, &capacity, input)) >= 0) {
      ++number;
      line.assign(buffer, static_cast<std::size_t>(length));
      while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
        line.pop_back();
      if (evaluator.household_id(line) == *household) {
        std::cout << evaluator.explain_text(line, number);
        std::free(buffer);
        if (input != stdin) std::fclose(input);
        return exit_ok;
      }
    }
    std::free(buffer);
  } catch (const std::invalid_argument& problem) {
    return usage_error("explain", problem.what());
  }
  if (input != stdin) std::fclose(input);
  std::cerr << "regla explain: no household '" << *household << "' in the input\n";
  return exit_usage;
}

}  // namespace regla::cli
