// The compiled evaluator against the reference interpreter, rule by rule: on generated households,
// every rule of the shipped rules, applied to every member and table row it can take, has the same
// value (or fails with the same error) in both.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "engine/records/record_loader.hpp"
#include "engine/reference/interpreter.hpp"
#include "engine/rule_set/loaded_rules.hpp"
#include "engine/vm/vm.hpp"
#include "tests/properties/evaluator_outcomes.hpp"
#include "tests/properties/record_generators.hpp"

namespace regla {
namespace {

using testing::argument_lists;
using testing::Outcome;
using testing::outcome_of;
using testing::same;

void check_agreement(const RuleSet& rules, const std::string& line, const std::string& as_of) {
  const CheckedProgram& program = *regla::detail::loaded_rules(rules).program;
  calendar::DayNumber day = *calendar::parse_date(as_of);
  RecordLoader loader(program);
  Record record;
  record.prepare(program);
  if (loader.load(line, record)) return;  // rejected while loading: nothing to evaluate
  Interpreter reference(program, day);
  CompiledEvaluator compiled(program, day);
  reference.set_record(record);
  compiled.set_record(record);
  for (std::uint32_t r = 0; r < program.rules.size(); ++r) {
    for (const std::vector<Value>& arguments : argument_lists(program, record, program.rules[r])) {
      Outcome expected = outcome_of(reference, r, arguments);
      Outcome actual = outcome_of(compiled, r, arguments);
      RC_LOG() << program.rules[r].qualified_name() << " on " << arguments.size() << " arguments\n";
      RC_ASSERT(same(program.rules[r].type, expected, actual));
    }
  }
}

const RuleSet& shipped_rules() {
  static const RuleSet rules = RuleSet::load({std::string(REGLA_SOURCE_DIR) + "/rules"});
  return rules;
}

RC_GTEST_PROP(EvaluatorAgreement, EveryShippedRuleAgreesOnGeneratedHouseholds, ()) {
  std::string line = *testing::arbitrary_household_line();
  RC_LOG() << line << "\n";
  check_agreement(shipped_rules(), line, "2026-11-01");
}

RC_GTEST_PROP(EvaluatorAgreement, EveryShippedRuleAgreesOnOtherEvaluationDates, ()) {
  std::string line = *testing::arbitrary_household_line();
  std::string as_of =
      *rc::gen::element<std::string>("2005-04-01", "2007-01-01", "2011-12-31", "2012-01-01",
                                     "2014-01-01", "2024-02-29", "2026-11-20");
  RC_LOG() << as_of << " " << line << "\n";
  check_agreement(shipped_rules(), line, as_of);
}

}  // namespace
}  // namespace regla
