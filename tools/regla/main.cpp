// regla: check, format, evaluate and explain eligibility rules. The contract is shared/spec/cli.md.
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "arguments.hpp"
#include "commands.hpp"
#include "standard_streams.hpp"

namespace {

const char* const overview = R"(regla: eligibility and conditionality rules, checked and explained

usage: regla COMMAND [OPTIONS] [ARGUMENTS]

commands:
  check    parse and type-check rule files
  fmt      rewrite rule files in the canonical layout
  eval     evaluate household records (JSON Lines): decisions, one line per record
  explain  explain the decisions of one household, for a person to read
  test     run the test cases kept beside the rules (with --coverage: what they miss)
  gen      generate a synthetic registry (for samples and benchmarks)

Every command prints its own help with --help.
)";

int run(const std::string& command, const std::vector<std::string>& words) {
  using namespace regla::cli;
  if (command == "check") return run_check(words);
  if (command == "fmt") return run_fmt(words);
  if (command == "eval") return run_eval(words);
  if (command == "explain") return run_explain(words);
  if (command == "gen") return run_gen(words);
  if (command == "test") return run_test(words);
  std::cerr << "regla: unknown command '" << command << "'\n" << overview << exit_codes_help;
  return exit_usage;
}

}  // namespace

int regla::cli::usage_error(const std::string& command, const std::string& message) {
  std::cerr << "regla " << command << ": " << message << "\n"
            << "Try 'regla " << command << " --help'.\n";
  return exit_usage;
}

int main(int argc, char** argv) {
  using namespace regla::cli;
  check_standard_streams();
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0 ||
      std::strcmp(argv[1], "help") == 0) {
    std::cout << overview << exit_codes_help;
    return finish_standard_streams("", argc < 2 ? exit_usage : exit_ok);
  }
  std::string command = argv[1];
  return finish_standard_streams(command, run(command, {argv + 2, argv + argc}));
}
