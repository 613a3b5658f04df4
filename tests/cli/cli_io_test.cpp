// Nothing is lost at the edges of the CLI: every command whose output cannot be written says so
// and exits 4; a folder or a failed read is no end of input; the small defects of the commands'
// arguments. Each test runs the built `regla` as a process (tests/cli/regla_process.hpp).
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>

#include "tests/cli/regla_process.hpp"

namespace regla::testing {
namespace {

constexpr int exit_ok = 0, exit_usage = 2, exit_rejected = 3, exit_io = 4;
const std::string as_of = "--as-of=2026-11-01";
const std::string registry = "rules/samples/households.jsonl";

Process output_to(const std::string& path) {
  Process process;
  process.output.path = path;
  return process;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// ---- Write failures: every command, standard output on a full device ------------------------

TEST(CliWriteFailures, EveryCommandsHelpOnAFullDeviceExitsFourAndSaysWhy) {
  for (std::string command : {"", "check", "fmt", "eval", "explain", "test", "gen"}) {
    SCOPED_TRACE(command);
    std::vector<std::string> arguments{"--help"};
    if (!command.empty()) arguments.insert(arguments.begin(), command);
    Finished run = run_regla(arguments, output_to("/dev/full"));
    EXPECT_EQ(run.exit_code, exit_io);
    EXPECT_TRUE(contains(run.err, "cannot write standard output: No space left on device"))
        << run.err;
  }
}

TEST(CliWriteFailures, EvalStopsAndCountsNoLineItDidNotWrite) {
  for (std::string threads : {"1", "2"}) {
    SCOPED_TRACE(threads);
    for (std::string explain : {"--lang=en", "--explain"}) {
      Finished run = run_regla({"eval", as_of, "--threads", threads, explain, registry},
                               output_to("/dev/full"));
      EXPECT_EQ(run.exit_code, exit_io);
      EXPECT_TRUE(contains(run.err,
                           "regla eval: cannot write standard output: No space left on device; "
                           "the run stopped: 0 lines were written before the write that "
                           "failed\n"))
          << run.err;
      EXPECT_TRUE(contains(run.err, "regla eval: 0 records as of 2026-11-01, 0 rejected"))
          << run.err;
    }
  }
}

TEST(CliWriteFailures, ExplainOnAFullDeviceExitsFour) {
  Finished run =
      run_regla({"explain", as_of, "--household", "H00000002", registry}, output_to("/dev/full"));
  EXPECT_EQ(run.exit_code, exit_io);
  EXPECT_TRUE(contains(run.err, "regla explain: cannot write standard output: No space left"))
      << run.err;
}

TEST(CliWriteFailures, TestOnAFullDeviceExitsFour) {
  Finished run = run_regla({"test", "rules/"}, output_to("/dev/full"));
  EXPECT_EQ(run.exit_code, exit_io);
  EXPECT_TRUE(contains(run.err, "regla test: cannot write standard output: No space left"))
      << run.err;
}

// A run small enough to sit in the output buffer fails at the final flush; a large one at once.
TEST(CliWriteFailures, GenOnAFullDeviceExitsFourWhateverItsSize) {
  for (std::string households : {"3", "5000"}) {
    SCOPED_TRACE(households);
    Finished run = run_regla({"gen", "--households", households}, output_to("/dev/full"));
    EXPECT_EQ(run.exit_code, exit_io);
    EXPECT_TRUE(contains(run.err, "regla gen: cannot write standard output: No space left"))
        << run.err;
  }
}

// `check` writes its diagnostics to standard error: when that fails, nothing can be said, but
// the exit code tells.
TEST(CliWriteFailures, CheckWhoseDiagnosticsCannotBeWrittenExitsFour) {
  Process process;
  process.error.path = "/dev/full";
  EXPECT_EQ(run_regla({"check", "rules/"}, process).exit_code, exit_io);
  EXPECT_EQ(run_regla({"check", "rules/"}).exit_code, exit_ok);
}

const std::string unformatted_rules = "rule   answer : integer =   42\n";

TEST(CliWriteFailures, FmtOnAFullDeviceStillFormatsButExitsFour) {
  TemporaryFolder folder;
  std::string file = folder.write("answer.regla", unformatted_rules);
  Finished run = run_regla({"fmt", folder.path()}, output_to("/dev/full"));
  EXPECT_EQ(run.exit_code, exit_io);
  EXPECT_TRUE(contains(run.err, "regla fmt: cannot write standard output: No space left"))
      << run.err;
  EXPECT_NE(read_text_file(file), unformatted_rules);
  EXPECT_EQ(run_regla({"fmt", "--check", folder.path()}).exit_code, exit_ok);
}

// A rule file that cannot be rewritten (here: past the file size limit) is left as it was, not
// truncated, and no temporary file is left beside it.
TEST(CliWriteFailures, FmtThatCannotWriteARuleFileLeavesItWhole) {
  TemporaryFolder folder;
  std::string text;
  for (int i = 0; i < 200; ++i)
    text += "rule   answer_" + std::to_string(i) + " : integer =   " + std::to_string(i) + "\n";
  std::string file = folder.write("big.regla", text);
  Process process;
  process.file_size_limit = 1000;
  Finished run = run_regla({"fmt", folder.path()}, process);
  EXPECT_EQ(run.exit_code, exit_io);
  EXPECT_TRUE(contains(run.err, file + ": error: cannot write this file (File too large); it is "
                                       "left as it was"))
      << run.err;
  EXPECT_EQ(read_text_file(file), text);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(folder.path()), {}), 1);
}

TEST(CliWriteFailures, ASummaryThatCannotBeWrittenExitsFour) {
  Finished run = run_regla({"eval", as_of, "--summary", "/dev/full", registry});
  EXPECT_EQ(run.exit_code, exit_io);
  EXPECT_TRUE(contains(run.err,
                       "regla eval: cannot write the summary to '/dev/full': No space left on "
                       "device\n"))
      << run.err;
  EXPECT_EQ(std::count(run.out.begin(), run.out.end(), '\n'), 300);  // the decisions were written
  run = run_regla({"eval", as_of, "--summary", "/nonexistent/summary.json", registry});
  EXPECT_EQ(run.exit_code, exit_io);
  EXPECT_TRUE(contains(run.err, "'/nonexistent/summary.json': No such file or directory"))
      << run.err;
}

// A closed standard output (`>&-`) is no place to write, and no file the command opens may take
// its place: eval writes no decision into the rule files it reads, fmt none into those it writes.
TEST(CliWriteFailures, AClosedStandardOutputIsAWriteFailure) {
  TemporaryFolder folder;
  std::string file = folder.write("answer.regla", unformatted_rules);
  Process closed;
  closed.output.closed = true;
  const std::vector<std::vector<std::string>> commands = {
      {"eval", as_of, registry}, {"gen", "--households", "3"}, {"fmt", folder.path()}};
  for (const std::vector<std::string>& arguments : commands) {
    SCOPED_TRACE(arguments[0]);
    Finished run = run_regla(arguments, closed);
    EXPECT_EQ(run.exit_code, exit_io);
    EXPECT_TRUE(contains(run.err, "cannot write standard output: Bad file descriptor")) << run.err;
  }
  EXPECT_EQ(read_text_file(file), "rule answer: integer = 42\n");
  Process no_error_stream;
  no_error_stream.error.closed = true;
  EXPECT_EQ(run_regla({"check", "rules/"}, no_error_stream).exit_code, exit_io);
}

// ---- A pipe closed early, with SIGPIPE ignored (EPIPE) --------------------------------------

TEST(CliWriteFailures, AClosedPipeStopsTheRunAndTheSummaryCountsWhatWasWritten) {
  TemporaryFolder folder;
  std::string records = folder.path() + "/records.jsonl";
  ASSERT_EQ(run_regla({"gen", "--households", "20000"}, output_to(records)).exit_code, exit_ok);
  Process process;
  process.output.pipe_closed_after_first_line = true;
  process.ignore_sigpipe = true;
  Finished run = run_regla({"eval", as_of, records}, process);
  EXPECT_EQ(run.exit_code, exit_io);
  std::smatch stopped, summary;
  ASSERT_TRUE(std::regex_search(
      run.err, stopped,
      std::regex("cannot write standard output: Broken pipe; the run stopped: ([0-9]+) lines "
                 "were written before the write that failed")))
      << run.err;
  ASSERT_TRUE(std::regex_search(run.err, summary, std::regex("regla eval: ([0-9]+) records")))
      << run.err;
  EXPECT_EQ(stopped[1], summary[1]);
  EXPECT_LT(std::stoi(summary[1]), 20000);
  EXPECT_TRUE(nlohmann::json::parse(run.out).contains("decisions"));

  run = run_regla({"gen", "--households", "20000"}, process);
  EXPECT_EQ(run.exit_code, exit_io);
  EXPECT_TRUE(contains(run.err, "regla gen: cannot write standard output: Broken pipe")) << run.err;
}

// ---- Read failures: a folder, a closed standard input ---------------------------------------

TEST(CliReadFailures, AFolderIsNoFileOfRecords) {
  Process folder_on_stdin;
  folder_on_stdin.input.path = "rules";
  for (std::string command : {"eval", "explain"}) {
    SCOPED_TRACE(command);
    std::vector<std::string> arguments{command, as_of};
    if (command == "explain") arguments.insert(arguments.end(), {"--household", "H00000002"});
    std::vector<std::string> with_input = arguments;
    with_input.push_back("rules/");
    Finished run = run_regla(with_input);
    EXPECT_EQ(run.exit_code, exit_usage);
    EXPECT_TRUE(
        contains(run.err, "regla " + command + ": 'rules/' is a folder, not a file of records\n"))
        << run.err;
    EXPECT_EQ(run.out, "");
    run = run_regla(arguments, folder_on_stdin);
    EXPECT_EQ(run.exit_code, exit_usage);
    EXPECT_TRUE(contains(
        run.err, "regla " + command + ": standard input is a folder, not a file of records"))
        << run.err;
  }
}

TEST(CliReadFailures, AClosedStandardInputIsAReadError) {
  Process closed;
  closed.input.closed = true;
  Finished run = run_regla({"eval", as_of}, closed);
  EXPECT_EQ(run.exit_code, exit_io);
  EXPECT_TRUE(contains(run.err, "regla eval: cannot read standard input: Bad file descriptor"))
      << run.err;
  run = run_regla({"explain", as_of, "--household", "H00000002"}, closed);
  EXPECT_EQ(run.exit_code, exit_io);
  EXPECT_TRUE(contains(run.err, "regla explain: cannot read standard input: Bad file descriptor"))
      << run.err;
}

TEST(CliReadFailures, AMissingInputFileIsAUsageError) {
  Finished run = run_regla({"eval", as_of, "/nonexistent.jsonl"});
  EXPECT_EQ(run.exit_code, exit_usage);
  EXPECT_TRUE(contains(run.err, "cannot open input file '/nonexistent.jsonl': No such file"))
      << run.err;
}

// An empty standard input is no error: no records, nothing rejected.
TEST(CliReadFailures, AnEmptyInputIsZeroRecords) {
  Finished run = run_regla({"eval", as_of});
  EXPECT_EQ(run.exit_code, exit_ok);
  EXPECT_TRUE(contains(run.err, "regla eval: 0 records as of 2026-11-01, 0 rejected")) << run.err;
}

// ---- Arguments ------------------------------------------------------------------------------

// Each would once generate forever (a negative count wrapped round), crash (a date that is no
// number) or silently draw from no district table. The file size limit stops a regression fast.
TEST(CliArguments, GenRefusesWhatIsNoCountSeedDateOrTable) {
  Process limited;
  limited.file_size_limit = 1 << 20;
  const std::vector<std::pair<std::vector<std::string>, std::string>> refused = {
      {{"--households", "-5"}, "--households needs a whole number"},
      {{"--households", "5x"}, "--households needs a whole number"},
      {{"--households", "0"}, "--households needs a whole number"},
      {{"--households", " 5"}, "--households needs a whole number"},
      {{"--households", "99999999999999999999"}, "--households needs a whole number"},
      {{}, "--households needs a whole number"},
      {{"--households", "5", "--seed", "-1"}, "--seed needs a whole number"},
      {{"--households", "5", "--as-of", "2026-02-30"}, "--as-of needs a calendar date"},
      {{"--households", "5", "--as-of", "2026-xx-01"}, "--as-of needs a calendar date"},
      {{"--households", "5", "--as-of", "20261101"}, "--as-of needs a calendar date"},
      {{"--households", "5", "--districts", "/nonexistent"},
       "cannot read the district table '/nonexistent/juntos_districts.csv'"},
  };
  for (const auto& [arguments, message] : refused) {
    std::vector<std::string> words{"gen"};
    words.insert(words.end(), arguments.begin(), arguments.end());
    SCOPED_TRACE(::testing::PrintToString(words));
    Finished run = run_regla(words, limited);
    EXPECT_EQ(run.exit_code, exit_usage);
    EXPECT_TRUE(contains(run.err, "regla gen: " + message)) << run.err;
    EXPECT_EQ(run.out, "");
  }
  Finished run = run_regla({"gen", "--households", "2", "--as-of", "2024-02-29"}, limited);
  EXPECT_EQ(run.exit_code, exit_ok);
  EXPECT_EQ(std::count(run.out.begin(), run.out.end(), '\n'), 2);
}

// A missing file or folder is a usage error (the contract's exit 2), wherever it is named.
TEST(CliArguments, AMissingRuleFolderOrFileIsAUsageError) {
  const std::vector<std::vector<std::string>> missing = {
      {"eval", as_of, "--rules", "/nonexistent", registry},
      {"explain", as_of, "--rules", "/nonexistent", "--household", "H00000002", registry},
      {"test", "--rules", "/nonexistent", "rules/"},
      {"test", "/nonexistent"},
      {"check", "/nonexistent"},
      {"check", "rules/", "/nonexistent"},
      {"fmt", "/nonexistent"},
      {"fmt", "--check", "/nonexistent"},
  };
  for (const std::vector<std::string>& arguments : missing) {
    SCOPED_TRACE(::testing::PrintToString(arguments));
    Finished run = run_regla(arguments);
    EXPECT_EQ(run.exit_code, exit_usage);
    EXPECT_TRUE(contains(run.err, ": cannot read '/nonexistent': No such file or directory\n"))
        << run.err;
  }
}

TEST(CliArguments, GroupByMustNameATextFieldTheRulesRead) {
  const std::vector<std::pair<std::string, std::string>> refused = {
      {"district", "the household has no field 'district'"},
      {"area", "the household field 'area' is not text"},
      {"residence_since", "the household field 'residence_since' is not text"},
  };
  TemporaryFolder folder;
  std::string summary = folder.path() + "/summary.json";
  for (const auto& [field, reason] : refused) {
    SCOPED_TRACE(field);
    Finished run = run_regla({"eval", as_of, "--summary", summary, "--group-by", field, registry});
    EXPECT_EQ(run.exit_code, exit_usage);
    EXPECT_TRUE(contains(
        run.err, "regla eval: cannot break the summary down by '" + field + "': " + reason + "\n"))
        << run.err;
    EXPECT_EQ(run.out, "");
  }
  Finished run = run_regla({"eval", as_of, "--group-by", "ubigeo", registry});
  EXPECT_EQ(run.exit_code, exit_usage);
  EXPECT_TRUE(contains(run.err, "--group-by breaks down the --summary FILE")) << run.err;
  run = run_regla({"eval", as_of, "--summary", summary, "--group-by", "ubigeo", registry});
  EXPECT_EQ(run.exit_code, exit_ok);
  EXPECT_FALSE(nlohmann::json::parse(read_text_file(summary))["by_district"].empty());
}

TEST(CliArguments, ThreadsMustBeAWholeNumberInRange) {
  for (std::string threads : {"0", "-1", "1025", "2x", ""}) {
    SCOPED_TRACE(threads);
    Finished run = run_regla({"eval", as_of, "--threads", threads, registry});
    EXPECT_EQ(run.exit_code, exit_usage);
    EXPECT_TRUE(contains(run.err, "--threads needs a whole number from 1 to 1024")) << run.err;
  }
}

// The evaluation budget: a whole number of steps; a record that needs more is an error line.
TEST(CliArguments, MaxStepsSetsTheEvaluationBudget) {
  for (std::string steps : {"0", "-1", "1e6", "x", ""}) {
    SCOPED_TRACE(steps);
    Finished run = run_regla({"eval", as_of, "--max-steps", steps, registry});
    EXPECT_EQ(run.exit_code, exit_usage);
    EXPECT_TRUE(contains(run.err, "--max-steps needs a whole number of at least 1")) << run.err;
  }
  Finished starved = run_regla({"eval", as_of, "--max-steps", "10", registry});
  EXPECT_EQ(starved.exit_code, exit_rejected);
  EXPECT_TRUE(contains(starved.out, "the record needs more than 10 steps")) << starved.out;
  EXPECT_EQ(run_regla({"eval", as_of, "--max-steps", "100000", registry}).exit_code, exit_ok);
  Finished explained =
      run_regla({"explain", as_of, "--max-steps", "10", "--household", "H00000002", registry});
  EXPECT_TRUE(contains(explained.out, "needs more than 10 steps")) << explained.out;
}

// ---- Explain --------------------------------------------------------------------------------

// Rejected by the loader (an impossible date) or by a rule (born after the evaluation date): the
// reason is explained, and the exit code says the record was rejected, as eval's does.
TEST(CliExplain, ARejectedRecordExitsThree) {
  for (std::string household : {"D-2", "D-5"}) {
    SCOPED_TRACE(household);
    Finished run =
        run_regla({"explain", as_of, "--household", household, "rules/samples/defects.jsonl"});
    EXPECT_EQ(run.exit_code, exit_rejected);
    EXPECT_TRUE(contains(run.out, "Record rejected (line ")) << run.out;
  }
  EXPECT_EQ(
      run_regla({"explain", as_of, "--household", "D-1", "rules/samples/defects.jsonl"}).exit_code,
      exit_ok);
}

// A record's texts reach the terminal: escape sequences (ESC ] ... BEL retitles a terminal, the C1
// CSI U+009B, ESC [ 2J clears it) are shown as \xNN, never sent raw, in an explanation and in the
// reason a record was rejected; letters of any language are kept.
TEST(CliExplain, TerminalEscapesFromARecordAreShownNotSent) {
  const std::string members =
      R"("members":[{"person_id":"P-\u001b[2J","birth_date":"1990-03-10","sex":"F"}]})";
  const std::string rejected =
      R"("members":[{"person_id":"P-1","birth_date":"1990-\u001b[2J","sex":"F"}]})";
  Process process;
  process.input.text =
      R"({"household_id":"H-\u001b]0;owned\u0007-\u009b31m-ñ","ubigeo":"010402",)" + members +
      "\n" + R"({"household_id":"H-2","ubigeo":"010402",)" + rejected + "\n";
  Finished explained = run_regla({"explain", as_of, "--household",
                                  "H-\x1b]0;owned\x07-\xc2\x9b"
                                  "31m-ñ"},
                                 process);
  EXPECT_EQ(explained.exit_code, exit_ok) << explained.err;
  EXPECT_TRUE(
      contains(explained.out, "Household H-\\x1B]0;owned\\x07-\\xC2\\x9B31m-ñ, evaluated on"))
      << explained.out;
  EXPECT_TRUE(contains(explained.out, "Member P-\\x1B[2J, 36 years old\n")) << explained.out;
  Finished refused = run_regla({"explain", as_of, "--household", "H-2"}, process);
  EXPECT_EQ(refused.exit_code, exit_rejected) << refused.err;
  EXPECT_TRUE(contains(refused.out, "\\x1B[2J")) << refused.out;
  for (const std::string& out : {explained.out, refused.out}) {
    for (const std::string raw : {"\x1b", "\x07", "\xc2\x9b"})
      EXPECT_FALSE(contains(out, raw)) << out;
  }
}

// ---- Over-long lines ------------------------------------------------------------------------

// A line past the 64 MiB limit is answered with an error line that carries as_of and rules like
// every other line of the run.
TEST(CliEval, AnOverLongLineIsAnsweredWithAnAuditableErrorLine) {
  TemporaryFolder folder;
  std::string good = read_text_file(registry).substr(0, read_text_file(registry).find('\n') + 1);
  std::string input = folder.write("long.jsonl", good + std::string((64u << 20) + 1, 'x') + "\n");
  Finished run = run_regla({"eval", as_of, "--threads", "1", input});
  EXPECT_EQ(run.exit_code, exit_rejected);
  std::size_t first_end = run.out.find('\n');
  nlohmann::json first = nlohmann::json::parse(run.out.substr(0, first_end));
  nlohmann::json second = nlohmann::json::parse(run.out.substr(first_end + 1));
  EXPECT_EQ(second["line"], 2);
  EXPECT_EQ(second["as_of"], "2026-11-01");
  EXPECT_EQ(second["rules"], first["rules"]);
  EXPECT_TRUE(second["household_id"].is_null());
  EXPECT_EQ(second["error"], "the line is longer than 67108864 bytes and was not read");
}

}  // namespace
}  // namespace regla::testing
