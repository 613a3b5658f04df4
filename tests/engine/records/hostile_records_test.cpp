// The hostile-input corpus (tests/data/hostile/NAME.jsonl): malformed JSON in every position,
// damaged UTF-8, extreme numbers, duplicate and escaped keys, dates, sizes and deep nesting. Each
// line must be answered by exactly one valid UTF-8 JSON line, the same verdict and error path
// from both JSON readers, and the default reader's answers are NAME.expected (one line each;
// comment lines, starting with '#', have none). To accept a deliberate change:
// REGLA_UPDATE_GOLDEN=1 ./build/tests/regla_tests --gtest_filter='HostileRecords*'
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "regla/evaluation.hpp"
#include "tests/text_file.hpp"

namespace regla {
namespace {

namespace fs = std::filesystem;

const RuleSet& shipped_rules() {
  static const RuleSet rules = RuleSet::load({std::string(REGLA_SOURCE_DIR) + "/rules"});
  return rules;
}

// What an answer must agree on between the readers: whether the line was rejected and, if so,
// where. A syntax error is described by one function for both readers, so its whole text must
// match; another error's path is what comes before the first ": " when that is a JSON path.
std::string verdict(const nlohmann::json& answer) {
  if (!answer.contains("error")) return "accepted";
  std::string error = answer["error"].get<std::string>();
  if (error.find("not valid JSON") != std::string::npos) return "syntax: " + error;
  static const std::regex path(R"(^([A-Za-z0-9_.\[\]]+)(?: \([^)]*\))?: )");
  std::smatch match;
  return "rejected at " + (std::regex_search(error, match, path) ? match[1].str() : "");
}

// One answer: exactly one line, which is JSON (nlohmann refuses invalid UTF-8 in strings).
nlohmann::json answer_of(HouseholdEvaluator& evaluator, const std::string& line,
                         std::uint64_t number, std::string& out) {
  out.clear();
  evaluator.evaluate(line, number, out);
  EXPECT_TRUE(!out.empty() && out.back() == '\n' && out.find('\n') == out.size() - 1)
      << "line " << number << " is not answered by exactly one line";
  try {
    return nlohmann::json::parse(out);
  } catch (const nlohmann::json::exception& error) {
    ADD_FAILURE() << "line " << number << ": the answer is not valid UTF-8 JSON: " << error.what();
    return nlohmann::json::object();
  }
}

TEST(HostileRecords, EveryLineIsAnsweredOnceAndBothReadersAgree) {
  const fs::path folder = fs::path(REGLA_SOURCE_DIR) / "tests/data/hostile";
  std::vector<fs::path> corpora;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder)) {
    if (entry.path().extension() == ".jsonl") corpora.push_back(entry.path());
  }
  std::sort(corpora.begin(), corpora.end());
  ASSERT_FALSE(corpora.empty());
  for (const fs::path& corpus : corpora) {
    HouseholdEvaluator fast(compile(shipped_rules(), {.as_of = "2026-11-01"}).value());
    HouseholdEvaluator simple(
        compile(shipped_rules(), {.as_of = "2026-11-01", .reader = JsonReader::nlohmann}).value());
    std::istringstream lines(testing::read_text_file(corpus));
    std::string line, fast_out, simple_out, answers;
    std::size_t accepted = 0, rejected = 0;
    for (std::uint64_t number = 1; std::getline(lines, line); ++number) {
      if (line.starts_with("#")) continue;
      nlohmann::json fast_answer = answer_of(fast, line, number, fast_out);
      nlohmann::json simple_answer = answer_of(simple, line, number, simple_out);
      EXPECT_EQ(verdict(fast_answer), verdict(simple_answer))
          << corpus.filename() << " line " << number;
      EXPECT_EQ(fast_answer.value("household_id", nlohmann::json()),
                simple_answer.value("household_id", nlohmann::json()))
          << corpus.filename() << " line " << number;
      ++(fast_answer.contains("error") ? rejected : accepted);
      answers += fast_out;
    }
    // A corpus that the readers answered all alike by accepting (or rejecting) everything
    // would say little: each holds lines of both kinds.
    EXPECT_GT(rejected, 0u) << corpus.filename();
    EXPECT_GT(accepted, 0u) << corpus.filename();
    fs::path expected = fs::path(corpus).replace_extension(".expected");
    if (std::getenv("REGLA_UPDATE_GOLDEN")) {
      std::ofstream(expected, std::ios::binary) << answers;
      continue;
    }
    ASSERT_TRUE(fs::exists(expected)) << expected << " is missing; run with REGLA_UPDATE_GOLDEN=1";
    EXPECT_EQ(testing::read_text_file(expected), answers) << "golden file " << expected;
  }
}

}  // namespace
}  // namespace regla
