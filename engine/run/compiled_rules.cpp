// Making a rule set ready to evaluate: everything that can be refused is refused here, once, so
// that evaluators are built without failing.
#include "engine/run/compiled_rules.hpp"

#include <algorithm>
#include <stdexcept>

#include "engine/messages/catalog.hpp"
#include "engine/program/value_text.hpp"
#include "engine/rule_set/loaded_rules.hpp"

namespace regla {
namespace {

// Only a text field the rules read can group the summary: the loader skips the others.
std::optional<std::string> group_field_problem(const Shape& household, const std::string& name,
                                               int& field) {
  field = household.field_index(name);
  if (field < 0) return "the household has no field '" + name + "'";
  if (household.fields[field].type.kind != Kind::text)
    return "the household field '" + name + "' is not text";
  if (!household.fields[field].used)
    return "the household field '" + name + "' is not read by the rules";
  return std::nullopt;
}

std::vector<std::string> keys(const std::vector<DecisionOutput>& decisions) {
  std::vector<std::string> out;
  for (const DecisionOutput& decision : decisions)
    out.push_back(decision.key);
  return out;
}

}  // namespace

CompileResult compile(const RuleSet& rules, const EvaluationOptions& options) {
  auto refused = [](std::string why) { return CompileResult{std::nullopt, std::move(why)}; };
  if (rules.has_errors()) return refused("the rule set has errors:\n" + rules.diagnostics_text());
  const CheckedProgram& program = *detail::loaded_rules(rules).program;
  const Shape* household =
      program.shapes.empty() ? nullptr : &program.shapes[program.household_shape];
  if (!household || !household->id_field())
    return refused("the rule set declares no 'shape household' with an id field");
  std::optional<calendar::DayNumber> as_of = calendar::parse_date(options.as_of);
  if (!as_of) return refused(not_a_value("'" + options.as_of + "'", Kind::date));
  std::vector<std::string> languages = explanation_languages();
  if (std::ranges::find(languages, options.language) == languages.end()) {
    return refused("unknown language '" + options.language + "': the engine speaks " +
                   messages::language_codes(", "));
  }
  int group_field = -1;
  if (!options.group_by.empty()) {
    if (auto problem = group_field_problem(*household, options.group_by, group_field))
      return refused("cannot break the summary down by '" + options.group_by + "': " + *problem);
  }
  std::shared_ptr<const CompiledProgram> compiled;
  if (options.evaluator == EvaluatorKind::compiled)
    compiled = std::make_shared<const CompiledProgram>(compile_program(program, *as_of));
  auto implementation =
      std::make_shared<const CompiledRules::Implementation>(CompiledRules::Implementation{
          rules, program, options, *as_of, group_field, std::move(compiled),
          keys(program.household_decisions), keys(program.member_decisions),
          DecisionWriter(program,
                         OutputLine{household_id_key(program), {}, options.as_of, rules.hash()})});
  return CompileResult{CompiledRules(std::move(implementation)), ""};
}

const CompiledRules& CompileResult::value() const {
  if (!rules) throw std::invalid_argument(error);
  return *rules;
}

void write_json_line(const CompiledRules& rules, const Evaluation& evaluation, std::string& out) {
  const CompiledRules::Implementation& compiled = rules.implementation();
  if (evaluation.error) {
    OutputLine line{
        household_id_key(compiled.program), {}, compiled.options.as_of, compiled.rules.hash()};
    if (evaluation.household_id) line.household_id = *evaluation.household_id;
    return write_error(line, evaluation.line, *evaluation.error, out);
  }
  compiled.writer.write(evaluation, out);
  DecisionWriter::close(out);
}

const RuleSet& CompiledRules::rules() const {
  return implementation_->rules;
}
const EvaluationOptions& CompiledRules::options() const {
  return implementation_->options;
}
const std::vector<std::string>& CompiledRules::household_decisions() const {
  return implementation_->household_decisions;
}
const std::vector<std::string>& CompiledRules::member_decisions() const {
  return implementation_->member_decisions;
}

}  // namespace regla
