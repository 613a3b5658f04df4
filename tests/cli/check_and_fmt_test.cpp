// `regla check FILE` checks the file with its rule folder, and `regla fmt` refuses what is not a
// rule file (a pipe, a device) and shows what it would change as a diff. The outputs are golden
// files in tests/golden/cli/ (REGLA_UPDATE_GOLDEN=1 rewrites them); each test runs the built
// `regla` as a process (tests/cli/regla_process.hpp).
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>

#include "tests/cli/regla_process.hpp"

namespace regla::testing {
namespace {

constexpr int exit_ok = 0, exit_rule_errors = 1, exit_usage = 2;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

void compare_with_golden(const std::string& golden, const std::string& actual) {
  if (std::getenv("REGLA_UPDATE_GOLDEN")) {
    std::ofstream(golden, std::ios::binary) << actual;
    return;
  }
  EXPECT_EQ(read_text_file(golden), actual) << "golden file " << golden;
}

// benefits.regla alone names shapes and a program declared in the folder's other files; checked
// with them, its only problem is its own (an enum value), printed before the other file's.
TEST(CliCheckAndFmt, OneRuleFileOfAFolderIsCheckedWithTheFolderItsProblemsFirst) {
  Finished run = run_regla({"check", "tests/data/one_file_of_a_folder/benefits.regla"});
  EXPECT_EQ(run.exit_code, exit_rule_errors);
  EXPECT_EQ(run.out, "");
  compare_with_golden("tests/golden/cli/check_one_file.expected", run.err);
}

TEST(CliCheckAndFmt, ARuleFileAloneInItsFolderIsCheckedAsBefore) {
  TemporaryFolder folder;
  std::string file = folder.write("alone.regla", "program alone\n  en \"alone\"\n  es \"solo\"\n");
  Finished run = run_regla({"check", file});
  EXPECT_EQ(run.exit_code, exit_ok);
  EXPECT_EQ(run.err, "regla check: 0 errors, 0 warnings\n");
}

TEST(CliCheckAndFmt, FmtCheckDiffPrintsAUnifiedDiffAndChangesNothing) {
  const std::string file = "tests/golden/fmt/messy.regla";
  std::string before = read_text_file(file);
  Finished run = run_regla({"fmt", "--check", "--diff", file});
  EXPECT_EQ(run.exit_code, exit_rule_errors);
  EXPECT_EQ(run.err, "");
  compare_with_golden("tests/golden/cli/fmt_check_diff.expected", run.out);
  EXPECT_EQ(read_text_file(file), before);
}

// Reading a pipe would wait for a writer, and renaming the formatted text over it would replace it
// with a plain file: fmt refuses it by name, given as a path or found in a folder.
TEST(CliCheckAndFmt, FmtRefusesAPipeGivenAsAPathOrFoundInAFolder) {
  TemporaryFolder folder;
  std::string fifo = folder.path() + "/waiting.regla";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  Finished given = run_regla({"fmt", fifo});
  EXPECT_EQ(given.exit_code, exit_usage);
  EXPECT_EQ(given.err, "regla fmt: '" + fifo +
                           "' is a pipe (FIFO), not a rule file; fmt reads and rewrites regular "
                           "files (and the *.regla files of folders)\nTry 'regla fmt --help'.\n");

  folder.write("plain.regla", "program plain\n");
  Finished found = run_regla({"fmt", "--check", folder.path()});
  EXPECT_EQ(found.exit_code, exit_rule_errors);
  EXPECT_TRUE(contains(found.err, fifo + ": error: this is a pipe (FIFO), not a rule file; it is "
                                         "left alone\n"))
      << found.err;
  struct stat status;
  ASSERT_EQ(stat(fifo.c_str(), &status), 0);
  EXPECT_TRUE(S_ISFIFO(status.st_mode));
}

// Even when it leads to a plain file, /dev/stdin is no rule file to rewrite: formatting would
// rename a new file over it.
TEST(CliCheckAndFmt, FmtRefusesStandardInputAsAFile) {
  Process from_a_file;
  from_a_file.input.text = "program piped\n";
  Finished run = run_regla({"fmt", "/dev/stdin"}, from_a_file);
  EXPECT_EQ(run.exit_code, exit_usage);
  EXPECT_TRUE(contains(run.err, "regla fmt: '/dev/stdin' is a file of the system's /dev or /proc"))
      << run.err;
  EXPECT_EQ(run.out, "");
}

}  // namespace
}  // namespace regla::testing
