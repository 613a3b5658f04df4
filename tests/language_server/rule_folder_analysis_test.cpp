// The analysis library through its plain C++ API: definitions, references, hover, completion
// and symbols over a small rule folder (tests/language_server/demo_folder.hpp).
#include "language_server/analysis/rule_folder_analysis.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "tests/language_server/demo_folder.hpp"

namespace regla::analysis {

// A place as failures show it: file:line:column-line:column.
void PrintTo(const Place& place, std::ostream* out) {
  *out << place.file << ":" << place.begin.line << ":" << place.begin.column << "-"
       << place.end.line << ":" << place.end.column;
}

namespace {

using regla::testing::demo_folder;

RuleFolderAnalysis demo(std::string program = regla::testing::demo_program) {
  return RuleFolderAnalysis(demo_folder(std::move(program)),
                            [](const std::string&) { return std::optional<std::string>(); });
}

bool has_label(const std::vector<Completion>& found, const std::string& label) {
  return std::any_of(found.begin(), found.end(),
                     [&](const Completion& c) { return c.label == label; });
}

TEST(RuleFolderAnalysis, TheDemoFolderChecksClean) {
  EXPECT_FALSE(demo().rules().has_errors()) << demo().rules().diagnostics_text();
}

TEST(RuleFolderAnalysis, AParameterUseLeadsToItsDeclaration) {
  std::optional<Place> declared = demo().definition("demo.regla", {15, 38});
  ASSERT_TRUE(declared);
  EXPECT_EQ(*declared, (Place{"demo.regla", {5, 7}, {5, 16}}));
}

TEST(RuleFolderAnalysis, AFieldOfARuleParameterLeadsToTheShapesField) {
  std::optional<Place> declared = demo().definition("demo.regla", {15, 25});
  ASSERT_TRUE(declared);
  EXPECT_EQ(*declared, (Place{"household.regla", {8, 3}, {8, 13}}));
}

TEST(RuleFolderAnalysis, AQuantifierVariablesFieldLeadsToTheElementShapesField) {
  std::optional<Place> declared = demo().definition("demo.regla", {20, 48});
  ASSERT_TRUE(declared);
  EXPECT_EQ(*declared, (Place{"household.regla", {9, 3}, {9, 6}}));
}

TEST(RuleFolderAnalysis, ARuleCallAndARuleParameterLeadToTheirDeclarations) {
  EXPECT_EQ(demo().definition("demo.regla", {20, 34}), (Place{"demo.regla", {12, 6}, {12, 11}}));
  EXPECT_EQ(demo().definition("demo.regla", {15, 16}), (Place{"demo.regla", {12, 12}, {12, 18}}));
  EXPECT_EQ(demo().definition("demo.regla", {20, 39}), (Place{"demo.regla", {20, 9}, {20, 10}}));
}

TEST(RuleFolderAnalysis, AShapeNamedAsAParameterTypeLeadsToTheShape) {
  EXPECT_EQ(demo().definition("demo.regla", {12, 21}), (Place{"household.regla", {6, 7}, {6, 13}}));
}

TEST(RuleFolderAnalysis, NothingIsDeclaredAtAKeywordOrABuiltin) {
  EXPECT_FALSE(demo().definition("demo.regla", {12, 2}));
  EXPECT_FALSE(demo().definition("demo.regla", {15, 6}));
}

TEST(RuleFolderAnalysis, ReferencesOfAFieldAreFoundAcrossFiles) {
  std::vector<Place> uses = demo().references("household.regla", {8, 5}, true);
  ASSERT_EQ(uses.size(), 2u);
  EXPECT_EQ(uses[0], (Place{"household.regla", {8, 3}, {8, 13}}));
  EXPECT_EQ(uses[1], (Place{"demo.regla", {15, 22}, {15, 32}}));
  EXPECT_EQ(demo().references("household.regla", {8, 5}, false).size(), 1u);
}

TEST(RuleFolderAnalysis, HoverOfADatedParameterGivesItsLabelsTypeAndValuesOverTime) {
  std::optional<HoverText> hover = demo().hover("demo.regla", {15, 38});
  ASSERT_TRUE(hover);
  EXPECT_EQ(hover->markdown,
            "**param** `demo.age_limit`: years\n\nen: age limit\n\nes: edad límite\n\nsource: a "
            "test\n\nvalues:\n- 14 years until 2014-01-01\n- 19 years from "
            "2014-01-01\n\ndemo.regla:5");
  EXPECT_EQ(hover->range, (Place{"demo.regla", {15, 36}, {15, 45}}));
}

TEST(RuleFolderAnalysis, HoverOfAFieldGivesItsType) {
  std::optional<HoverText> hover = demo().hover("demo.regla", {20, 48});
  ASSERT_TRUE(hover);
  EXPECT_EQ(hover->markdown, "**field** `member.sex`: enum { F, M }\n\nhousehold.regla:9");
}

TEST(RuleFolderAnalysis, CompletionAfterADotGivesTheFieldsOfTheObjectsShape) {
  std::string program = regla::testing::demo_program;
  program.replace(program.find("person.birth_date"), 17, "person.");
  std::vector<Completion> found = demo(program).completions("demo.regla", {15, 22});
  std::vector<std::string> labels;
  for (const Completion& c : found)
    labels.push_back(c.label);
  EXPECT_EQ(labels, (std::vector<std::string>{"person_id", "birth_date", "sex"}));
  EXPECT_EQ(found[1].detail, "date");
  EXPECT_EQ(found[1].kind, CompletionKind::field);
}

TEST(RuleFolderAnalysis, CompletionElsewhereGivesNamesInScopeBuiltinsAndKeywords) {
  std::vector<Completion> found = demo().completions("demo.regla", {20, 33});
  EXPECT_TRUE(has_label(found, "m"));
  EXPECT_TRUE(has_label(found, "minor"));
  EXPECT_TRUE(has_label(found, "age_limit"));
  EXPECT_TRUE(has_label(found, "age_years"));
  EXPECT_TRUE(has_label(found, "where"));
  EXPECT_FALSE(has_label(found, "person"));  // minor's parameter, not in scope here
}

TEST(RuleFolderAnalysis, CompletionInsideTextGivesEnumValues) {
  std::vector<Completion> found = demo().completions("demo.regla", {20, 56});
  EXPECT_TRUE(has_label(found, "F"));
  EXPECT_TRUE(has_label(found, "M"));
  EXPECT_FALSE(has_label(found, "minor"));
}

TEST(RuleFolderAnalysis, SymbolsListTheDeclarationsOfAFile) {
  std::vector<DeclaredSymbol> symbols = demo().symbols("household.regla");
  ASSERT_EQ(symbols.size(), 2u);
  EXPECT_EQ(symbols[1].name, "member");
  EXPECT_EQ(symbols[1].kind, SymbolKind::shape);
  ASSERT_EQ(symbols[1].children.size(), 3u);
  EXPECT_EQ(symbols[1].children[2].name, "sex");
  EXPECT_EQ(demo().symbols("demo.regla").size(), 4u);
}

TEST(RuleFolderAnalysis, PlacesOutsideTheFolderOrAFileAreRefused) {
  RuleFolderAnalysis analysis = demo();
  EXPECT_FALSE(analysis.contains("other.regla", {1, 1}));
  EXPECT_FALSE(analysis.contains("demo.regla", {99, 1}));
  EXPECT_FALSE(analysis.contains("demo.regla", {1, 99}));
  EXPECT_TRUE(analysis.contains("demo.regla", {1, 13}));  // just after the line's end
  EXPECT_FALSE(analysis.definition("demo.regla", {99, 1}));
  EXPECT_TRUE(analysis.completions("demo.regla", {0, 1}).empty());
}

TEST(RuleFolderAnalysis, AFolderWithErrorsStillAnswersWhatItCan) {
  std::string program = regla::testing::demo_program;
  program.replace(program.find("person.birth_date"), 17, "person.birthdate");
  RuleFolderAnalysis analysis = demo(program);
  ASSERT_TRUE(analysis.rules().has_errors());
  EXPECT_EQ(analysis.rules().problems().at(0).code, "unknown-field");
  EXPECT_TRUE(analysis.definition("demo.regla", {15, 38}));
  EXPECT_FALSE(analysis.definition("demo.regla", {15, 25}));
}

}  // namespace
}  // namespace regla::analysis
