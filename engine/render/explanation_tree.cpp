// The explanation as the API gives it: the tree `regla eval --explain` writes as JSON, as typed
// steps (include/regla/decisions.hpp).
#include "engine/decide/typed_decisions.hpp"
#include "engine/render/explanation_render.hpp"

namespace regla {
namespace {

const char* clause_kind_text(ClauseKind kind) {
  static const char* kinds[] = {"applies", "waiver", "exception"};
  return kinds[static_cast<int>(kind)];
}

const Labels& clause_labels(const Rule& rule, const Explanation& clause) {
  switch (clause.clause_kind) {
    case ClauseKind::applies:
      return rule.applies->labels;
    case ClauseKind::waiver:
      return rule.waivers[clause.clause_index].labels;
    case ClauseKind::exception:
      break;
  }
  return rule.exceptions[clause.clause_index].labels;
}

}  // namespace

ExplanationStep explanation_step(const RenderContext& context, const Explanation& e,
                                 const Explanation* rule) {
  const CheckedProgram& program = context.program;
  // A value as JSON explanations show it: typed, and an object or list (a tested `is present`)
  // in words.
  auto typed = [&](const Type& type, const Value& value) -> DecidedValue {
    if (type.kind == Kind::object || type.kind == Kind::list)
      return value.present ? DecidedValue(format_value(context, type, value)) : std::monostate{};
    return decided_value(program, type, value);
  };
  ExplanationStep step;
  step.needed = e.needed;
  step.error = e.error;
  switch (e.kind) {
    case Explanation::Kind::rule: {
      const Rule& r = program.rules[e.rule];
      step.kind = ExplanationStep::Kind::rule;
      step.text = r.qualified_name();
      step.label = pick_label(r.labels, context.language);
      step.value = typed(r.type, e.value);
      for (std::size_t i = 0; i < e.arguments.size(); ++i)
        step.arguments.push_back(typed(r.parameters[i].type, e.arguments[i]));
      if (e.repeated) {
        step.explained_above = true;
        return step;
      }
      step.outcome = static_cast<ExplanationStep::Outcome>(e.outcome);
      for (const Explanation& with : e.withs) {
        const WithBinding& binding = r.withs[with.clause_index];
        step.values.emplace_back(binding.name,
                                 typed(program.nodes[binding.value].type, with.value));
      }
      break;
    }
    case Explanation::Kind::element:
      step.kind = ExplanationStep::Kind::element;
      step.text = describe_element(context, e.shape, e.row);
      step.value = typed(Type::of(Kind::boolean), e.value);
      break;
    case Explanation::Kind::clause:
      step.kind = ExplanationStep::Kind::clause;
      step.text = clause_kind_text(e.clause_kind);
      step.label = pick_label(clause_labels(program.rules[rule->rule], e), context.language);
      step.value = typed(Type::of(Kind::boolean), e.value);
      break;
    case Explanation::Kind::with_value:
    case Explanation::Kind::condition:
      step.kind = ExplanationStep::Kind::condition;
      step.text = source_text(program, e.node);
      step.value = typed(program.nodes[e.node].type, e.value);
      for (int i = 0; i < compared_operands(program, e.node); ++i)
        step.operands.push_back(typed(operand_type(program, e.node, i), e.operands[i]));
      break;
  }
  for_each_shown_child(program, e, rule,
                       [&](const Explanation& child, const Explanation* enclosing) {
                         step.steps.push_back(explanation_step(context, child, enclosing));
                       });
  return step;
}

}  // namespace regla
