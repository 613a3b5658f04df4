// The diagnostic codes: each spelled once, documented in docs/language.md, and produced by a golden
// case under tests/golden/check (whose expected.txt the golden test compares with what regla
// prints).
#include "dsl/diagnostic_codes.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>

#include "tests/text_file.hpp"

namespace regla {
namespace {

namespace fs = std::filesystem;

// What every golden case under tests/golden/check expects `regla check` to print, together.
std::string every_check_golden() {
  std::string all;
  for (const fs::directory_entry& folder :
       fs::directory_iterator(fs::path(REGLA_SOURCE_DIR) / "tests/golden/check")) {
    all += testing::read_text_file(folder.path() / "expected.txt");
  }
  return all;
}

bool is_kebab_case(std::string_view name) {
  if (name.empty() || name.front() == '-' || name.back() == '-') return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    bool letter = name[i] >= 'a' && name[i] <= 'z';
    bool lone_hyphen = name[i] == '-' && name[i - 1] != '-';
    if (!letter && !lone_hyphen) return false;
  }
  return true;
}

TEST(DiagnosticCodes, AreKebabCaseAndDistinct) {
  std::set<std::string_view> seen;
  for (DiagnosticCode code : every_diagnostic_code) {
    std::string_view name = code_name(code);
    EXPECT_TRUE(is_kebab_case(name)) << "'" << name << "'";
    EXPECT_TRUE(seen.insert(name).second) << "'" << name << "' names two codes";
  }
}

TEST(DiagnosticCodes, EachIsDocumentedInTheLanguageReference) {
  std::string reference = testing::read_text_file(fs::path(REGLA_SOURCE_DIR) / "docs/language.md");
  std::size_t section = reference.find("\n## Diagnostic codes\n");
  ASSERT_NE(section, std::string::npos) << "docs/language.md has no section 'Diagnostic codes'";
  std::size_t section_end = reference.find("\n## ", section + 1);
  std::string codes_section = reference.substr(section, section_end - section);
  for (DiagnosticCode code : every_diagnostic_code) {
    std::string entry = "| `" + std::string(code_name(code)) + "` |";
    EXPECT_NE(codes_section.find(entry), std::string::npos)
        << "docs/language.md, 'Diagnostic codes', has no row " << entry;
  }
}

TEST(DiagnosticCodes, EachIsProducedByACheckGolden) {
  std::string goldens = every_check_golden();
  for (DiagnosticCode code : every_diagnostic_code) {
    std::string shown = "[" + std::string(code_name(code)) + "]: ";
    EXPECT_NE(goldens.find(shown), std::string::npos)
        << "no tests/golden/check/*/expected.txt shows " << shown;
  }
}

}  // namespace
}  // namespace regla
