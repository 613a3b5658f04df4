// The explanation as JSON, for `regla eval --explain`: the same tree, with typed values. A chain of
// one operator (a and b and c) is one condition with all its operands, as it is written.
#include "engine/render/explanation_render.hpp"
#include "engine/render/output.hpp"

namespace regla {
namespace {

bool is_chain(Op op) {
  return op == Op::logical_and || op == Op::logical_or;
}

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
          for (std::size_t i = 0; i < e.withs.size(); ++i) {
            const WithBinding& with = r.withs[e.withs[i].clause_index];
            if (i) out_.comma();
            out_.key(with.name);
            value(context_.program.nodes[with.value].type, e.withs[i].value);
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
        const Node& ir = context_.program.nodes[e.node];
        out_.raw(test_text(e.node));
        out_.raw(R"(,"value":)");
        value(ir.type, e.value);
        bool compared = ir.op == Op::compare_integer || ir.op == Op::compare_decimal ||
                        ir.op == Op::compare_text || ir.op == Op::date_in_interval ||
                        ir.op == Op::month_in_interval;
        bool tested = ir.op == Op::in_set || ir.op == Op::is_present || ir.op == Op::table_contains;
        if (compared || tested) {
          out_.raw(R"(,"operands":[)");
          value(context_.program.nodes[ir.a].type, e.operands[0]);
          if (compared) {
            out_.comma();
            value(ir.op == Op::date_in_interval || ir.op == Op::month_in_interval
                      ? Type::of(Kind::interval)
                      : context_.program.nodes[ir.b].type,
                  e.operands[1]);
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
    const Explanation* enclosing = e.kind == Explanation::Kind::rule ? &e : rule;
    bool any = false;
    children(e, e, enclosing, any);
    if (any) out_.raw("]");
    out_.raw("}");
  }

 private:
  // The children of `e`, and in place of a child that continues e's chain, that child's.
  void children(const Explanation& e, const Explanation& chain, const Explanation* rule,
                bool& any) {
    for (const Explanation& child : e.children) {
      if (child.kind == Explanation::Kind::element && !child.value.present && child.error.empty() &&
          child.needed) {
        continue;  // filtered out by `where`
      }
      if (continues_chain(chain, child)) {
        children(child, chain, rule, any);
        continue;
      }
      out_.raw(any ? "," : ",\"conditions\":[");
      any = true;
      node(child, rule);
    }
  }

  bool continues_chain(const Explanation& chain, const Explanation& child) const {
    if (chain.kind != Explanation::Kind::condition || child.kind != Explanation::Kind::condition)
      return false;
    Op op = context_.program.nodes[chain.node].op;
    return is_chain(op) && context_.program.nodes[child.node].op == op &&
           child.needed == chain.needed && child.error.empty();
  }

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
