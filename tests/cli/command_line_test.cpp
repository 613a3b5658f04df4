// The command line as CLI11 parses it: --version, each command's generated --help, a usage error
// (exit 2) that names the option or command a mistyped one was probably meant to be, and the
// required and missing. Each test runs the built `regla` as a process
// (tests/cli/regla_process.hpp).
#include <gtest/gtest.h>

#include <ctime>
#include <map>

#include "tests/cli/regla_process.hpp"

namespace regla::testing {
namespace {

constexpr int exit_ok = 0, exit_usage = 2;
const std::string as_of = "--as-of=2026-11-01";
const std::string registry = "rules/samples/households.jsonl";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Every age and period depends on the evaluation date: one the user did not choose is said, and
// every summary states the date it counted.
TEST(CliCommandLine, TheEvaluationDateIsSaidWhenDefaultedAndInEverySummary) {
  std::time_t now = std::time(nullptr);
  char today[16];
  std::strftime(today, sizeof today, "%Y-%m-%d", std::localtime(&now));
  Finished defaulted = run_regla({"eval", registry});
  EXPECT_EQ(defaulted.exit_code, exit_ok) << defaulted.err;
  EXPECT_TRUE(contains(defaulted.err, "regla eval: no --as-of given: evaluating as of " +
                                          std::string(today) + " (today)\n"))
      << defaulted.err;
  EXPECT_TRUE(contains(defaulted.err, "300 records as of " + std::string(today) + ", "))
      << defaulted.err;

  Finished chosen = run_regla({"eval", as_of, "--summary", "/dev/stdout", registry});
  EXPECT_EQ(chosen.exit_code, exit_ok) << chosen.err;
  EXPECT_FALSE(contains(chosen.err, "no --as-of given")) << chosen.err;
  EXPECT_TRUE(contains(chosen.err, "300 records as of 2026-11-01, ")) << chosen.err;
  EXPECT_TRUE(contains(chosen.out, "{\"as_of\":\"2026-11-01\",")) << chosen.out.substr(0, 200);
}

// `regla test FILE.cases` tests the rules of the file's folder, and the last line and the exit
// code agree.
TEST(CliCommandLine, TestFindsTheRuleFolderOfACaseFileAndItsVerdictMatchesItsExitCode) {
  Finished one_file = run_regla({"test", "rules/tests/sis.cases"});
  EXPECT_EQ(one_file.exit_code, exit_ok) << one_file.out << one_file.err;
  EXPECT_TRUE(contains(one_file.out, " passed, 0 failed\n")) << one_file.out;

  Finished too_little = run_regla({"test", "--min-coverage", "100", "rules/tests/sis.cases"});
  EXPECT_EQ(too_little.exit_code, 1) << too_little.out;
  EXPECT_TRUE(contains(too_little.out, "coverage below --min-coverage 100%")) << too_little.out;
  EXPECT_TRUE(contains(too_little.out, "  not covered: rules/juntos.regla:")) << too_little.out;

  Finished everything = run_regla({"test", "--min-coverage", "100", "rules/"});
  EXPECT_EQ(everything.exit_code, exit_ok) << everything.out;
  EXPECT_TRUE(contains(everything.out, "(100%)\n")) << everything.out;
}

TEST(CliCommandLine, VersionIsTheProjectsVersion) {
  Finished run = run_regla({"--version"});
  EXPECT_EQ(run.exit_code, exit_ok);
  EXPECT_EQ(run.out, "regla " REGLA_VERSION "\n");
  EXPECT_EQ(run.err, "");
}

TEST(CliCommandLine, EachCommandsHelpListsItsOptionsAndTheExitCodes) {
  const std::map<std::string, std::vector<std::string>> options = {
      {"check", {"PATH"}},
      {"fmt", {"--check", "PATH"}},
      {"eval",
       {"--rules DIR=rules/", "--as-of DATE", "--explain", "--lang en|es=en", "--threads N",
        "--summary FILE", "--group-by FIELD", "--json-reader R=simdjson", "--evaluator E=compiled",
        "--max-steps N=1000000", "INPUT"}},
      {"explain",
       {"--household ID REQUIRED", "--rules DIR=rules/", "--as-of DATE", "--lang en|es=en",
        "--json-reader R=simdjson", "--max-steps N=1000000", "INPUT"}},
      {"test", {"--coverage", "--rules DIR", "PATH"}},
      {"gen",
       {"--households N", "--seed S=20261101", "--as-of DATE=2026-11-01", "--districts DIR"}}};
  for (const auto& [command, names] : options) {
    SCOPED_TRACE(command);
    Finished run = run_regla({command, "--help"});
    EXPECT_EQ(run.exit_code, exit_ok);
    EXPECT_TRUE(contains(run.out, "Usage: regla " + command + " [OPTIONS]")) << run.out;
    for (const std::string& name : names)
      EXPECT_TRUE(contains(run.out, "  " + name)) << name << " in:\n" << run.out;
    EXPECT_TRUE(contains(run.out, "Exit codes: 0 success")) << run.out;
    EXPECT_EQ(run.err, "");
  }
}

TEST(CliCommandLine, ReglasHelpListsEveryCommand) {
  for (std::vector<std::string> arguments : {std::vector<std::string>{"--help"}, {"help"}}) {
    Finished run = run_regla(arguments);
    EXPECT_EQ(run.exit_code, exit_ok);
    for (std::string command : {"check", "fmt", "eval", "explain", "test", "gen"})
      EXPECT_TRUE(contains(run.out, "\n  " + command + " ")) << command << " in:\n" << run.out;
    EXPECT_TRUE(contains(run.out, "Exit codes: 0 success")) << run.out;
  }
  // With no command at all, the same help, as a usage error: nothing was done.
  Finished run = run_regla({});
  EXPECT_EQ(run.exit_code, exit_usage);
  EXPECT_TRUE(contains(run.out, "Usage: regla [OPTIONS] [SUBCOMMAND]")) << run.out;
}

TEST(CliCommandLine, AMistypedOptionIsAUsageErrorThatSaysWhichWasMeant) {
  struct Case {
    std::vector<std::string> arguments;
    std::string error;
  };
  const Case cases[] = {
      {{"eval", as_of, "--thread", "2", registry},
       "regla eval: unknown option '--thread'; did you mean '--threads'?\n"
       "Try 'regla eval --help'.\n"},
      {{"eval", "--as-fo=2026-11-01", registry},
       "regla eval: unknown option '--as-fo=2026-11-01'; did you mean '--as-of'?\n"},
      // Before "--households is missing", the word that was probably meant to be it.
      {{"gen", "--housholds", "5"},
       "regla gen: unknown option '--housholds'; did you mean '--households'?\n"},
      {{"explain", as_of, "--houshold", "H00000002", registry},
       "regla explain: unknown option '--houshold'; did you mean '--household'?\n"},
      {{"test", "--coverag"},
       "regla test: unknown option '--coverag'; did you mean '--coverage'?\n"},
      {{"--verison"}, "regla: unknown option '--verison'; did you mean '--version'?\n"},
      // Nothing close: no suggestion.
      {{"fmt", "--zzz"}, "regla fmt: unknown option '--zzz'\n"},
      {{"gen", "--households", "5", "surplus"}, "regla gen: unexpected argument 'surplus'\n"},
      {{"eval", as_of, registry, "second.jsonl"},
       "regla eval: unexpected argument 'second.jsonl'\n"}};
  for (const Case& test : cases) {
    SCOPED_TRACE(test.error);
    Finished run = run_regla(test.arguments);
    EXPECT_EQ(run.exit_code, exit_usage);
    EXPECT_TRUE(contains(run.err, test.error)) << run.err;
    EXPECT_EQ(run.out, "");
  }
}

TEST(CliCommandLine, AMistypedCommandIsAUsageErrorThatSaysWhichWasMeant) {
  Finished run = run_regla({"evl", registry});
  EXPECT_EQ(run.exit_code, exit_usage);
  EXPECT_EQ(run.err,
            "regla: unknown command 'evl'; did you mean 'eval'?\n"
            "Try 'regla --help'.\n");
  run = run_regla({"frobnicate"});
  EXPECT_EQ(run.exit_code, exit_usage);
  EXPECT_EQ(run.err, "regla: unknown command 'frobnicate'\nTry 'regla --help'.\n");
}

TEST(CliCommandLine, AMissingRequiredOptionOrValueIsAUsageError) {
  Finished run = run_regla({"explain", as_of, registry});
  EXPECT_EQ(run.exit_code, exit_usage);
  EXPECT_TRUE(contains(run.err, "regla explain: --household is required\n")) << run.err;
  EXPECT_EQ(run.out, "");
  for (std::string option : {"--rules", "--threads", "--summary"}) {
    SCOPED_TRACE(option);
    run = run_regla({"eval", as_of, registry, option});
    EXPECT_EQ(run.exit_code, exit_usage);
    EXPECT_TRUE(contains(run.err, "regla eval: " + option + ": 1 required")) << run.err;
  }
}

TEST(CliCommandLine, OptionsTakeTheirValueEitherWayAndTheLastOneGivenWins) {
  Finished spaced = run_regla({"gen", "--households", "3", "--seed", "1", "--seed", "7"});
  Finished joined = run_regla({"gen", "--households=3", "--seed=7"});
  EXPECT_EQ(spaced.exit_code, exit_ok);
  EXPECT_EQ(spaced.out, joined.out);
  EXPECT_NE(spaced.out, run_regla({"gen", "--households=3", "--seed=1"}).out);
}

TEST(CliCommandLine, AnUnknownLanguageIsAUsageErrorThatListsTheKnownOnes) {
  Finished run = run_regla({"eval", as_of, "--lang=fr", registry});
  EXPECT_EQ(run.exit_code, exit_usage);
  EXPECT_TRUE(contains(run.err, "regla eval: --lang must be one of en, es\n")) << run.err;
  EXPECT_EQ(run.out, "");
}

// A PATH is a PATH, even named like a command, and after "--" even named like an option.
TEST(CliCommandLine, APathNamedLikeACommandOrAnOptionIsAPath) {
  Finished run = run_regla({"check", "eval"});
  EXPECT_EQ(run.exit_code, exit_usage);
  EXPECT_TRUE(contains(run.err, "regla check: cannot read 'eval'")) << run.err;
  run = run_regla({"fmt", "--check", "--", "--rules"});
  EXPECT_EQ(run.exit_code, exit_usage);
  EXPECT_TRUE(contains(run.err, "regla fmt: cannot read '--rules'")) << run.err;
}

}  // namespace
}  // namespace regla::testing
