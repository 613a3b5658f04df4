// The typed evaluation API as an embedding application uses it: rules compiled once, shared by
// evaluators on several threads, each record's decisions as typed values; the JSON output line is
// a rendering of the same evaluation. Only include/regla and the library.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "regla/evaluation.hpp"
#include "regla/rules.hpp"

namespace {

const regla::RuleSet& shipped_rules() {
  static const regla::RuleSet rules =
      regla::RuleSet::load({std::string(REGLA_SOURCE_DIR) + "/rules"});
  return rules;
}

std::vector<std::string> sample_lines() {
  std::ifstream in(std::string(REGLA_SOURCE_DIR) + "/rules/samples/households.jsonl");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

const std::string household_2 = sample_lines()[1];

TEST(TypedEvaluation, GivesEachDecisionItsTypeAndValue) {
  regla::CompileResult compiled = regla::compile(shipped_rules(), {.as_of = "2026-11-01"});
  ASSERT_TRUE(compiled.rules) << compiled.error;
  regla::HouseholdEvaluator evaluator(*compiled.rules);
  const regla::Evaluation& result = evaluator.evaluate(household_2, 2);
  ASSERT_TRUE(result.decided()) << *result.error;
  EXPECT_EQ(result.line, 2u);
  EXPECT_EQ(result.household_id, "H00000002");

  const regla::Decision* eligible = result.find("juntos.eligible");
  ASSERT_NE(eligible, nullptr);
  EXPECT_EQ(eligible->type, regla::DecisionType::boolean);
  EXPECT_TRUE(eligible->holds());
  const regla::Decision* amount = result.find("juntos.transfer_amount");
  ASSERT_NE(amount, nullptr);
  EXPECT_EQ(amount->type, regla::DecisionType::money);
  EXPECT_EQ(std::get<double>(amount->value), 200.0);

  ASSERT_EQ(result.members.size(), 6u);
  EXPECT_EQ(result.members[1].member_id, "H00000002-02");
  const regla::Decision* subsidized = result.find("sis.subsidized", "H00000002-02");
  ASSERT_NE(subsidized, nullptr);
  EXPECT_TRUE(subsidized->holds());
  EXPECT_FALSE(result.find("sis.subsidized", "H00000002-01")->holds());
  EXPECT_EQ(result.find("sis.subsidized"), nullptr);  // a member decision, not the household's
  EXPECT_EQ(result.find("juntos.nonexistent"), nullptr);

  // The decisions come in the order the compiled rules list them.
  ASSERT_EQ(result.household.size(), compiled.rules->household_decisions().size());
  for (std::size_t d = 0; d < result.household.size(); ++d)
    EXPECT_EQ(result.household[d].name, compiled.rules->household_decisions()[d]);
}

TEST(TypedEvaluation, ARejectedRecordHasItsLocatedErrorAndNoDecisions) {
  regla::HouseholdEvaluator evaluator(
      regla::compile(shipped_rules(), {.as_of = "2026-11-01"}).value());
  const regla::Evaluation& result = evaluator.evaluate(
      R"({"household_id":"B-1","ubigeo":"150101","members":[{"person_id":"P-1","birth_date":"2026-02-30","sex":"F"}]})",
      7);
  ASSERT_FALSE(result.decided());
  EXPECT_EQ(result.line, 7u);
  EXPECT_EQ(result.household_id, "B-1");
  EXPECT_NE(result.error->find("members[0].birth_date"), std::string::npos) << *result.error;
  EXPECT_TRUE(result.household.empty());
  EXPECT_TRUE(result.members.empty());

  const regla::Evaluation& unreadable = evaluator.evaluate("{not json", 8);
  EXPECT_FALSE(unreadable.decided());
  EXPECT_FALSE(unreadable.household_id);
}

TEST(TypedEvaluation, TheJsonLineIsARenderingOfTheEvaluation) {
  regla::CompiledRules rules = regla::compile(shipped_rules(), {.as_of = "2026-11-01"}).value();
  regla::HouseholdEvaluator evaluator(rules);
  for (const std::string& line : sample_lines()) {
    std::string written;
    evaluator.evaluate(line, 1, written);
    std::string rendered;
    regla::write_json_line(rules, evaluator.evaluate(line, 1), rendered);
    ASSERT_EQ(rendered, written);
  }
}

TEST(TypedEvaluation, TheLastEvaluationIsTheOneTheJsonLineRendered) {
  regla::CompiledRules rules = regla::compile(shipped_rules(), {.as_of = "2026-11-01"}).value();
  regla::HouseholdEvaluator evaluator(rules);
  for (const std::string& line : {household_2, std::string("{\"household_id\": 7}")}) {
    std::string written;
    evaluator.evaluate(line, 3, written);
    std::string rendered;
    regla::write_json_line(rules, evaluator.last_evaluation(), rendered);
    EXPECT_EQ(rendered, written);
  }
}

// Without failure reasons the summary counts the same records and verdicts, and no reasons.
TEST(TypedEvaluation, ASummaryWithoutFailureReasonsCountsTheSameVerdicts) {
  regla::HouseholdEvaluator with(regla::compile(shipped_rules(), {.as_of = "2026-11-01"}).value());
  regla::EvaluationOptions options{.as_of = "2026-11-01"};
  options.failure_reasons = false;
  regla::HouseholdEvaluator without(regla::compile(shipped_rules(), options).value());
  for (const std::string& line : sample_lines()) {
    std::string ignored;
    with.evaluate(line, 1, ignored);
    without.evaluate(line, 1, ignored);
  }
  regla::RunSummary counted = with.summary(), bare = without.summary();
  EXPECT_EQ(bare.overall.records, counted.overall.records);
  ASSERT_EQ(bare.overall.decisions.size(), counted.overall.decisions.size());
  std::size_t reasons = 0;
  for (const auto& [name, tally] : counted.overall.decisions) {
    const regla::RunSummary::Tally& other = bare.overall.decisions.at(name);
    EXPECT_EQ(other.evaluated, tally.evaluated) << name;
    EXPECT_EQ(other.holds, tally.holds) << name;
    EXPECT_TRUE(other.failed_conditions.empty()) << name;
    reasons += tally.failed_conditions.size();
  }
  EXPECT_GT(reasons, 0u);
}

TEST(TypedEvaluation, OneCompiledRuleSetServesEvaluatorsOnSeveralThreads) {
  regla::CompiledRules rules = regla::compile(shipped_rules(), {.as_of = "2026-11-01"}).value();
  std::vector<std::string> lines = sample_lines();
  auto decide_all = [&](std::string& out) {
    regla::HouseholdEvaluator evaluator(rules);
    for (std::size_t i = 0; i < lines.size(); ++i)
      evaluator.evaluate(lines[i], i + 1, out);
  };
  std::string alone;
  decide_all(alone);
  std::vector<std::string> outputs(4);
  std::vector<std::thread> threads;
  for (std::string& out : outputs)
    threads.emplace_back([&] { decide_all(out); });
  for (std::thread& thread : threads)
    thread.join();
  for (const std::string& out : outputs)
    EXPECT_EQ(out, alone);
}

std::string date_text(const regla::Date& date) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", int(date.year()), unsigned(date.month()),
                unsigned(date.day()));
  return text;
}

nlohmann::json as_json(const regla::DecidedValue& value) {
  if (const bool* b = std::get_if<bool>(&value)) return *b;
  if (const std::int64_t* i = std::get_if<std::int64_t>(&value)) return *i;
  if (const double* d = std::get_if<double>(&value)) return *d;
  if (const std::string* s = std::get_if<std::string>(&value)) return *s;
  if (const regla::Date* date = std::get_if<regla::Date>(&value)) return date_text(*date);
  if (const regla::Month* month = std::get_if<regla::Month>(&value)) {
    return date_text(month->year() / month->month() / 1).substr(0, 7);
  }
  if (const regla::DateRange* range = std::get_if<regla::DateRange>(&value))
    return nlohmann::json::array({date_text(range->start), date_text(range->end)});
  return nullptr;
}

// The step written with the keys of `regla eval --explain` (README, "Explanations").
nlohmann::json as_json(const regla::ExplanationStep& step) {
  using Kind = regla::ExplanationStep::Kind;
  static const char* keys[] = {"rule", "test", "element", "clause"};
  static const char* outcomes[] = {"evaluated", "not_in_force", "not_applicable", "waived",
                                   "excepted"};
  nlohmann::json out = {{keys[static_cast<int>(step.kind)], step.text},
                        {"value", as_json(step.value)}};
  if (!step.label.empty()) out["label"] = step.label;
  for (const regla::DecidedValue& argument : step.arguments)
    out["arguments"].push_back(as_json(argument));
  if (step.explained_above) {
    out["explained_above"] = true;
    return out;
  }
  if (step.kind == Kind::rule && step.outcome != regla::ExplanationStep::Outcome::evaluated)
    out["outcome"] = outcomes[static_cast<int>(step.outcome)];
  for (const auto& [name, value] : step.values)
    out["values"][name] = as_json(value);
  for (const regla::DecidedValue& operand : step.operands)
    out["operands"].push_back(as_json(operand));
  if (!step.needed) out["needed"] = false;
  if (!step.error.empty()) out["error"] = step.error;
  for (const regla::ExplanationStep& child : step.steps)
    out["conditions"].push_back(as_json(child));
  return out;
}

TEST(TypedEvaluation, OnRequestEachDecisionComesWithItsExplanation) {
  for (const char* language : {"en", "es"}) {
    regla::CompiledRules rules =
        regla::compile(shipped_rules(),
                       {.as_of = "2026-11-01", .explain = true, .language = language})
            .value();
    regla::HouseholdEvaluator typed(rules), written(rules);
    std::size_t compared = 0;
    for (const std::string& line : sample_lines()) {
      const regla::Evaluation& result = typed.evaluate(line, 1);
      std::string out;
      written.evaluate(line, 1, out);
      nlohmann::json why = nlohmann::json::parse(out).value("why", nlohmann::json());
      if (!result.decided()) {
        EXPECT_TRUE(result.explanations.empty());
        continue;
      }
      std::size_t member_decisions = 0;
      for (const regla::MemberDecisions& member : result.members)
        member_decisions += member.decisions.size();
      ASSERT_EQ(result.explanations.size(), result.household.size() + member_decisions);
      for (const regla::DecisionExplanation& explanation : result.explanations) {
        const regla::Decision* decision = result.find(explanation.decision, explanation.member_id);
        ASSERT_NE(decision, nullptr) << explanation.decision;
        EXPECT_EQ(explanation.why.kind, regla::ExplanationStep::Kind::rule);
        EXPECT_EQ(as_json(explanation.why.value), as_json(decision->value));
        const nlohmann::json& expected =
            explanation.member_id.empty()
                ? why[std::string(explanation.decision)]
                : why["members"][explanation.member_id][std::string(explanation.decision)];
        ASSERT_EQ(as_json(explanation.why), expected)
            << *result.household_id << " " << explanation.decision;
        ++compared;
      }
    }
    EXPECT_GT(compared, 1000u);
  }
}

// The note on request: the typed evaluation's note is the one the output line carries, and the
// one `explain_text` gives after its heading.
TEST(TypedEvaluation, GivesTheCaseworkersNoteOnRequest) {
  for (const char* language : {"en", "es"}) {
    regla::CompiledRules rules =
        regla::compile(shipped_rules(), {.as_of = "2026-11-01", .note = true, .language = language})
            .value();
    regla::HouseholdEvaluator evaluator(rules);
    std::string line;
    ASSERT_TRUE(evaluator.evaluate(household_2, 2, line));
    std::string note = nlohmann::json::parse(line)["note"];
    const regla::Evaluation& result = evaluator.evaluate(household_2, 2);
    ASSERT_TRUE(result.decided()) << *result.error;
    EXPECT_EQ(result.note, note);
    std::string text = evaluator.explain_text(household_2, 2);
    EXPECT_EQ(text.substr(text.find("\n\n") + 2), note);
    EXPECT_NE(note.find("S/ 200.00"), std::string::npos) << note;
  }
  regla::HouseholdEvaluator plain(regla::compile(shipped_rules(), {.as_of = "2026-11-01"}).value());
  EXPECT_EQ(plain.evaluate(household_2, 2).note, "");
}

TEST(TypedEvaluation, CompilingRefusesWhatEvaluationCouldNotDo) {
  EXPECT_EQ(regla::compile(shipped_rules(), {.as_of = "2026-02-30"}).error,
            "'2026-02-30' is not a calendar date (YYYY-MM-DD, years 1400 to 9999)");
  EXPECT_EQ(regla::compile(shipped_rules(), {.as_of = "2026-11-01", .group_by = "area"}).error,
            "cannot break the summary down by 'area': the household field 'area' is not text");
}

}  // namespace
