// What a failed decision fails on (engine/trace/failure_reasons.hpp), on small rule sets: only
// the failing conditions its verdict depends on, each refusal by name, no waiver.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "regla/evaluation.hpp"
#include "regla/rules.hpp"

namespace {

const char* const shapes = R"(shape household {
  household_id: text id
  size: integer
  district: text
  members: list of member
}

shape member {
  person_id: text id
  age: integer
}
)";

// The reasons `decision` failed on in one household, by name; both evaluators find the same.
std::map<std::string, std::uint64_t> reasons(const std::string& program, const std::string& line,
                                             const std::string& decision = "t.d") {
  regla::RuleSet rules = regla::RuleSet::from_files(
      {{"household.regla", shapes}, {"t.regla", "program t\n  en \"t\"\n\n" + program}},
      regla::read_from_disk());
  EXPECT_FALSE(rules.has_errors()) << rules.diagnostics_text();
  auto found_by = [&](regla::EvaluatorKind kind) {
    regla::HouseholdEvaluator evaluator(
        regla::compile(rules, {.as_of = "2026-11-01", .evaluator = kind}).value());
    std::string out;
    evaluator.evaluate(line, 1, out);
    return evaluator.summary().overall.decisions.at(decision).failed_conditions;
  };
  std::map<std::string, std::uint64_t> found = found_by(regla::EvaluatorKind::compiled);
  EXPECT_EQ(found, found_by(regla::EvaluatorKind::reference));
  return found;
}

const std::string small =
    R"({"household_id":"H","size":2,"district":"x","members":[{"person_id":"P","age":30}]})";

TEST(FailureReasons, EveryFailingSideOfAnAndCountsNotOnlyTheFirst) {
  auto found = reasons(R"(rule big = household.size > 5
rule here = household.district = "y"
decision d = big and here and household.size > 3
)",
                       small);
  EXPECT_EQ(found, (std::map<std::string, std::uint64_t>{
                       {"household.size > 3", 1}, {"t.big", 1}, {"t.here", 1}}));
}

// `here or small`: `here` failed but the `or` held, so it is no reason for failing.
TEST(FailureReasons, APartThatFailedInsideAPartThatHeldIsNoReason) {
  auto found = reasons(R"(rule big = household.size > 5
rule here = household.district = "y"
decision d = big and (here or household.size < 3)
)",
                       small);
  EXPECT_EQ(found, (std::map<std::string, std::uint64_t>{{"t.big", 1}}));
}

TEST(FailureReasons, AFailedOrFailsOnBothSides) {
  auto found = reasons(R"(rule big = household.size > 5
decision d = big or not (household.size = 2)
)",
                       small);
  EXPECT_EQ(found,
            (std::map<std::string, std::uint64_t>{{"not (household.size = 2)", 1}, {"t.big", 1}}));
}

TEST(FailureReasons, ARefusalIsTheOnlyReasonAndAWaiverNotGrantedIsNone) {
  auto found = reasons(R"(rule big = household.size > 5
rule here = household.district = "x"
decision d = big
  waived when household.size > 10
  except when here
)",
                       small);
  // big failed, the waiver was not granted: d fails on big.
  EXPECT_EQ(found, (std::map<std::string, std::uint64_t>{{"t.big", 1}}));
  found = reasons(R"(rule here = household.district = "x"
decision d = household.size = 2
  except when here
    en "here"
)",
                  small);
  EXPECT_EQ(found, (std::map<std::string, std::uint64_t>{{"refused by t.here", 1}}));
  found = reasons(R"(decision d = household.size = 2
  except when household.district = "x"
    en "in district x"
)",
                  small);
  EXPECT_EQ(found, (std::map<std::string, std::uint64_t>{{"refused by in district x", 1}}));
}

TEST(FailureReasons, AFailedAllFailsOnTheBodyOfEachFailingElement) {
  auto found = reasons(R"(rule minor(person: member) = person.age < 18
decision d = all person in household.members: minor(person)
)",
                       small);
  EXPECT_EQ(found, (std::map<std::string, std::uint64_t>{{"t.minor", 1}}));
}

// A rule the decision calls fails on its own conditions; the decision, on that rule only.
TEST(FailureReasons, WhatACalledRuleLooksAtIsNotTheDecisionsReason) {
  auto found = reasons(R"(rule big = household.size > 5 and household.district = "y"
decision d = big
)",
                       small);
  EXPECT_EQ(found, (std::map<std::string, std::uint64_t>{{"t.big", 1}}));
}

}  // namespace
