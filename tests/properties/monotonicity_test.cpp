// Monotonicity of the shipped Juntos co-responsibilities: one more 'cred', prenatal or counseling
// visit, or one more day of school attended, never turns a condition that held into one that
// fails, for any member.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "engine/program/evaluation_error.hpp"
#include "engine/records/record_loader.hpp"
#include "engine/reference/interpreter.hpp"
#include "engine/rule_set/loaded_rules.hpp"
#include "tests/properties/record_generators.hpp"

namespace regla {
namespace {

const RuleSet& shipped_rules() {
  static const RuleSet rules = RuleSet::load({std::string(REGLA_SOURCE_DIR) + "/rules"});
  return rules;
}

// For each co-responsibility rule and member: whether it holds (nullopt: not evaluable).
std::vector<std::optional<bool>> conditions(const std::string& line) {
  const CheckedProgram& program = *regla::detail::loaded_rules(shipped_rules()).program;
  RecordLoader loader(program);
  Record record;
  record.prepare(program);
  if (loader.load(line, record)) return {};
  Interpreter interpreter(program, *calendar::parse_date("2026-11-01"));
  interpreter.set_record(record);
  std::vector<std::optional<bool>> out;
  for (const Rule& rule : program.rules) {
    bool co_responsibility =
        rule.module == "juntos" &&
        (rule.name == "school_attendance" || rule.name == "growth_monitoring" ||
         rule.name == "prenatal_care" || rule.name == "counseling" || rule.name == "compliant");
    if (!co_responsibility) continue;
    auto r = static_cast<std::uint32_t>(&rule - program.rules.data());
    std::uint32_t members =
        rule.parameters.empty() ? 1 : record.objects[program.member_shape].count();
    for (std::uint32_t m = 0; m < members; ++m) {
      std::vector<Value> arguments;
      if (!rule.parameters.empty()) arguments.push_back(Value::of_integer(m));
      try {
        out.push_back(interpreter.call(r, arguments).as_bool());
      } catch (const EvaluationError&) {
        out.push_back(std::nullopt);
      }
    }
  }
  return out;
}

RC_GTEST_PROP(Monotonicity, OneMoreVisitOrSchoolDayNeverTurnsAPassIntoAFail, ()) {
  testing::RecordBuilder builder;
  nlohmann::json household = builder.household();
  std::size_t m = static_cast<std::size_t>(
      *rc::gen::inRange<int>(0, static_cast<int>(household["members"].size())));
  nlohmann::json& member = household["members"][m];
  std::string before = household.dump();
  if (*rc::gen::inRange(0, 4) == 0) {  // one more day of school attended
    if (!member.contains("school") || !member["school"].is_object() ||
        !member["school"].contains("attendance") || !member["school"]["attendance"].is_array() ||
        member["school"]["attendance"].empty()) {
      return;
    }
    auto& month = member["school"]["attendance"][0];
    if (month["days_attended"].get<int>() >= month["school_days"].get<int>())
      return;  // would be invalid
    month["days_attended"] = month["days_attended"].get<int>() + 1;
  } else {
    if (!member.contains("health_events") || !member["health_events"].is_array())
      member["health_events"] = nlohmann::json::array();
    member["health_events"].push_back(
        {{"date", builder.date_near_as_of(2)},
         {"type", *rc::gen::element<std::string>("cred", "prenatal", "counseling")}});
  }
  std::string after = household.dump();
  RC_LOG() << before << "\n" << after << "\n";
  std::vector<std::optional<bool>> then = conditions(before), now = conditions(after);
  RC_ASSERT(then.size() == now.size());
  for (std::size_t i = 0; i < then.size(); ++i) {
    if (then[i] == true) RC_ASSERT(now[i] == true);
  }
}

}  // namespace
}  // namespace regla
