// Defective records, through the public API: each is answered by one error line naming the line,
// the household and the JSON path of the problem, and the run goes on.
#include <gtest/gtest.h>

#include <array>
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
  HouseholdEvaluator evaluator(compile(shipped_rules(), {.as_of = "2026-11-01"}).value());
  std::string out;
  EXPECT_FALSE(evaluator.evaluate(line, 7, out));
  nlohmann::json parsed = nlohmann::json::parse(out);
  EXPECT_EQ(parsed["line"], 7);
  return parsed["error"].get<std::string>();
}

TEST(Records, AGoodRecordGetsDecisions) {
  HouseholdEvaluator evaluator(compile(shipped_rules(), {.as_of = "2026-11-01"}).value());
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
            "members[0]: not valid JSON at column 71: expected a field name (a string), found the "
            "end of the line");
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
  EXPECT_EQ(error_of(good + " {}"),
            "not valid JSON at column 110: there is more text after the record");
  EXPECT_EQ(
      error_of(
          R"({"household_id":"H-1","ubigeo":"150101","members":[{"person_id":"P-1","birth_date":"2010-01-01","sex":"F","pregnancy":{"started_on":"2026-05-01","ended_on":"2026-01-01"}}]})"),
      "members[0] (P-1): the pregnancy ends before it starts");
}

// Deep nesting never recurses: unbalanced, it is invalid JSON; where a field is read, it is the
// wrong type. (NestingDeeperThan1024LevelsIsAnErrorWithEitherReader: how deep it may be.)
TEST(Records, DeepNestingIsAnErrorNotACrash) {
  std::string unclosed =
      R"({"household_id":"H-1","ubigeo":"150101","extra":)" + std::string(100000, '[');
  EXPECT_NE(error_of(unclosed).find("not valid JSON"), std::string::npos);
  std::string read = R"({"household_id":"H-1","ubigeo":"150101","members":[)" +
                     std::string(1000, '[') + std::string(1000, ']') + "]}";
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
        evaluate_stream(compile(shipped_rules(), {.as_of = "2026-11-01"}).value(), stream, in, out);
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
  StreamResult result =
      evaluate_stream(compile(shipped_rules(), {.as_of = "2026-11-01"}).value(), stream, in, out);
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
  EXPECT_THROW(HouseholdEvaluator(compile(shipped_rules(), {.as_of = "2026-02-30"}).value()),
               std::invalid_argument);
}

}  // namespace
}  // namespace regla

namespace regla {
namespace {

// Regression (found by StreamProperties): a truncated record's error depended on the bytes the
// previous, longer record left after it in the reader's buffer. The fixture is the shrunk pair.
TEST(Records, AResultDoesNotDependOnThePreviousRecord) {
  std::ifstream in(std::string(REGLA_SOURCE_DIR) +
                   "/tests/engine/records/data/truncated_after_longer.jsonl");
  std::string longer, truncated;
  std::getline(in, longer);
  std::getline(in, truncated);
  HouseholdEvaluator after_longer(compile(shipped_rules(), {.as_of = "2026-11-01"}).value());
  HouseholdEvaluator fresh(compile(shipped_rules(), {.as_of = "2026-11-01"}).value());
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
    HouseholdEvaluator evaluator(
        compile(shipped_rules(), {.as_of = "2026-11-01", .reader = reader}).value());
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
    HouseholdEvaluator evaluator(
        compile(shipped_rules(), {.as_of = "2026-11-01", .reader = reader}).value());
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
  HouseholdEvaluator evaluator(
      compile(shipped_rules(), {.as_of = "2026-11-01", .explain = true}).value());
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
  ASSERT_TRUE(
      HouseholdEvaluator(compile(shipped_rules(), options).value()).evaluate(large, 1, fresh));
  ASSERT_GT(fresh.size(), 2'000'000u);  // one decision's explanation alone outgrows the arena

  HouseholdEvaluator reused(compile(shipped_rules(), options).value());
  for (int round = 0; round < 2; ++round) {
    std::string small, again;
    ASSERT_TRUE(reused.evaluate(good, 1, small)) << small;
    ASSERT_TRUE(reused.evaluate(large, 2, again));
    EXPECT_EQ(again, fresh) << "round " << round;
  }
}

}  // namespace
}  // namespace regla

namespace regla {
namespace {

// The answer of each reader to `line`: decisions or an error line, parsed.
std::array<nlohmann::json, 2> answers_of(const std::string& line) {
  std::array<nlohmann::json, 2> answers;
  for (JsonReader reader : {JsonReader::simdjson, JsonReader::nlohmann}) {
    HouseholdEvaluator evaluator(
        compile(shipped_rules(), {.as_of = "2026-11-01", .reader = reader}).value());
    std::string out;
    evaluator.evaluate(line, 1, out);
    answers[reader == JsonReader::simdjson ? 0 : 1] = nlohmann::json::parse(out);
  }
  return answers;
}

// `good` with `value` in each position a value can take: the whole line, an unread field (first
// and later), a read field, a member's read and unread fields, inside unread objects and arrays,
// a read list's element, a read optional object.
std::vector<std::string> in_every_position(const std::string& value) {
  auto replaced = [](std::string text, const std::string& from, const std::string& to) {
    return text.replace(text.find(from), from.size(), to);
  };
  const std::string member_end = R"("sex":"F")";
  return {value,
          replaced(good, R"("ubigeo":"150101")", R"("ubigeo":"150101","notes":)" + value),
          "{\"notes\":" + value + "," + good.substr(1),
          replaced(good, R"("H-1")", value),
          replaced(good, member_end, member_end + ",\"insurance\":" + value),
          replaced(good, member_end, member_end + ",\"nickname\":" + value),
          replaced(good, member_end, member_end + R"(,"extra":{"a":{"b":)" + value + "}}"),
          replaced(good, member_end, member_end + R"(,"extra":[1,[2,)" + value + "]]"),
          replaced(good, R"("members":[)", R"("members":[)" + value + ","),
          replaced(good, R"("ubigeo":"150101")", R"("ubigeo":"150101","cse":)" + value)};
}

// Regression (issue "Hostile input closed", 1): values of fields the rules do not read were
// skipped by matching brackets and never checked, so the default reader decided lines that are
// not JSON. Every malformed value of the issue, in every position, is an error from both readers.
TEST(Records, MalformedJsonIsAnErrorInEveryPositionWithEitherReader) {
  const std::vector<std::string> malformed = {
      "[1 true]", R"({"a" "b"})",       "NaN",         "'single'", "tru",  "{]",          "[1,]",
      "-01",      std::string(1, '\0'), R"({"a":1,})", "\\",       "0x1F", R"("\ud800")", "1e400"};
  for (const std::string& value : malformed) {
    for (const std::string& line : in_every_position(value)) {
      for (const nlohmann::json& answer : answers_of(line)) {
        ASSERT_TRUE(answer.contains("error")) << line;
        EXPECT_NE(answer["error"].get<std::string>().find("not valid JSON at column "),
                  std::string::npos)
            << line << " -> " << answer["error"];
        EXPECT_TRUE(answer["household_id"].is_null()) << line;  // nothing in the line counts
      }
    }
  }
  // And what is valid JSON is skipped wherever the rules do not read it.
  for (std::string value : {"[1,true,{\"a\":[]}]", "-0.5e-3", "\"\\u00e9\\ud83d\\ude00\"",
                            "123456789012345678901234567890", "1e-400"}) {
    for (const nlohmann::json& answer : answers_of(in_every_position(value)[1]))
      EXPECT_FALSE(answer.contains("error")) << value << " -> " << answer;
  }
}

// A syntax error names the path of the value it is in and the column, the same from both readers.
TEST(Records, ASyntaxErrorNamesItsPathAndColumn) {
  const std::string line =
      R"({"household_id":"H-1","ubigeo":"150101","members":[{"person_id":"P-1","x":[1,{"a" 2}]}]})";
  for (const nlohmann::json& answer : answers_of(line)) {
    EXPECT_EQ(answer["error"],
              "members[0].x[1].a: not valid JSON at column 83: expected ':' after the field name, "
              "found '2'");
  }
}

// Regression (issue "Hostile input closed", 5): a quoted value was cut at 40 bytes, inside a
// multi-byte character, and nlohmann's message quoted raw bytes of the line. Every answer is
// valid UTF-8 (nlohmann::json::parse refuses anything else).
TEST(Records, ErrorMessagesAreValidUtf8) {
  std::string accented;
  for (int i = 0; i < 40; ++i)
    accented += "\xC3\xA9";  // é
  std::string long_value = good;
  long_value.replace(long_value.find(R"("sex":"F")"), 9, "\"insurance\":\"" + accented + "\"");
  for (const nlohmann::json& answer : answers_of(long_value)) {
    std::string shown;
    for (int i = 0; i < 18; ++i)
      shown += "\xC3\xA9";
    EXPECT_EQ(answer["error"], "members[0].insurance: '" + shown +
                                   "...' is not one of \"none\", \"sis\", \"essalud\", \"other\"");
  }
  for (const char* damage : {"\xFF", "\xC3", "\xED\xA0\x80", "\xC0\xAF", "\x80"}) {
    std::string damaged = good;
    damaged.replace(damaged.find("H-1"), 3, std::string("H") + damage);
    for (const nlohmann::json& answer : answers_of(damaged)) {
      std::string error = answer["error"];
      EXPECT_NE(error.find("not valid UTF-8"), std::string::npos) << error;
    }
  }
}

// Regression (issue "Hostile input closed", 8): the readers disagreed on these lines.
TEST(Records, BothReadersAgreeOnEachLine) {
  struct Case {
    std::string line;
    nlohmann::json expected;  // the error, or null when the line is decided
    nlohmann::json household_id;
  };
  const std::vector<Case> cases = {
      // A field given twice whose first value is wrong: the last counts.
      {R"({"household_id":5,)" + good.substr(1), nullptr, "H-1"},
      {R"({"members":[{"insurance":"X"}],)" + good.substr(1), nullptr, "H-1"},
      // The last value is wrong: that is the error.
      {good.substr(0, good.size() - 1) + R"(,"household_id":5})",
       "household_id: expected text, found a number 5", nullptr},
      // A byte order mark at the start of a line (of a file) is ignored.
      {"\xEF\xBB\xBF" + good, nullptr, "H-1"},
      // Numbers no double holds and lone surrogates, where the rules do not read them.
      {good.substr(0, good.size() - 1) + R"(,"notes":1e400})",
       "notes: not valid JSON at column 117: the number '1e400' is too large for a double",
       nullptr},
      {good.substr(0, good.size() - 1) + R"(,"notes":"\ud800"})",
       "notes: not valid JSON at column 118: '\\ud800' is the first half of a surrogate pair "
       "without the "
       "second",
       nullptr},
      // Regression (found by fuzz_loader): after an element that is wrong, simdjson ended the
      // list at a ':' as if at its end, and the line passed for valid JSON.
      {R"({"household_id":"H-1","members":[{"person_id":"P-1","birth_date":"bad"},"x":1}]})",
       "members: not valid JSON at column 76: expected ',' or ']' after a list element, found ':'",
       nullptr},
      // Errors in input order (nlohmann's maps sorted the fields), the id read wherever it is.
      {R"({"cse":5,"household_id":"H-7","ubigeo":5,"members":[]})",
       "cse: expected an object, found a number 5", "H-7"},
      {R"({"ubigeo":5,"cse":5,"household_id":"H-7","members":[]})",
       "ubigeo: expected text, found a number 5", "H-7"},
  };
  for (const Case& c : cases) {
    for (const nlohmann::json& answer : answers_of(c.line)) {
      EXPECT_EQ(answer.value("error", nlohmann::json()), c.expected) << c.line;
      EXPECT_EQ(answer["household_id"], c.household_id) << c.line;
    }
  }
}

// Regression (issue "Hostile input closed", 11): an integer field refused 5.0 and 1E1, which JSON
// Schema counts as integers. They read as 5 and 10; a fraction, or a magnitude a double does not
// hold exactly (2^53), is still an error.
TEST(Records, WholeNumbersWrittenWithAFractionOrAnExponentAreIntegers) {
  auto with_days = [](const std::string& days) {
    return R"({"household_id":"H-1","ubigeo":"150101","members":[{"person_id":"P-1",)"
           R"("birth_date":"2012-05-02","sex":"F","school":{"attendance":[{"month":"2026-09",)"
           R"("days_attended":)" +
           days + R"(,"school_days":20}]}}]})";
  };
  for (const auto& [written, plain] : std::vector<std::pair<std::string, std::string>>{
           {"5.0", "5"},
           {"1E1", "10"},
           {"1e1", "10"},
           {"20.000", "20"},
           {"-0.0", "0"},
           {"0.2e2", "20"},
           {"9007199254740991.0", "9007199254740991"}}) {
    auto from_written = answers_of(with_days(written));
    auto from_plain = answers_of(with_days(plain));
    EXPECT_EQ(from_written, from_plain) << written;
  }
  EXPECT_FALSE(answers_of(with_days("2E1"))[0].contains("error"));  // decided, not rejected
  for (std::string not_whole : {"5.5", "1e300", "1e-300", "9007199254740992.0"}) {
    auto answers = answers_of(with_days(not_whole));
    const std::string path = "members[0].school.attendance[0].days_attended: ";
    EXPECT_EQ(answers[0]["error"], path + not_whole + " is not a whole number in range");
    // nlohmann/json writes the number again from its double (1e+300).
    EXPECT_TRUE(answers[1]["error"].get<std::string>().starts_with(path)) << answers[1];
  }
}

// Deep nesting where the rules do not read: up to 1024 levels (the record's object included) it
// is skipped, deeper it is an error, with either reader and without recursion.
TEST(Records, NestingDeeperThan1024LevelsIsAnErrorWithEitherReader) {
  auto with_notes = [](std::size_t levels) {
    return good.substr(0, good.size() - 1) + ",\"notes\":" + std::string(levels, '[') +
           std::string(levels, ']') + "}";
  };
  for (const nlohmann::json& answer : answers_of(with_notes(1023)))
    EXPECT_FALSE(answer.contains("error")) << answer;
  for (std::size_t levels : {1024u, 5000u, 100000u}) {
    for (const nlohmann::json& answer : answers_of(with_notes(levels))) {
      // At the 1024th '[', inside the record's object and 1023 lists (a path cut after 16 steps).
      std::string path = "notes";
      for (int i = 0; i < 15; ++i)
        path += "[0]";
      path += "...";
      std::size_t column = good.size() - 1 + std::string(",\"notes\":").size() + 1024;
      EXPECT_EQ(answer["error"], path + ": not valid JSON at column " + std::to_string(column) +
                                     ": arrays and objects nest more than 1024 levels deep");
    }
  }
}

}  // namespace
}  // namespace regla

namespace regla {
namespace {

// Keys and texts are read in place, their ends found from the next token when the line holds no
// escape: whitespace anywhere between the tokens reads as the compact line does.
TEST(Records, WhitespaceBetweenTokensReadsAsTheCompactLine) {
  const std::string spaced =
      " {\t\"household_id\" :\t\"H-1\" , \"ubigeo\"\t:  \"150101\" ,\"members\" : [ { \"person_id\""
      " : \"P-1\" , \"birth_date\" :\"1990-05-02\"\t, \"sex\": \"F\" } ] } \r";
  for (JsonReader reader : {JsonReader::simdjson, JsonReader::nlohmann}) {
    HouseholdEvaluator evaluator(
        compile(shipped_rules(), {.as_of = "2026-11-01", .reader = reader}).value());
    std::string from_spaced, from_compact;
    ASSERT_TRUE(evaluator.evaluate(spaced, 1, from_spaced)) << from_spaced;
    ASSERT_TRUE(evaluator.evaluate(good, 1, from_compact)) << from_compact;
    EXPECT_EQ(from_spaced, from_compact);
  }
}

}  // namespace
}  // namespace regla
