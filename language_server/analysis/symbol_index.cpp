#include "language_server/analysis/symbol_index.hpp"

#include <algorithm>

namespace regla::analysis {

std::optional<std::size_t> LocalScope::find(const std::string& name) const {
  for (auto it = names.rbegin(); it != names.rend(); ++it)
    if (it->first == name) return it->second;
  return std::nullopt;
}

RuleFolderAnalysis::Index::Index(RuleSet checked) : rules(std::move(checked)) {
  loaded = &detail::loaded_rules(rules);
  program = loaded->program.get();
  module_of_file.resize(loaded->sources->size());
  for (FileId id = 0; id < loaded->sources->size(); ++id)
    files.emplace(loaded->sources->file(id).name(), id);
  if (program) {
    for (const Node& node : program->nodes) {
      // Of the nodes made from one expression, the first (the expression's own) is kept.
      types.emplace(std::tuple{node.range.file, node.range.begin, node.range.end}, node.type);
    }
  }
  declare_all();
  add_uses();
  std::sort(occurrences.begin(), occurrences.end(), [](const Occurrence& a, const Occurrence& b) {
    return std::tie(a.range.file, a.range.begin, a.range.end) <
           std::tie(b.range.file, b.range.begin, b.range.end);
  });
}

std::optional<Type> RuleFolderAnalysis::Index::type_at(SourceRange range) const {
  auto found = types.find({range.file, range.begin, range.end});
  if (found == types.end() || found->second.kind == Kind::error) return std::nullopt;
  return found->second;
}

std::optional<std::size_t> RuleFolderAnalysis::Index::symbol(const std::string& key) const {
  auto found = by_key.find(key);
  if (found == by_key.end()) return std::nullopt;
  return found->second;
}

const Shape* RuleFolderAnalysis::Index::shape_of(const Type& type) const {
  if (!program || (type.kind != Kind::object && type.kind != Kind::list)) return nullptr;
  if (type.id >= program->shapes.size()) return nullptr;
  return &program->shapes[type.id];
}

std::optional<std::size_t> RuleFolderAnalysis::Index::field_of(const Type& type,
                                                               const std::string& name) const {
  const Shape* shape = shape_of(type);
  if (!shape) return std::nullopt;
  if (shape->table && *shape->table < program->tables.size())
    return symbol("column:" + program->tables[*shape->table].qualified_name() + "." + name);
  return symbol("field:" + shape->name + "." + name);
}

const Occurrence* RuleFolderAnalysis::Index::occurrence_at(FileId file,
                                                           std::uint32_t offset) const {
  const Occurrence* best = nullptr;
  for (const Occurrence& occurrence : occurrences) {
    const SourceRange& r = occurrence.range;
    if (r.file != file || offset < r.begin || offset > r.end) continue;
    if (!best || r.end - r.begin < best->range.end - best->range.begin) best = &occurrence;
  }
  return best;
}

LocalScope RuleFolderAnalysis::Index::locals_at(FileId file, std::uint32_t offset) const {
  LocalScope scope;
  for (const LocalRegion& local : local_regions_) {
    if (local.region.file == file && local.region.begin <= offset && offset <= local.region.end)
      scope.names.emplace_back(local.name, local.symbol);
  }
  return scope;
}

std::size_t RuleFolderAnalysis::Index::declare(Symbol declared, const std::string& key) {
  // A name declared twice (an error the checker reports) keeps its first declaration.
  if (auto existing = symbol(key)) return *existing;
  symbols.push_back(std::move(declared));
  std::size_t id = symbols.size() - 1;
  if (!key.empty()) by_key.emplace(key, id);
  occurrences.push_back({symbols[id].declared, id});
  return id;
}

void RuleFolderAnalysis::Index::use(SourceRange range, std::size_t symbol_id) {
  occurrences.push_back({range, symbol_id});
}

namespace {

template <typename Found>
std::optional<Type> type_of(const std::vector<Found>& declared, const std::string& module,
                            const std::string& name) {
  for (const Found& item : declared)
    if (item.module == module && item.name == name) return item.type;
  return std::nullopt;
}

}  // namespace

void RuleFolderAnalysis::Index::declare_all() {
  for (const ast::Module& module : loaded->modules) {
    std::string& program_name = module_of_file.at(module.file);
    for (const ast::Declaration& declaration : module.declarations)
      if (auto* decl = std::get_if<ast::ProgramDecl>(&declaration.node)) {
        program_name = decl->name.name;
        declare({SymbolKind::program, program_name, program_name, decl->name.range, &declaration},
                "program:" + program_name);
        break;
      }
  }
  for (const ast::Module& module : loaded->modules) {
    const std::string& in = module_of_file.at(module.file);
    for (const ast::Declaration& declaration : module.declarations) {
      if (auto* shape = std::get_if<ast::ShapeDecl>(&declaration.node)) {
        declare({SymbolKind::shape, shape->name.name, "", shape->name.range, &declaration},
                "shape:" + shape->name.name);
        const Shape* checked = nullptr;
        if (program)
          for (const Shape& s : program->shapes)
            if (s.name == shape->name.name && !s.table) checked = &s;
        for (const ast::FieldDecl& field : shape->fields) {
          Symbol symbol{SymbolKind::field,
                        shape->name.name + "." + field.name.name,
                        "",
                        field.name.range,
                        &declaration,
                        &field};
          if (checked)
            if (int index = checked->field_index(field.name.name); index >= 0)
              symbol.type = checked->fields[static_cast<std::size_t>(index)].type;
          declare(std::move(symbol), "field:" + shape->name.name + "." + field.name.name);
        }
      } else if (auto* param = std::get_if<ast::ParamDecl>(&declaration.node)) {
        Symbol symbol{SymbolKind::parameter, in + "." + param->name.name, in, param->name.range,
                      &declaration};
        if (program) symbol.type = type_of(program->parameters, in, param->name.name);
        declare(std::move(symbol), "in:" + in + "." + param->name.name);
      } else if (auto* table = std::get_if<ast::TableDecl>(&declaration.node)) {
        std::string name = in + "." + table->name.name;
        declare({SymbolKind::table, name, in, table->name.range, &declaration}, "in:" + name);
        const Shape* row = nullptr;
        if (program)
          for (const Table& t : program->tables)
            if (t.module == in && t.name == table->name.name) row = &program->shapes[t.shape];
        for (const ast::TableColumn& column : table->columns) {
          Symbol symbol{SymbolKind::column, name + "." + column.name.name, in, column.name.range,
                        &declaration};
          symbol.column = &column;
          if (row)
            if (int index = row->field_index(column.name.name); index >= 0)
              symbol.type = row->fields[static_cast<std::size_t>(index)].type;
          declare(std::move(symbol), "column:" + name + "." + column.name.name);
        }
      } else if (auto* rule = std::get_if<ast::RuleDecl>(&declaration.node)) {
        Symbol symbol{rule->is_decision ? SymbolKind::decision : SymbolKind::rule,
                      in + "." + rule->name.name, in, rule->name.range, &declaration};
        if (program) symbol.type = type_of(program->rules, in, rule->name.name);
        declare(std::move(symbol), "in:" + in + "." + rule->name.name);
      }
    }
  }
}

void RuleFolderAnalysis::Index::use_type(const ast::TypeExpr& type) {
  if (type.form == ast::TypeForm::named) {
    if (auto shape = symbol("shape:" + type.name.name)) use(type.name.range, *shape);
  } else if (type.element) {
    use_type(*type.element);
  }
}

void RuleFolderAnalysis::Index::declare_local(const ast::Identifier& name, std::optional<Type> type,
                                              SourceRange region, LocalScope& scope) {
  Symbol local{SymbolKind::local, name.name, "", name.range};
  local.type = type;
  symbols.push_back(std::move(local));
  std::size_t id = symbols.size() - 1;
  occurrences.push_back({name.range, id});
  local_regions_.push_back({region, name.name, id});
  scope.names.emplace_back(name.name, id);
}

void RuleFolderAnalysis::Index::use_in(const ast::Expr& expr, const std::string& module,
                                       LocalScope& scope) {
  if (auto* name = std::get_if<ast::Name>(&expr.node)) {
    if (auto local = scope.find(name->name)) {
      use(expr.range, *local);
    } else if (auto declared = symbol("in:" + module + "." + name->name)) {
      use(expr.range, *declared);
    } else if (auto program_symbol = symbol("program:" + name->name)) {
      use(expr.range, *program_symbol);
    }
    return;
  }
  if (auto* access = std::get_if<ast::FieldAccess>(&expr.node)) {
    use_in(*access->object, module, scope);
    const ast::Expr& object = *access->object;
    auto* object_name = std::get_if<ast::Name>(&object.node);
    if (object_name && !scope.find(object_name->name) &&
        !symbol("in:" + module + "." + object_name->name)) {
      // `sis.means_test`: a name another program declares.
      if (auto declared = symbol("in:" + object_name->name + "." + access->field.name))
        use(access->field.range, *declared);
      return;
    }
    if (auto type = type_at(object.range))
      if (auto field = field_of(*type, access->field.name)) use(access->field.range, *field);
    return;
  }
  if (auto* quantifier = std::get_if<ast::Quantifier>(&expr.node)) {
    use_in(*quantifier->collection, module, scope);
    std::optional<Type> element = type_at(quantifier->collection->range);
    if (element) element = Type::of(Kind::object, element->id);
    std::size_t depth = scope.names.size();
    declare_local(quantifier->variable, element, expr.range, scope);
    if (quantifier->filter) use_in(*quantifier->filter, module, scope);
    if (quantifier->body) use_in(*quantifier->body, module, scope);
    scope.names.resize(depth);
    return;
  }
  for (const ast::Expr* child : ast::children_of(expr))
    use_in(*child, module, scope);
}

void RuleFolderAnalysis::Index::use_in_declaration(const ast::Declaration& declaration,
                                                   const std::string& module) {
  LocalScope scope;
  auto object_of_shape = [&](const std::string& shape) -> std::optional<Type> {
    if (!program) return std::nullopt;
    for (std::uint32_t id = 0; id < program->shapes.size(); ++id)
      if (program->shapes[id].name == shape && !program->shapes[id].table)
        return Type::of(Kind::object, id);
    return std::nullopt;
  };
  auto declare_parameter = [&](const ast::RuleParam& parameter) {
    if (auto shape = symbol("shape:" + parameter.type.name)) use(parameter.type.range, *shape);
    declare_local(parameter.name, object_of_shape(parameter.type.name), declaration.range, scope);
  };
  if (auto* use_decl = std::get_if<ast::UseDecl>(&declaration.node)) {
    if (auto program_symbol = symbol("program:" + use_decl->module.name))
      use(use_decl->module.range, *program_symbol);
  } else if (auto* shape = std::get_if<ast::ShapeDecl>(&declaration.node)) {
    for (const ast::FieldDecl& field : shape->fields)
      use_type(field.type);
  } else if (auto* table = std::get_if<ast::TableDecl>(&declaration.node)) {
    for (const ast::TableColumn& column : table->columns) {
      use_type(column.type);
      if (column.keys_of) use_in(*column.keys_of, module, scope);
    }
  } else if (auto* rule = std::get_if<ast::RuleDecl>(&declaration.node)) {
    for (const ast::RuleParam& parameter : rule->params)
      declare_parameter(parameter);
    if (rule->declared_type) use_type(*rule->declared_type);
    // `with` names may be used anywhere in the rule, before or after they are defined.
    for (const ast::WithBinding& with : rule->withs)
      declare_local(with.name, with.value ? type_at(with.value->range) : std::nullopt,
                    declaration.range, scope);
    for (const ast::Expr* expr : ast::expressions_of(declaration))
      use_in(*expr, module, scope);
  } else if (auto* reject = std::get_if<ast::RejectDecl>(&declaration.node)) {
    if (reject->subject) declare_parameter(*reject->subject);
    for (const ast::Expr* expr : ast::expressions_of(declaration))
      use_in(*expr, module, scope);
  } else if (std::holds_alternative<ast::ParamDecl>(declaration.node)) {
    for (const ast::Expr* expr : ast::expressions_of(declaration))
      use_in(*expr, module, scope);
  }
}

void RuleFolderAnalysis::Index::add_uses() {
  for (const ast::Module& module : loaded->modules)
    for (const ast::Declaration& declaration : module.declarations)
      use_in_declaration(declaration, module_of_file.at(module.file));
}

}  // namespace regla::analysis
