// The analysis library through its plain C++ API: definitions, references, hover, completion
// and symbols over a small rule folder (tests/language_server/demo_folder.hpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "regla/analysis.hpp"
#include "tests/language_server/demo_folder.hpp"
#include "tests/text_file.hpp"

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

namespace regla::analysis {
namespace {

// The shipped rules (rules/): tables, their columns, and names of other programs.
RuleFolderAnalysis shipped_rules() {
  namespace fs = std::filesystem;
  fs::path folder = fs::path(REGLA_SOURCE_DIR) / "rules";
  std::vector<RuleFile> files;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.path().extension() == ".regla")
      files.push_back(
          {entry.path().filename().string(), regla::testing::read_text_file(entry.path())});
  std::sort(files.begin(), files.end(),
            [](const RuleFile& a, const RuleFile& b) { return a.name < b.name; });
  return RuleFolderAnalysis(files, [folder](const std::string& name) -> std::optional<std::string> {
    if (!fs::exists(folder / name)) return std::nullopt;
    return regla::testing::read_text_file(folder / name);
  });
}

// The 1-based line and column of the first `needle` in a shipped file, `offset` characters on.
SourcePoint point_of(const std::string& file, const std::string& needle, std::uint32_t offset = 0) {
  std::string text =
      regla::testing::read_text_file(std::string(REGLA_SOURCE_DIR) + "/rules/" + file);
  std::size_t at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  std::uint32_t line =
      1 + static_cast<std::uint32_t>(std::count(text.begin(), text.begin() + at, '\n'));
  std::size_t line_start = text.rfind('\n', at) + 1;
  return {line, static_cast<std::uint32_t>(at - line_start) + 1 + offset};
}

TEST(ShippedRulesAnalysis, ATableLookupsColumnLeadsToTheColumnAndHoverGivesTheTablesColumns) {
  RuleFolderAnalysis analysis = shipped_rules();
  ASSERT_FALSE(analysis.rules().has_errors()) << analysis.rules().diagnostics_text();
  SourcePoint column_use = point_of("juntos.regla", "].entry_date", 3);
  EXPECT_EQ(analysis.definition("juntos.regla", column_use)->begin,
            point_of("juntos.regla", "entry_date: date"));
  std::optional<HoverText> column = analysis.hover("juntos.regla", column_use);
  ASSERT_TRUE(column);
  EXPECT_EQ(column->markdown, "**column** `juntos.districts.entry_date`: date\n\njuntos.regla:76");
  std::optional<HoverText> table =
      analysis.hover("juntos.regla", point_of("juntos.regla", "districts[household", 2));
  ASSERT_TRUE(table);
  EXPECT_NE(table->markdown.find("columns:\n- ubigeo (key): text\n- entry_date: date\n- district: "
                                 "text"),
            std::string::npos)
      << table->markdown;
}

TEST(ShippedRulesAnalysis, AnotherProgramsNamesLeadToThatProgram) {
  RuleFolderAnalysis analysis = shipped_rules();
  SourcePoint means_test = point_of("juntos.regla", "sis.means_test", 6);
  std::optional<Place> declared = analysis.definition("juntos.regla", means_test);
  ASSERT_TRUE(declared);
  EXPECT_EQ(declared->file, "sis.regla");
  EXPECT_EQ(declared->begin, point_of("sis.regla", "means_test", 0));
  std::optional<Place> program =
      analysis.definition("juntos.regla", point_of("juntos.regla", "use sis", 5));
  ASSERT_TRUE(program);
  EXPECT_EQ(*program, (Place{"sis.regla", point_of("sis.regla", "program sis", 8),
                             point_of("sis.regla", "program sis", 11)}));
  std::vector<Completion> after_sis =
      analysis.completions("juntos.regla", point_of("juntos.regla", "sis.means_test", 4));
  EXPECT_TRUE(has_label(after_sis, "means_test"));
}

}  // namespace
}  // namespace regla::analysis

namespace regla::analysis {
namespace {

TEST(ShippedRulesAnalysis, CompletionInATextComparedWithAnEnumGivesThatEnumsValues) {
  RuleFolderAnalysis analysis = shipped_rules();
  // `event.type = "cred"`, the cursor just after the opening quote.
  std::vector<Completion> found =
      analysis.completions("juntos.regla", point_of("juntos.regla", "event.type = \"cred\"", 14));
  std::vector<std::string> labels;
  for (const Completion& c : found)
    labels.push_back(c.label);
  EXPECT_TRUE(has_label(found, "cred"));
  EXPECT_TRUE(has_label(found, "prenatal"));
  EXPECT_FALSE(has_label(found, "essalud"));  // another enum's value
  EXPECT_FALSE(has_label(found, "F"));
}

}  // namespace
}  // namespace regla::analysis
