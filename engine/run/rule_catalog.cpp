// regla::catalog (include/regla/catalog.hpp): the checked program's decisions and parameters, in
// the public API's terms, values written as explanations write them.
#include <algorithm>

#include "engine/decide/typed_decisions.hpp"
#include "engine/program/calendar.hpp"
#include "engine/records/record.hpp"
#include "engine/render/explanation_render.hpp"
#include "engine/rule_set/loaded_rules.hpp"
#include "regla/catalog.hpp"

namespace regla {
namespace {

std::vector<LabelText> label_texts(const Labels& labels) {
  std::vector<LabelText> texts;
  for (const Label& label : labels)
    texts.push_back({label.language, label.text});
  return texts;
}

DeclaredAt declared_at(const SourceSet& sources, const SourceRange& range) {
  const SourceFile& file = sources.file(range.file);
  LineColumn at = file.line_column(range.begin);
  return {file.name(), {at.line, at.column}};
}

std::optional<std::string> date_text(const std::optional<calendar::DayNumber>& day) {
  if (!day) return std::nullopt;
  return calendar::format_date(*day);
}

}  // namespace

RuleCatalog catalog(const RuleSet& rules) {
  RuleCatalog catalog;
  const detail::LoadedRules& loaded = detail::loaded_rules(rules);
  if (rules.has_errors() || !loaded.program) return catalog;
  const CheckedProgram& program = *loaded.program;
  auto add_program = [&](const std::string& module) {
    if (std::ranges::find(catalog.programs, module) == catalog.programs.end())
      catalog.programs.push_back(module);
  };
  auto add_decisions = [&](const std::vector<DecisionOutput>& outputs, bool about_members) {
    for (const DecisionOutput& output : outputs) {
      const Rule& rule = program.rules[output.rule];
      add_program(rule.module);
      DecisionEntry entry{output.key,
                          about_members,
                          describe_type(program, rule.type),
                          decision_type(rule.type.kind),
                          rule.type.optional,
                          {},
                          label_texts(rule.labels),
                          rule.source,
                          declared_at(*program.sources, rule.range)};
      if (rule.type.kind == Kind::enumeration)
        entry.enumeration_values = program.enumerations.at(rule.type.id).values;
      catalog.decisions.push_back(std::move(entry));
    }
  };
  add_decisions(program.household_decisions, false);
  add_decisions(program.member_decisions, true);
  // Values are written in English, as a rule file writes them; no value of a parameter is about
  // a record, so an empty one serves.
  Record no_record;
  RenderContext context{program, no_record, 0, "en"};
  for (const Parameter& parameter : program.parameters) {
    add_program(parameter.module);
    ParameterEntry entry{parameter.qualified_name(),
                         describe_type(program, parameter.type),
                         {},
                         label_texts(parameter.labels),
                         parameter.source,
                         declared_at(*program.sources, parameter.range)};
    for (const Parameter::Version& version : parameter.versions) {
      entry.versions.push_back({format_value(context, parameter.type, version.value),
                                date_text(version.from), date_text(version.until)});
    }
    catalog.parameters.push_back(std::move(entry));
  }
  // A program may also hold only rules or tables that others use (inei: the district list).
  for (const Rule& rule : program.rules)
    add_program(rule.module);
  for (const Table& table : program.tables)
    add_program(table.module);
  return catalog;
}

}  // namespace regla
