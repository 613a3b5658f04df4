// The names of a checked rule folder: every declaration, and every place a declared name is used,
// each use tied to the declaration the checker's rules of scope give it. Built from the engine's
// syntax trees and the types its checker gave each expression.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "engine/program/program.hpp"
#include "engine/rule_set/loaded_rules.hpp"
#include "regla/analysis.hpp"

namespace regla::analysis {

struct Symbol {
  SymbolKind kind = SymbolKind::rule;
  std::string name;      // as hover shows it: "juntos.eligible", "member.birth_date"
  std::string module;    // the program that declares it ("" for shapes and their fields)
  SourceRange declared;  // its name where it is declared
  const ast::Declaration* declaration = nullptr;  // a program's, shape's, parameter's, ...
  const ast::FieldDecl* field = nullptr;
  const ast::TableColumn* column = nullptr;
  std::optional<Type> type = std::nullopt;  // a field's, column's, local's, rule's or parameter's
};

// One place a symbol's name is written, its declaration included.
struct Occurrence {
  SourceRange range;
  std::size_t symbol = 0;
};

// A rule's parameters, `with` names and quantifier variables around a place: what a bare name
// there may mean before the program's names.
struct LocalScope {
  std::vector<std::pair<std::string, std::size_t>> names;  // innermost last
  std::optional<std::size_t> find(const std::string& name) const;
};

struct RuleFolderAnalysis::Index {
  RuleSet rules;
  const detail::LoadedRules* loaded = nullptr;
  const CheckedProgram* program = nullptr;  // null when nothing could be checked
  std::map<std::string, FileId> files;      // by name
  std::vector<std::string> module_of_file;  // the program each file declares, by FileId
  std::vector<Symbol> symbols;
  std::vector<Occurrence> occurrences;
  // Symbols by what names them: "program:juntos", "shape:member", "field:member.sex",
  // "in:juntos.eligible" (a rule, parameter or table of a program), "column:juntos.districts.x".
  std::map<std::string, std::size_t> by_key;
  // The type the checker gave the expression at a source range.
  std::map<std::tuple<FileId, std::uint32_t, std::uint32_t>, Type> types;

  explicit Index(RuleSet checked);
  std::optional<Type> type_at(SourceRange range) const;
  std::optional<std::size_t> symbol(const std::string& key) const;
  // The shape of an object or list type, when it is a record shape (not a table's row).
  const Shape* shape_of(const Type& type) const;
  // The symbol of field `name` of the object `type` has (a shape's field or a table's column).
  std::optional<std::size_t> field_of(const Type& type, const std::string& name) const;
  // The innermost occurrence at a byte offset of a file (its end included, so a name just typed
  // is found).
  const Occurrence* occurrence_at(FileId file, std::uint32_t offset) const;
  // The locals in scope at an offset of a file (a rule's parameters and `with` names, the
  // variables of the quantifiers around it).
  LocalScope locals_at(FileId file, std::uint32_t offset) const;

 private:
  void declare_all();
  void add_uses();
  std::size_t declare(Symbol symbol, const std::string& key);
  void use(SourceRange range, std::size_t symbol);
  void use_type(const ast::TypeExpr& type);
  void use_in(const ast::Expr& expr, const std::string& module, LocalScope& scope);
  void declare_local(const ast::Identifier& name, std::optional<Type> type, SourceRange region,
                     LocalScope& scope);
  void use_in_declaration(const ast::Declaration& declaration, const std::string& module);
  // Where each local may be named: a rule's parameters and `with` names in the whole rule, a
  // quantifier's variable in the quantifier.
  struct LocalRegion {
    SourceRange region;
    std::string name;
    std::size_t symbol;
  };
  std::vector<LocalRegion> local_regions_;
};

}  // namespace regla::analysis
