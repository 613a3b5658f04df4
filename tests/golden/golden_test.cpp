// Golden files: the exact text regla prints, byte for byte.
//   tests/golden/check/CASE/       rule files; CASE/expected.txt is what `regla check` prints
//   tests/golden/fmt/NAME.regla    input; NAME.expected is the canonical layout
//   tests/golden/explain/NAME.json {"as_of", "household"}; NAME.en.expected and NAME.es.expected
//                                  are what `regla explain --full` prints, NAME.note.en.expected
//                                  and NAME.note.es.expected the note `regla explain` prints;
//                                  for the NAMEs listed in
//                                  ExplanationsAsJson, NAME.en.jsonl and NAME.es.jsonl are what
//                                  `regla eval --explain` writes
//   tests/golden/impact/           what `regla impact` reports of the 2027 attendance change
//                                  (90% instead of 85%) on rules/samples/households_2027.jsonl:
//                                  the text report by district, and the changed households' lines
// To accept new output on purpose: REGLA_UPDATE_GOLDEN=1 ./build/tests/regla_tests
// --gtest_filter='Golden*'
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "regla/evaluation.hpp"
#include "regla/impact.hpp"
#include "regla/rules.hpp"
#include "tests/text_file.hpp"

namespace regla {
namespace {

namespace fs = std::filesystem;

bool updating() {
  return std::getenv("REGLA_UPDATE_GOLDEN") != nullptr;
}

void compare(const fs::path& expected_file, const std::string& actual) {
  if (updating()) {
    std::ofstream(expected_file, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(fs::exists(expected_file))
      << expected_file << " is missing; run with REGLA_UPDATE_GOLDEN=1";
  EXPECT_EQ(testing::read_text_file(expected_file), actual) << "golden file " << expected_file;
}

std::vector<fs::path> entries(const fs::path& folder) {
  std::vector<fs::path> out{fs::directory_iterator(folder), fs::directory_iterator()};
  std::sort(out.begin(), out.end());
  return out;
}

class Golden : public ::testing::Test {
 protected:
  void SetUp() override { fs::current_path(REGLA_SOURCE_DIR); }
};

TEST_F(Golden, CheckDiagnostics) {
  for (const fs::path& folder : entries("tests/golden/check")) {
    SCOPED_TRACE(folder.string());
    RuleSet rules = RuleSet::load({folder.generic_string()});
    compare(folder / "expected.txt", rules.diagnostics_text());
  }
}

TEST_F(Golden, FormattedLayout) {
  for (const fs::path& file : entries("tests/golden/fmt")) {
    if (file.extension() != ".regla") continue;
    SCOPED_TRACE(file.string());
    FormatResult result = format_rules({file.generic_string(), testing::read_text_file(file)});
    compare(fs::path(file).replace_extension(".expected"),
            result.ok ? result.text : result.diagnostics);
  }
}

TEST_F(Golden, Explanations) {
  RuleSet rules = RuleSet::load({"rules"});
  ASSERT_FALSE(rules.has_errors());
  for (const fs::path& file : entries("tests/golden/explain")) {
    if (file.extension() != ".json") continue;
    SCOPED_TRACE(file.string());
    nlohmann::json input = nlohmann::json::parse(testing::read_text_file(file));
    for (const char* language : {"en", "es"}) {
      HouseholdEvaluator evaluator(
          compile(rules, {.as_of = input["as_of"], .language = language}).value());
      std::string expected_name = file.stem().string() + "." + language + ".expected";
      compare(file.parent_path() / expected_name,
              evaluator.explain_text(input["household"].dump(), 1, {.full = true}));
      std::string note_name = file.stem().string() + ".note." + language + ".expected";
      compare(file.parent_path() / note_name, evaluator.explain_text(input["household"].dump(), 1));
    }
  }
}

// The JSON explanation, byte for byte, for a waiver, an exception and a failed schedule of visits
// (table rows as elements, dates and intervals as operands).
TEST_F(Golden, ExplanationsAsJson) {
  RuleSet rules = RuleSet::load({"rules"});
  ASSERT_FALSE(rules.has_errors());
  for (const char* name :
       {"sis_crecer_waiver", "sis_essalud_exception", "growth_monitoring_one_short"}) {
    SCOPED_TRACE(name);
    fs::path file = fs::path("tests/golden/explain") / (std::string(name) + ".json");
    nlohmann::json input = nlohmann::json::parse(testing::read_text_file(file));
    for (const char* language : {"en", "es"}) {
      HouseholdEvaluator evaluator(
          compile(rules, {.as_of = input["as_of"], .explain = true, .language = language}).value());
      std::string line;
      ASSERT_TRUE(evaluator.evaluate(input["household"].dump(), 1, line));
      compare(file.parent_path() / (std::string(name) + "." + language + ".jsonl"), line);
    }
  }
}

// The administrators' guide's example ("Before you change a rule"), byte for byte: per district,
// and each changed household with the comparisons that flipped, in both languages.
TEST_F(Golden, ImpactOfTheAttendanceChange) {
  RuleSet shipped = RuleSet::load({"rules"});
  RuleSet raised = RuleSet::load({"rules"}, {{"juntos.attendance_min", "90%"}});
  ASSERT_FALSE(raised.has_errors()) << raised.diagnostics_text();
  CompiledRules base = compile(shipped, {.as_of = "2027-04-01"}).value();
  CompiledRules changed = compile(raised, {.as_of = "2027-04-01", .group_by = "ubigeo"}).value();
  for (const char* language : {"en", "es"}) {
    SCOPED_TRACE(language);
    std::FILE* in = std::fopen("rules/samples/households_2027.jsonl", "rb");
    ASSERT_NE(in, nullptr);
    char* buffer = nullptr;
    std::size_t size = 0;
    std::FILE* households = open_memstream(&buffer, &size);
    ImpactStreamResult result =
        impact_stream(base, changed, {.households = true, .language = language}, in, households);
    std::fclose(in);
    std::fclose(households);
    std::string lines(buffer, size);
    std::free(buffer);
    ASSERT_FALSE(result.read_error || result.write_error);
    fs::path folder = "tests/golden/impact";
    if (std::string(language) == "en")
      compare(folder / "attendance_90.report.txt", result.report.text());
    compare(folder / ("attendance_90.households." + std::string(language) + ".jsonl"), lines);
  }
}

}  // namespace
}  // namespace regla
