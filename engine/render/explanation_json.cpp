// The explanation as JSON, for `regla eval --explain`: the same tree, with typed values. A chain of
// one operator (a and b and c) is one condition with all its operands, as it is written.
#include "engine/render/explanation_render.hpp"
#include "engine/render/output.hpp"

namespace regla {
namespace {

class JsonRenderer {
 public:
  JsonRenderer(const RenderContext& context, JsonWriter& out, ExplanationJsonWriter::Texts& texts)
      : context_(context), out_(out), texts_(texts) {}

  void value(const Type& type, const Value& v) { write_typed_value(context_, out_, type, v); }

  void node(const Explanation& e, const Explanation* rule) {
    out_.raw("{");
    switch (e.kind) {
      case Explanation::Kind::rule: {
        const Rule& r = context_.program.rules[e.rule];
        out_.raw(rule_text(e.rule));
        if (!e.arguments.empty()) {
          out_.raw(R"(,"arguments":[)");
          for (std::size_t i = 0; i < e.arguments.size(); ++i) {
            if (i) out_.comma();
            value(r.parameters[i].type, e.arguments[i]);
          }
          out_.raw("]");
        }
        out_.raw(R"(,"value":)");
        value(r.type, e.value);
        if (e.repeated) {
          out_.raw(R"(,"explained_above":true})");
          return;
        }
        if (e.outcome != Explanation::Outcome::evaluated) {
          static const char* outcomes[] = {R"(,"outcome":"evaluated")",
                                           R"(,"outcome":"not_in_force")",
                                           R"(,"outcome":"not_applicable")",
                                           R"(,"outcome":"waived")", R"(,"outcome":"excepted")"};
          out_.raw(outcomes[static_cast<int>(e.outcome)]);
        }
        if (!e.withs.empty()) {
          out_.raw(R"(,"values":{)");
          for (const Explanation& computed : e.withs) {
            const WithBinding& with = r.withs[computed.clause_index];
            if (&computed != &e.withs.front()) out_.comma();
            out_.key(with.name);
            value(context_.program.nodes[with.value].type, computed.value);
          }
          out_.raw("}");
        }
        break;
      }
      case Explanation::Kind::element:
        out_.raw(R"("element":)");
        out_.string(describe_element(context_, e.shape, e.row));
        out_.raw(R"(,"value":)");
        value(Type::of(Kind::boolean), e.value);
        break;
      case Explanation::Kind::clause: {
        out_.raw(clause_text(e, *rule));
        out_.raw(R"(,"value":)");
        value(Type::of(Kind::boolean), e.value);
        break;
      }
      case Explanation::Kind::with_value:
      case Explanation::Kind::condition: {
        out_.raw(test_text(e.node));
        out_.raw(R"(,"value":)");
        value(context_.program.nodes[e.node].type, e.value);
        if (int operands = compared_operands(context_.program, e.node)) {
          out_.raw(R"(,"operands":[)");
          for (int i = 0; i < operands; ++i) {
            if (i) out_.comma();
            value(operand_type(context_.program, e.node, i), e.operands[i]);
          }
          out_.raw("]");
        }
        break;
      }
    }
    if (!e.needed) {
      out_.raw(R"(,"needed":false)");
    }
    if (!e.error.empty()) {
      out_.raw(R"(,"error":)");
      out_.string(e.error);
    }
    bool any = false;
    for_each_shown_child(context_.program, e, rule,
                         [&](const Explanation& child, const Explanation* enclosing) {
                           out_.raw(any ? "," : ",\"conditions\":[");
                           any = true;
                           node(child, enclosing);
                         });
    if (any) out_.raw("]");
    out_.raw("}");
  }

 private:
  // "test":"<the condition as written>", kept for the next explanation that shows it.
  const std::string& test_text(NodeId node) {
    std::string& text = texts_.tests[node];
    if (text.empty()) {
      JsonWriter json(text);
      json.key("test");
      json.string(source_text(context_.program, node));
    }
    return text;
  }

  // "rule":"<module.name>","label":"<its label>", kept likewise.
  const std::string& rule_text(std::uint32_t rule) {
    std::string& text = texts_.rules[rule];
    if (text.empty()) {
      const Rule& r = context_.program.rules[rule];
      JsonWriter json(text);
      json.key("rule");
      json.string(r.qualified_name());
      label(json, r.labels);
    }
    return text;
  }

  // "clause":"applies|waiver|exception","label":"<its label>", kept likewise.
  const std::string& clause_text(const Explanation& e, const Explanation& rule) {
    const Rule& r = context_.program.rules[rule.rule];
    const Clause& clause = e.clause_kind == Explanation::ClauseKind::applies ? *r.applies
                           : e.clause_kind == Explanation::ClauseKind::waiver
                               ? r.waivers[e.clause_index]
                               : r.exceptions[e.clause_index];
    std::string& text = texts_.clauses[clause.condition];
    if (text.empty()) {
      static const char* kinds[] = {"applies", "waiver", "exception"};
      JsonWriter json(text);
      json.key("clause");
      json.string(kinds[static_cast<int>(e.clause_kind)]);
      label(json, clause.labels);
    }
    return text;
  }

  void label(JsonWriter& json, const Labels& labels) {
    std::string_view text = pick_label(labels, context_.language);
    if (text.empty()) return;
    json.comma();
    json.key("label");
    json.string(text);
  }

  const RenderContext& context_;
  JsonWriter& out_;
  ExplanationJsonWriter::Texts& texts_;
};

}  // namespace

ExplanationJsonWriter::ExplanationJsonWriter(const CheckedProgram& program) : program_(program) {}

void ExplanationJsonWriter::write(const RenderContext& context, const Explanation& explanation,
                                  JsonWriter& out) {
  if (context.language != texts_.language) {  // labels are in the language of the run
    texts_.language = context.language;
    texts_.tests.assign(program_.nodes.size(), std::string());
    texts_.rules.assign(program_.rules.size(), std::string());
    texts_.clauses.assign(program_.nodes.size(), std::string());
  }
  JsonRenderer(context, out, texts_).node(explanation, nullptr);
}

}  // namespace regla
