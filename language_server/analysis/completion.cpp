// What may be written at a place. After `.` the file is checked again with the `.` and the word
// being typed taken out (blanked, so every offset stays), so that the expression before the `.`
// has a type even while the text after it does not parse yet.
#include <algorithm>
#include <cctype>
#include <set>

#include "engine/program/builtins.hpp"
#include "language_server/analysis/positions.hpp"
#include "language_server/analysis/symbol_index.hpp"

namespace regla::analysis {
namespace {

// The grammar's keywords (dsl/grammar.hpp), as an administrator types them.
constexpr std::string_view keywords[] = {
    "program",  "use",     "shape",   "param",     "table",  "rule",   "decision", "reject",
    "optional", "list",    "of",      "enum",      "id",     "at",     "least",    "most",
    "from",     "until",   "file",    "key",       "column", "source", "in force", "with",
    "applies",  "waived",  "except",  "when",      "and",    "or",     "not",      "in",
    "is",       "present", "missing", "otherwise", "if",     "then",   "else",     "all",
    "any",      "count",   "sum",     "where",     "true",   "false"};

bool is_name_byte(char c) {
  auto byte = static_cast<unsigned char>(c);
  return byte >= 0x80 || std::isalnum(byte) || c == '_';
}

CompletionKind completion_kind(SymbolKind kind) {
  switch (kind) {
    case SymbolKind::program:
      return CompletionKind::program;
    case SymbolKind::shape:
      return CompletionKind::shape;
    case SymbolKind::field:
    case SymbolKind::column:
      return CompletionKind::field;
    case SymbolKind::parameter:
      return CompletionKind::parameter;
    case SymbolKind::table:
      return CompletionKind::table;
    case SymbolKind::rule:
      return CompletionKind::rule;
    case SymbolKind::decision:
      return CompletionKind::decision;
    case SymbolKind::local:
      return CompletionKind::local;
  }
  return CompletionKind::keyword;
}

std::string type_text(const RuleFolderAnalysis::Index& index, const std::optional<Type>& type) {
  return type && index.program ? describe_type(*index.program, *type) : "";
}

// The fields of the object that ends at `dot`, or the names the program written there declares.
std::vector<Completion> after_dot(const RuleFolderAnalysis::Index& index, FileId file,
                                  std::uint32_t dot) {
  std::vector<Completion> found;
  if (const Occurrence* before = index.occurrence_at(file, dot)) {
    const Symbol& symbol = index.symbols[before->symbol];
    if (symbol.kind == SymbolKind::program && before->range.end == dot) {
      for (const Symbol& declared : index.symbols)
        if (declared.module == symbol.name && declared.kind != SymbolKind::program &&
            declared.kind != SymbolKind::column && declared.kind != SymbolKind::local)
          found.push_back({declared.name.substr(symbol.name.size() + 1),
                           completion_kind(declared.kind), type_text(index, declared.type)});
      return found;
    }
  }
  // The outermost expression that ends just before the `.`: in `a.b.`, `a.b`, not `b`.
  std::optional<Type> object;
  std::uint32_t begin = dot;
  for (const auto& [range, type] : index.types) {
    auto [range_file, range_begin, range_end] = range;
    if (range_file != file || range_end != dot || range_begin >= begin) continue;
    if (type.kind != Kind::object && type.kind != Kind::list) continue;
    object = type;
    begin = range_begin;
  }
  if (!object) return found;
  if (const Shape* shape = index.shape_of(*object))
    for (const Field& field : shape->fields)
      found.push_back(
          {field.name, CompletionKind::field, describe_type(*index.program, field.type)});
  return found;
}

// The values of the enum compared with the text literal opened at `quote` (`m.sex = "`): the
// enum-typed expression that ends closest before it on its line; every enum's values when there
// is none (the line does not check yet).
std::vector<Completion> enum_values(const RuleFolderAnalysis::Index& index, FileId file,
                                    std::uint32_t line_start, std::uint32_t quote) {
  std::vector<Completion> found;
  if (!index.program) return found;
  std::optional<std::uint32_t> compared;
  std::uint32_t closest = line_start;
  for (const auto& [range, type] : index.types) {
    auto [range_file, range_begin, range_end] = range;
    if (range_file != file || type.kind != Kind::enumeration || range_end > quote ||
        range_end < closest)
      continue;
    compared = type.id;
    closest = range_end;
  }
  std::set<std::string> seen;
  for (std::uint32_t id = 0; id < index.program->enumerations.size(); ++id) {
    if (compared && id != *compared) continue;
    const Enumeration& enumeration = index.program->enumerations[id];
    std::string all;
    for (const std::string& value : enumeration.values)
      all += (all.empty() ? "" : ", ") + value;
    for (const std::string& value : enumeration.values)
      if (seen.insert(value).second)
        found.push_back({value, CompletionKind::enum_value, "enum { " + all + " }"});
  }
  return found;
}

std::vector<Completion> names_at(const RuleFolderAnalysis::Index& index, FileId file,
                                 std::uint32_t offset) {
  std::vector<Completion> found;
  std::set<std::string> seen;
  auto add = [&](Completion completion) {
    if (seen.insert(completion.label).second) found.push_back(std::move(completion));
  };
  LocalScope scope = index.locals_at(file, offset);
  for (auto it = scope.names.rbegin(); it != scope.names.rend(); ++it)
    add({it->first, CompletionKind::local, type_text(index, index.symbols[it->second].type)});
  const std::string& module = index.module_of_file.at(file);
  for (const Symbol& symbol : index.symbols) {
    bool of_this_program = !module.empty() && symbol.module == module &&
                           symbol.kind != SymbolKind::program &&
                           symbol.kind != SymbolKind::column && symbol.kind != SymbolKind::local;
    if (of_this_program)
      add({symbol.name.substr(module.size() + 1), completion_kind(symbol.kind),
           type_text(index, symbol.type)});
    else if (symbol.kind == SymbolKind::program || symbol.kind == SymbolKind::shape)
      add({symbol.name, completion_kind(symbol.kind), spelling_of(symbol.kind)});
  }
  for (const builtins::Builtin& builtin : builtins::table())
    add({std::string(builtin.name), CompletionKind::rule, std::string(builtin.usage)});
  for (std::string_view keyword : keywords)
    add({std::string(keyword), CompletionKind::keyword, "keyword"});
  return found;
}

}  // namespace

std::vector<Completion> RuleFolderAnalysis::completions(const std::string& file,
                                                        SourcePoint at) const {
  auto found = index_->files.find(file);
  if (found == index_->files.end()) return {};
  const SourceFile& source = index_->loaded->sources->file(found->second);
  std::optional<std::uint32_t> offset = offset_of(source, at);
  if (!offset) return {};
  const std::string& text = source.text();
  std::uint32_t word = *offset;
  while (word > 0 && is_name_byte(text[word - 1]))
    --word;
  std::string_view line_before(text.data() + source.line_start(at.line),
                               *offset - source.line_start(at.line));
  // In a text literal: enum values, of the enum it is compared with when the line checks (an
  // editor closes the quote as it is typed).
  if (std::count(line_before.begin(), line_before.end(), '"') % 2 == 1) {
    std::uint32_t line_start = source.line_start(at.line);
    auto quote = line_start + static_cast<std::uint32_t>(line_before.rfind('"'));
    return enum_values(*index_, found->second, line_start, quote);
  }
  if (word == 0 || text[word - 1] != '.') return names_at(*index_, found->second, *offset);
  // The `.` and the word being typed are blanked (so every offset stays), so that the
  // expression before the `.` has a type even while the text after it does not parse.
  std::uint32_t dot = word - 1;
  std::vector<RuleFile> repaired = files_;
  for (RuleFile& rule_file : repaired)
    if (rule_file.name == file) rule_file.text.replace(dot, *offset - dot, *offset - dot, ' ');
  Index again(RuleSet::from_files(std::move(repaired), read_table_));
  auto file_again = again.files.find(file);
  if (file_again == again.files.end()) return {};
  return after_dot(again, file_again->second, dot);
}

}  // namespace regla::analysis
