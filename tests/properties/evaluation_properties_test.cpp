// Properties of evaluation on the shipped rules and generated households: the compiled evaluator
// agrees with the reference interpreter, an explanation's verdict is the decision, both JSON
// readers read the same records, and every line, however damaged, is answered by exactly one line.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <vector>

#include "regla/evaluation.hpp"
#include "tests/properties/record_generators.hpp"

namespace regla {
namespace {

const RuleSet& shipped_rules() {
  static const RuleSet rules = RuleSet::load({std::string(REGLA_SOURCE_DIR) + "/rules"});
  return rules;
}

std::string evaluate(const EvaluationOptions& options, const std::string& line) {
  HouseholdEvaluator evaluator(compile(shipped_rules(), options).value());
  std::string out;
  evaluator.evaluate(line, 1, out);
  return out;
}

// One evaluator for all the lines, as in a batch run: nothing of one record may leak into the next.
std::string evaluate_in_turn(const EvaluationOptions& options,
                             const std::vector<std::string>& lines) {
  HouseholdEvaluator evaluator(compile(shipped_rules(), options).value());
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i)
    evaluator.evaluate(lines[i], i + 1, out);
  return out;
}

EvaluationOptions options(EvaluatorKind evaluator, JsonReader reader = JsonReader::simdjson,
                          bool explain = false) {
  EvaluationOptions o;
  o.as_of = "2026-11-01";
  o.evaluator = evaluator;
  o.reader = reader;
  o.explain = explain;
  return o;
}

TEST(EvaluationProperties, ShippedRulesHaveNoErrors) {
  ASSERT_FALSE(shipped_rules().has_errors()) << shipped_rules().diagnostics_text();
}

RC_GTEST_PROP(EvaluationProperties, CompiledEvaluatorAgreesWithTheReference, ()) {
  auto lines = *rc::gen::container<std::vector<std::string>>(*rc::gen::inRange(1, 4),
                                                             testing::arbitrary_household_line());
  for (const std::string& line : lines)
    RC_LOG() << line << "\n";
  RC_ASSERT(evaluate_in_turn(options(EvaluatorKind::compiled), lines) ==
            evaluate_in_turn(options(EvaluatorKind::reference), lines));
}

RC_GTEST_PROP(EvaluationProperties, CompiledEvaluatorAgreesWithTheReferenceOnDamagedRecords, ()) {
  std::string line = *testing::corrupted_household_line();
  RC_LOG() << line.substr(0, 2000);
  RC_ASSERT(evaluate(options(EvaluatorKind::compiled), line) ==
            evaluate(options(EvaluatorKind::reference), line));
}

// The engine itself refuses to write an explanation whose root disagrees with the decision; here
// we check it never has to, and that explaining changes nothing else.
RC_GTEST_PROP(EvaluationProperties, ExplanationVerdictIsTheDecision, ()) {
  std::string line = *testing::arbitrary_household_line();
  std::string plain = evaluate(options(EvaluatorKind::compiled), line);
  std::string explained =
      evaluate(options(EvaluatorKind::compiled, JsonReader::simdjson, true), line);
  RC_LOG() << explained;
  RC_ASSERT(explained.find("internal error") == std::string::npos);
  if (plain.find("\"error\"") != std::string::npos) {
    RC_ASSERT(explained == plain);
  } else {
    RC_ASSERT(explained.compare(0, plain.size() - 2, plain, 0, plain.size() - 2) == 0);
    RC_ASSERT(explained.find(",\"why\":{", plain.size() - 2) == plain.size() - 2);
  }
}

RC_GTEST_PROP(EvaluationProperties, BothJsonReadersReadTheSameRecords, ()) {
  std::string line = *testing::arbitrary_household_line();
  RC_ASSERT(evaluate(options(EvaluatorKind::compiled, JsonReader::simdjson), line) ==
            evaluate(options(EvaluatorKind::compiled, JsonReader::nlohmann), line));
}

RC_GTEST_PROP(EvaluationProperties, EveryLineIsAnsweredByExactlyOneLine, ()) {
  std::string line = *testing::corrupted_household_line();
  std::string out = evaluate(options(EvaluatorKind::compiled), line);
  RC_ASSERT(std::count(out.begin(), out.end(), '\n') == 1);
  RC_ASSERT(out.back() == '\n');
  nlohmann::json parsed = nlohmann::json::parse(out);  // throws, failing the property, if not JSON
  RC_ASSERT(parsed.contains("decisions") != parsed.contains("error"));
}

}  // namespace
}  // namespace regla
