// The test runner an administrator trusts: a malformed case is a failed case with its line, one
// bad case never hides another, and expectations reach rules, refusals, waivers and units.
#include "regla/rule_tests.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "regla/rules.hpp"

namespace regla {
namespace {

const RuleSet& shipped_rules() {
  static const RuleSet rules = RuleSet::load({std::string(REGLA_SOURCE_DIR) + "/rules"});
  return rules;
}

// The running test's own folder (tests run in parallel), removed once its cases have run.
std::filesystem::path test_folder() {
  return std::filesystem::temp_directory_path() /
         ("regla_rule_tests_" + std::to_string(getpid()) + "_" +
          ::testing::UnitTest::GetInstance()->current_test_info()->name());
}

// `text` as the case file cases.cases in the test's folder.
std::string case_file(const std::string& text) {
  std::filesystem::create_directories(test_folder());
  std::string file = (test_folder() / "cases.cases").string();
  std::ofstream(file) << text;
  return file;
}

RuleTestReport run_cases(const std::string& text) {
  RuleTestReport report = run_rule_tests(shipped_rules(), {case_file(text)}, false);
  std::filesystem::remove_all(test_folder());
  return report;
}

std::string all_failures(const RuleTestReport& report) {
  std::string out;
  for (const std::string& failure : report.failures)
    out += failure + "\n";
  for (const std::string& problem : report.problems)
    out += problem + "\n";
  return out;
}

bool mentions(const RuleTestReport& report, const std::string& part) {
  return all_failures(report).find(part) != std::string::npos;
}

const std::string lima_household =
    R"({"household_id": "T-1", "ubigeo": "150101",
  "cse": {"level": "pobre", "assessed_on": "2025-11-01"},
  "members": [{"person_id": "P-1", "birth_date": "1980-01-01", "sex": "F"}]})";

std::string one_case(const std::string& name, const std::string& household,
                     const std::string& expectations) {
  return "case \"" + name + "\"\nas_of 2026-11-01\nhousehold " + household + "\n" + expectations +
         "\n";
}

TEST(RuleTests, AMistypedBracketFailsItsCaseOnlyAndSaysWhere) {
  std::string broken = R"({"household_id": "T-2", "ubigeo": "150101",
  "members": [{"person_id": "P-1", "birth_date": "1980-01-01", "sex": "F"}})";
  RuleTestReport report =
      run_cases(one_case("first", lima_household, "expect member P-1 sis.subsidized = true") +
                one_case("broken", broken, "expect member P-1 sis.subsidized = false") +
                one_case("third", lima_household, "expect member P-1 sis.subsidized = true"));
  EXPECT_EQ(report.passed, 2) << all_failures(report);
  EXPECT_EQ(report.failed, 1);
  // The broken case starts on line 7; its household's second line (line 10) breaks at column 75.
  EXPECT_TRUE(mentions(report,
                       "cases.cases:7: broken: line 10, column 75: the household is not "
                       "valid JSON"))
      << all_failures(report);
}

TEST(RuleTests, AMalformedExpectationFailsTheCaseAndTheOthersAreStillChecked) {
  RuleTestReport report = run_cases(one_case("typos", lima_household,
                                             "expect member P-1 sis.subsidized == true\n"
                                             "expect member P-1 sis.subsidized = false\n"
                                             "expect something odd"));
  EXPECT_EQ(report.failed, 1);
  EXPECT_TRUE(mentions(report, "line 6: use one '=' to expect a value")) << all_failures(report);
  EXPECT_TRUE(mentions(report, "line 7: member P-1 sis.subsidized = true, expected false"))
      << all_failures(report);
  EXPECT_TRUE(mentions(report, "line 8: expected 'expect [member ID] NAME = VALUE'"))
      << all_failures(report);
}

TEST(RuleTests, TextBeforeTheFirstCaseIsAProblemNotSilence) {
  RuleTestReport report = run_cases("expect juntos.eligible = true\n");
  EXPECT_EQ(report.passed + report.failed, 0);
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_TRUE(mentions(report, "cases.cases:1: a case file starts with: case"));
}

TEST(RuleTests, ValuesAreWrittenAsAdministratorsWriteThem) {
  RuleTestReport report = run_cases(one_case("units", lima_household,
                                             "expect juntos.transfer_amount = 0 PEN\n"
                                             "expect juntos.eligible = no\n"
                                             "expect member P-1 sis.subsidized = sí"));
  EXPECT_EQ(report.passed, 1) << all_failures(report);
  report = run_cases(one_case("wrong unit", lima_household, "expect juntos.transfer_amount = 85%"));
  EXPECT_TRUE(mentions(report, "'85%' is a percent, but the value is money (0 PEN)"))
      << all_failures(report);
}

TEST(RuleTests, AnyRuleCanBeExpectedNotOnlyDecisions) {
  RuleTestReport report = run_cases(one_case("rules", lima_household,
                                             "expect juntos.juntos_district = false\n"
                                             "expect sis.means_test = true\n"
                                             "expect member P-1 sis.covered_by_essalud = false"));
  EXPECT_EQ(report.passed, 1) << all_failures(report);
}

TEST(RuleTests, RefusalsAndWaiversCanBeExpected) {
  std::string insured = R"({"household_id": "T-3", "ubigeo": "150101",
  "cse": {"level": "pobre", "assessed_on": "2025-11-01"},
  "members": [{"person_id": "P-1", "birth_date": "1980-01-01", "sex": "F", "insurance": "essalud"}]})";
  RuleTestReport report = run_cases(one_case(
      "refused", insured, "expect member P-1 sis.subsidized refused by sis.covered_by_essalud"));
  EXPECT_EQ(report.passed, 1) << all_failures(report);
  report = run_cases(one_case("refused", insured,
                              "expect member P-1 sis.subsidized fails on sis.covered_by_essalud"));
  EXPECT_TRUE(mentions(report,
                       "was refused by the exception sis.covered_by_essalud: write 'expect "
                       "member P-1 sis.subsidized refused by sis.covered_by_essalud'"))
      << all_failures(report);

  std::string crecer_district =
      R"({"household_id": "T-4", "ubigeo": "010102", "cse": {"level": "no_pobre", "assessed_on": "2009-01-01"},
  "members": [{"person_id": "P-1", "birth_date": "1980-01-01", "sex": "F"}]})";
  std::string in_2010 = "case \"waived\"\nas_of 2010-06-01\nhousehold " + crecer_district + "\n";
  report =
      run_cases(in_2010 + "expect member P-1 sis.subsidized waived by crecer.priority_district\n");
  EXPECT_EQ(report.passed, 1) << all_failures(report);
  report =
      run_cases(in_2010 + "expect member P-1 sis.subsidized waived by sis.enrolled_in_juntos\n");
  EXPECT_TRUE(mentions(report,
                       "was not waived by sis.enrolled_in_juntos (waived by "
                       "crecer.priority_district)"))
      << all_failures(report);
}

TEST(RuleTests, AFailureThatDidNotHappenSaysWhatDid) {
  RuleTestReport report = run_cases(
      one_case("reasons", lima_household, "expect juntos.eligible fails on sis.means_test"));
  EXPECT_TRUE(mentions(report,
                       "line 6: juntos.eligible failed on juntos.juntos_district, "
                       "juntos.has_target_member instead of sis.means_test"))
      << all_failures(report);
}

TEST(RuleTests, AMisspeltOrMisplacedNameGetsAHint) {
  RuleTestReport report = run_cases(one_case("names", lima_household,
                                             "expect juntos.complaint = true\n"
                                             "expect sis.subsidized = true\n"
                                             "expect member P-9 sis.subsidized = true\n"
                                             "expect member P-1 juntos.eligible = true"));
  EXPECT_TRUE(mentions(report,
                       "no decision or rule named juntos.complaint; did you mean "
                       "juntos.compliant?"));
  EXPECT_TRUE(mentions(report,
                       "sis.subsidized is decided for each member: write 'expect member "
                       "ID sis.subsidized ...'"));
  EXPECT_TRUE(mentions(report, "no member P-9"));
  EXPECT_TRUE(mentions(report, "juntos.eligible is about the household: drop 'member P-1'"))
      << all_failures(report);
}

TEST(RuleTests, CoverageNamesWhereEachUncoveredConditionIsWritten) {
  std::string file = case_file(one_case("one", lima_household, "expect juntos.eligible = false"));
  RuleTestReport report = run_rule_tests(shipped_rules(), {file}, true);
  std::filesystem::remove_all(test_folder());
  ASSERT_FALSE(report.not_covered.empty());
  EXPECT_NE(report.not_covered[0].find("/rules/"), std::string::npos) << report.not_covered[0];
  EXPECT_NE(report.not_covered[0].find(".regla:"), std::string::npos) << report.not_covered[0];
}

}  // namespace
}  // namespace regla
