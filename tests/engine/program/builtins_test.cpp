// Every built-in of the table (engine/program/builtins.cpp), by example: calls written in the rule
// language and the value each must have, evaluated by the reference interpreter and by the
// compiled evaluator alike. A built-in of the table without examples here, or without its line in
// docs/language.md, fails these tests; so does a wrong arity or argument type that is not a
// located error.
#include "engine/program/builtins.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <sstream>

#include "engine/program/evaluation_error.hpp"
#include "engine/records/record_loader.hpp"
#include "engine/reference/interpreter.hpp"
#include "engine/rule_set/loaded_rules.hpp"
#include "engine/vm/vm.hpp"
#include "tests/text_file.hpp"

namespace regla {
namespace {

// A call, and either the value it must have (an expression of the rule language, usually a
// literal, of the call's type) or the start of the evaluation error it must raise.
struct Example {
  std::string call;
  std::string value;
  std::string error = {};
};

// Evaluated on 2026-11-01.
const std::map<std::string, std::vector<Example>>& examples() {
  static const std::map<std::string, std::vector<Example>> by_builtin = {
      {"age_days",
       {{"age_days(2026-10-01)", "31 days"},
        {"age_days(2026-11-01)", "0 days"},
        {"age_days(2026-11-02)", "-1 days"}}},
      {"age_months",
       {{"age_months(2026-10-01)", "1 months"},
        {"age_months(2026-10-02)", "0 months"},
        {"age_months(2024-02-29)", "32 months"}}},
      {"age_years",
       {{"age_years(2008-11-01)", "18 years"},
        {"age_years(2008-11-02)", "17 years"},
        {"age_years(2024-02-29)", "2 years"}}},
      {"days_between",
       {{"days_between(2024-02-28, 2024-03-01)", "2 days"},
        {"days_between(2026-11-01, 2026-10-01)", "-31 days"}}},
      {"months_between",  // completed months, as age_months counts them
       {{"months_between(2024-01-31, 2024-02-29)", "1 months"},
        {"months_between(2024-01-31, 2024-02-28)", "0 months"},
        {"months_between(2024-01-15, 2024-03-14)", "1 months"},
        {"months_between(2024-03-15, 2024-01-20)", "-2 months"},
        {"months_between(2025-12-31, as_of)", "age_months(2025-12-31)"}}},
      {"years_between",
       {{"years_between(2000-02-29, 2001-02-28)", "1 years"},
        {"years_between(2000-03-01, 2001-02-28)", "0 years"},
        {"years_between(2010-06-01, 2000-06-02)", "-10 years"}}},
      {"start_of_month",
       {{"start_of_month(2024-02-29)", "2024-02-01"},
        {"start_of_month(2024-03-01)", "2024-03-01"}}},
      {"month_of", {{"month_of(2024-02-29)", "2024-02"}, {"month_of(2024-03-01)", "2024-03"}}},
      {"min",
       {{"min(3, 5)", "3"},
        {"min(2.5, 2)", "2.0"},
        {"min(100 PEN, 50)", "50 PEN"},
        {"min(3 days, 2 days)", "2 days"},
        {"min(2026-01-01, 2025-12-31)", "2025-12-31"}}},
      {"max",
       {{"max(3, 5)", "5"},
        {"max(2.5, 2)", "2.5"},
        {"max(100 PEN, 50)", "100 PEN"},
        {"max(2026-01-01, 2025-12-31)", "2026-01-01"}}},
      {"clamp",
       {{"clamp(5, 1, 3)", "3"},
        {"clamp(-2, 1, 3)", "1"},
        {"clamp(2, 1, 3)", "2"},
        {"clamp(2.5, 1, 3)", "2.5"},
        {"clamp(7, 1, 3.5)", "3.5"},
        {"clamp(150 PEN, 0, 100 PEN)", "100 PEN"},
        {"clamp(age_years(2010-01-01), 0, 18)", "16 years"},
        {"clamp(2026-12-25, 2026-01-01, 2026-12-01)", "2026-12-01"},
        {"clamp(5, 3, 1)", "1"}}},
      {"floor",
       {{"floor(2.5)", "2"},
        {"floor(-2.5)", "-3"},
        {"floor(7)", "7"},
        {"floor(10000000000000000000.0)", "", "a whole number grew past the largest"}}},
      {"ceil", {{"ceil(2.1)", "3"}, {"ceil(-2.9)", "-2"}, {"ceil(7 days)", "7 days"}}},
      {"abs",
       {{"abs(-3)", "3"},
        {"abs(3)", "3"},
        {"abs(-2.5)", "2.5"},
        {"abs(-3 PEN)", "3 PEN"},
        {"abs(-85%)", "85%"},
        {"abs(-4 days)", "4 days"},
        {"abs(-9223372036854775807 - 1)", "", "a whole number grew past the largest"}}},
      {"overlaps",
       {{"overlaps([2026-01-01, 2026-02-01), [2026-01-31, 2026-03-01))", "true"},
        {"overlaps([2026-01-01, 2026-02-01), [2026-02-01, 2026-03-01))", "false"},
        {"overlaps([2026-01-01, 2026-01-01), [2025-01-01, 2027-01-01))", "false"}}},
      {"starts_with",
       {{"starts_with(\"150101\", \"15\")", "true"},
        {"starts_with(\"15\", \"150\")", "false"},
        {"starts_with(\"abc\", \"\")", "true"}}},
      {"ends_with",
       {{"ends_with(\"150101\", \"01\")", "true"},
        {"ends_with(\"1\", \"01\")", "false"},
        {"ends_with(\"abc\", \"\")", "true"}}},
  };
  return by_builtin;
}

const char* const as_of = "2026-11-01";

std::string program_header() {
  return "program examples\n  en \"examples\"\n  es \"ejemplos\"\n\nshape household {\n"
         "  household_id: text id\n}\n\n";
}

// The line of the first rule after the header, as diagnostics number it.
std::string rule_line() {
  std::string header = program_header();
  return std::to_string(std::count(header.begin(), header.end(), '\n') + 1);
}

RuleSet load(const std::string& rules) {
  return RuleSet::from_files({{"examples.regla", program_header() + rules}},
                             [](const std::string&) { return std::nullopt; });
}

struct Outcome {
  bool failed = false;
  Value value;
  std::string error;
};

template <typename Evaluator>
Outcome outcome_of(Evaluator& evaluator, std::uint32_t rule) {
  try {
    return {false, evaluator.call(rule, {}), ""};
  } catch (const EvaluationError& error) {
    return {true, Value::missing(), error.message};
  }
}

std::string shown(const Type& type, const Outcome& outcome) {
  if (outcome.failed) return "error: " + outcome.error;
  if (is_decimal_like(type.kind)) return std::to_string(outcome.value.decimal);
  if (type.kind == Kind::text) return "\"" + std::string(outcome.value.as_text()) + "\"";
  return std::to_string(outcome.value.integer);
}

// Evaluates every example of `builtin` with `Evaluator`, against its value.
template <typename Evaluator>
void expect_examples(const CheckedProgram& program, const std::vector<Example>& examples,
                     const char* evaluator_name) {
  calendar::DayNumber day = *calendar::parse_date(as_of);
  RecordLoader loader(program);
  Record record;
  record.prepare(program);
  ASSERT_FALSE(loader.load(R"({"household_id":"H"})", record));
  Evaluator evaluator(program, day);
  evaluator.set_record(record);
  for (std::size_t i = 0; i < examples.size(); ++i) {
    const Example& example = examples[i];
    std::uint32_t call = static_cast<std::uint32_t>(2 * i), value = call + 1;
    const Type& type = program.rules[call].type;
    Outcome got = outcome_of(evaluator, call);
    SCOPED_TRACE(std::string(evaluator_name) + ": " + example.call);
    if (!example.error.empty()) {
      EXPECT_TRUE(got.failed) << shown(type, got);
      EXPECT_EQ(got.error.rfind(example.error, 0), 0u) << got.error;
      continue;
    }
    ASSERT_EQ(type, program.rules[value].type)
        << "the call and " << example.value << " differ in type";
    Outcome wanted = outcome_of(evaluator, value);
    EXPECT_EQ(shown(type, got), shown(type, wanted)) << "wanted " << example.value;
  }
}

TEST(Builtins, EveryBuiltinHasExamples) {
  for (const builtins::Builtin& builtin : builtins::table()) {
    auto found = examples().find(std::string(builtin.name));
    ASSERT_TRUE(found != examples().end() && !found->second.empty())
        << "built-in '" << builtin.name << "' has no examples in " << __FILE__;
    for (const Example& example : found->second)
      EXPECT_EQ(example.call.rfind(std::string(builtin.name) + "(", 0), 0u) << example.call;
  }
  for (const auto& [name, _] : examples())
    EXPECT_NE(builtins::find(name), nullptr) << "examples of '" << name << "', not a built-in";
}

TEST(Builtins, ExamplesHaveTheirValuesInBothEvaluators) {
  for (const auto& [name, of_builtin] : examples()) {
    SCOPED_TRACE(name);
    std::string rules;
    for (std::size_t i = 0; i < of_builtin.size(); ++i) {
      rules += "rule call_" + std::to_string(i) + " = " + of_builtin[i].call + "\n";
      rules += "rule value_" + std::to_string(i) + " = " +
               (of_builtin[i].value.empty() ? "0" : of_builtin[i].value) + "\n";
    }
    RuleSet loaded = load(rules);
    ASSERT_FALSE(loaded.has_errors()) << loaded.diagnostics_text();
    const CheckedProgram& program = *regla::detail::loaded_rules(loaded).program;
    expect_examples<Interpreter>(program, of_builtin, "reference interpreter");
    expect_examples<CompiledEvaluator>(program, of_builtin, "compiled evaluator");
  }
}

std::string read_language_reference() {
  return testing::read_text_file(std::string(REGLA_SOURCE_DIR) + "/docs/language.md");
}

// The rows of the built-in functions' table in docs/language.md.
std::vector<std::string> documented_rows(const std::string& reference) {
  const std::string heading = "| function | result |\n|---|---|\n";
  std::size_t start = reference.find(heading);
  if (start == std::string::npos) return {};
  std::vector<std::string> rows;
  std::istringstream lines(reference.substr(start + heading.size()));
  for (std::string line; std::getline(lines, line) && line.starts_with("|");)
    rows.push_back(line);
  return rows;
}

TEST(Builtins, TheLanguageReferenceListsEveryBuiltinWithItsDocLine) {
  std::vector<std::string> rows = documented_rows(read_language_reference());
  ASSERT_FALSE(rows.empty()) << "docs/language.md has no '| function | result |' table";
  for (const builtins::Builtin& builtin : builtins::table()) {
    EXPECT_EQ(builtin.usage.rfind(std::string(builtin.name) + "(", 0), 0u) << builtin.usage;
    std::string row = "| `" + std::string(builtin.usage) + "` | " + std::string(builtin.doc) + " |";
    EXPECT_NE(std::find(rows.begin(), rows.end(), row), rows.end())
        << "docs/language.md lacks the row\n"
        << row;
  }
  // And no row for a built-in the table does not declare.
  EXPECT_EQ(rows.size(), builtins::table().size());
}

// A call with one argument too many, for each built-in: a located error with a caret under it.
TEST(Builtins, AWrongArityIsALocatedError) {
  for (const builtins::Builtin& builtin : builtins::table()) {
    std::string call = std::string(builtin.name) + "(1";
    for (std::size_t i = 0; i < builtin.arity; ++i)
      call += ", 1";
    call += ")";
    RuleSet loaded = load("rule wrong = " + call + "\n");
    std::string expected = "examples.regla:" + rule_line() + ":14: error[wrong-argument-count]: '" +
                           std::string(builtin.name) + "' takes " + std::to_string(builtin.arity) +
                           " argument" + (builtin.arity == 1 ? "" : "s") + ", not " +
                           std::to_string(builtin.arity + 1) + "\n";
    std::string caret =
        "| " + std::string(13, ' ') + "^" + std::string(call.size() - 1, '~') + "\n";
    EXPECT_NE(loaded.diagnostics_text().find(expected), std::string::npos)
        << loaded.diagnostics_text();
    EXPECT_NE(loaded.diagnostics_text().find(caret), std::string::npos)
        << loaded.diagnostics_text();
  }
}

struct WrongCall {
  std::string call;
  std::string error;  // "COLUMN: error[CODE]: MESSAGE", on the rule's line
};

TEST(Builtins, WrongArgumentTypesAreLocatedErrors) {
  const std::vector<WrongCall> wrong_calls = {
      {"age_years(3)",
       "24: error[type-mismatch]: 'age_years' needs a date (usually a birth date), but this is "
       "integer"},
      {"days_between(as_of, 3)",
       "34: error[type-mismatch]: 'days_between' needs dates, but this is integer"},
      {"min(\"a\", \"b\")",
       "14: error[type-mismatch]: 'min' needs numbers, dates or months, not text"},
      {"max(as_of, 3)",
       "14: error[type-mismatch]: cannot compare date and integer; to move a date, give the "
       "number its unit: 3 days, 3 months or 3 years"},
      {"clamp(\"a\", \"b\", \"c\")",
       "14: error[type-mismatch]: 'clamp' needs numbers, dates or months, not text"},
      {"clamp(3 days, 2 days, 1 years)", "14: error[unit-mismatch]: cannot compare days and years"},
      {"clamp(3, 2 days, 1 years)", "14: error[unit-mismatch]: cannot compare days and years"},
      {"floor(3 PEN)", "20: error[type-mismatch]: 'floor' needs a decimal number, not money"},
      {"abs(\"15\")", "18: error[type-mismatch]: 'abs' needs a number, but this is text"},
      {"overlaps(as_of, as_of)",
       "23: error[type-mismatch]: 'overlaps' needs intervals, but this is date"},
      {"starts_with(\"15\", 15)",
       "32: error[type-mismatch]: 'starts_with' needs text, but this is integer"},
  };
  for (const WrongCall& wrong : wrong_calls) {
    RuleSet loaded = load("rule wrong = " + wrong.call + "\n");
    EXPECT_NE(
        loaded.diagnostics_text().find("examples.regla:" + rule_line() + ":" + wrong.error + "\n"),
        std::string::npos)
        << wrong.call << "\n"
        << loaded.diagnostics_text();
  }
}

}  // namespace
}  // namespace regla
