// Defective records, through the public API: each is answered by one error line naming the line,
// the household and the JSON path of the problem, and the run goes on.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>

#include "regla/evaluation.hpp"

namespace regla {
namespace {

const RuleSet& shipped_rules() {
  static const RuleSet rules = RuleSet::load({std::string(REGLA_SOURCE_DIR) + "/rules"});
  return rules;
}

const std::string good =
    R"({"household_id":"H-1","ubigeo":"150101","members":[{"person_id":"P-1","birth_date":"1990-05-02","sex":"F"}]})";

std::string error_of(const std::string& line) {
  HouseholdEvaluator evaluator(shipped_rules(), {.as_of = "2026-11-01"});
  std::string out;
  EXPECT_FALSE(evaluator.evaluate(line, 7, out));
  nlohmann::json parsed = nlohmann::json::parse(out);
  EXPECT_EQ(parsed["line"], 7);
  return parsed["error"].get<std::string>();
}

TEST(Records, AGoodRecordGetsDecisions) {
  HouseholdEvaluator evaluator(shipped_rules(), {.as_of = "2026-11-01"});
  std::string out;
  EXPECT_TRUE(evaluator.evaluate(good, 1, out));
  nlohmann::json parsed = nlohmann::json::parse(out);
  EXPECT_EQ(parsed["household_id"], "H-1");
  EXPECT_EQ(parsed["as_of"], "2026-11-01");
  EXPECT_EQ(parsed["rules"], shipped_rules().hash());
  EXPECT_EQ(parsed["decisions"]["juntos.transfer_amount"], 0);
  EXPECT_EQ(parsed["members"]["P-1"]["sis.subsidized"], false);
}

TEST(Records, EachDefectIsNamedPrecisely) {
  EXPECT_EQ(error_of(R"({"household_id":"H-1","ubigeo":"150101","members":[{"person_id":"P-1",)"),
            "members[0]: not valid JSON: the line ends before the JSON value does, or its brackets "
            "do not match");
  EXPECT_EQ(
      error_of(
          R"({"household_id":"H-1","ubigeo":"150101","members":[{"person_id":"P-1","birth_date":"2026-02-30","sex":"F"}]})"),
      "members[0].birth_date: '2026-02-30' is not a calendar date (YYYY-MM-DD, years 1400 to "
      "9999)");
  EXPECT_EQ(
      error_of(
          R"({"household_id":"H-1","ubigeo":"150101","members":[{"birth_date":"2020-01-01","sex":"F"}]})"),
      "members[0].person_id: missing (it is required)");
  EXPECT_EQ(
      error_of(
          R"({"household_id":"H-1","ubigeo":"150101","members":[{"person_id":"P-1","birth_date":20200101,"sex":"F"}]})"),
      "members[0].birth_date: expected a date (\"YYYY-MM-DD\"), found a number 20200101");
  EXPECT_EQ(
      error_of(
          R"({"household_id":"H-1","ubigeo":"150101","members":[{"person_id":"P-1","birth_date":"2027-01-01","sex":"F"}]})"),
      "members[0] (P-1): born after the evaluation date");
  EXPECT_EQ(
      error_of(
          R"({"household_id":"H-1","ubigeo":"150101","members":[{"person_id":"P-1","birth_date":"2010-01-01","school":{"attendance":[{"month":"2026-09","days_attended":1e300,"school_days":20}]}}]})"),
      "members[0].school.attendance[0].days_attended: 1e300 is not a whole number in range");
  EXPECT_EQ(
      error_of(
          R"({"household_id":"H-1","ubigeo":"150101","members":[{"person_id":"P-1","birth_date":"2010-01-01","sex":"F"},{"person_id":"P-1","birth_date":"2011-01-01","sex":"M"}]})"),
      "members[1].person_id: 'P-1' is the id of two members");
  EXPECT_EQ(error_of(R"({"household_id":"H-1","ubigeo":"150101","members":"nobody"})"),
            "members: expected a list, found text \"nobody\"");
  EXPECT_EQ(error_of(R"(["not", "an", "object"])"), "a record must be a JSON object, not a list");
  EXPECT_EQ(error_of(""), "not valid JSON: the line is empty");
  EXPECT_EQ(error_of(good + " {}"), "not valid JSON: there is more text after the record");
  EXPECT_EQ(
      error_of(
          R"({"household_id":"H-1","ubigeo":"150101","members":[{"person_id":"P-1","birth_date":"2010-01-01","sex":"F","pregnancy":{"started_on":"2026-05-01","ended_on":"2026-01-01"}}]})"),
      "members[0] (P-1): the pregnancy ends before it starts");
}

// Deep nesting never recurses: unbalanced, it is invalid JSON; where a field is read, it is the
// wrong type. (Valid JSON in a field the rules do not read is skipped however deep it is.)
TEST(Records, DeepNestingIsAnErrorNotACrash) {
  std::string unclosed =
      R"({"household_id":"H-1","ubigeo":"150101","extra":)" + std::string(100000, '[');
  EXPECT_NE(error_of(unclosed).find("not valid JSON"), std::string::npos);
  std::string read = R"({"household_id":"H-1","ubigeo":"150101","members":[)" +
                     std::string(100000, '[') + std::string(100000, ']') + "]}";
  EXPECT_EQ(error_of(read), "members[0]: expected an object, found a list");
}

// Lines in = lines out, in order, whatever the threads; a line past the size limit is answered too.
TEST(Records, AStreamAnswersEveryLineInOrder) {
  std::string big_field(50u << 20, 'x');  // a 50 MB line: read and evaluated like any other
  std::string input = good + "\n{broken\n" + good.substr(0, good.size() - 1) + R"(,"note":")" +
                      big_field + "\"}\n\n" + good + "\r\n" + std::string(3000, 'y') + "\n" + good;
  std::string outputs[2];
  for (unsigned threads : {1u, 2u}) {
    std::FILE* in = fmemopen(input.data(), input.size(), "rb");
    char* buffer = nullptr;
    std::size_t size = 0;
    std::FILE* out = open_memstream(&buffer, &size);
    StreamOptions stream;
    stream.threads = threads;
    stream.max_line_bytes = 60u << 20;
    StreamResult result =
        evaluate_stream(shipped_rules(), {.as_of = "2026-11-01"}, stream, in, out);
    std::fclose(in);
    std::fclose(out);
    outputs[threads - 1].assign(buffer, size);
    std::free(buffer);
    EXPECT_TRUE(result.complete());
    EXPECT_EQ(result.lines_written, 7u);
    EXPECT_EQ(result.summary.overall.records, 7u);
    EXPECT_EQ(result.summary.overall.rejected, 3u);
  }
  EXPECT_EQ(outputs[0], outputs[1]);
  std::vector<nlohmann::json> lines;
  std::size_t start = 0;
  while (start < outputs[0].size()) {
    std::size_t end = outputs[0].find('\n', start);
    lines.push_back(nlohmann::json::parse(outputs[0].substr(start, end - start)));
    start = end + 1;
  }
  ASSERT_EQ(lines.size(), 7u);
  EXPECT_TRUE(lines[0].contains("decisions"));
  EXPECT_EQ(lines[1]["line"], 2);
  EXPECT_TRUE(lines[2].contains("decisions"));  // the 50 MB line
  EXPECT_EQ(lines[3]["line"], 4);               // the empty line
  EXPECT_TRUE(lines[4].contains("decisions"));  // \r\n line ending
  EXPECT_EQ(lines[5]["line"], 6);
  EXPECT_TRUE(lines[6].contains("decisions"));  // no final newline
}

TEST(Records, ALineOverTheLimitIsReportedAndSkipped) {
  std::string input = good + "\n" + std::string(5000, 'z') + "\n" + good + "\n";
  std::FILE* in = fmemopen(input.data(), input.size(), "rb");
  char* buffer = nullptr;
  std::size_t size = 0;
  std::FILE* out = open_memstream(&buffer, &size);
  StreamOptions stream;
  stream.threads = 1;
  stream.max_line_bytes = 1000;
  StreamResult result = evaluate_stream(shipped_rules(), {.as_of = "2026-11-01"}, stream, in, out);
  EXPECT_TRUE(result.complete());
  std::fclose(in);
  std::fclose(out);
  std::string output(buffer, size);
  std::free(buffer);
  // Audited like every other line: the run's as_of and rules hash are on it.
  EXPECT_NE(output.find(R"({"line":2,"household_id":null,"as_of":"2026-11-01","rules":")" +
                        shipped_rules().hash() +
                        R"(","error":"the line is longer than 1000 bytes and was not read"})"),
            std::string::npos);
  EXPECT_EQ(std::count(output.begin(), output.end(), '\n'), 3);
}

TEST(Records, ABadEvaluationDateIsRefused) {
  EXPECT_THROW(HouseholdEvaluator(shipped_rules(), {.as_of = "2026-02-30"}), std::invalid_argument);
}

}  // namespace
}  // namespace regla

namespace regla {
namespace {

// Regression (found by StreamProperties): a truncated record's error depended on the bytes the
// previous, longer record left after it in the reader's buffer. The fixture is the shrunk pair.
TEST(Records, AResultDoesNotDependOnThePreviousRecord) {
  std::ifstream in(std::string(REGLA_SOURCE_DIR) +
                   "/tests/engine/data/truncated_after_longer.jsonl");
  std::string longer, truncated;
  std::getline(in, longer);
  std::getline(in, truncated);
  HouseholdEvaluator after_longer(shipped_rules(), {.as_of = "2026-11-01"});
  HouseholdEvaluator fresh(shipped_rules(), {.as_of = "2026-11-01"});
  std::string ignored, a, b;
  after_longer.evaluate(longer, 1, ignored);
  after_longer.evaluate(truncated, 2, a);
  fresh.evaluate(truncated, 2, b);
  EXPECT_EQ(a, b);
}

// Regression (found by fuzz_loader): a field given twice was read twice by the simdjson reader
// (leaving orphan rows) and once by the nlohmann one. Both readers keep the last value, and the
// decisions cannot see the first.
TEST(Records, AFieldGivenTwiceKeepsItsLastValueWithEitherReader) {
  const std::string twice =
      R"({"household_id":"H-1","ubigeo":"150101","members":[{"person_id":"P-1","birth_date":"2025-01-01","sex":"F"}],)"
      R"("household_id":"H-2","members":[{"person_id":"P-2","birth_date":"1990-05-02","sex":"F"},{"person_id":"P-3","birth_date":"1991-05-02","sex":"M"}]})";
  std::string outputs[2];
  for (JsonReader reader : {JsonReader::simdjson, JsonReader::nlohmann}) {
    HouseholdEvaluator evaluator(shipped_rules(), {.as_of = "2026-11-01", .reader = reader});
    std::string& out = outputs[reader == JsonReader::simdjson ? 0 : 1];
    ASSERT_TRUE(evaluator.evaluate(twice, 1, out)) << out;
    nlohmann::json parsed = nlohmann::json::parse(out);
    EXPECT_EQ(parsed["household_id"], "H-2");
    EXPECT_EQ(parsed["members"].size(), 2u);
    EXPECT_TRUE(parsed["members"].contains("P-2"));
    EXPECT_FALSE(parsed["members"].contains("P-1"));
  }
  EXPECT_EQ(outputs[0], outputs[1]);
}

// Keys and texts are read in place when they have no escapes; written with escapes they mean the
// same characters, and an escape that is not JSON is a syntax error.
TEST(Records, EscapedKeysAndTextsAreReadAsTheirCharacters) {
  const std::string escaped =
      R"({"household\u005fid":"H\u002d1","ubigeo":"150101","members":[{"person_id":"P-\"1\"",)"
      R"("birth\u005fdate":"2025\u002d01-01","sex":"\u0046"}]})";
  const std::string plain =
      R"({"household_id":"H-1","ubigeo":"150101","members":[{"person_id":"P-\"1\"",)"
      R"("birth_date":"2025-01-01","sex":"F"}]})";
  for (JsonReader reader : {JsonReader::simdjson, JsonReader::nlohmann}) {
    HouseholdEvaluator evaluator(shipped_rules(), {.as_of = "2026-11-01", .reader = reader});
    std::string from_escaped, from_plain;
    ASSERT_TRUE(evaluator.evaluate(escaped, 1, from_escaped)) << from_escaped;
    ASSERT_TRUE(evaluator.evaluate(plain, 1, from_plain)) << from_plain;
    EXPECT_EQ(from_escaped, from_plain);
    EXPECT_EQ(nlohmann::json::parse(from_escaped)["household_id"], "H-1");
    EXPECT_TRUE(nlohmann::json::parse(from_escaped)["members"].contains("P-\"1\""));
    std::string bad_escape;
    EXPECT_FALSE(evaluator.evaluate(R"({"household_id":"H\x41"})", 2, bad_escape));
    EXPECT_NE(bad_escape.find("not valid JSON"), std::string::npos) << bad_escape;
  }
}

// --explain: a rule call explained in full once per line; where it comes up again, its verdict and
// "explained_above".
TEST(Records, ExplanationsShowEachRuleCallOnce) {
  HouseholdEvaluator evaluator(shipped_rules(), {.as_of = "2026-11-01", .explain = true});
  std::string out;
  ASSERT_TRUE(evaluator.evaluate(good, 1, out)) << out;
  nlohmann::json line = nlohmann::json::parse(out);
  const nlohmann::json& why = line["why"];
  std::map<std::string, int> full, above;
  std::function<void(const nlohmann::json&)> count = [&](const nlohmann::json& node) {
    if (node.contains("rule")) {
      std::string key =
          node["rule"].get<std::string>() + node.value("arguments", nlohmann::json()).dump();
      ++(node.value("explained_above", false) ? above : full)[key];
      if (node.value("explained_above", false)) {
        EXPECT_FALSE(node.contains("conditions"));
      }
    }
    for (const nlohmann::json& child : node.value("conditions", nlohmann::json::array()))
      count(child);
  };
  for (auto& [key, decision] : why.items()) {
    if (key != "members") count(decision);
  }
  for (auto& [id, decisions] : why["members"].items()) {
    for (auto& [key, decision] : decisions.items())
      count(decision);
  }
  for (const auto& [call, times] : full)
    EXPECT_EQ(times, 1) << call;
  EXPECT_FALSE(above.empty());  // e.g. the verification period, used by several rules
  for (const auto& [call, times] : above)
    EXPECT_EQ(full.count(call), 1u) << call << " is never explained in full";
}

// --explain builds each decision's explanation in an arena that is reused from decision to decision
// and grows onto the heap when a decision needs more. A household of sixty young children (every
// child's visit schedule, every mother and child pair) needs far more: its line is the same from a
// fresh evaluator as from one that explained other households before and after it.
TEST(Records, ALargeExplanationIsTheSameFreshOrAfterOthers) {
  std::ifstream samples(std::string(REGLA_SOURCE_DIR) + "/rules/samples/households.jsonl");
  std::string line;
  std::getline(samples, line);
  std::getline(samples, line);  // H00000002: a Juntos household with a young child, H00000002-05
  nlohmann::json household = nlohmann::json::parse(line);
  nlohmann::json child;
  for (const nlohmann::json& member : household["members"]) {
    if (member["person_id"] == "H00000002-05") child = member;
  }
  ASSERT_FALSE(child.is_null());
  nlohmann::json members = nlohmann::json::array({household["members"][0]});
  for (int i = 0; i < 60; ++i) {
    child["person_id"] = "C-" + std::to_string(i);
    child["mother_id"] = household["members"][0]["person_id"];
    members.push_back(child);
  }
  household["members"] = members;
  const std::string large = household.dump();

  EvaluationOptions options{.as_of = "2026-11-01", .explain = true};
  std::string fresh;
  ASSERT_TRUE(HouseholdEvaluator(shipped_rules(), options).evaluate(large, 1, fresh));
  ASSERT_GT(fresh.size(), 2'000'000u);  // one decision's explanation alone outgrows the arena

  HouseholdEvaluator reused(shipped_rules(), options);
  for (int round = 0; round < 2; ++round) {
    std::string small, again;
    ASSERT_TRUE(reused.evaluate(good, 1, small)) << small;
    ASSERT_TRUE(reused.evaluate(large, 2, again));
    EXPECT_EQ(again, fresh) << "round " << round;
  }
}

}  // namespace
}  // namespace regla
