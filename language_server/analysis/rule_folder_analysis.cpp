#include <algorithm>

#include "dsl/formatter.hpp"
#include "language_server/analysis/positions.hpp"
#include "language_server/analysis/symbol_index.hpp"
#include "regla/analysis.hpp"

namespace regla::analysis {

const char* spelling_of(SymbolKind kind) {
  switch (kind) {
    case SymbolKind::program:
      return "program";
    case SymbolKind::shape:
      return "shape";
    case SymbolKind::field:
      return "field";
    case SymbolKind::parameter:
      return "param";
    case SymbolKind::table:
      return "table";
    case SymbolKind::column:
      return "column";
    case SymbolKind::rule:
      return "rule";
    case SymbolKind::decision:
      return "decision";
    case SymbolKind::local:
      return "local";
  }
  return "name";
}

RuleFolderAnalysis::RuleFolderAnalysis(std::vector<RuleFile> files, FileReader read_table)
    : files_(files),
      read_table_(read_table),
      index_(
          std::make_unique<Index>(RuleSet::from_files(std::move(files), std::move(read_table)))) {}
RuleFolderAnalysis::~RuleFolderAnalysis() = default;
RuleFolderAnalysis::RuleFolderAnalysis(RuleFolderAnalysis&&) noexcept = default;
RuleFolderAnalysis& RuleFolderAnalysis::operator=(RuleFolderAnalysis&&) noexcept = default;

const RuleSet& RuleFolderAnalysis::rules() const {
  return index_->rules;
}

namespace {

struct At {
  const SourceFile* file = nullptr;
  FileId id = 0;
  std::uint32_t offset = 0;
};

std::optional<At> locate(const RuleFolderAnalysis::Index& index, const std::string& file,
                         SourcePoint point) {
  auto found = index.files.find(file);
  if (found == index.files.end()) return std::nullopt;
  const SourceFile& source = index.loaded->sources->file(found->second);
  std::optional<std::uint32_t> offset = offset_of(source, point);
  if (!offset) return std::nullopt;
  return At{&source, found->second, *offset};
}

Place place_in(const RuleFolderAnalysis::Index& index, SourceRange range) {
  return place_of(index.loaded->sources->file(range.file), range);
}

}  // namespace

bool RuleFolderAnalysis::contains(const std::string& file, SourcePoint at) const {
  return locate(*index_, file, at).has_value();
}

std::optional<Place> RuleFolderAnalysis::definition(const std::string& file, SourcePoint at) const {
  std::optional<At> where = locate(*index_, file, at);
  if (!where) return std::nullopt;
  const Occurrence* occurrence = index_->occurrence_at(where->id, where->offset);
  if (!occurrence) return std::nullopt;
  return place_in(*index_, index_->symbols[occurrence->symbol].declared);
}

std::vector<Place> RuleFolderAnalysis::references(const std::string& file, SourcePoint at,
                                                  bool with_declaration) const {
  std::vector<Place> places;
  std::optional<At> where = locate(*index_, file, at);
  if (!where) return places;
  const Occurrence* occurrence = index_->occurrence_at(where->id, where->offset);
  if (!occurrence) return places;
  const Symbol& symbol = index_->symbols[occurrence->symbol];
  if (with_declaration) places.push_back(place_in(*index_, symbol.declared));
  for (const Occurrence& other : index_->occurrences) {
    if (other.symbol != occurrence->symbol || other.range == symbol.declared) continue;
    places.push_back(place_in(*index_, other.range));
  }
  return places;
}

namespace {

std::string labels_text(const std::vector<ast::Label>& labels) {
  std::string text;
  for (const ast::Label& label : labels)
    text += "\n\n" + label.language + ": " + label.text;
  return text;
}

const ast::Description* description_of(const ast::Declaration& declaration) {
  if (auto* decl = std::get_if<ast::ProgramDecl>(&declaration.node)) return &decl->description;
  if (auto* decl = std::get_if<ast::ParamDecl>(&declaration.node)) return &decl->description;
  if (auto* decl = std::get_if<ast::TableDecl>(&declaration.node)) return &decl->description;
  if (auto* decl = std::get_if<ast::RuleDecl>(&declaration.node)) return &decl->description;
  return nullptr;
}

}  // namespace

std::optional<HoverText> RuleFolderAnalysis::hover(const std::string& file, SourcePoint at) const {
  std::optional<At> where = locate(*index_, file, at);
  if (!where) return std::nullopt;
  const Occurrence* occurrence = index_->occurrence_at(where->id, where->offset);
  if (!occurrence) return std::nullopt;
  const Symbol& symbol = index_->symbols[occurrence->symbol];
  const CheckedProgram* program = index_->program;
  std::string text = std::string("**") + spelling_of(symbol.kind) + "** `" + symbol.name + "`";
  if (symbol.type && program) text += ": " + describe_type(*program, *symbol.type);
  // A column's declaration is its table's, whose labels are the table's, not the column's.
  if (symbol.declaration && symbol.kind != SymbolKind::column)
    if (const ast::Description* description = description_of(*symbol.declaration)) {
      text += labels_text(description->labels);
      if (description->source) text += "\n\nsource: " + description->source->text;
    }
  if (symbol.kind == SymbolKind::parameter && symbol.declaration) {
    const auto& param = std::get<ast::ParamDecl>(symbol.declaration->node);
    text += "\n\nvalues:";
    for (const ast::ParamValue& value : param.values) {
      text += "\n- " + (value.value ? format_expression(*value.value) : std::string("no value"));
      if (value.from) text += " from " + format_expression(*value.from);
      if (value.until) text += " until " + format_expression(*value.until);
    }
  }
  if (symbol.kind == SymbolKind::table && symbol.declaration) {
    const auto& table = std::get<ast::TableDecl>(symbol.declaration->node);
    if (table.file) text += "\n\nfile: " + table.file->text;
    text += "\n\ncolumns:";
    for (const ast::TableColumn& column : table.columns) {
      auto column_symbol = index_->symbol("column:" + symbol.name + "." + column.name.name);
      const auto& type = column_symbol ? index_->symbols[*column_symbol].type : std::nullopt;
      text += "\n- " + column.name.name + (column.is_key ? " (key)" : "") +
              (type && program ? ": " + describe_type(*program, *type) : "");
    }
  }
  if (symbol.kind == SymbolKind::shape && program) {
    text += "\n\nfields:";
    for (const Shape& shape : program->shapes)
      if (shape.name == symbol.name && !shape.table)
        for (const Field& field : shape.fields)
          text += "\n- " + field.name + ": " + describe_type(*program, field.type);
  }
  Place declared = place_in(*index_, symbol.declared);
  text += "\n\n" + declared.file + ":" + std::to_string(declared.begin.line);
  return HoverText{text, place_in(*index_, occurrence->range)};
}

std::vector<DeclaredSymbol> RuleFolderAnalysis::symbols(const std::string& file) const {
  std::vector<DeclaredSymbol> declared;
  auto found = index_->files.find(file);
  if (found == index_->files.end()) return declared;
  for (const ast::Module& module : index_->loaded->modules) {
    if (module.file != found->second) continue;
    for (const ast::Declaration& declaration : module.declarations) {
      Place whole = place_in(*index_, declaration.range);
      auto item = [&](const ast::Identifier& name, SymbolKind kind, std::string detail) {
        return DeclaredSymbol{
            name.name, kind, std::move(detail), whole, place_in(*index_, name.range), {}};
      };
      if (auto* decl = std::get_if<ast::ProgramDecl>(&declaration.node)) {
        declared.push_back(item(decl->name, SymbolKind::program, ""));
      } else if (auto* shape = std::get_if<ast::ShapeDecl>(&declaration.node)) {
        DeclaredSymbol symbol = item(shape->name, SymbolKind::shape, "");
        for (const ast::FieldDecl& field : shape->fields)
          symbol.children.push_back({field.name.name,
                                     SymbolKind::field,
                                     "",
                                     place_in(*index_, field.range),
                                     place_in(*index_, field.name.range),
                                     {}});
        declared.push_back(std::move(symbol));
      } else if (auto* param = std::get_if<ast::ParamDecl>(&declaration.node)) {
        declared.push_back(item(param->name, SymbolKind::parameter, ""));
      } else if (auto* table = std::get_if<ast::TableDecl>(&declaration.node)) {
        DeclaredSymbol symbol = item(table->name, SymbolKind::table, "");
        for (const ast::TableColumn& column : table->columns)
          symbol.children.push_back({column.name.name,
                                     SymbolKind::column,
                                     "",
                                     place_in(*index_, column.range),
                                     place_in(*index_, column.name.range),
                                     {}});
        declared.push_back(std::move(symbol));
      } else if (auto* rule = std::get_if<ast::RuleDecl>(&declaration.node)) {
        declared.push_back(
            item(rule->name, rule->is_decision ? SymbolKind::decision : SymbolKind::rule, ""));
      }
    }
  }
  return declared;
}

}  // namespace regla::analysis
