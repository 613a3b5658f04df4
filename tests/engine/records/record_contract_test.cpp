// The shapes are the record contract, through the public API: every declared field is checked in
// every record (type, enum value, calendar, constraints), whether or not a rule reads it, with
// either JSON reader; a violation is an error line naming the JSON path.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "regla/evaluation.hpp"

namespace regla {
namespace {

// One field of each type, each constraint kind on some of them.
const std::string contract_shapes = R"(
shape household {
  id: text id
  code: text, 6 digits
  name: optional text, at least 2 characters, at most 5 characters
  note: optional text
  count: optional integer, at least 0, at most 10
  income: optional money, at least 0 PEN, at most 5000 PEN
  share: optional percent, at least 10%
  wait: optional days, at least 1 day
  kind: optional enum { a, b }
  since: optional date
  period: optional month
  flag: optional bool
  info: optional detail
  items: list of item, at least 1, at most 3
}

shape detail {
  level: integer, at least 1
}

shape item {
  label: text, 2 digits
}
)";

// A decision that reads every field, and one that reads none.
const std::string reads_every_field = R"(
program contract

decision anything
  en "anything"
  es "algo"
  = household.code = "000000" or household.name = "xy" or household.note = "n"
    or household.count = 1 or household.income = 1 PEN or household.share = 50%
    or household.wait = 3 days or household.kind = "a" or household.since = 2020-01-01
    or household.period = 2020-01 or household.flag = true or household.info.level = 2
    or (count item in household.items where item.label = "12") >= 1
)";
const std::string reads_no_field = R"(
program contract

decision anything
  en "anything"
  es "algo"
  = true
)";

const nlohmann::json good_record = nlohmann::json::parse(R"({
  "id": "H", "code": "123456", "name": "abc", "note": "n", "count": 5, "income": 100,
  "share": 50, "wait": 3, "kind": "a", "since": "2020-01-01", "period": "2020-01", "flag": true,
  "info": {"level": 2}, "items": [{"label": "12"}], "undeclared": {"anything": [1, "x", null]}
})");

struct Variant {
  const std::string* program;
  JsonReader reader;
  std::string name;
};

const std::vector<Variant>& variants() {
  static const std::vector<Variant> all = {
      {&reads_every_field, JsonReader::simdjson, "read by a rule, simdjson"},
      {&reads_every_field, JsonReader::nlohmann, "read by a rule, nlohmann"},
      {&reads_no_field, JsonReader::simdjson, "read by no rule, simdjson"},
      {&reads_no_field, JsonReader::nlohmann, "read by no rule, nlohmann"},
  };
  return all;
}

// The error of `record` ("" when it is decided), in every variant; all must agree.
std::string error_of(const nlohmann::json& record) {
  std::string first;
  for (std::size_t v = 0; v < variants().size(); ++v) {
    const Variant& variant = variants()[v];
    RuleSet rules = RuleSet::from_files(
        {{"household.regla", contract_shapes}, {"contract.regla", *variant.program}},
        read_from_disk());
    EXPECT_FALSE(rules.has_errors()) << rules.diagnostics_text();
    HouseholdEvaluator evaluator(
        compile(rules, {.as_of = "2026-11-01", .reader = variant.reader}).value());
    std::string out;
    evaluator.evaluate(record.dump(), 1, out);
    nlohmann::json line = nlohmann::json::parse(out);
    std::string error = line.contains("error") ? line["error"].get<std::string>() : "";
    if (v == 0) first = error;
    EXPECT_EQ(error, first) << variant.name << " disagrees on " << record.dump().substr(0, 200);
  }
  return first;
}

nlohmann::json with(const std::string& pointer, const nlohmann::json& value) {
  nlohmann::json record = good_record;
  record[nlohmann::json::json_pointer(pointer)] = value;
  return record;
}

nlohmann::json without(const std::string& field) {
  nlohmann::json record = good_record;
  record.erase(field);
  return record;
}

TEST(RecordContract, AGoodRecordIsDecided) {
  EXPECT_EQ(error_of(good_record), "");
}

TEST(RecordContract, EveryTypeIsCheckedWhetherOrNotARuleReadsIt) {
  EXPECT_EQ(error_of(with("/code", 123456)), "code: expected text, found a number 123456");
  EXPECT_EQ(error_of(with("/count", "5")), "count: expected a whole number, found text \"5\"");
  EXPECT_EQ(error_of(with("/count", 1.5)), "count: 1.5 is not a whole number in range");
  EXPECT_EQ(error_of(with("/income", true)), "income: expected a number, found true/false true");
  EXPECT_EQ(error_of(with("/kind", "c")), "kind: 'c' is not one of \"a\", \"b\"");
  EXPECT_EQ(error_of(with("/since", "2020-02-30")),
            "since: '2020-02-30' is not a calendar date (YYYY-MM-DD, years 1400 to 9999)");
  EXPECT_EQ(error_of(with("/period", "2020-13")), "period: '2020-13' is not a month (YYYY-MM)");
  EXPECT_EQ(error_of(with("/flag", "yes")), "flag: expected true or false, found text \"yes\"");
  EXPECT_EQ(error_of(with("/info", 3)), "info: expected an object, found a number 3");
  EXPECT_EQ(error_of(with("/items", nlohmann::json::object())),
            "items: expected a list, found an object");
  EXPECT_EQ(error_of(with("/items/0", "12")), "items[0]: expected an object, found text");
}

TEST(RecordContract, RequiredFieldsMustBeThereWhetherOrNotARuleReadsThem) {
  EXPECT_EQ(error_of(without("code")), "code: missing (it is required)");
  EXPECT_EQ(error_of(with("/code", nullptr)), "code: is null, but it is required");
  EXPECT_EQ(error_of(with("/info", nlohmann::json::object())),
            "info.level: missing (it is required)");
  EXPECT_EQ(error_of(with("/items/0", nlohmann::json::object())),
            "items[0].label: missing (it is required)");
  EXPECT_EQ(error_of(without("name")), "");  // optional
  EXPECT_EQ(error_of(with("/name", nullptr)), "");
}

TEST(RecordContract, NumberBoundsInTheFieldsUnit) {
  EXPECT_EQ(error_of(with("/count", -1)), "count: -1 is too small (it must be at least 0)");
  EXPECT_EQ(error_of(with("/count", 11)), "count: 11 is too large (it must be at most 10)");
  EXPECT_EQ(error_of(with("/count", 0)), "");
  EXPECT_EQ(error_of(with("/count", 10)), "");
  EXPECT_EQ(error_of(with("/income", -0.01)),
            "income: -0.01 is too small (it must be at least 0 PEN)");
  EXPECT_EQ(error_of(with("/income", 5000.5)),
            "income: 5000.5 is too large (it must be at most 5000 PEN)");
  EXPECT_EQ(error_of(with("/income", 5000)), "");
  EXPECT_EQ(error_of(with("/share", 9.5)), "share: 9.5 is too small (it must be at least 10%)");
  EXPECT_EQ(error_of(with("/share", 10)), "");
  EXPECT_EQ(error_of(with("/wait", 0)), "wait: 0 is too small (it must be at least 1 day)");
  EXPECT_EQ(error_of(with("/info/level", 0)), "info.level: 0 is too small (it must be at least 1)");
}

TEST(RecordContract, ListSizes) {
  EXPECT_EQ(error_of(with("/items", nlohmann::json::array())),
            "items: the list is empty (it needs at least 1)");
  EXPECT_EQ(error_of(with("/items", nullptr)), "items: the list is empty (it needs at least 1)");
  EXPECT_EQ(error_of(without("items")), "items: the list is empty (it needs at least 1)");
  nlohmann::json four = nlohmann::json::array();
  for (int i = 0; i < 4; ++i)
    four.push_back({{"label", "12"}});
  EXPECT_EQ(error_of(with("/items", four)),
            "items: the list has 4 elements (at most 3 are allowed)");
  four.erase(3);
  EXPECT_EQ(error_of(with("/items", four)), "");
}

TEST(RecordContract, TextLengthInCharacters) {
  EXPECT_EQ(error_of(with("/name", "a")), "name: 'a' has 1 character (it needs at least 2)");
  EXPECT_EQ(error_of(with("/name", "")), "name: '' is empty (it needs at least 2 characters)");
  EXPECT_EQ(error_of(with("/name", "abcdef")),
            "name: 'abcdef' has 6 characters (at most 5 are allowed)");
  EXPECT_EQ(error_of(with("/name", "ñandú")), "");  // 5 characters in 7 bytes
  EXPECT_EQ(error_of(with("/id", "")), "id: '' is empty (it needs at least 1 character)");
}

TEST(RecordContract, AnIdIsNeverEmptyWhateverItsConstraintsSay) {
  RuleSet rules = RuleSet::from_files(
      {{"household.regla", "shape household {\n  id: text id, at least 0 characters\n}\n"},
       {"contract.regla", reads_no_field}},
      read_from_disk());
  ASSERT_FALSE(rules.has_errors()) << rules.diagnostics_text();
  HouseholdEvaluator evaluator(compile(rules, {.as_of = "2026-11-01"}).value());
  std::string out;
  EXPECT_FALSE(evaluator.evaluate(R"({"id": ""})", 1, out));
  EXPECT_EQ(nlohmann::json::parse(out)["error"], "id: '' is empty (it needs at least 1 character)");
}

TEST(RecordContract, TextWithoutABoundOfItsOwnHasAtMostAThousandCharacters) {
  EXPECT_EQ(error_of(with("/note", std::string(1000, 'n'))), "");
  EXPECT_EQ(
      error_of(with("/note", std::string(1001, 'n'))),
      "note: '" + std::string(37, 'n') + "...' has 1001 characters (at most 1000 are allowed)");
  EXPECT_EQ(
      error_of(with("/id", std::string(10 << 20, 'h'))),
      "id: '" + std::string(37, 'h') + "...' has 10485760 characters (at most 1000 are allowed)");
}

TEST(RecordContract, DigitPatterns) {
  for (const char* wrong : {"12345", "1234567", "12345a", "", " 12345", "12345\u0661"})
    EXPECT_EQ(error_of(with("/code", wrong)), "code: '" + std::string(wrong) + "' is not 6 digits");
  EXPECT_EQ(error_of(with("/code", std::string(10 << 20, '1'))),
            "code: '" + std::string(37, '1') + "...' is not 6 digits");
  EXPECT_EQ(error_of(with("/items/0/label", "1")), "items[0].label: '1' is not 2 digits");
  EXPECT_EQ(error_of(with("/code", "000000")), "");
}

TEST(RecordContract, UndeclaredFieldsAreNotChecked) {
  EXPECT_EQ(error_of(with("/undeclared", "-5000")), "");
  EXPECT_EQ(error_of(with("/info/extra", nlohmann::json::array({-1, "", nullptr}))), "");
}

// The examples of records that broke the schema and were decided, with the shipped rules.
TEST(RecordContract, TheShippedRulesRejectRecordsThatBreakTheSchema) {
  RuleSet rules = RuleSet::load({std::string(REGLA_SOURCE_DIR) + "/rules"});
  ASSERT_FALSE(rules.has_errors()) << rules.diagnostics_text();
  const nlohmann::json good = nlohmann::json::parse(
      R"({"household_id":"H-1","ubigeo":"150101","area":"rural","members":[{"person_id":"P-1",
          "birth_date":"1990-05-02","sex":"F","employment":{"monthly_income":100}}]})");
  auto error_of_shipped = [&](const std::string& pointer, const nlohmann::json& value) {
    nlohmann::json record = good;
    if (value.is_discarded()) {
      record.erase(pointer.substr(1));
    } else {
      record[nlohmann::json::json_pointer(pointer)] = value;
    }
    HouseholdEvaluator evaluator(compile(rules, {.as_of = "2026-11-01"}).value());
    std::string out;
    evaluator.evaluate(record.dump(), 1, out);
    nlohmann::json line = nlohmann::json::parse(out);
    return line.contains("error") ? line["error"].get<std::string>() : "";
  };
  const nlohmann::json absent = nlohmann::json::value_t::discarded;
  EXPECT_EQ(error_of_shipped("/area", "rural"), "");
  EXPECT_EQ(error_of_shipped("/members", absent),
            "members: the list is empty (it needs at least 1)");
  EXPECT_EQ(error_of_shipped("/members", nlohmann::json::array()),
            "members: the list is empty (it needs at least 1)");
  EXPECT_EQ(error_of_shipped("/members/0/employment/monthly_income", -5000),
            "members[0].employment.monthly_income: -5000 is too small (it must be at least 0 PEN)");
  EXPECT_EQ(error_of_shipped("/household_id", ""),
            "household_id: '' is empty (it needs at least 1 character)");
  EXPECT_EQ(error_of_shipped("/members/0/person_id", ""),
            "members[0].person_id: '' is empty (it needs at least 1 character)");
  EXPECT_EQ(error_of_shipped("/ubigeo", ""), "ubigeo: '' is not 6 digits");
  EXPECT_EQ(error_of_shipped("/ubigeo", std::string(10 << 20, '1')),
            "ubigeo: '" + std::string(37, '1') + "...' is not 6 digits");
  EXPECT_EQ(error_of_shipped("/members/0/sex", "Q"),
            "members[0].sex: 'Q' is not one of \"F\", \"M\"");
  EXPECT_EQ(error_of_shipped("/area", "moon"), "area: 'moon' is not one of \"urban\", \"rural\"");
  EXPECT_EQ(error_of_shipped("/members/0/dni", "1234567"),
            "members[0].dni: '1234567' is not 8 digits");
}

}  // namespace
}  // namespace regla
