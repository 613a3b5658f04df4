// regla::catalog: the decisions and parameters of the shipped rules, as data. Only include/regla
// and the library are used.
#include "regla/catalog.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace {

template <typename Entry>
const Entry& named(const std::vector<Entry>& entries, const std::string& name) {
  auto found = std::ranges::find_if(entries, [&](const Entry& e) { return e.name == name; });
  if (found == entries.end()) throw std::out_of_range("no entry " + name);
  return *found;
}

TEST(Catalog, ShippedRulesDecisionsWithTheirLabelsAndPlace) {
  regla::RuleSet rules = regla::RuleSet::load({REGLA_SOURCE_DIR "/rules"});
  ASSERT_FALSE(rules.has_errors()) << rules.diagnostics_text();
  regla::RuleCatalog catalog = regla::catalog(rules);
  for (const char* program : {"sis", "juntos", "crecer"})
    EXPECT_NE(std::ranges::find(catalog.programs, program), catalog.programs.end()) << program;
  EXPECT_NE(std::ranges::find(catalog.programs, "inei"), catalog.programs.end());  // tables only
  ASSERT_EQ(catalog.decisions.size(),
            rules.household_decisions().size() + rules.member_decisions().size());
  EXPECT_EQ(catalog.decisions.front().name, rules.household_decisions().front());

  const regla::DecisionEntry& eligible = named(catalog.decisions, "juntos.eligible");
  EXPECT_FALSE(eligible.about_members);
  EXPECT_EQ(eligible.type, "bool");
  EXPECT_EQ(eligible.value_type, regla::DecisionType::boolean);
  EXPECT_EQ(named(catalog.decisions, "juntos.transfer_amount").value_type,
            regla::DecisionType::money);
  ASSERT_EQ(eligible.labels.size(), 2u);
  EXPECT_EQ(eligible.labels[1].language, "es");
  EXPECT_EQ(eligible.labels[1].text, "Juntos: el hogar puede afiliarse");
  EXPECT_TRUE(eligible.declared.file.ends_with("juntos.regla")) << eligible.declared.file;
  EXPECT_EQ(eligible.declared.at.line, 136u);
  EXPECT_TRUE(named(catalog.decisions, "sis.subsidized").about_members);
}

TEST(Catalog, ParametersWithTheirValuesOverTime) {
  regla::RuleSet rules = regla::RuleSet::load({REGLA_SOURCE_DIR "/rules"});
  regla::RuleCatalog catalog = regla::catalog(rules);
  const regla::ParameterEntry& age_limit = named(catalog.parameters, "juntos.age_limit");
  EXPECT_EQ(age_limit.type, "years");
  ASSERT_EQ(age_limit.versions.size(), 2u);
  EXPECT_EQ(age_limit.versions[0].value, "14 years");
  EXPECT_EQ(age_limit.versions[0].from, std::nullopt);
  EXPECT_EQ(age_limit.versions[0].until, "2014-01-01");
  EXPECT_EQ(age_limit.versions[1].value, "19 years");
  EXPECT_EQ(age_limit.versions[1].from, "2014-01-01");
  EXPECT_EQ(age_limit.versions[1].until, std::nullopt);
  EXPECT_EQ(age_limit.declared.at.line, 16u);
  const regla::ParameterEntry& start = named(catalog.parameters, "juntos.program_start");
  EXPECT_EQ(start.versions.at(0).value, "2005-04-01");
  EXPECT_EQ(start.source, "Juntos pilot, April 2005 (docs/policy.md)");
}

TEST(Catalog, RulesWithErrorsHaveNone) {
  regla::RuleSet rules =
      regla::RuleSet::from_files({{"bad.regla", "program bad\nrule r = nothing\n"}}, nullptr);
  ASSERT_TRUE(rules.has_errors());
  regla::RuleCatalog catalog = regla::catalog(rules);
  EXPECT_TRUE(catalog.decisions.empty());
  EXPECT_TRUE(catalog.parameters.empty());
}

}  // namespace
