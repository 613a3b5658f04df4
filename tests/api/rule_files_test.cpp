// Rule folders are untrusted input: however long their chains of rules, whatever their table
// files name and whatever bytes they hold, loading them ends in located diagnostics, and the
// rules hash depends only on what the files hold and where they lie inside the rule folder.
// Only include/regla and the library are used.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "regla/evaluation.hpp"
#include "regla/rules.hpp"

namespace {

namespace fs = std::filesystem;
using namespace std::string_literals;  // "...\0..."s keeps its NUL

const std::string household_shape =
    "shape household {\n  household_id: text id\n  ubigeo: text\n  members: list of member\n}\n"
    "shape member {\n  person_id: text id\n}\n";

// A fresh folder under the temporary directory, removed with its contents at the end of a test.
class RuleFolder : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    folder_ = fs::temp_directory_path() /
              ("regla-" + std::string(test->name()) + "-" + std::to_string(::getpid()));
    fs::remove_all(folder_);
    fs::create_directories(folder_);
    write("household.regla", household_shape);
  }
  void TearDown() override { fs::remove_all(folder_); }

  void write(const std::string& name, const std::string& text) const {
    fs::create_directories((folder_ / name).parent_path());
    std::ofstream(folder_ / name, std::ios::binary) << text;
  }
  regla::RuleSet load() const { return regla::RuleSet::load({folder_.string()}); }

  // A program with one table read from `file` (as written in the rule file).
  regla::RuleSet load_with_table(const std::string& file) const {
    write("program.regla", "program demo\ntable districts\n  file \"" + file +
                               "\"\n  key ubigeo: text\n  column rate: percent\n"
                               "decision listed = household.ubigeo in districts\n");
    return load();
  }

  fs::path folder_;
};

std::string chain_of_rules(int length) {
  std::string text = "program p\ndecision top\n  en \"t\"\n  es \"t\"\n  = r0\n";
  for (int i = 0; i < length; ++i)
    text += "rule r" + std::to_string(i) + " = r" + std::to_string(i + 1) + "\n";
  return text + "rule r" + std::to_string(length) + " = true\n";
}

// Each rule calls the one declared before it, so declaration order is the wrong order to check in.
std::string chain_of_rules_upwards(int length) {
  std::string text = "program p\ndecision top\n  en \"t\"\n  es \"t\"\n  = r" +
                     std::to_string(length) + "\nrule r0 = true\n";
  for (int i = 1; i <= length; ++i)
    text += "rule r" + std::to_string(i) + " = r" + std::to_string(i - 1) + "\n";
  return text;
}

// --- rule depth ---

TEST_F(RuleFolder, AChainOfRulesFarPastTheLimitIsOneLocatedError) {
  // 20,000 rules, 40 times the limit (tests/cli/deep_rule_chain.sh runs 100,000 through the CLI).
  for (const std::string& program : {chain_of_rules(20000), chain_of_rules_upwards(20000)}) {
    write("program.regla", program);
    regla::RuleSet rules = load();
    ASSERT_EQ(rules.error_count(), 1u) << rules.diagnostics_text().substr(0, 2000);
    EXPECT_NE(rules.diagnostics_text().find("rule 'top' nests 20,002 levels deep, counting its "
                                            "expressions and the rules it calls (at most 500)"),
              std::string::npos)
        << rules.diagnostics_text().substr(0, 2000);
    EXPECT_THROW(regla::HouseholdEvaluator(regla::compile(rules, {.as_of = "2026-11-01"}).value()),
                 std::invalid_argument);
  }
}

// Rules whose expressions nest 100 deep, each calling the next at the bottom.
std::string chain_of_deep_rules(int length) {
  std::string text = "program p\ndecision top\n  en \"t\"\n  es \"t\"\n  = r0 > 0\n";
  std::string open, close;
  for (int level = 0; level < 100; ++level) {
    open += "(1 + ";
    close += ")";
  }
  for (int i = 0; i < length; ++i)
    text +=
        "rule r" + std::to_string(i) + " = " + open + "r" + std::to_string(i + 1) + close + "\n";
  return text + "rule r" + std::to_string(length) + " = count m in household.members\n";
}

// Every stage recurses once per level: at the limit, both evaluators and explanations (JSON and
// text) still run, on the sanitizer build too; one level more is an error.
TEST_F(RuleFolder, ProgramsAtTheDepthLimitAreEvaluatedAndExplained) {
  const std::pair<std::string, std::string> at_limit_and_past[] = {
      {chain_of_rules(498), chain_of_rules(499)},        // top, r0 ... r498: 500 levels
      {chain_of_deep_rules(4), chain_of_deep_rules(5)},  // 4 x 101 levels and the decision's
  };
  const std::string record = R"({"household_id":"H-1","ubigeo":"010101","members":[]})";
  for (const auto& [at_limit, past] : at_limit_and_past) {
    write("program.regla", at_limit);
    regla::RuleSet rules = load();
    ASSERT_FALSE(rules.has_errors()) << rules.diagnostics_text();
    for (regla::EvaluatorKind kind :
         {regla::EvaluatorKind::compiled, regla::EvaluatorKind::reference}) {
      regla::HouseholdEvaluator evaluator(
          regla::compile(rules, {.as_of = "2026-11-01", .explain = true, .evaluator = kind})
              .value());
      std::string out;
      evaluator.evaluate(record, 1, out);
      EXPECT_NE(out.find(R"("p.top":)"), std::string::npos) << out.substr(0, 500);
      EXPECT_NE(out.find(R"("why")"), std::string::npos);
      EXPECT_NE(evaluator.explain_text(record, 1, {.full = true}).find("p.top"), std::string::npos);
    }
    write("program.regla", past);
    std::string diagnostics = load().diagnostics_text();
    EXPECT_NE(diagnostics.find("rule 'top' nests "), std::string::npos) << diagnostics;
    EXPECT_NE(diagnostics.find("(at most 500)"), std::string::npos) << diagnostics;
  }
}

TEST_F(RuleFolder, ALongCycleOfRulesIsAnErrorNotACrash) {
  std::string text = chain_of_rules(20000);
  text.replace(text.rfind("= true"), 6, "= r0");
  write("program.regla", text);
  regla::RuleSet rules = load();
  EXPECT_NE(rules.diagnostics_text().find("is part of a cycle of more than 16 rules"),
            std::string::npos)
      << rules.diagnostics_text().substr(0, 2000);
}

TEST_F(RuleFolder, ShapesNestAtMost64Deep) {
  std::string shapes = "shape household {\n  household_id: text id\n  s0: optional s0\n}\n";
  for (int i = 0; i < 10000; ++i) {
    shapes += "shape s" + std::to_string(i) + " {\n  s" + std::to_string(i + 1) + ": optional s" +
              std::to_string(i + 1) + "\n}\n";
  }
  shapes += "shape s10000 {\n  x: text\n}\n";
  write("household.regla", shapes);
  write("program.regla", "program p\ndecision top\n  en \"t\"\n  es \"t\"\n  = true\n");
  regla::RuleSet rules = load();
  EXPECT_EQ(rules.error_count(), 1u);
  EXPECT_NE(
      rules.diagnostics_text().find("shape 'household' nests shapes 10,002 deep (at most 64)"),
      std::string::npos)
      << rules.diagnostics_text().substr(0, 2000);
}

// --- table files stay inside the rule folder ---

TEST_F(RuleFolder, TableFilesOutsideTheRuleFolderAreRefusedUnread) {
  struct Refused {
    std::string file, code, problem;
  };
  const Refused refused[] = {
      {"/etc/passwd", "outside-rule-folder", "is an absolute path"},
      {"/dev/zero", "outside-rule-folder", "is an absolute path"},
      {"../../../../etc/passwd", "outside-rule-folder", "is not a file inside the rule folder"},
      {"data/../../outside.csv", "outside-rule-folder", "is not a file inside the rule folder"},
      {"data", "not-a-regular-file", "is not a regular file"},
      {"fifo.csv", "not-a-regular-file", "is not a regular file"},
      {"link.csv", "outside-rule-folder", "leads outside the rule folder through a symbolic link"},
      {"big.csv", "limit-exceeded", "is longer than 16,777,216 bytes"},
  };
  fs::create_directories(folder_ / "data");
  ASSERT_EQ(::mkfifo((folder_ / "fifo.csv").c_str(), 0600), 0);
  write("../regla-outside.csv", "ubigeo,rate\nsecret-first-line,1%\n");
  fs::create_symlink(folder_.parent_path() / "regla-outside.csv", folder_ / "link.csv");
  write("big.csv", "ubigeo,rate\n");
  fs::resize_file(folder_ / "big.csv", 16 * 1024 * 1024 + 1);
  for (const auto& [file, code, problem] : refused) {
    SCOPED_TRACE(file);
    std::string diagnostics = load_with_table(file).diagnostics_text();
    EXPECT_NE(diagnostics.find("program.regla:3:8: error[" + code + "]: table file '" + file +
                               "' " + problem),
              std::string::npos)
        << diagnostics;
    EXPECT_EQ(diagnostics.find("root:"), std::string::npos) << diagnostics;
    EXPECT_EQ(diagnostics.find("secret"), std::string::npos) << diagnostics;
  }
  fs::remove(folder_.parent_path() / "regla-outside.csv");
}

TEST_F(RuleFolder, TablesAreFoundBesideTheirRuleFileAndThroughLinksInsideTheFolder) {
  write("data/districts.csv", "ubigeo,rate\n010101,40%\n");
  fs::create_symlink("data/districts.csv", folder_ / "alias.csv");
  for (const char* file : {"data/districts.csv", "./data/../data/districts.csv", "alias.csv"}) {
    regla::RuleSet rules = load_with_table(file);
    EXPECT_FALSE(rules.has_errors()) << rules.diagnostics_text();
  }
}

TEST_F(RuleFolder, RuleFilesLinkedFromOutsideTheFolderAreNotRead) {
  write("../regla-outside.regla", "secret first line\n");
  fs::create_symlink(folder_.parent_path() / "regla-outside.regla", folder_ / "linked.regla");
  std::string diagnostics = load().diagnostics_text();
  fs::remove(folder_.parent_path() / "regla-outside.regla");
  EXPECT_NE(
      diagnostics.find(
          "linked.regla: error[outside-rule-folder]: a symbolic link that leads outside the rule "
          "folder"),
      std::string::npos)
      << diagnostics;
  EXPECT_EQ(diagnostics.find("secret"), std::string::npos) << diagnostics;
}

// --- text ---

TEST_F(RuleFolder, BytesThatAreNotUtf8OrNulAreLocatedErrors) {
  const std::pair<std::string, std::string> cases[] = {
      {"program p\ndecision d\n  en \"bad \xff\xfe label\"\n  = true\n", "program.regla:3:11:"},
      {"program p\n# a comment \x00 with NUL\ndecision d = true\n"s, "program.regla:2:13:"},
      {"program p\nrule r = \"\xc0\xaf\"\n", "program.regla:2:11:"},      // overlong '/'
      {"program p\nrule r = \"\xed\xa0\x80\"\n", "program.regla:2:11:"},  // a surrogate
      {"program p\nrule r = \"\xe2\x82\"\n", "program.regla:2:11:"},      // cut off
  };
  for (const auto& [text, where] : cases) {
    write("program.regla", text);
    std::string diagnostics = load().diagnostics_text();
    EXPECT_NE(diagnostics.find(where + std::string(" error[invalid-text]: ")), std::string::npos)
        << diagnostics;
    EXPECT_EQ(diagnostics.find('\xff'), std::string::npos);
    EXPECT_EQ(diagnostics.find('\0'), std::string::npos);
  }
}

TEST_F(RuleFolder, AByteOrderMarkStartingARuleFileOrATableIsIgnored) {
  write("household.regla", "\xEF\xBB\xBF" + household_shape);
  write("data/districts.csv", "\xEF\xBB\xBFubigeo,rate\n010101,40%\n");
  regla::RuleSet rules = load_with_table("data/districts.csv");
  EXPECT_FALSE(rules.has_errors()) << rules.diagnostics_text();
}

TEST_F(RuleFolder, TableCellsThatAreNotTextAndRowsWithExtraFieldsAreLocatedErrors) {
  const std::pair<std::string, std::string> cases[] = {
      {"ubigeo,rate\n0101\xff,40%\n",
       "districts.csv:2:5: error[invalid-text]: this byte is not UTF-8"},
      {"ubigeo,rate\n010101,40%\x00\n"s, "districts.csv:2:11: error[invalid-text]: a NUL byte"},
      {"ubigeo,rate\n010101,40%,extra\n",
       "districts.csv:2:12: error[wrong-field-count]: this row has 3 fields but the header names "
       "2 columns"},
  };
  for (const auto& [csv, expected] : cases) {
    write("data/districts.csv", csv);
    std::string diagnostics = load_with_table("data/districts.csv").diagnostics_text();
    EXPECT_NE(diagnostics.find(expected), std::string::npos) << diagnostics;
  }
}

TEST_F(RuleFolder, AHugeNameOrLiteralIsQuotedAsABoundedPrefix) {
  std::string huge(10 * 1024 * 1024, 'a');
  const std::string programs[] = {
      "program p\nrule r = " + huge + "\n",                     // a name
      "program p\nrule r = household.ubigeo = " + huge + "\n",  // a name among others
      "program p\nrule r = 1 + \"" + huge + "\"\n",             // a text literal
      "program p\nrule r = \"" + huge + "\" + 1 + " + huge + "\n"};
  for (const std::string& program : programs) {
    write("program.regla", program);
    regla::RuleSet rules = load();
    EXPECT_TRUE(rules.has_errors());
    EXPECT_LT(rules.diagnostics_text().size(), 4000u) << rules.diagnostics_text().substr(0, 4000);
  }
}

// --- the rules hash ---

TEST_F(RuleFolder, TheHashDependsOnContentsAndPathsInsideTheFolderOnly) {
  write("data/districts.csv", "ubigeo,rate\n010101,40%\n");
  regla::RuleSet first = load_with_table("data/districts.csv");
  ASSERT_FALSE(first.has_errors()) << first.diagnostics_text();
  fs::create_symlink(folder_, folder_.string() + "-link");
  fs::path previous = fs::current_path();
  fs::current_path(folder_.parent_path());
  std::string relative = folder_.filename().string();
  for (const std::string& path : {relative, "./" + relative, relative + "/", folder_.string(),
                                  folder_.string() + "-link", relative + "/../" + relative}) {
    SCOPED_TRACE(path);
    EXPECT_EQ(regla::RuleSet::load({path}).hash(), first.hash());
  }
  fs::current_path(previous);
  fs::remove(folder_.string() + "-link");
  // Moving a file inside the folder, or changing one byte of a table, changes the hash.
  write("data/districts.csv", "ubigeo,rate\n010101,41%\n");
  EXPECT_NE(load().hash(), first.hash());
  write("data/districts.csv", "ubigeo,rate\n010101,40%\n");
  fs::rename(folder_ / "household.regla", folder_ / "data" / "household.regla");
  EXPECT_NE(load().hash(), first.hash());
}

}  // namespace
