// No record can stall a run: a record's evaluation is bounded by its budget of steps, whatever
// its size or the rules' shape, and members with one id are found in n log n, not n^2.
#include <gtest/gtest.h>

#include <string>

#include "regla/evaluation.hpp"
#include "regla/rules.hpp"

namespace {

const char* const shapes = R"(shape household {
  household_id: text id
  members: list of member
}

shape member {
  person_id: text id
  group: text
}
)";

// For each member, a scan of every member: quadratic in the household's size.
const char* const quadratic_program = R"(program crowd
  en "crowding"

rule shares_group(person: member)
  en "shares a group with another member"
  = (count other in household.members where other.group = person.group) > 1

decision everyone_alone
  en "no member shares a group"
  = all person in household.members: not shares_group(person)

decision named(person: member)
  en "has a group"
  = person.group != ""
)";

regla::RuleSet quadratic_rules() {
  regla::RuleSet rules = regla::RuleSet::from_files(
      {{"household.regla", shapes}, {"crowd.regla", quadratic_program}}, regla::read_from_disk());
  EXPECT_FALSE(rules.has_errors()) << rules.diagnostics_text();
  return rules;
}

// A household of `members` members, each in a group of its own unless `shared_group`.
std::string household(int members, bool shared_group = false, bool repeat_last_id = false) {
  std::string line = R"({"household_id":"H-1","members":[)";
  for (int m = 0; m < members; ++m) {
    int id = repeat_last_id && m == members - 1 ? m - 1 : m;
    line += (m ? "," : "") + std::string(R"({"person_id":"P-)") + std::to_string(id) +
            R"(","group":")" + (shared_group ? "g" : "g" + std::to_string(m)) + R"("})";
  }
  return line + "]}";
}

const std::string as_of = "2026-11-01";

std::string evaluate(const regla::RuleSet& rules, const std::string& line,
                     const regla::EvaluationOptions& options = {.as_of = as_of}) {
  regla::HouseholdEvaluator evaluator(regla::compile(rules, options).value());
  std::string out;
  evaluator.evaluate(line, 1, out);
  return out;
}

const std::string over_budget = "needs more than 1000000 steps";

TEST(EvaluationBudget, ASmallHouseholdIsDecided) {
  std::string out = evaluate(quadratic_rules(), household(5, true));
  EXPECT_NE(out.find(R"("crowd.everyone_alone":false)"), std::string::npos) << out;
}

// 20,000 members scanned 20,000 times would be 4e8 steps: the record stops at the default budget
// with an error line instead (without a budget, this test would take minutes).
TEST(EvaluationBudget, AHugeHouseholdStopsAtTheBudgetWithAnErrorLine) {
  std::string out = evaluate(quadratic_rules(), household(20000));
  EXPECT_NE(out.find(R"("error":"cannot evaluate crowd.everyone_alone: the record )" + over_budget),
            std::string::npos)
      << out.substr(0, 400);
  EXPECT_EQ(out.find("\"decisions\""), std::string::npos);
}

// Explaining evaluates more than deciding; it has a budget of its own and says when it runs out.
TEST(EvaluationBudget, ExplainingAHugeHouseholdStopsAtTheBudget) {
  regla::RuleSet rules = quadratic_rules();
  regla::EvaluationOptions options{.as_of = as_of};
  options.explain = true;
  options.max_steps = 10000;
  // Deciding, `all` stops at the first member, who shares a group; explaining, it goes on to show
  // every member: 150 members scan 150 each.
  std::string line = household(150, true);
  std::string decided = evaluate(rules, line, {.as_of = as_of, .max_steps = 10000});
  EXPECT_NE(decided.find(R"("crowd.everyone_alone":false)"), std::string::npos)
      << decided.substr(0, 400);
  std::string explained = evaluate(rules, line, options);
  EXPECT_NE(explained.find("the record needs more than 10000 steps"), std::string::npos)
      << explained.substr(0, 400);

  regla::HouseholdEvaluator evaluator(
      regla::compile(rules, {.as_of = as_of, .language = "es", .max_steps = 10000}).value());
  EXPECT_NE(evaluator.explain_text(line, 1).find("el registro necesita más de 10000 pasos"),
            std::string::npos);
}

// The summary's reasons are found in a pass of their own; where they need more than the budget,
// the summary says so instead of counting part of them.
TEST(EvaluationBudget, ReasonsBeyondTheBudgetAreCountedAsSuch) {
  regla::HouseholdEvaluator evaluator(
      regla::compile(quadratic_rules(), {.as_of = as_of, .max_steps = 10000}).value());
  std::string out;
  evaluator.evaluate(household(150, true), 1, out);
  EXPECT_NE(out.find(R"("crowd.everyone_alone":false)"), std::string::npos);
  regla::RunSummary summary = evaluator.summary();
  EXPECT_EQ(summary.overall.decisions["crowd.everyone_alone"]
                .failed_conditions["reasons beyond the evaluation budget"],
            1u);
}

TEST(EvaluationBudget, TheBudgetIsAnOption) {
  regla::RuleSet rules = quadratic_rules();
  std::string line = household(300);  // 300 members: about 90,000 steps
  EXPECT_NE(evaluate(rules, line).find("\"decisions\""), std::string::npos);
  EXPECT_NE(evaluate(rules, line, {.as_of = as_of, .max_steps = 50000})
                .find("needs more than 50000 steps"),
            std::string::npos);
}

// The reference interpreter has the same budget (it memoizes nothing, so it spends more).
TEST(EvaluationBudget, TheReferenceEvaluatorHasABudgetToo) {
  std::string out = evaluate(quadratic_rules(), household(20000),
                             {.as_of = as_of, .evaluator = regla::EvaluatorKind::reference});
  EXPECT_NE(out.find(over_budget), std::string::npos) << out.substr(0, 400);
}

// Rules whose cost doubles with each rule (the interpreter memoizes nothing) are not folded at
// compile time past a bound, and each record stops at its budget.
TEST(EvaluationBudget, ExponentialConstantRulesDoNotStallCompilation) {
  std::string program = "program exp\n  en \"exp\"\n\n";
  for (int r = 0; r < 60; ++r) {
    program += "rule r" + std::to_string(r) + "\n  en \"r\"\n  = r" + std::to_string(r + 1) +
               " + r" + std::to_string(r + 1) + "\n\n";
  }
  program += "rule r60\n  en \"r\"\n  = 1\n\ndecision total\n  en \"total\"\n  = r0\n";
  regla::RuleSet rules = regla::RuleSet::from_files(
      {{"household.regla", shapes}, {"exp.regla", program}}, regla::read_from_disk());
  ASSERT_FALSE(rules.has_errors()) << rules.diagnostics_text();
  // The compiled evaluator memoizes each rule once per record: 61 steps.
  EXPECT_NE(evaluate(rules, household(1)).find(R"("exp.total":1152921504606846976)"),
            std::string::npos);
  std::string out =
      evaluate(rules, household(1), {.as_of = as_of, .evaluator = regla::EvaluatorKind::reference});
  EXPECT_NE(out.find(over_budget), std::string::npos) << out;
}

// A record of many members with a repeated id is found in n log n; the first repeat is named,
// as for a small household.
TEST(EvaluationBudget, RepeatedIdsAmongManyMembersAreNamed) {
  regla::RuleSet rules = quadratic_rules();
  EXPECT_NE(evaluate(rules, household(100000, false, true))
                .find(R"("error":"members[99999].person_id: 'P-99998' is the id of two members")"),
            std::string::npos);
  EXPECT_NE(evaluate(rules, household(4, false, true))
                .find(R"("error":"members[3].person_id: 'P-2' is the id of two members")"),
            std::string::npos);
}

}  // namespace
