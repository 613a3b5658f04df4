// What an editor asks about a rule folder, in plain C++ (no LSP, no JSON): its problems, where a
// name is declared and used, what a name is (hover), what may be written at a place (completion)
// and what a file declares. `regla lsp` answers editors with it; `regla serve` may answer a web
// page with the same. Everything is computed by the engine's own parser and checker over the
// texts given (an editor's unsaved buffers over the files on disk).
//
//   regla::analysis::RuleFolderAnalysis folder({{"juntos.regla", text}, ...}, read_table);
//   auto where = folder.definition("juntos.regla", {40, 17});
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "regla/rules.hpp"

namespace regla::analysis {

// A span of a rule file: from `begin` to `end` (the column after its last character), 1-based
// lines and columns counted in characters, as regla::Problem gives them.
struct Place {
  std::string file;
  SourcePoint begin;
  SourcePoint end;
  bool operator==(const Place&) const = default;
};

enum class SymbolKind { program, shape, field, parameter, table, column, rule, decision, local };
const char* spelling_of(SymbolKind kind);

// What hovering a name shows: a few lines of Markdown, and the name's span.
struct HoverText {
  std::string markdown;
  Place range;
};

enum class CompletionKind {
  field,
  rule,
  decision,
  parameter,
  table,
  program,
  enum_value,
  keyword,
  local,
  shape
};
struct Completion {
  std::string label;  // what is inserted
  CompletionKind kind = CompletionKind::keyword;
  std::string detail;  // the type, or what the word is
};

// A declaration of a file, with those inside it (the fields of a shape, the columns of a table).
struct DeclaredSymbol {
  std::string name;
  SymbolKind kind = SymbolKind::rule;
  std::string detail;
  Place range;       // the whole declaration
  Place name_range;  // its name
  std::vector<DeclaredSymbol> children;
};

class RuleFolderAnalysis {
 public:
  // `files`: every rule file of the folder, named by its path inside the folder; `read_table`
  // reads a table file by the same kind of name.
  RuleFolderAnalysis(std::vector<RuleFile> files, FileReader read_table);
  ~RuleFolderAnalysis();
  RuleFolderAnalysis(RuleFolderAnalysis&&) noexcept;
  RuleFolderAnalysis& operator=(RuleFolderAnalysis&&) noexcept;

  // The folder's rules as `regla check` loads them (problems(), diagnostics_text()).
  const RuleSet& rules() const;
  // Whether `file` is one of the folder's rule files and `at` a place in it (a line of it, a
  // column on that line or just after its end).
  bool contains(const std::string& file, SourcePoint at) const;

  // Where the name at `at` is declared; nullopt when no declared name is there.
  std::optional<Place> definition(const std::string& file, SourcePoint at) const;
  // Every use of the name at `at` in the folder, its declaration first when asked for.
  std::vector<Place> references(const std::string& file, SourcePoint at,
                                bool with_declaration) const;
  std::optional<HoverText> hover(const std::string& file, SourcePoint at) const;
  // What may be written at `at`: after `.`, the fields of the shape the expression before it has
  // (or what the program before it declares); elsewhere names, enum values and keywords.
  std::vector<Completion> completions(const std::string& file, SourcePoint at) const;
  std::vector<DeclaredSymbol> symbols(const std::string& file) const;

  struct Index;

 private:
  std::vector<RuleFile> files_;
  FileReader read_table_;
  std::unique_ptr<Index> index_;
};

}  // namespace regla::analysis
