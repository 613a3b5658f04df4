// The checker's stages, run in order by Checker::run (the table in Checker::stages): programs and
// imports, shapes, parameters, tables, rule signatures, rule bodies (callees first, which also
// finds cycles), rejections, decisions, field slots, table rows, and finally warnings about unused
// things.
#include <algorithm>
#include <chrono>

#include "engine/check/checker_internal.hpp"
#include "engine/check/tables.hpp"
#include "engine/messages/catalog.hpp"
#include "engine/program/member_description.hpp"
#include "engine/program/value_text.hpp"

namespace regla {

std::unique_ptr<CheckedProgram> check_program(std::shared_ptr<SourceSet> sources,
                                              const std::vector<ast::Module>& modules,
                                              const TableFileReader& read_table,
                                              DiagnosticSink& diagnostics,
                                              std::vector<StageTiming>* timings) {
  return checking::Checker(std::move(sources), modules, read_table, diagnostics).run(timings);
}

std::optional<std::string> closest_name(const std::string& name,
                                        const std::vector<std::string>& candidates) {
  auto distance = [](const std::string& a, const std::string& b) {
    std::vector<std::size_t> previous(b.size() + 1), current(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
      previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
      current[0] = i;
      for (std::size_t j = 1; j <= b.size(); ++j) {
        std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
        current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
      }
      std::swap(previous, current);
    }
    return previous[b.size()];
  };
  std::optional<std::string> best;
  std::size_t best_distance = std::max<std::size_t>(1, name.size() / 3) + 1;
  for (const std::string& candidate : candidates) {
    // The distance is at least the difference in length, so far longer names need no table.
    std::size_t longer = std::max(name.size(), candidate.size());
    if (longer - std::min(name.size(), candidate.size()) >= best_distance) continue;
    std::size_t d = distance(name, candidate);
    if (d < best_distance && candidate != name) {
      best = candidate;
      best_distance = d;
    }
  }
  return best;
}

namespace checking {
namespace {

const std::vector<std::string>& builtin_type_names() {
  static const std::vector<std::string> names = {"bool",    "integer", "decimal", "money",
                                                 "percent", "text",    "date",    "month",
                                                 "days",    "months",  "years",   "interval"};
  return names;
}

std::optional<Kind> builtin_type(const std::string& name) {
  static const std::map<std::string, Kind> kinds = {
      {"bool", Kind::boolean},  {"integer", Kind::integer}, {"decimal", Kind::decimal},
      {"money", Kind::money},   {"percent", Kind::percent}, {"text", Kind::text},
      {"date", Kind::date},     {"month", Kind::month},     {"days", Kind::days},
      {"months", Kind::months}, {"years", Kind::years},     {"interval", Kind::interval}};
  auto found = kinds.find(name);
  if (found == kinds.end()) return std::nullopt;
  return found->second;
}

// The names every program sees: a declaration may not take them.
bool is_reserved_global(const std::string& name) {
  return name == "as_of" || name == "household" || builtins::find(name) != nullptr;
}

bool is_output_kind(Kind kind) {
  return kind == Kind::boolean || is_number_like(kind) || kind == Kind::text ||
         kind == Kind::enumeration || kind == Kind::date || kind == Kind::month;
}

}  // namespace

Checker::Checker(std::shared_ptr<SourceSet> sources, const std::vector<ast::Module>& modules,
                 const TableFileReader& read_table, DiagnosticSink& diagnostics)
    : sources_(std::move(sources)),
      modules_(modules),
      read_table_(read_table),
      diagnostics_(diagnostics),
      program_(std::make_unique<CheckedProgram>()) {
  program_->sources = sources_;
}

const std::vector<Checker::Stage>& Checker::stages() {
  static const std::vector<Stage> in_order{
      {"modules", &Checker::collect_modules},
      {"shapes", &Checker::collect_shapes},
      {"shape fields", &Checker::resolve_shape_fields},
      {"shape cycles", &Checker::check_shape_cycles},
      {"names", &Checker::collect_entities},
      {"parameters", &Checker::check_parameters},
      {"table declarations", &Checker::declare_tables},
      {"rule declarations", &Checker::declare_rules},
      {"rules", &Checker::check_rules},
      {"rule depths", &Checker::check_rule_depths},
      {"rejections", &Checker::check_rejections},
      {"outputs", &Checker::choose_outputs},
      {"record slots", &Checker::assign_slots},
      {"tables", &Checker::load_tables},
      {"unused names", &Checker::warn_unused},
      {"labels", &Checker::warn_missing_labels},
  };
  return in_order;
}

std::unique_ptr<CheckedProgram> Checker::run(std::vector<StageTiming>* timings) {
  for (const Stage& stage : stages()) {
    auto start = std::chrono::steady_clock::now();
    (this->*stage.run)();
    if (timings) {
      std::chrono::duration<double> spent = std::chrono::steady_clock::now() - start;
      timings->push_back({stage.name, spent.count()});
    }
  }
  return std::move(program_);
}

void Checker::check_rules() {
  for (std::uint32_t rule : rules_callees_first())
    check_rule(rule);
}

Labels Checker::labels_of(const std::vector<ast::Label>& labels) const {
  Labels out;
  for (const ast::Label& label : labels)
    out.push_back({label.language, label.text});
  return out;
}

void Checker::check_clause_labels(const std::vector<ast::Label>& labels) {
  // A label in a language explanations are not written in would never be shown: `sp` for `es`.
  std::vector<std::string> languages;
  for (const messages::Language* language : messages::languages())
    languages.emplace_back(language->code());
  for (const ast::Label& label : labels) {
    if (std::find(languages.begin(), languages.end(), label.language) != languages.end()) continue;
    std::string listed;
    for (const std::string& code : languages)
      listed += (listed.empty() ? "" : ", ") + code;
    std::string message =
        "'" + label.language + "' is not a language explanations are written in (" + listed + ")";
    if (auto guess = closest_name(label.language, languages))
      message += "; did you mean '" + *guess + "'?";
    error(DiagnosticCode::unknown_language,
          {label.range.file, label.range.begin,
           label.range.begin + static_cast<std::uint32_t>(label.language.size())},
          message);
  }
  for (std::size_t i = 0; i < labels.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (labels[i].language == labels[j].language) {
        auto& d = error(DiagnosticCode::duplicate_label, labels[i].range,
                        "a second '" + labels[i].language + "' label; keep one per language");
        d.notes.push_back({labels[j].range, "the first one is here"});
      }
    }
  }
}

void Checker::add_entity(std::uint32_t module, const std::string& name, Entity entity) {
  ModuleScope& scope = scopes_[module];
  if (is_reserved_global(name)) {
    error(DiagnosticCode::reserved_name, entity.range,
          "'" + name + "' is a built-in name; choose another name");
    return;
  }
  auto [existing, inserted] = scope.entities.emplace(name, entity);
  if (!inserted) {
    auto& d = error(DiagnosticCode::duplicate_name, entity.range,
                    "'" + name + "' is already declared in program '" + scope.name + "'");
    d.notes.push_back({existing->second.range, "'" + name + "' is first declared here"});
  }
}

void Checker::collect_modules() {
  module_of_file_.assign(modules_.size(), std::nullopt);
  for (std::size_t m = 0; m < modules_.size(); ++m) {
    const ast::ProgramDecl* program = nullptr;
    for (const ast::Declaration& declaration : modules_[m].declarations) {
      const auto* decl = std::get_if<ast::ProgramDecl>(&declaration.node);
      if (!decl) continue;
      if (program) {
        auto& d = error(
            DiagnosticCode::second_program, decl->name.range,
            "a file declares one program; this one already declared '" + program->name.name + "'");
        d.notes.push_back({program->name.range, "first declared here"});
        continue;
      }
      program = decl;
    }
    if (!program) continue;
    auto same = std::find_if(scopes_.begin(), scopes_.end(),
                             [&](const ModuleScope& s) { return s.name == program->name.name; });
    if (same != scopes_.end()) {
      // Still checked on its own, so its declarations are not reported as program-less too.
      auto& d = error(DiagnosticCode::duplicate_name, program->name.range,
                      "program '" + program->name.name + "' is declared in two files");
      d.notes.push_back({same->range, "also declared here"});
    }
    module_of_file_[m] = static_cast<std::uint32_t>(scopes_.size());
    scopes_.push_back({program->name.name, modules_[m].file, program->name.range, {}, {}});
  }
  for (std::size_t m = 0; m < modules_.size(); ++m) {
    for (const ast::Declaration& declaration : modules_[m].declarations) {
      const auto* use = std::get_if<ast::UseDecl>(&declaration.node);
      if (!use) continue;
      if (!module_of_file_[m]) continue;  // reported with the file's other declarations
      ModuleScope& scope = scopes_[*module_of_file_[m]];
      std::vector<std::string> names;
      for (const ModuleScope& s : scopes_)
        names.push_back(s.name);
      if (std::find(names.begin(), names.end(), use->module.name) == names.end()) {
        std::string message = "no program named '" + use->module.name + "'";
        if (auto guess = closest_name(use->module.name, names))
          message += "; did you mean '" + *guess + "'?";
        error(DiagnosticCode::unknown_program, use->module.range, message);
      } else if (use->module.name == scope.name) {
        error(DiagnosticCode::self_use, use->module.range, "a program does not need to use itself");
      } else {
        scope.uses.emplace(use->module.name, use->module.range);
      }
    }
  }
}

void Checker::collect_shapes() {
  for (const ast::Module& module : modules_) {
    for (const ast::Declaration& declaration : module.declarations) {
      const auto* shape = std::get_if<ast::ShapeDecl>(&declaration.node);
      if (!shape) continue;
      if (builtin_type(shape->name.name)) {
        error(DiagnosticCode::reserved_name, shape->name.range,
              "'" + shape->name.name + "' is a built-in type; choose another name for the shape");
        continue;
      }
      auto [existing, inserted] =
          shape_ids_.emplace(shape->name.name, static_cast<std::uint32_t>(program_->shapes.size()));
      if (!inserted) {
        auto& d = error(DiagnosticCode::duplicate_name, shape->name.range,
                        "shape '" + shape->name.name + "' is already declared");
        d.notes.push_back({program_->shapes[existing->second].range, "first declared here"});
        continue;
      }
      program_->shapes.push_back(
          {shape->name.name, {}, shape->name.range, std::nullopt, 0, std::nullopt});
      shape_incomplete_.push_back(declaration.incomplete);
      shape_decls_.push_back(shape);
    }
  }
}

std::optional<Type> Checker::resolve_type(const ast::TypeExpr& type, bool allow_shapes) {
  switch (type.form) {
    case ast::TypeForm::named: {
      if (auto kind = builtin_type(type.name.name)) return Type::of(*kind);
      auto shape = shape_ids_.find(type.name.name);
      if (shape != shape_ids_.end() && allow_shapes) return Type::of(Kind::object, shape->second);
      if (shape != shape_ids_.end()) {
        error(DiagnosticCode::type_not_allowed, type.range,
              "a shape cannot be used here; use a type such as text, integer or date");
        return std::nullopt;
      }
      std::vector<std::string> candidates = builtin_type_names();
      if (allow_shapes) {
        for (const auto& [name, id] : shape_ids_)
          candidates.push_back(name);
      }
      std::string message = "unknown type '" + type.name.name + "'";
      if (auto guess = closest_name(type.name.name, candidates))
        message += "; did you mean '" + *guess + "'?";
      error(DiagnosticCode::unknown_type, type.range, message);
      return std::nullopt;
    }
    case ast::TypeForm::enumeration: {
      Enumeration enumeration;
      for (const ast::Identifier& value : type.enum_values) {
        if (std::find(enumeration.values.begin(), enumeration.values.end(), value.name) !=
            enumeration.values.end()) {
          error(DiagnosticCode::duplicate_name, value.range,
                "'" + value.name + "' is listed twice in this enum");
          continue;
        }
        enumeration.values.push_back(value.name);
      }
      program_->enumerations.push_back(std::move(enumeration));
      return Type::of(Kind::enumeration,
                      static_cast<std::uint32_t>(program_->enumerations.size() - 1));
    }
    case ast::TypeForm::list: {
      if (!allow_shapes) {
        error(DiagnosticCode::type_not_allowed, type.range, "a list cannot be used here");
        return std::nullopt;
      }
      std::optional<Type> element = resolve_type(*type.element, true);
      if (!element) return std::nullopt;
      if (element->kind != Kind::object || element->optional) {
        error(DiagnosticCode::type_not_allowed, type.element->range,
              "a list holds records of a shape, as in 'list of member'");
        return std::nullopt;
      }
      return Type::of(Kind::list, element->id);
    }
    case ast::TypeForm::optional: {
      if (type.element->form == ast::TypeForm::list) {
        error(DiagnosticCode::type_not_allowed, type.range,
              "a list is never missing (an absent or null list is empty); remove 'optional'");
        return std::nullopt;
      }
      if (type.element->form == ast::TypeForm::optional) {
        error(DiagnosticCode::type_not_allowed, type.range, "'optional' is written once");
        return std::nullopt;
      }
      std::optional<Type> inner = resolve_type(*type.element, allow_shapes);
      if (!inner) return std::nullopt;
      return inner->as_optional();
    }
  }
  return std::nullopt;
}

void Checker::resolve_shape_fields() {
  for (std::size_t s = 0; s < shape_decls_.size(); ++s) {
    const ast::ShapeDecl& decl = *shape_decls_[s];
    std::vector<Field> fields;
    const ast::FieldDecl* id_field = nullptr;
    for (const ast::FieldDecl& field : decl.fields) {
      auto duplicate = std::find_if(fields.begin(), fields.end(),
                                    [&](const Field& f) { return f.name == field.name.name; });
      if (duplicate != fields.end()) {
        auto& d = error(DiagnosticCode::duplicate_name, field.name.range,
                        "field '" + field.name.name + "' is already declared in this shape");
        d.notes.push_back({duplicate->range, "first declared here"});
        continue;
      }
      std::optional<Type> type = resolve_type(field.type, true);
      if (field.is_id) {
        if (id_field) {
          auto& d =
              error(DiagnosticCode::invalid_key, field.range, "a shape has at most one 'id' field");
          d.notes.push_back({id_field->range, "the first 'id' field"});
        } else if (type &&
                   (type->optional || (type->kind != Kind::text && type->kind != Kind::integer))) {
          error(DiagnosticCode::invalid_key, field.type.range,
                "an 'id' field must be text or integer, and not optional");
        }
        id_field = &field;
        // The first 'id' field is the shape's id (the index it is about to get).
        if (!program_->shapes[s].id)
          program_->shapes[s].id = static_cast<std::uint32_t>(fields.size());
      }
      fields.push_back({field.name.name, type.value_or(Type{}), field.is_id, field.name.range});
      if (type) {
        fields.back().limits = field_limits(
            {field.name.name, field.is_id, field.constraints, default_max_text_characters}, *type);
      }
    }
    program_->shapes[s].fields = std::move(fields);
  }
}

void Checker::check_shape_cycles() {
  // Records are loaded depth first into one table per shape, so a shape may not contain itself,
  // and the loader and the record generator recurse once per level, so shapes nest at most
  // max_shape_depth deep. A depth-first walk without recursion, since the file sets the depth.
  enum class Mark { unvisited, active, done };
  std::vector<Mark> marks(program_->shapes.size(), Mark::unvisited);
  std::vector<std::uint32_t> depths(program_->shapes.size(), 1);
  std::vector<bool> inside_too_deep(program_->shapes.size(), false);
  auto nested_shape = [&](const Field& field) -> std::optional<std::uint32_t> {
    if (field.type.kind == Kind::object || field.type.kind == Kind::list) return field.type.id;
    return std::nullopt;
  };
  std::vector<std::pair<std::uint32_t, std::size_t>> path;  // shape, next field to follow
  for (std::uint32_t root = 0; root < program_->shapes.size(); ++root) {
    if (marks[root] != Mark::unvisited) continue;
    marks[root] = Mark::active;
    path.emplace_back(root, 0);
    while (!path.empty()) {
      auto& [shape, next] = path.back();
      const std::vector<Field>& fields = program_->shapes[shape].fields;
      bool finished = next == fields.size();
      if (!finished) {
        const Field& field = fields[next++];
        std::optional<std::uint32_t> inner = nested_shape(field);
        if (!inner) continue;
        if (marks[*inner] == Mark::unvisited) {
          marks[*inner] = Mark::active;
          path.emplace_back(*inner, 0);
          continue;
        }
        if (marks[*inner] == Mark::active) {
          error(DiagnosticCode::shape_cycle, field.range,
                "shape '" + program_->shapes[shape].name + "' contains itself through field '" +
                    field.name + "'; a record cannot nest inside itself");
          finished = true;  // reported once
        }
      }
      if (!finished) continue;
      for (const Field& field : fields) {
        std::optional<std::uint32_t> inner = nested_shape(field);
        if (!inner || marks[*inner] != Mark::done) continue;
        depths[shape] = std::max(depths[shape], depths[*inner] + 1);
        if (depths[*inner] > max_shape_depth) inside_too_deep[*inner] = true;
      }
      marks[shape] = Mark::done;
      path.pop_back();
    }
  }
  for (std::uint32_t shape = 0; shape < program_->shapes.size(); ++shape) {
    if (depths[shape] <= max_shape_depth || inside_too_deep[shape]) continue;
    error(DiagnosticCode::limit_exceeded, program_->shapes[shape].range,
          "shape '" + program_->shapes[shape].name + "' nests shapes " +
              with_thousands(depths[shape]) + " deep (at most " + with_thousands(max_shape_depth) +
              ")");
  }
}

void Checker::collect_entities() {
  for (std::size_t m = 0; m < modules_.size(); ++m) {
    std::optional<std::uint32_t> module = module_of_file_[m];
    all_read_ = all_read_ && modules_[m].fully_read;
    for (const ast::Declaration& declaration : modules_[m].declarations) {
      const auto& node = declaration.node;
      bool needs_program = std::holds_alternative<ast::ParamDecl>(node) ||
                           std::holds_alternative<ast::TableDecl>(node) ||
                           std::holds_alternative<ast::RuleDecl>(node) ||
                           std::holds_alternative<ast::UseDecl>(node);
      if (needs_program && !module) {
        error(DiagnosticCode::missing_program,
              {declaration.range.file, declaration.range.begin, declaration.range.begin},
              "this file declares no program: add 'program NAME' at its top (only shapes and "
              "rejections may stand outside a program)");
        continue;
      }
      if (const auto* param = std::get_if<ast::ParamDecl>(&node)) {
        auto index = static_cast<std::uint32_t>(parameter_decls_.size());
        parameter_decls_.push_back(param);
        parameter_modules_.push_back(*module);
        parameter_incomplete_.push_back(declaration.incomplete);
        Parameter parameter;
        parameter.module = scopes_[*module].name;
        parameter.name = param->name.name;
        parameter.range = param->name.range;
        parameter.labels = labels_of(param->description.labels);
        if (param->description.source) parameter.source = param->description.source->text;
        program_->parameters.push_back(std::move(parameter));
        add_entity(*module, param->name.name, {Entity::Kind::parameter, index, param->name.range});
      } else if (const auto* table = std::get_if<ast::TableDecl>(&node)) {
        auto index = static_cast<std::uint32_t>(table_decls_.size());
        table_decls_.push_back(table);
        table_modules_.push_back(*module);
        table_incomplete_.push_back(declaration.incomplete);
        program_->tables.emplace_back();
        program_->tables.back().module = scopes_[*module].name;
        program_->tables.back().name = table->name.name;
        program_->tables.back().range = table->name.range;
        add_entity(*module, table->name.name, {Entity::Kind::table, index, table->name.range});
      } else if (const auto* rule = std::get_if<ast::RuleDecl>(&node)) {
        auto index = static_cast<std::uint32_t>(rule_decls_.size());
        rule_decls_.push_back(rule);
        rule_modules_.push_back(*module);
        rule_incomplete_.push_back(declaration.incomplete);
        add_entity(*module, rule->name.name, {Entity::Kind::rule, index, rule->name.range});
      } else if (const auto* reject = std::get_if<ast::RejectDecl>(&node)) {
        reject_decls_.emplace_back(reject, module);
      }
    }
  }
  rule_states_.assign(rule_decls_.size(), RuleState::unchecked);
  rule_depths_.assign(rule_decls_.size(), 0);
  called_by_too_deep_.assign(rule_decls_.size(), false);
  rule_used_.assign(rule_decls_.size(), false);
  with_used_.resize(rule_decls_.size());
  table_used_.assign(table_decls_.size(), false);
}

std::optional<calendar::DayNumber> Checker::constant_date(const ast::Expr& expr, Scope& scope) {
  if (const auto* date = std::get_if<ast::DateLiteral>(&expr.node)) {
    auto day = calendar::make_date(date->year, date->month, date->day);
    if (!day)
      error(DiagnosticCode::invalid_literal, expr.range,
            not_a_value("'" + text_of(expr) + "'", Kind::date));
    return day;
  }
  NodeId node = check(expr, scope);
  if (failed(node)) return std::nullopt;
  const Node& n = program_->nodes[node];
  if (n.op == Op::parameter && n.type.kind == Kind::date && !n.type.optional) {
    const Parameter& parameter = program_->parameters[n.index];
    if (parameter.versions.size() == 1 && !parameter.versions[0].from &&
        !parameter.versions[0].until) {
      return static_cast<calendar::DayNumber>(parameter.versions[0].value.integer);
    }
  }
  error(DiagnosticCode::type_mismatch, expr.range,
        "expected a date (YYYY-MM-DD) or a date parameter that has a single value");
  return std::nullopt;
}

void Checker::check_parameters() {
  // Parameters are checked in declaration order; a bound may name a parameter declared earlier.
  for (std::uint32_t p = 0; p < parameter_decls_.size(); ++p) {
    const ast::ParamDecl& decl = *parameter_decls_[p];
    Parameter& parameter = program_->parameters[p];
    if (parameter_incomplete_[p]) continue;  // its values were not read: its type stays unknown
    Scope scope;
    scope.module = parameter_modules_[p];
    check_clause_labels(decl.description.labels);
    std::optional<Type> type;
    std::vector<Period> periods;  // of every value, `no value` included
    bool dated = false;
    for (const ast::ParamValue& value : decl.values) {
      Parameter::Version version;
      if (value.value) {
        NodeId node = check(*value.value, scope);
        if (failed(node)) continue;
        const Node& n = program_->nodes[node];
        if (n.op == Op::constant) {
          version.value = n.constant;
        } else if (n.op == Op::make_interval && program_->nodes[n.a].op == Op::constant &&
                   program_->nodes[n.b].op == Op::constant) {
          version.value = Value::of_interval(
              static_cast<std::int32_t>(program_->nodes[n.a].constant.integer),
              static_cast<std::int32_t>(program_->nodes[n.b].constant.integer) + (n.index ? 1 : 0));
        } else {
          error(DiagnosticCode::not_a_literal, value.value->range,
                "a parameter's value is written out: a number with its unit, a date, a month, "
                "text, true or false, or an interval of dates");
          continue;
        }
        if (type && !type->same_ignoring_optional(n.type)) {
          error(DiagnosticCode::type_mismatch, value.value->range,
                "this value is " + describe(n.type) + " but the parameter's first value is " +
                    describe(*type));
          continue;
        }
        type = n.type;
      }
      dated = dated || value.from || value.until;
      if (value.from) version.from = constant_date(*value.from, scope);
      if (value.until) version.until = constant_date(*value.until, scope);
      if ((value.from && !version.from) || (value.until && !version.until)) continue;
      if (version.from && version.until && *version.until <= *version.from) {
        error(DiagnosticCode::invalid_period, value.range,
              "this value is never in force: 'until' must come after 'from'");
        continue;
      }
      Period period{version.from, version.until, value.range};
      for (const Period& other : periods) {
        if (overlap(period, other)) {
          auto& d = error(DiagnosticCode::overlapping_periods, value.range,
                          "this value's dates overlap another value of '" + decl.name.name +
                              "'; give each value its own 'from' and 'until' dates");
          d.notes.push_back({other.range, "the other value"});
          break;
        }
      }
      periods.push_back(period);
      if (value.value) parameter.versions.push_back(version);
    }
    if (!type && !decl.values.empty() &&
        std::none_of(decl.values.begin(), decl.values.end(),
                     [](const ast::ParamValue& value) { return value.value != nullptr; })) {
      error(DiagnosticCode::invalid_period, decl.name.range,
            "parameter '" + decl.name.name +
                "' has 'no value' in every period; give it a value in one of them");
    }
    // A dated parameter has a value, or says it has none, on every day an evaluation can ask for.
    if (dated && periods.size() == decl.values.size()) report_gaps(decl, periods);
    parameter.type = type.value_or(Type{});
  }
}

void Checker::report_gaps(const ast::ParamDecl& decl, const std::vector<Period>& periods) {
  auto ending_on = [&](calendar::DayNumber day) {
    auto found = std::find_if(periods.begin(), periods.end(),
                              [&](const Period& period) { return period.until == day; });
    return found == periods.end() ? nullptr : &*found;
  };
  auto starting_on = [&](calendar::DayNumber day) {
    auto found = std::find_if(periods.begin(), periods.end(),
                              [&](const Period& period) { return period.from == day; });
    return found == periods.end() ? nullptr : &*found;
  };
  for (const Gap& gap : gaps_between(periods)) {
    std::string span;
    if (gap.from) span += " from " + calendar::format_date(*gap.from);
    if (gap.until) span += " until " + calendar::format_date(*gap.until);
    std::string missing = "'" + decl.name.name + "' has no value" + span;
    if (!gap.from) {
      missing += " (an evaluation may be asked for any day from " +
                 calendar::format_date(*calendar::make_date(calendar::min_year, 1, 1)) + ")";
    } else if (!gap.until) {
      missing += " on";
    }
    // Said where the value before the gap ends, else where the value after it starts.
    const Period* before = gap.from ? ending_on(*gap.from) : nullptr;
    const Period* after = gap.until ? starting_on(*gap.until) : nullptr;
    const Period* at = before ? before : after;
    auto& d = error(
        DiagnosticCode::missing_period, at->range,
        missing + "; give it a value there, or say it has none with '= no value" + span + "'");
    if (before && after) d.notes.push_back({after->range, "the next value starts here"});
  }
}

void Checker::declare_tables() {
  for (std::uint32_t t = 0; t < table_decls_.size(); ++t) {
    const ast::TableDecl& decl = *table_decls_[t];
    Table& table = program_->tables[t];
    check_clause_labels(decl.description.labels);
    Shape shape{decl.name.name, {}, decl.name.range, t, 0, std::nullopt};
    for (const ast::TableColumn& column : decl.columns) {
      std::optional<Type> type = resolve_type(column.type, false);
      if (std::any_of(shape.fields.begin(), shape.fields.end(),
                      [&](const Field& f) { return f.name == column.name.name; })) {
        error(DiagnosticCode::duplicate_name, column.name.range,
              "column '" + column.name.name + "' is declared twice");
        continue;
      }
      if (type && type->kind == Kind::interval) {
        error(DiagnosticCode::type_not_allowed, column.type.range,
              "a table column cannot hold an interval; use two date columns");
        type.reset();
      }
      if (column.is_key) {
        if (table.key_field) {
          error(DiagnosticCode::invalid_key, column.range, "a table has at most one key");
        } else if (type &&
                   (type->optional || (type->kind != Kind::text && type->kind != Kind::integer))) {
          error(DiagnosticCode::invalid_key, column.type.range,
                "a key column must be text or integer, and not optional");
        } else {
          table.key_field = static_cast<std::uint32_t>(shape.fields.size());
        }
      }
      shape.fields.push_back({column.name.name, type.value_or(Type{}), false, column.name.range});
      shape.fields.back().used = true;  // every column is read and validated
      if (type) {
        shape.fields.back().limits =
            field_limits({column.name.name, false, column.constraints, UINT64_MAX}, *type);
      }
    }
    if (decl.file) {
      table.file = decl.file->text;
    } else if (!table_incomplete_[t]) {  // a syntax error may be where its file was written
      error(DiagnosticCode::table_without_file, decl.name.range,
            "table '" + decl.name.name + "' needs the file it is read from: file \"data/....csv\"");
    }
    table.shape = static_cast<std::uint32_t>(program_->shapes.size());
    program_->shapes.push_back(std::move(shape));
    shape_incomplete_.push_back(table_incomplete_[t]);
  }
  resolve_column_keys();
}

// `in TABLE` on a column: once every table has its columns, each names a table with a key of the
// column's type.
void Checker::resolve_column_keys() {
  column_keys_.assign(table_decls_.size(), {});
  for (std::uint32_t t = 0; t < table_decls_.size(); ++t) {
    const ast::TableDecl& decl = *table_decls_[t];
    const Shape& shape = program_->shapes[program_->tables[t].shape];
    Scope scope;
    scope.module = table_modules_[t];
    for (const ast::TableColumn& column : decl.columns) {
      if (!column.keys_of) continue;
      const ast::Expr& named = *column.keys_of;
      std::optional<Entity> entity = entity_named(named, scope);
      if (!entity) {
        error(DiagnosticCode::unknown_name, named.range,
              "no table named '" + text_of(named) +
                  "' here: name a table of this program, or 'program.table' of one it uses");
        continue;
      }
      if (entity->kind != Entity::Kind::table) {
        error(DiagnosticCode::misused_name, named.range,
              "'" + text_of(named) +
                  "' is not a table; 'in' names the table whose keys the "
                  "column holds");
        continue;
      }
      table_used_[entity->index] = true;
      const Table& keys = program_->tables[entity->index];
      if (!keys.key_field && table_incomplete_[entity->index]) continue;
      if (!keys.key_field) {
        error(DiagnosticCode::missing_key, named.range,
              "table '" + keys.name + "' has no key column for this column's values to be keys of");
        continue;
      }
      int field = shape.field_index(column.name.name);
      const Type& key_type = program_->shapes[keys.shape].fields[*keys.key_field].type;
      const Type& column_type = shape.fields[static_cast<std::size_t>(field)].type;
      if (column_type.kind == Kind::error || key_type.kind == Kind::error) continue;
      if (column_type.kind != key_type.kind) {
        error(DiagnosticCode::type_mismatch, named.range,
              "the keys of table '" + keys.name + "' are " + describe(key_type.as_present()) +
                  ", but column '" + column.name.name + "' is " +
                  describe(column_type.as_present()));
        continue;
      }
      column_keys_[t].push_back(
          {static_cast<std::size_t>(field), entity->index, column.keys_of->range});
    }
  }
}

void Checker::declare_rules() {
  for (std::uint32_t r = 0; r < rule_decls_.size(); ++r) {
    const ast::RuleDecl& decl = *rule_decls_[r];
    Rule rule;
    rule.module = scopes_[rule_modules_[r]].name;
    rule.name = decl.name.name;
    rule.is_decision = decl.is_decision;
    rule.range = decl.name.range;
    rule.labels = labels_of(decl.description.labels);
    check_clause_labels(decl.description.labels);
    if (decl.description.source) rule.source = decl.description.source->text;
    for (const ast::RuleParam& param : decl.params) {
      RuleParameter parameter{param.name.name, Type{}, param.name.range};
      auto table = scopes_[rule_modules_[r]].entities.find(param.type.name);
      if (table != scopes_[rule_modules_[r]].entities.end() &&
          table->second.kind == Entity::Kind::table) {
        parameter.type = Type::of(Kind::object, program_->tables[table->second.index].shape);
        table_used_[table->second.index] = true;
      } else {
        ast::TypeExpr type;
        type.name = param.type;
        type.range = param.type.range;
        parameter.type = resolve_type(type, true).value_or(Type{});
      }
      if (std::any_of(rule.parameters.begin(), rule.parameters.end(),
                      [&](const RuleParameter& p) { return p.name == param.name.name; })) {
        error(DiagnosticCode::duplicate_name, param.name.range,
              "parameter '" + param.name.name + "' is listed twice");
      }
      rule.parameters.push_back(parameter);
    }
    program_->rules.push_back(std::move(rule));
  }
}

std::uint32_t Checker::add_local(Scope& scope, Local::Kind kind, const std::string& name, Type type,
                                 SourceRange range) {
  if (const Local* existing = local_named(name, scope)) {
    auto& d = error(DiagnosticCode::duplicate_name, range,
                    "'" + name + "' is already used in this rule; choose another name");
    d.notes.push_back({existing->range, "'" + name + "' is declared here"});
  }
  std::uint32_t index = kind == Local::Kind::with ? 0 : scope.next_slot++;
  scope.locals.push_back({kind, name, type, index, range});
  return index;
}

// A rule is checked on demand when another calls it, which recurses once per call. So that a long
// chain of rules cannot exhaust the stack, rules are checked in an order where the rules each one
// calls come first: a depth-first walk, without recursion, over the rules each names (seen through
// the same scopes as checking sees them, so a parameter, with or variable hides a rule). Checking
// then recurses into another rule only around a cycle, which check_rule_call bounds.
std::vector<std::uint32_t> Checker::rules_callees_first() const {
  std::vector<std::vector<std::uint32_t>> named(rule_decls_.size());
  for (std::uint32_t r = 0; r < rule_decls_.size(); ++r) {
    Scope scope;
    scope.module = rule_modules_[r];
    auto hide = [&scope](const std::string& name) {
      scope.locals.push_back({Local::Kind::variable, name, Type{}, 0, SourceRange{}});
    };
    // Recursion over one expression is bounded by ast::max_expression_depth.
    std::function<void(const ast::Expr*)> walk = [&](const ast::Expr* expr) {
      if (!expr) return;
      std::optional<Entity> entity = entity_named(*expr, scope);
      if (entity && entity->kind == Entity::Kind::rule) named[r].push_back(entity->index);
      if (const auto* quantifier = std::get_if<ast::Quantifier>(&expr->node)) {
        walk(quantifier->collection.get());
        hide(quantifier->variable.name);
        walk(quantifier->filter.get());
        walk(quantifier->body.get());
        scope.locals.pop_back();
        return;
      }
      for (const ast::Expr* child : children_of(*expr))
        walk(child);
    };
    const ast::RuleDecl& decl = *rule_decls_[r];
    for (const ast::RuleParam& param : decl.params)
      hide(param.name.name);
    if (decl.in_force) {
      walk(decl.in_force->from.get());
      walk(decl.in_force->until.get());
    }
    for (const ast::WithBinding& with : decl.withs) {
      walk(with.value.get());
      hide(with.name.name);
    }
    if (decl.applies) walk(decl.applies->condition.get());
    walk(decl.body.get());
    for (const ast::Clause& clause : decl.waivers)
      walk(clause.condition.get());
    for (const ast::Clause& clause : decl.exceptions)
      walk(clause.condition.get());
  }
  enum class Mark { unvisited, active, done };
  std::vector<Mark> marks(rule_decls_.size(), Mark::unvisited);
  std::vector<std::uint32_t> order;
  std::vector<std::pair<std::uint32_t, std::size_t>> path;  // rule, next name to follow
  for (std::uint32_t root = 0; root < rule_decls_.size(); ++root) {
    if (marks[root] != Mark::unvisited) continue;
    marks[root] = Mark::active;
    path.emplace_back(root, 0);
    while (!path.empty()) {
      auto& [rule, next] = path.back();
      if (next < named[rule].size()) {
        std::uint32_t callee = named[rule][next++];
        if (marks[callee] == Mark::unvisited) {
          marks[callee] = Mark::active;
          path.emplace_back(callee, 0);
        }
        continue;
      }
      marks[rule] = Mark::done;
      order.push_back(rule);
      path.pop_back();
    }
  }
  return order;
}

// One error per rule that is too deep and is not itself called by one (that one says it all).
void Checker::check_rule_depths() {
  for (std::uint32_t r = 0; r < program_->rules.size(); ++r) {
    if (rule_depths_[r] <= max_evaluation_depth || called_by_too_deep_[r]) continue;
    error(DiagnosticCode::limit_exceeded, program_->rules[r].range,
          "rule '" + program_->rules[r].name + "' nests " + with_thousands(rule_depths_[r]) +
              " levels deep, counting its expressions and the rules it calls (at most " +
              with_thousands(max_evaluation_depth) + "); split it or call rules side by side");
  }
}

void Checker::check_rule(std::uint32_t r) {
  if (rule_states_[r] != RuleState::unchecked) return;
  rule_states_[r] = RuleState::checking;
  rules_being_checked_.push_back(r);
  with_depths_.emplace_back();
  const ast::RuleDecl& decl = *rule_decls_[r];
  if (rule_incomplete_[r]) {
    check_incomplete_rule(r);
    return;
  }
  Scope scope;
  scope.module = rule_modules_[r];
  scope.rule = r;
  for (const RuleParameter& parameter : program_->rules[r].parameters) {
    add_local(scope, Local::Kind::parameter, parameter.name, parameter.type, parameter.range);
  }

  std::optional<calendar::DayNumber> from, until;
  if (decl.in_force) {
    if (decl.in_force->from) from = constant_date(*decl.in_force->from, scope);
    if (decl.in_force->until) until = constant_date(*decl.in_force->until, scope);
    if (!decl.in_force->from && !decl.in_force->until) {
      error(DiagnosticCode::invalid_period, decl.in_force->range,
            "say when the rule is in force: 'in force from DATE', 'until DATE', or both");
    }
    // One period, whose ends are meant: a rule that stops being in force is not a gap.
    if (from && until && *until <= *from) {
      error(DiagnosticCode::invalid_period, decl.in_force->range,
            "this rule is never in force: 'until' must come after 'from'");
    }
  }
  std::vector<WithBinding> withs;
  with_used_[r].assign(decl.withs.size(), false);
  for (std::size_t w = 0; w < decl.withs.size(); ++w) {
    const ast::WithBinding& with = decl.withs[w];
    check_clause_labels(with.labels);
    NodeId value = check(*with.value, scope);
    with_depths_.back().push_back(node_depths_[value]);
    withs.push_back({with.name.name, value, labels_of(with.labels), with.name.range});
    add_local(scope, Local::Kind::with, with.name.name, type_of(value), with.name.range);
    scope.locals.back().index = static_cast<std::uint32_t>(w);
  }
  std::optional<Clause> applies;
  if (decl.applies) {
    check_clause_labels(decl.applies->labels);
    applies = Clause{check_condition(*decl.applies->condition, scope, "'applies when'"),
                     labels_of(decl.applies->labels), decl.applies->range};
    facts_when_true(*decl.applies->condition, scope.facts);
  }
  NodeId body = check(*decl.body, scope);
  Type type = type_of(body);
  if (decl.declared_type) {
    if (std::optional<Type> declared = resolve_type(*decl.declared_type, false)) {
      if (!failed(body) && !declared->same_ignoring_optional(type)) {
        bool adopted = is_bare_number(*decl.body) && adopt_unit(body, declared->kind);
        if (!adopted && declared->kind == Kind::decimal && is_integer_like(type.kind)) {
          body = to_decimal(body);
          adopted = true;
        }
        if (!adopted) {
          error(DiagnosticCode::type_mismatch, decl.body->range,
                "the rule is declared " + describe(*declared) + " but its value is " +
                    describe(type));
        }
      }
      type = Type{declared->kind, type.optional, declared->id};
    }
  }
  if (type.optional && !failed(body)) {
    error(DiagnosticCode::maybe_missing, decl.body->range,
          "the rule's value may be missing; say what it is then with 'otherwise'");
  }
  std::vector<Clause> waivers, exceptions;
  for (const ast::Clause& clause : decl.waivers) {
    check_clause_labels(clause.labels);
    waivers.push_back({check_condition(*clause.condition, scope, "'waived when'"),
                       labels_of(clause.labels), clause.range});
  }
  for (const ast::Clause& clause : decl.exceptions) {
    check_clause_labels(clause.labels);
    exceptions.push_back({check_condition(*clause.condition, scope, "'except when'"),
                          labels_of(clause.labels), clause.range});
  }
  bool holds_or_fails = type.kind == Kind::boolean || type.kind == Kind::error;
  if (!holds_or_fails) {
    auto refuse = [&](bool present, SourceRange range, const char* what) {
      if (present) {
        error(DiagnosticCode::type_mismatch, range,
              std::string("only a rule that holds or fails (bool) can have '") + what +
                  "'; this rule's value is " + describe(type));
      }
    };
    refuse(decl.in_force.has_value(), decl.in_force ? decl.in_force->range : SourceRange{},
           "in force");
    refuse(decl.applies.has_value(), decl.applies ? decl.applies->range : SourceRange{},
           "applies when");
    refuse(!decl.waivers.empty(), decl.waivers.empty() ? SourceRange{} : decl.waivers[0].range,
           "waived when");
    refuse(!decl.exceptions.empty(),
           decl.exceptions.empty() ? SourceRange{} : decl.exceptions[0].range, "except when");
  }

  Rule& rule = program_->rules[r];
  rule.type = type.as_present();
  rule.in_force_from = from;
  rule.in_force_until = until;
  rule.withs = std::move(withs);
  rule.applies = std::move(applies);
  rule.body = body;
  rule.waivers = std::move(waivers);
  rule.exceptions = std::move(exceptions);
  rule.local_count = scope.next_slot;
  std::uint32_t depth = node_depths_[body];
  for (std::uint32_t with_depth : with_depths_.back())
    depth = std::max(depth, with_depth);
  if (rule.applies) depth = std::max(depth, node_depths_[rule.applies->condition]);
  for (const std::vector<Clause>* clauses : {&rule.waivers, &rule.exceptions}) {
    for (const Clause& clause : *clauses)
      depth = std::max(depth, node_depths_[clause.condition]);
  }
  rule_depths_[r] = depth;
  with_depths_.pop_back();
  rules_being_checked_.pop_back();
  rule_states_[r] = RuleState::checked;
}

// A rule whose text has a syntax error has the type it is declared with (so its uses are checked
// as usual) or none (so they are not checked); nothing else of it is known.
void Checker::check_incomplete_rule(std::uint32_t r) {
  const ast::RuleDecl& decl = *rule_decls_[r];
  Rule& rule = program_->rules[r];
  std::optional<Type> declared;
  if (decl.declared_type) declared = resolve_type(*decl.declared_type, false);
  rule.type = declared.value_or(Type{}).as_present();
  rule.body = error_node(decl.name.range);
  rule_depths_[r] = 1;
  with_used_[r].clear();
  rules_being_checked_.pop_back();
  with_depths_.pop_back();
  rule_states_[r] = RuleState::checked;
}

void Checker::check_rejections() {
  for (const auto& [decl, module] : reject_decls_) {
    Rejection rejection;
    rejection.range = decl->condition->range;
    rejection.labels = labels_of(decl->labels);
    check_clause_labels(decl->labels);
    Scope scope;
    scope.module = module.value_or(Scope::no_module);
    if (decl->subject) {
      ast::TypeExpr type;
      type.name = decl->subject->type;
      type.range = decl->subject->type.range;
      Type subject_type = resolve_type(type, true).value_or(Type{});
      if (subject_type.kind != Kind::object && subject_type.kind != Kind::error) {
        error(DiagnosticCode::type_not_allowed, type.range,
              "a rejection is about the household or about each record of a shape, such as member");
      }
      rejection.subject =
          RuleParameter{decl->subject->name.name, subject_type, decl->subject->name.range};
      add_local(scope, Local::Kind::parameter, decl->subject->name.name, subject_type,
                decl->subject->name.range);
    }
    rejection.condition = check_condition(*decl->condition, scope, "'reject when'");
    rejection.local_count = scope.next_slot;
    program_->rejections.push_back(std::move(rejection));
  }
}

void Checker::choose_outputs() {
  auto household = shape_ids_.find("household");
  bool needs_household =
      household_referenced_ || std::any_of(program_->rules.begin(), program_->rules.end(),
                                           [](const Rule& r) { return r.is_decision; });
  if (household == shape_ids_.end()) {
    if (needs_household) {
      SourceRange where = scopes_.empty() ? SourceRange{} : scopes_.front().range;
      error(DiagnosticCode::missing_household, where,
            "no 'shape household { ... }' is declared: rules read each record through it");
    }
    return;
  }
  program_->household_shape = household->second;
  // The record contract is about the shapes' fields; one with a syntax error has none yet.
  if (shape_incomplete_[household->second]) return;
  Shape& household_shape = program_->shapes[household->second];
  if (needs_household && !household_shape.id_field()) {
    error(DiagnosticCode::missing_id_field, household_shape.range,
          "shape 'household' needs a field marked 'id' (as in 'household_id: text id') to name "
          "each record in the output");
  }

  std::optional<std::uint32_t> member_shape;
  SourceRange member_shape_use;
  auto note_member_shape = [&](const Type& type, SourceRange where) {
    if (type.kind != Kind::object) return;
    if (!member_shape) {
      member_shape = type.id;
      member_shape_use = where;
    } else if (*member_shape != type.id) {
      auto& d = error(DiagnosticCode::mixed_member_shapes, where,
                      "decisions and rejections about members must all take the same shape ('" +
                          program_->shapes[*member_shape].name + "')");
      d.notes.push_back({member_shape_use, "first used here"});
    }
  };
  for (std::uint32_t r = 0; r < program_->rules.size(); ++r) {
    const Rule& rule = program_->rules[r];
    if (!rule.is_decision) continue;
    DecisionOutput output{r, rule.qualified_name()};
    if (rule.type.kind != Kind::error && !is_output_kind(rule.type.kind)) {
      error(DiagnosticCode::invalid_decision, rule.range,
            "a decision's value must be a bool, a number, text, an enum value or a date; this is " +
                describe(rule.type));
    }
    if (rule.parameters.empty()) {
      program_->household_decisions.push_back(output);
    } else if (rule.parameters.size() == 1 && rule.parameters[0].type.kind == Kind::object &&
               rule.parameters[0].type.id != household->second &&
               program_->is_record_shape(rule.parameters[0].type.id)) {
      note_member_shape(rule.parameters[0].type, rule.parameters[0].range);
      program_->member_decisions.push_back(output);
    } else {
      error(DiagnosticCode::invalid_decision, rule.range,
            "a decision is about the household (no parameter) or about each member (one "
            "parameter, such as 'person: member')");
    }
  }
  for (const Rejection& rejection : program_->rejections) {
    if (rejection.subject) note_member_shape(rejection.subject->type, rejection.subject->range);
  }
  if (!member_shape) return;
  program_->member_shape = *member_shape;
  if (shape_incomplete_[*member_shape]) return;
  for (std::uint32_t f = 0; f < household_shape.fields.size(); ++f) {
    const Type& type = household_shape.fields[f].type;
    if (type.kind == Kind::list && type.id == *member_shape) {
      if (program_->member_list_field) {
        error(DiagnosticCode::ambiguous_member_list, household_shape.fields[f].range,
              "household has two lists of '" + program_->shapes[*member_shape].name +
                  "'; decisions about members need exactly one");
      }
      program_->member_list_field = f;
    }
  }
  if (!program_->member_list_field) {
    error(DiagnosticCode::missing_member_list, member_shape_use,
          "decisions about each '" + program_->shapes[*member_shape].name +
              "' need household to have a field 'list of " + program_->shapes[*member_shape].name +
              "'");
    return;
  }
  household_shape.fields[*program_->member_list_field].used = true;
  if (!program_->shapes[*member_shape].id_field()) {
    error(DiagnosticCode::missing_id_field, program_->shapes[*member_shape].range,
          "shape '" + program_->shapes[*member_shape].name +
              "' needs a field marked 'id' to name each member in the output");
  }
}

void Checker::assign_slots() {
  auto mark_id = [&](std::uint32_t shape) {
    if (auto id = program_->shapes[shape].id_field())
      program_->shapes[shape].fields[*id].used = true;
  };
  if (shape_ids_.count("household")) mark_id(program_->household_shape);
  if (program_->member_list_field) mark_id(program_->member_shape);
  if (program_->member_list_field) {
    for (std::string_view name : member_description_fields) {
      int field = program_->shapes[program_->member_shape].field_index(name);
      if (field >= 0) program_->shapes[program_->member_shape].fields[field].used = true;
    }
  }
  for (Shape& shape : program_->shapes) {
    shape.width = 0;
    for (Field& field : shape.fields) {
      if (field.used) field.slot = shape.width++;
    }
  }
}

void Checker::load_tables() {
  // A table whose columns hold another's keys is read after that one; tables that name each
  // other in a circle are not read.
  enum class Reading { waiting, done };
  std::vector<Reading> reading(table_decls_.size(), Reading::waiting);
  auto ready = [&](std::uint32_t t) {
    return std::all_of(column_keys_[t].begin(), column_keys_[t].end(),
                       [&](const ColumnKeys& c) { return reading[c.table] == Reading::done; });
  };
  for (bool progress = true; progress;) {
    progress = false;
    for (std::uint32_t t = 0; t < table_decls_.size(); ++t) {
      if (reading[t] == Reading::done || !ready(t)) continue;
      load_table(t);
      reading[t] = Reading::done;
      progress = true;
    }
  }
  for (std::uint32_t t = 0; t < table_decls_.size(); ++t) {
    if (reading[t] == Reading::done) continue;
    for (const ColumnKeys& keys : column_keys_[t]) {
      if (reading[keys.table] == Reading::done) continue;
      error(DiagnosticCode::invalid_constraint, keys.declared,
            "table '" + program_->tables[keys.table].name +
                "' is not read: tables whose columns hold each other's keys ('in') form a "
                "circle, and a table in a circle cannot be read first");
      break;
    }
  }
}

void Checker::load_table(std::uint32_t t) {
  const ast::TableDecl& decl = *table_decls_[t];
  if (!decl.file) return;
  TableFileRead read = read_table_(decl.name.range.file, decl.file->text);
  if (const ReadProblem* problem = std::get_if<ReadProblem>(&read)) {
    error(problem->code, decl.file->range, problem->message);
    return;
  }
  TableFile& table_file = std::get<TableFile>(read);
  FileId file = sources_->add(std::move(table_file.name), std::move(table_file.text));
  load_table_rows(*program_, program_->tables[t], file, column_keys_[t], diagnostics_);
}

void Checker::warn_unused() {
  if (!all_read_) return;
  for (const Parameter& parameter : program_->parameters) {
    if (!parameter.used) {
      diagnostics_.warning(DiagnosticCode::unused, parameter.range,
                           "parameter '" + parameter.name + "' is never used");
    }
  }
  for (std::uint32_t t = 0; t < program_->tables.size(); ++t) {
    if (!table_used_[t]) {
      diagnostics_.warning(DiagnosticCode::unused, program_->tables[t].range,
                           "table '" + program_->tables[t].name + "' is never used");
    }
  }
  for (std::uint32_t r = 0; r < program_->rules.size(); ++r) {
    const Rule& rule = program_->rules[r];
    if (!rule.is_decision && !rule_used_[r]) {
      diagnostics_.warning(DiagnosticCode::unused, rule.range,
                           "rule '" + rule.name + "' is never used (only decisions are output)");
    }
    for (std::size_t w = 0; w < rule.withs.size(); ++w) {
      if (!with_used_[r][w]) {
        diagnostics_.warning(DiagnosticCode::unused, rule.withs[w].range,
                             "'" + rule.withs[w].name + "' is never used");
      }
    }
  }
}

// Only for rules that load: explanations exist only then, and these warnings would bury errors.
void Checker::warn_missing_labels() {
  if (!all_read_ || diagnostics_.has_errors()) return;
  // Every language explanations are written in (the message catalog's) that `labels` lacks.
  auto missing = [](const Labels& labels) {
    std::vector<std::string> languages;
    for (const messages::Language* language : messages::languages()) {
      if (std::none_of(labels.begin(), labels.end(),
                       [&](const Label& l) { return l.language == language->code(); }))
        languages.emplace_back(language->code());
    }
    return languages;
  };
  auto warn = [&](const Labels& labels, SourceRange range, const std::string& what) {
    std::vector<std::string> languages = missing(labels);
    if (languages.empty()) return;
    std::string listed;
    for (std::size_t i = 0; i < languages.size(); ++i)
      listed += (i == 0 ? "'" : i + 1 == languages.size() ? " or '" : ", '") + languages[i] + "'";
    diagnostics_.warning(
        DiagnosticCode::missing_label, range,
        what + " has no " + listed + " label; explanations will show its name instead");
  };
  for (const Parameter& parameter : program_->parameters)
    warn(parameter.labels, parameter.range, "parameter '" + parameter.name + "'");
  for (const Rule& rule : program_->rules) {
    warn(rule.labels, rule.range,
         std::string(rule.is_decision ? "decision '" : "rule '") + rule.name + "'");
  }
}

}  // namespace checking
}  // namespace regla
