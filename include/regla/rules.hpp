// regla's public API, part 1: loading rule files, checking them, formatting them.
//
//   regla::RuleSet rules = regla::RuleSet::load({"rules/"});
//   if (rules.has_errors()) std::cerr << rules.diagnostics_text();
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace regla {

class RuleSet;
namespace detail {
struct LoadedRules;
// What a rule set holds, for the engine's own stages (engine/rule_set/loaded_rules.hpp).
const LoadedRules& loaded_rules(const RuleSet& rules);
}  // namespace detail

// Reads a file named by a rule file (a table's CSV); nullopt when it cannot be read.
using FileReader = std::function<std::optional<std::string>(const std::string& path)>;
FileReader read_from_disk();

// How long one named stage of loading took ("shapes", "rules", "tables", ...).
struct StageTiming {
  std::string stage;
  double seconds = 0;
};

// A place in a rule file or table: 1-based line and column (columns count characters, as the
// carets of diagnostics_text() do).
struct SourcePoint {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
  bool operator==(const SourcePoint&) const = default;
};

// One problem found while loading, for tools that show problems their own way (an editor, a
// service): what diagnostics_text() prints, as data.
struct Problem {
  enum class Severity { error, warning };
  struct Note {  // "declared here" and the like
    std::string file;
    SourcePoint at;
    std::string message;
  };
  Severity severity = Severity::error;
  std::string
      code;  // one per kind of problem: "unit-mismatch" (docs/language.md, "Diagnostic codes")
  std::string file;
  // Where the problem begins and where it ends (the column after its last character); none for a
  // problem with a whole file or folder (missing, unreadable, no rule files).
  std::optional<SourcePoint> begin;
  std::optional<SourcePoint> end;
  std::string message;
  std::vector<Note> notes;
};

// `program.parameter=VALUE`: a parameter's value tried without editing its file (regla impact
// --set). VALUE is written as in a rule file (`19 years`, `90%`, `250 PEN`) and checked like one.
struct ParameterSetting {
  std::string parameter;  // "juntos.age_limit"
  std::string value;      // "19 years"
};

struct RuleFile {
  std::string name;  // shown in diagnostics; tables are looked up relative to it
  std::string text;
};

class RuleSet {
 public:
  // Every *.regla file in the given files and folders (folders searched recursively, in name
  // order). Problems, including unreadable paths, are reported through diagnostics, never thrown.
  // Each folder given (or the folder of each file given) is a rule folder: tables, and rule files
  // reached through symbolic links, must lie inside it (docs/language.md, "Tables").
  static RuleSet load(const std::vector<std::string>& paths);
  // The same, with each setting's parameter given that one value on every day instead of the
  // values its file gives. A setting's problems (an unknown parameter, a value that is not one)
  // are diagnostics of a file named "--set PARAMETER". The hash covers the settings too.
  static RuleSet load(const std::vector<std::string>& paths,
                      const std::vector<ParameterSetting>& settings);
  static RuleSet from_files(std::vector<RuleFile> files, FileReader read_file);

  bool has_errors() const;
  std::size_t error_count() const;
  std::size_t warning_count() const;
  // Compiler-style: file:line:col: error[code]: message, the source line, a caret under the
  // problem; the codes are listed in docs/language.md ("Diagnostic codes").
  std::string diagnostics_text() const;
  // The same, the problems in `first_file` (a rule file, named as the problems name it, up to
  // lexical normalization: ./rules/a.regla is rules/a.regla) before those of every other file.
  std::string diagnostics_text(const std::string& first_file) const;
  // The same problems as data, in the order diagnostics_text() prints them.
  std::vector<Problem> problems() const;
  // "sha256:<hex>", naming the rule files and data tables read by their content and their paths
  // inside the rule folder (README, "The rules hash"; for from_files, the names as given, made
  // lexically normal), so a decision can be traced to its rules.
  const std::string& hash() const;
  // The checker's stages in the order they ran, with the time each took (docs/language.md, "What
  // the checker reports").
  const std::vector<StageTiming>& check_timings() const;
  // "program.decision" names, about the household and about each member.
  std::vector<std::string> household_decisions() const;
  std::vector<std::string> member_decisions() const;

 private:
  friend const detail::LoadedRules& detail::loaded_rules(const RuleSet& rules);
  explicit RuleSet(std::shared_ptr<const detail::LoadedRules> loaded)
      : loaded_(std::move(loaded)) {}
  std::shared_ptr<const detail::LoadedRules> loaded_;
};

struct FormatResult {
  bool ok = false;          // false when the text has syntax errors (then `text` is empty)
  std::string text;         // the canonical layout
  std::string diagnostics;  // syntax errors, compiler-style
};
FormatResult format_rules(const RuleFile& file);

}  // namespace regla
