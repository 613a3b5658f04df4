// Uses regla the way an embedding registry system would: only the headers in include/regla and
// the library. (This target is built without the source tree on its include path.)
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <regex>

#include "regla/evaluation.hpp"
#include "regla/rule_tests.hpp"
#include "regla/rules.hpp"
#include "shipped_rule_files.hpp"

namespace {

using regla::testing::shipped_rule_files;

std::string evaluate(const regla::RuleSet& rules, const std::string& line) {
  regla::HouseholdEvaluator evaluator(regla::compile(rules, {.as_of = "2026-11-01"}).value());
  std::string out;
  evaluator.evaluate(line, 1, out);
  return out;
}

// 34 of 40 school days is exactly 85%.
const std::string exactly_85_percent =
    R"({"household_id":"A-1","ubigeo":"010402","members":[{"person_id":"P-1","dni":"40000001","birth_date":"1990-03-10","sex":"F"},)"
    R"({"person_id":"P-2","dni":"70000002","birth_date":"2015-04-20","sex":"M","school":{"enrolled":true,"attendance":[)"
    R"({"month":"2026-09","days_attended":17,"school_days":20},{"month":"2026-10","days_attended":17,"school_days":20}]}}]})";

TEST(PublicApi, LoadsChecksAndEvaluates) {
  regla::RuleSet rules = regla::RuleSet::from_files(shipped_rule_files(), regla::read_from_disk());
  ASSERT_FALSE(rules.has_errors()) << rules.diagnostics_text();
  EXPECT_EQ(rules.hash().rfind("sha256:", 0), 0u);
  EXPECT_NE(evaluate(rules, exactly_85_percent).find(R"("juntos.compliant":true)"),
            std::string::npos);
}

// An administrator raises the attendance threshold from 85% to 90% by editing one line; the same
// household then fails, and the rule set's hash changes with it.
TEST(PublicApi, ChangingOneParameterMovesTheDecision) {
  std::vector<regla::RuleFile> files = shipped_rule_files();
  regla::RuleSet before = regla::RuleSet::from_files(files, regla::read_from_disk());
  std::string& juntos = files.back().text;
  std::string edited = std::regex_replace(juntos, std::regex("param attendance_min = 85%"),
                                          "param attendance_min = 90%");
  ASSERT_NE(edited, juntos);
  juntos = edited;
  regla::RuleSet after = regla::RuleSet::from_files(files, regla::read_from_disk());
  ASSERT_FALSE(after.has_errors()) << after.diagnostics_text();
  EXPECT_NE(evaluate(before, exactly_85_percent).find(R"("juntos.compliant":true)"),
            std::string::npos);
  EXPECT_NE(evaluate(after, exactly_85_percent).find(R"("juntos.compliant":false)"),
            std::string::npos);
  EXPECT_NE(before.hash(), after.hash());
}

// The summary counts each district's households when asked to; a record that could not be read is
// counted overall only (its district is not trusted). With no group_by field only the overall
// counts are kept (what `regla eval` does without --summary).
TEST(PublicApi, TheSummaryIsBrokenDownByDistrictOnlyWhenAsked) {
  regla::RuleSet rules = regla::RuleSet::from_files(shipped_rule_files(), regla::read_from_disk());
  ASSERT_FALSE(rules.has_errors()) << rules.diagnostics_text();
  const std::string lines[] = {
      exactly_85_percent,
      R"({"household_id":"B-1","ubigeo":"150101","members":[{"person_id":"P-1","birth_date":"1990-05-02","sex":"F"}]})",
      R"({"household_id":"B-2","ubigeo":"150101","members":[{"person_id":"P-2","birth_date":"2026-02-30","sex":"F"}]})"};
  for (const char* group_by : {"ubigeo", ""}) {
    regla::HouseholdEvaluator evaluator(
        regla::compile(rules, {.as_of = "2026-11-01", .group_by = group_by}).value());
    std::string out;
    for (std::size_t i = 0; i < std::size(lines); ++i)
      evaluator.evaluate(lines[i], i + 1, out);
    regla::RunSummary summary = evaluator.summary();
    EXPECT_EQ(summary.overall.records, 3u);
    EXPECT_EQ(summary.overall.rejected, 1u);
    if (std::string(group_by).empty()) {
      EXPECT_TRUE(summary.by_group.empty());
      continue;
    }
    ASSERT_EQ(summary.by_group.size(), 2u);
    EXPECT_EQ(summary.by_group["010402"].records, 1u);
    EXPECT_EQ(summary.by_group["150101"].records, 1u);
    EXPECT_EQ(summary.by_group["150101"].rejected, 0u);
    EXPECT_EQ(summary.by_group["150101"].decisions["juntos.compliant"].evaluated, 1u);
    EXPECT_NE(summary.json().find(R"("by_district":{"010402":)"), std::string::npos);
  }
}

TEST(PublicApi, ARuleSetWithErrorsCannotEvaluate) {
  regla::RuleSet broken = regla::RuleSet::from_files({{"broken.regla", "program x\nrule y = z\n"}},
                                                     regla::read_from_disk());
  EXPECT_TRUE(broken.has_errors());
  regla::CompileResult compiled = regla::compile(broken, {.as_of = "2026-11-01"});
  EXPECT_FALSE(compiled.rules);
  EXPECT_EQ(compiled.error.rfind("the rule set has errors:\n", 0), 0u) << compiled.error;
  EXPECT_THROW(static_cast<void>(compiled.value()), std::invalid_argument);
}

TEST(PublicApi, ExplanationsComeInTheListedLanguagesOnly) {
  std::vector<std::string> languages = regla::explanation_languages();
  ASSERT_GE(languages.size(), 2u);
  EXPECT_EQ(languages[0], "en");
  EXPECT_NE(std::ranges::find(languages, "es"), languages.end());
  regla::RuleSet rules = regla::RuleSet::from_files(shipped_rule_files(), regla::read_from_disk());
  for (const std::string& language : languages)
    EXPECT_TRUE(regla::compile(rules, {.as_of = "2026-11-01", .language = language}).rules);
  regla::CompileResult french = regla::compile(rules, {.as_of = "2026-11-01", .language = "fr"});
  EXPECT_FALSE(french.rules);
  EXPECT_EQ(french.error, "unknown language 'fr': the engine speaks en, es");
}

// Regression (found by fuzz_rules): a folder without rule files checked as "0 errors".
TEST(PublicApi, AFolderWithoutRuleFilesIsAnError) {
  std::filesystem::path empty =
      std::filesystem::temp_directory_path() / ("regla-empty-" + std::to_string(::getpid()));
  std::filesystem::create_directories(empty);
  regla::RuleSet none = regla::RuleSet::load({empty.string()});
  std::filesystem::remove(empty);
  EXPECT_TRUE(none.has_errors());
  EXPECT_NE(none.diagnostics_text().find(empty.string()), std::string::npos)
      << none.diagnostics_text();
}

TEST(PublicApi, ShippedCasesPass) {
  regla::RuleSet rules = regla::RuleSet::load({std::string(REGLA_SOURCE_DIR) + "/rules"});
  regla::RuleTestReport report =
      regla::run_rule_tests(rules, {std::string(REGLA_SOURCE_DIR) + "/rules"}, true);
  EXPECT_EQ(report.failed, 0) << (report.failures.empty() ? "" : report.failures.front());
  EXPECT_GT(report.passed, 50);
  EXPECT_TRUE(report.not_covered.empty()) << report.not_covered.front();
}

}  // namespace

namespace {

// Loading names the checker's stages in the order they ran, each with its time.
TEST(PublicApi, LoadingReportsEachNamedCheckerStage) {
  regla::RuleSet rules = regla::RuleSet::from_files(shipped_rule_files(), regla::read_from_disk());
  const std::vector<regla::StageTiming>& timings = rules.check_timings();
  std::vector<std::string> stages;
  for (const regla::StageTiming& timing : timings) {
    stages.push_back(timing.stage);
    EXPECT_GE(timing.seconds, 0) << timing.stage;
  }
  ASSERT_FALSE(stages.empty());
  EXPECT_EQ(stages.front(), "modules");
  EXPECT_EQ(stages.back(), "labels");
  EXPECT_NE(std::find(stages.begin(), stages.end(), "rules"), stages.end());
  std::vector<std::string> distinct = stages;
  std::sort(distinct.begin(), distinct.end());
  EXPECT_EQ(std::unique(distinct.begin(), distinct.end()), distinct.end()) << "a stage named twice";
}

}  // namespace

namespace {

// The problems as data say what diagnostics_text() prints: file, line, column, code, message.
TEST(PublicApi, ProblemsAreTheDiagnosticsAsData) {
  std::vector<regla::RuleFile> files = shipped_rule_files();
  files.push_back(
      {"broken.regla",
       "program broken\n\nrule late = age_years(as_of) > 3 PEN\nrule odd = nonsense\n"});
  regla::RuleSet rules = regla::RuleSet::from_files(files, regla::read_from_disk());
  std::vector<regla::Problem> problems = rules.problems();
  ASSERT_FALSE(problems.empty());
  std::string text = rules.diagnostics_text();
  std::size_t errors = 0;
  for (const regla::Problem& problem : problems) {
    ASSERT_TRUE(problem.begin && problem.end) << problem.message;
    std::string severity =
        problem.severity == regla::Problem::Severity::error ? "error" : "warning";
    errors += problem.severity == regla::Problem::Severity::error;
    std::string line = problem.file + ":" + std::to_string(problem.begin->line) + ":" +
                       std::to_string(problem.begin->column) + ": " + severity + "[" +
                       problem.code + "]: " + problem.message + "\n";
    EXPECT_NE(text.find(line), std::string::npos) << line << "\nnot in\n" << text;
    EXPECT_EQ(problem.begin->line, problem.end->line);
    EXPECT_LT(problem.begin->column, problem.end->column);
  }
  EXPECT_EQ(errors, rules.error_count());
  EXPECT_EQ(problems.front().file, "broken.regla");
  EXPECT_EQ(problems.front().begin->line, 3u);
}

// A problem with a whole folder has a file but no place in it.
TEST(PublicApi, AProblemWithAWholeFolderHasNoPlace) {
  std::filesystem::path folder = std::filesystem::temp_directory_path() / "regla-no-rule-files";
  std::filesystem::create_directories(folder);
  regla::RuleSet rules = regla::RuleSet::load({folder.string()});
  std::vector<regla::Problem> problems = rules.problems();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].code, "no-rule-files");
  EXPECT_FALSE(problems[0].begin);
  EXPECT_FALSE(problems[0].end);
}

}  // namespace
