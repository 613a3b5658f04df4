// What a rule change does to a registry, through the public API: the shipped rules against a copy
// whose Juntos age limit since 2014 is 14 instead of 19.
#include "regla/impact.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "shipped_rule_files.hpp"

namespace {

using regla::testing::shipped_rule_files;

regla::CompiledRules compiled(const std::vector<regla::RuleFile>& files) {
  regla::RuleSet rules = regla::RuleSet::from_files(files, regla::read_from_disk());
  EXPECT_FALSE(rules.has_errors()) << rules.diagnostics_text();
  return regla::compile(rules, {.as_of = "2026-11-01"}).value();
}

regla::ImpactReport impact_on_samples(const regla::CompiledRules& base,
                                      const regla::CompiledRules& changed) {
  regla::ImpactRun run(base, changed);
  std::ifstream in(std::string(REGLA_SOURCE_DIR) + "/rules/samples/households.jsonl");
  for (std::string line; std::getline(in, line);)
    run.add(line);
  run.add(R"({"household_id":"BAD","members":[]})");  // rejected by both
  return run.report();
}

const regla::DecisionImpact& decision(const regla::ImpactReport& report, const std::string& name) {
  for (const regla::DecisionImpact& d : report.decisions) {
    if (d.decision == name) return d;
  }
  throw std::out_of_range(name);
}

TEST(Impact, TheSameRulesChangeNothing) {
  regla::CompiledRules rules = compiled(shipped_rule_files());
  regla::ImpactReport report = impact_on_samples(rules, rules);
  EXPECT_EQ(report.records, 301u);
  EXPECT_EQ(report.rejected_by_both, 1u);
  EXPECT_EQ(report.base_rules, report.changed_rules);
  for (const regla::DecisionImpact& d : report.decisions) {
    EXPECT_EQ(d.gained + d.lost + d.changed, 0u) << d.decision;
    EXPECT_EQ(d.total_before, d.total_after) << d.decision;
  }
  EXPECT_TRUE(report.conditions.empty());
}

TEST(Impact, ALowerAgeLimitIsCountedPerDecisionAndPerCondition) {
  regla::CompiledRules lower =
      compiled(shipped_rule_files("= 19 years from 2014-01-01", "= 14 years from 2014-01-01"));
  regla::CompiledRules shipped = compiled(shipped_rule_files());
  regla::ImpactReport report = impact_on_samples(lower, shipped);
  EXPECT_NE(report.base_rules, report.changed_rules);
  const regla::DecisionImpact& eligible = decision(report, "juntos.eligible");
  EXPECT_EQ(eligible.compared, 300u);
  EXPECT_EQ(eligible.stayed_true + eligible.stayed_false + eligible.gained + eligible.lost, 300u);
  EXPECT_GT(eligible.gained, 0u);  // households whose only target members are 14 to 18
  EXPECT_EQ(eligible.lost, 0u);    // a higher limit takes no one out
  const regla::DecisionImpact& compliant = decision(report, "juntos.compliant");
  EXPECT_GT(compliant.lost, 0u);  // teenagers of 15 to 18 become subject to school attendance
  const regla::DecisionImpact& transfer = decision(report, "juntos.transfer_amount");
  EXPECT_NE(transfer.total_before, transfer.total_after);
  EXPECT_GT(transfer.changed, 0u);
  const regla::DecisionImpact& subsidized = decision(report, "sis.subsidized");
  EXPECT_TRUE(subsidized.per_member);
  EXPECT_EQ(subsidized.gained + subsidized.lost, 0u);  // SIS does not read the Juntos age limit

  ASSERT_FALSE(report.conditions.empty());
  bool target_member_seen = false;
  for (const regla::ConditionImpact& c : report.conditions) {
    EXPECT_NE(c.condition, "juntos.eligible");  // decisions are in their own table
    if (c.condition == "juntos.has_target_member") {
      target_member_seen = true;
      EXPECT_GT(c.became_true, 0u);
      EXPECT_EQ(c.became_false, 0u);
    }
  }
  EXPECT_TRUE(target_member_seen);
  EXPECT_NE(report.text().find("juntos.eligible: "), std::string::npos) << report.text();
  EXPECT_NE(report.json().find("\"juntos.has_target_member\":{\"per_member\":false"),
            std::string::npos)
      << report.json();
}

}  // namespace

namespace {

// --set: a parameter tried without editing its file, checked like a rule file's value.
TEST(Impact, ASettingChangesOneParameterAndIsCheckedLikeTheFile) {
  std::string folder = std::string(REGLA_SOURCE_DIR) + "/rules";
  regla::RuleSet shipped = regla::RuleSet::load({folder});
  regla::RuleSet lower = regla::RuleSet::load({folder}, {{"juntos.age_limit", "14 years"}});
  ASSERT_FALSE(lower.has_errors()) << lower.diagnostics_text();
  EXPECT_NE(lower.hash(), shipped.hash());
  regla::ImpactReport report =
      impact_on_samples(regla::compile(lower, {.as_of = "2026-11-01"}).value(),
                        regla::compile(shipped, {.as_of = "2026-11-01"}).value());
  EXPECT_GT(decision(report, "juntos.eligible").gained, 0u);

  regla::RuleSet misspelt = regla::RuleSet::load({folder}, {{"juntos.age_limt", "14 years"}});
  EXPECT_NE(misspelt.diagnostics_text().find(
                "--set juntos.age_limt:1:1: error[unknown-name]: no parameter 'juntos.age_limt' to "
                "set; did you mean 'juntos.age_limit'?"),
            std::string::npos)
      << misspelt.diagnostics_text();
  regla::RuleSet wrong_unit = regla::RuleSet::load({folder}, {{"juntos.age_limit", "14 PEN"}});
  EXPECT_NE(wrong_unit.diagnostics_text().find("error[unit-mismatch]"), std::string::npos);
  regla::RuleSet dated =
      regla::RuleSet::load({folder}, {{"juntos.age_limit", "14 years from 2027-01-01"}});
  EXPECT_NE(dated.diagnostics_text().find("a setting is one value for every day, with no dates"),
            std::string::npos)
      << dated.diagnostics_text();
}

}  // namespace

namespace {

// CSV fields with a comma, a quote or a line break are quoted, quotes doubled (RFC 4180).
TEST(Impact, CsvTablesQuoteWhatNeedsIt) {
  regla::ImpactReport report;
  report.group_by = "ubigeo";
  regla::DecisionImpact eligible{"juntos.eligible", false, regla::DecisionType::boolean, 2};
  eligible.gained = 2;
  report.groups.push_back({"150113", "JESUS MARIA, \"LIMA\"\nCENTRO", 2, {eligible}});
  report.decisions.push_back(eligible);
  std::string groups;
  for (const auto& [name, table] : report.csv_tables()) {
    if (name == "groups.csv") groups = table;
  }
  EXPECT_EQ(
      groups,
      "ubigeo,name,records,decision,per_member,compared,stayed_true,stayed_false,gained,lost,"
      "total_before,total_after,difference,changed\r\n"
      "150113,\"JESUS MARIA, \"\"LIMA\"\"\nCENTRO\",2,juntos.eligible,false,2,0,0,2,0,,,,\r\n");
}

}  // namespace
