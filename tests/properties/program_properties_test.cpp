// Properties over generated programs: what the checker accepts never fails at run time except in
// the documented ways (division by zero, overflow, a date out of range, a parameter with no value
// on the date), and the compiled evaluator agrees with the reference interpreter on every rule.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "engine/records/record_loader.hpp"
#include "engine/reference/interpreter.hpp"
#include "engine/rule_set/loaded_rules.hpp"
#include "engine/trace/failure_reasons.hpp"
#include "engine/vm/vm.hpp"
#include "tests/properties/evaluator_outcomes.hpp"
#include "tests/properties/generated_rules.hpp"
#include "tests/properties/program_generators.hpp"
#include "tests/properties/record_generators.hpp"

namespace regla {
namespace {

using testing::load_generated;
using testing::Outcome;
using testing::outcome_of;
using testing::same;

bool documented(const std::string& message) {
  for (const char* kind : {"division by zero", "grew past the largest", "moved outside the years",
                           "has no value on"}) {
    if (message.find(kind) != std::string::npos) return true;
  }
  return false;
}

RC_GTEST_PROP(ProgramProperties, GeneratedProgramsCheck, ()) {
  std::string program = *testing::arbitrary_program();
  RuleSet rules = load_generated(program);
  RC_LOG() << program << "\n" << rules.diagnostics_text();
  RC_ASSERT(!rules.has_errors());
}

RC_GTEST_PROP(ProgramProperties, CheckedProgramsFailOnlyInDocumentedWaysAndBothEvaluatorsAgree,
              ()) {
  std::string program = *testing::arbitrary_program();
  RuleSet rules = load_generated(program);
  RC_PRE(!rules.has_errors());
  std::string line = *testing::arbitrary_household_line();
  std::string as_of = *rc::gen::element<std::string>("2026-11-01", "2013-06-01", "2024-02-29");
  RC_LOG() << program << "\n" << as_of << " " << line << "\n";
  const CheckedProgram& checked = *regla::detail::loaded_rules(rules).program;
  calendar::DayNumber day = *calendar::parse_date(as_of);
  RecordLoader loader(checked);
  Record record;
  record.prepare(checked);
  if (loader.load(line, record)) return;
  Interpreter reference(checked, day);
  CompiledEvaluator compiled(checked, day);
  reference.set_record(record);
  compiled.set_record(record);
  std::uint32_t members = record.objects[checked.member_shape].count();
  for (std::uint32_t r = 0; r < checked.rules.size(); ++r) {
    const Rule& rule = checked.rules[r];
    std::vector<std::vector<Value>> argument_lists;
    if (rule.parameters.empty()) {
      argument_lists.push_back({});
    } else {
      for (std::uint32_t m = 0; m < members; ++m)
        argument_lists.push_back({Value::of_integer(m)});
    }
    for (const auto& arguments : argument_lists) {
      Outcome expected = outcome_of(reference, r, arguments);
      Outcome actual = outcome_of(compiled, r, arguments);
      RC_LOG() << rule.name << ": " << expected.error << " / " << actual.error << "\n";
      if (expected.failed) RC_ASSERT(documented(expected.error));
      RC_ASSERT(same(rule.type, expected, actual));
      // The summary's reasons: a failed decision in force fails on something, one that held on
      // nothing, a refused one on its refusal alone.
      if (!expected.failed && rule.is_decision && rule.type.kind == Kind::boolean) {
        FailureReasons reasons(checked);
        reasons.start();
        bool holds = reference.call(r, arguments, &reasons).as_bool();
        bool in_force = !(rule.in_force_from && day < *rule.in_force_from) &&
                        !(rule.in_force_until && day >= *rule.in_force_until);
        RC_ASSERT(reasons.reasons().empty() == (holds || !in_force));
        for (const FailureReason& reason : reasons.reasons()) {
          if (reason.kind == FailureReason::Kind::refused_by)
            RC_ASSERT(reasons.reasons().size() == 1u);
        }
      }
    }
  }
}

}  // namespace
}  // namespace regla
