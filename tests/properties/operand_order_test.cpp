// Operands are evaluated left to right in both evaluators (docs/language.md, "Order of
// evaluation"): on generated expressions whose parts fail in different ways, both report the error
// of the part written first, whatever the C++ compiler that built them.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <optional>
#include <string>

#include "engine/records/record_loader.hpp"
#include "engine/reference/interpreter.hpp"
#include "engine/rule_set/loaded_rules.hpp"
#include "engine/vm/vm.hpp"
#include "tests/properties/evaluator_outcomes.hpp"
#include "tests/properties/generated_rules.hpp"
#include "tests/properties/record_generators.hpp"

namespace regla {
namespace {

// Parameters with no value on the evaluation date (said so, `no value`): reading pN fails with a
// message naming it. The product `huge * n` overflows for every n >= 2. Nothing else in the
// expressions can fail (the divisors are at least 1), so the first failing part is known while
// generating.
const char* const declarations = R"(program ordered

param p0
  = 1 until 2000-01-01
  = no value from 2000-01-01
param p1
  = 2 until 2000-01-01
  = no value from 2000-01-01
param p2
  = 3 until 2000-01-01
  = no value from 2000-01-01
param p3
  = 4 until 2000-01-01
  = no value from 2000-01-01
param huge = 9000000000000000000

)";

struct Expression {
  std::string text;
  std::optional<std::string> first_failure;  // the part written first of those that fail
};

Expression leaf() {
  switch (*rc::gen::inRange(0, 4)) {
    case 0: {
      std::string name = "p" + std::to_string(*rc::gen::inRange(0, 4));
      return {name, name};
    }
    case 1: {
      std::string overflow = "(huge * ((count m in household.members) + 2))";
      return {overflow, overflow};
    }
    case 2:
      return {"(count m in household.members)", std::nullopt};
    default:
      return {std::to_string(*rc::gen::inRange(0, 10)), std::nullopt};
  }
}

Expression expression(int depth) {
  if (depth == 0 || *rc::gen::inRange(0, 4) == 0) return leaf();
  Expression left = expression(depth - 1);
  Expression right = expression(depth - 1);
  std::string text;
  switch (*rc::gen::inRange(0, 4)) {
    case 0:
      text = "(" + left.text + " " + *rc::gen::element<std::string>("+", "-", "*") + " " +
             right.text + ")";
      break;
    case 1:
      text = "floor(" + left.text + " / (" + right.text + " * " + right.text + " + 1))";
      break;
    case 2:
      text =
          *rc::gen::element<std::string>("min", "max") + "(" + left.text + ", " + right.text + ")";
      break;
    default:
      text = "(if " + left.text + " > " + right.text + " then 1 else 0)";
      break;
  }
  return {text, left.first_failure ? left.first_failure : right.first_failure};
}

RC_GTEST_PROP(OperandOrder, BothEvaluatorsReportTheErrorOfThePartWrittenFirst, ()) {
  Expression ordered = expression(4);
  std::string program =
      std::string(declarations) + "rule ordered: integer = " + ordered.text + "\n";
  if (ordered.first_failure)
    program += "rule first_failure: integer = " + *ordered.first_failure + "\n";
  RuleSet rules = testing::load_generated(program);
  RC_LOG() << program << "\n" << rules.diagnostics_text();
  RC_ASSERT(!rules.has_errors());

  std::string line = *testing::arbitrary_household_line();
  const CheckedProgram& checked = *regla::detail::loaded_rules(rules).program;
  RecordLoader loader(checked);
  Record record;
  record.prepare(checked);
  if (loader.load(line, record)) return;  // rejected while loading: nothing to evaluate
  calendar::DayNumber day = *calendar::parse_date("2026-11-01");
  Interpreter reference(checked, day);
  CompiledEvaluator compiled(checked, day);
  reference.set_record(record);
  compiled.set_record(record);

  auto rule = [&](const std::string& name) {
    for (std::uint32_t r = 0; r < checked.rules.size(); ++r)
      if (checked.rules[r].name == name) return r;
    RC_FAIL("no rule " + name);
  };
  const Type& integer = checked.rules[rule("ordered")].type;
  testing::Outcome expected = testing::outcome_of(reference, rule("ordered"), {});
  RC_ASSERT(testing::same(integer, expected, testing::outcome_of(compiled, rule("ordered"), {})));
  RC_ASSERT(expected.failed == ordered.first_failure.has_value());
  if (ordered.first_failure) {
    testing::Outcome first = testing::outcome_of(reference, rule("first_failure"), {});
    RC_ASSERT(first.failed);
    RC_ASSERT(expected.error == first.error);
  }
}

}  // namespace
}  // namespace regla
