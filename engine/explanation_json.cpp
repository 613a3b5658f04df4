// The explanation as JSON, for `regla eval --explain`: the same tree, with typed values.
#include "engine/explanation_render.hpp"
#include "engine/output.hpp"

namespace regla {
namespace {

class JsonRenderer {
 public:
  JsonRenderer(const RenderContext& context, JsonWriter& out) : context_(context), out_(out) {}

  void value(const Type& type, const Value& v) { write_typed_value(context_, out_, type, v); }

  void node(const Explanation& e, const Explanation* rule) {
    out_.raw("{");
    switch (e.kind) {
      case Explanation::Kind::rule: {
        const Rule& r = context_.program.rules[e.rule];
        out_.key("rule");
        out_.string(r.qualified_name());
        label(r.labels);
        if (!e.arguments.empty()) {
          out_.comma();
          out_.key("arguments");
          out_.raw("[");
          for (std::size_t i = 0; i < e.arguments.size(); ++i) {
            if (i) out_.comma();
            value(r.parameters[i].type, e.arguments[i]);
          }
          out_.raw("]");
        }
        out_.comma();
        out_.key("value");
        value(r.type, e.value);
        if (e.outcome != Explanation::Outcome::evaluated) {
          static const char* outcomes[] = {"evaluated", "not_in_force", "not_applicable", "waived",
                                           "excepted"};
          out_.comma();
          out_.key("outcome");
          out_.string(outcomes[static_cast<int>(e.outcome)]);
        }
        if (!e.withs.empty()) {
          out_.comma();
          out_.key("values");
          out_.raw("{");
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
        out_.key("element");
        out_.string(describe_element(context_, e.shape, e.row));
        out_.comma();
        out_.key("value");
        value(Type::of(Kind::boolean), e.value);
        break;
      case Explanation::Kind::clause: {
        const Rule& r = context_.program.rules[rule->rule];
        static const char* kinds[] = {"applies", "waiver", "exception"};
        const Clause& clause = e.clause_kind == Explanation::ClauseKind::applies ? *r.applies
                               : e.clause_kind == Explanation::ClauseKind::waiver
                                   ? r.waivers[e.clause_index]
                                   : r.exceptions[e.clause_index];
        out_.key("clause");
        out_.string(kinds[static_cast<int>(e.clause_kind)]);
        label(clause.labels);
        out_.comma();
        out_.key("value");
        value(Type::of(Kind::boolean), e.value);
        break;
      }
      case Explanation::Kind::with_value:
      case Explanation::Kind::condition: {
        const Node& ir = context_.program.nodes[e.node];
        out_.key("test");
        out_.string(source_text(context_.program, e.node));
        out_.comma();
        out_.key("value");
        value(ir.type, e.value);
        bool compared = ir.op == Op::compare_integer || ir.op == Op::compare_decimal ||
                        ir.op == Op::compare_text || ir.op == Op::date_in_interval ||
                        ir.op == Op::month_in_interval;
        bool tested = ir.op == Op::in_set || ir.op == Op::is_present || ir.op == Op::table_contains;
        if (compared || tested) {
          out_.comma();
          out_.key("operands");
          out_.raw("[");
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
      out_.comma();
      out_.key("needed");
      out_.boolean(false);
    }
    if (!e.error.empty()) {
      out_.comma();
      out_.key("error");
      out_.string(e.error);
    }
    const Explanation* enclosing = e.kind == Explanation::Kind::rule ? &e : rule;
    bool any = false;
    for (const Explanation& child : e.children) {
      if (child.kind == Explanation::Kind::element && !child.value.present && child.error.empty() &&
          child.needed) {
        continue;  // filtered out by `where`
      }
      out_.raw(any ? "," : ",\"conditions\":[");
      any = true;
      node(child, enclosing);
    }
    if (any) out_.raw("]");
    out_.raw("}");
  }

 private:
  void label(const Labels& labels) {
    std::string_view text = pick_label(labels, context_.language);
    if (text.empty()) return;
    out_.comma();
    out_.key("label");
    out_.string(text);
  }

  const RenderContext& context_;
  JsonWriter& out_;
};

}  // namespace

void render_explanation_json(const RenderContext& context, const Explanation& explanation,
                             JsonWriter& out) {
  JsonRenderer(context, out).node(explanation, nullptr);
}

}  // namespace regla
