// The explanation as a note a caseworker reads: one line per rule and condition, a mark for its
// verdict, the values it looked at, what it needed, and which waiver or exception decided it.
#include "engine/messages/catalog.hpp"
#include "engine/render/explanation_render.hpp"

namespace regla {
namespace {

using messages::Message;

class TextRenderer {
 public:
  TextRenderer(const RenderContext& context, std::string& out)
      : context_(context), words_(messages::language(context.language)), out_(out) {}

  // `needed`: whether the parent was needed for the verdict. A node that was not, under one that
  // was, starts an "also" region: its line says so, and it is shown only if it reveals another
  // unmet condition (a part that held adds nothing).
  void under(const Explanation* element) { element_ = element; }

  void render(const Explanation& node, int indent, const Explanation* rule, bool needed,
              bool also = false) {
    also = also || (needed && !node.needed);
    needed = needed && node.needed;
    if (!needed && node.error.empty() && node.value.present && node.value.as_bool() &&
        node.kind != Explanation::Kind::with_value) {
      return;
    }
    also_ = also;
    switch (node.kind) {
      case Explanation::Kind::rule:
        // A value rule (a period, an amount) shows where its value is compared, not on its own.
        if (rule && context_.program.rules[node.rule].type.kind != Kind::boolean) return;
        return render_rule(node, indent, needed);
      case Explanation::Kind::element:
        return render_element(node, indent, rule, needed);
      case Explanation::Kind::clause:
        return render_clause(node, indent, rule, needed);
      case Explanation::Kind::with_value:
        return;  // shown on the rule's values line
      case Explanation::Kind::condition:
        return render_condition(node, indent, rule, needed);
    }
  }

 private:
  std::string word_for(Message message) const { return std::string(words_[message]); }

  const char* mark(const Explanation& node, const Type& type) const {
    if (!node.error.empty()) return "?";
    if (type.kind != Kind::boolean) return "•";
    return node.value.present && node.value.as_bool() ? "✓" : "✗";
  }

  void line(int indent, const Explanation& node, const std::string& text) {
    out_ += std::string(static_cast<std::size_t>(indent), ' ');
    if (also_) out_ += words_[Message::also];
    also_ = false;
    out_ += text;
    if (!node.error.empty())
      out_ +=
          std::string(" — ") + word_for(Message::cannot_evaluate) + ": " + std::string(node.error);
    out_ += "\n";
  }

  // The rule's label, and its arguments except the member whose heading it is under.
  std::string rule_title(const Explanation& node) const {
    const Rule& rule = context_.program.rules[node.rule];
    std::string_view label = pick_label(rule.labels, context_.language);
    std::string title = label.empty() ? rule.name : std::string(label);
    std::string shown;
    for (std::size_t i = 0; i < node.arguments.size(); ++i) {
      const Type& type = rule.parameters[i].type;
      bool heading = element_ && type.kind == Kind::object && type.id == element_->shape &&
                     node.arguments[i].integer == element_->row;
      if (heading) continue;
      if (!shown.empty()) shown += ", ";
      shown += format_value(context_, type, node.arguments[i]);
    }
    return shown.empty() ? title : title + " (" + shown + ")";
  }

  void render_rule(const Explanation& node, int indent, bool needed) {
    const Rule& rule = context_.program.rules[node.rule];
    std::string text = std::string(mark(node, rule.type)) + " " + rule_title(node);
    if (rule.type.kind != Kind::boolean && node.error.empty()) {
      text += " = " + format_value(context_, rule.type, node.value);
    }
    switch (node.outcome) {
      case Explanation::Outcome::not_in_force:
        text += std::string(" — ") + word_for(Message::not_in_force) + " " +
                calendar::format_date(context_.as_of);
        if (rule.in_force_from) text += " (>= " + calendar::format_date(*rule.in_force_from) + ")";
        if (rule.in_force_until) text += " (< " + calendar::format_date(*rule.in_force_until) + ")";
        break;
      case Explanation::Outcome::not_applicable: {
        std::string_view label = pick_label(rule.applies->labels, context_.language);
        text += std::string(" — ") + word_for(Message::does_not_apply) + " (" +
                (label.empty() ? source_text(context_.program, rule.applies->condition)
                               : std::string(label)) +
                ": " + word_for(Message::no) + ")";
        break;
      }
      case Explanation::Outcome::waived:
      case Explanation::Outcome::excepted: {
        bool waived = node.outcome == Explanation::Outcome::waived;
        for (const Explanation& child : node.children) {
          bool decisive =
              child.kind == Explanation::Kind::clause && child.needed && child.value.as_bool() &&
              child.clause_kind ==
                  (waived ? Explanation::ClauseKind::waiver : Explanation::ClauseKind::exception);
          if (!decisive) continue;
          const Clause& clause =
              waived ? rule.waivers[child.clause_index] : rule.exceptions[child.clause_index];
          std::string_view label = pick_label(clause.labels, context_.language);
          text += std::string(" — ") +
                  word_for(waived ? Message::granted_by : Message::refused_by) + ": " +
                  (label.empty() ? source_text(context_.program, clause.condition)
                                 : std::string(label));
        }
        break;
      }
      case Explanation::Outcome::evaluated:
        break;
    }
    line(indent, node, text);
    if (node.outcome == Explanation::Outcome::not_applicable) return;
    for (const Explanation& child : node.children) {
      if (child.kind == Explanation::Kind::clause &&
          child.clause_kind == Explanation::ClauseKind::applies)
        continue;
      render(child, indent + 2, &node, needed);
    }
    render_values(node, indent + 2);
  }

  void render_values(const Explanation& node, int indent) {
    if (node.withs.empty()) return;
    const Rule& rule = context_.program.rules[node.rule];
    std::string text = word_for(Message::values) + ": ";
    bool first = true;
    for (const Explanation& with : node.withs) {
      const WithBinding& binding = rule.withs[with.clause_index];
      std::string_view label = pick_label(binding.labels, context_.language);
      if (!first) text += "; ";
      first = false;
      text += (label.empty() ? binding.name : std::string(label)) + " = " +
              (with.error.empty()
                   ? format_value(context_, context_.program.nodes[binding.value].type, with.value)
                   : std::string("?"));
    }
    out_ += std::string(static_cast<std::size_t>(indent), ' ') + text + "\n";
  }

  void render_children(const Explanation& node, int indent, const Explanation* rule, bool needed) {
    for (const Explanation& child : node.children)
      render(child, indent, rule, needed);
  }

  void render_element(const Explanation& node, int indent, const Explanation* rule, bool needed) {
    if (!node.value.present && node.error.empty()) return;  // filtered out by `where`
    std::string name = context_.program.shapes[node.shape].table
                           ? ""
                           : context_.program.shapes[node.shape].name + " ";
    Type type = Type::of(Kind::boolean);
    line(indent, node,
         std::string(mark(node, type)) + " " + name +
             describe_element(context_, node.shape, node.row));
    const Explanation* outer = element_;
    element_ = &node;
    render_children(node, indent + 2, rule, needed);
    element_ = outer;
  }

  void render_clause(const Explanation& node, int indent, const Explanation* rule, bool needed) {
    const Rule& r = context_.program.rules[rule->rule];
    const Clause& clause = node.clause_kind == Explanation::ClauseKind::applies ? *r.applies
                           : node.clause_kind == Explanation::ClauseKind::waiver
                               ? r.waivers[node.clause_index]
                               : r.exceptions[node.clause_index];
    std::string word =
        word_for(node.clause_kind == Explanation::ClauseKind::applies  ? Message::applies_when
                 : node.clause_kind == Explanation::ClauseKind::waiver ? Message::waiver
                                                                       : Message::exception);
    std::string_view label = pick_label(clause.labels, context_.language);
    std::string text =
        std::string(mark(node, Type::of(Kind::boolean))) + " " + word + ": " +
        (label.empty() ? source_text(context_.program, clause.condition) : std::string(label));
    line(indent, node, text);
    render_children(node, indent + 2, rule, needed);
  }

  std::string operand(NodeId id, const Value& value, const Explanation* rule) const {
    std::string description = describe_node(context_, id, rule);
    std::string shown = format_value(context_, context_.program.nodes[id].type, value);
    return description.empty() || description == shown ? shown : description + " (" + shown + ")";
  }

  std::string shortfall(const Node& node, const Explanation& explanation) const {
    if (explanation.value.as_bool() || !explanation.operands[0].present ||
        !explanation.operands[1].present)
      return "";
    auto comparison = static_cast<Comparison>(node.index);
    const Type& type = context_.program.nodes[node.a].type;
    if (node.op == Op::compare_integer && is_integer_like(type.kind)) {
      long long a = explanation.operands[0].integer, b = explanation.operands[1].integer;
      long long gap = comparison == Comparison::greater_equal ? b - a
                      : comparison == Comparison::greater     ? b - a + 1
                      : comparison == Comparison::less_equal  ? a - b
                      : comparison == Comparison::less        ? a - b + 1
                                                              : 0;
      if (gap <= 0) return "";
      bool more = comparison == Comparison::greater_equal || comparison == Comparison::greater;
      return ": " + messages::fill(words_[more ? Message::needs_more : Message::too_many],
                                   {std::to_string(gap)});
    }
    if (node.op == Op::compare_decimal &&
        (comparison == Comparison::greater_equal || comparison == Comparison::less_equal)) {
      return std::string(": ") +
             word_for(comparison == Comparison::greater_equal ? Message::needs_at_least
                                                              : Message::needs_at_most) +
             " " +
             format_value(context_, context_.program.nodes[node.b].type, explanation.operands[1]);
    }
    return "";
  }

  void render_condition(const Explanation& node, int indent, const Explanation* rule, bool needed) {
    const Node& ir = context_.program.nodes[node.node];
    const char* m = mark(node, ir.type);
    switch (ir.op) {
      case Op::logical_and:
        // A list of conditions that must all hold: shown one after the other.
        if (!node.error.empty()) {
          line(indent, node, std::string(m) + " " + source_text(context_.program, node.node));
          return render_children(node, indent + 2, rule, needed);
        }
        for (const Explanation& child : node.children)
          render(child, indent, rule, needed, also_);
        return;
      case Op::logical_or:
        line(indent, node, std::string(m) + " " + word_for(Message::one_of));
        return render_children(node, indent + 2, rule, needed);
      case Op::logical_not:
        if (node.children.size() == 1 &&
            node.children.front().kind == Explanation::Kind::condition &&
            context_.program.nodes[node.children.front().node].op == Op::is_present) {
          const Explanation& test = node.children.front();
          line(indent, node,
               std::string(m) + " " + source_text(context_.program, node.node) + " (" +
                   format_value(context_,
                                context_.program.nodes[context_.program.nodes[test.node].a].type,
                                test.operands[0]) +
                   ")");
          return;
        }
        line(indent, node, std::string(m) + " " + word_for(Message::not_word));
        return render_children(node, indent + 2, rule, needed);
      case Op::compare_integer:
      case Op::compare_decimal:
      case Op::compare_text: {
        static const char* symbols[] = {"=", "≠", "<", "≤", ">", "≥"};
        std::string text = std::string(m) + " " + operand(ir.a, node.operands[0], rule) + " " +
                           symbols[ir.index] + " " + operand(ir.b, node.operands[1], rule) +
                           shortfall(ir, node);
        line(indent, node, text);
        return;
      }
      case Op::in_set:
      case Op::is_present:
      case Op::table_contains:
        line(indent, node,
             std::string(m) + " " + source_text(context_.program, node.node) + " (" +
                 format_value(context_, context_.program.nodes[ir.a].type, node.operands[0]) + ")");
        return;
      case Op::date_in_interval:
      case Op::month_in_interval:
        line(indent, node,
             std::string(m) + " " + source_text(context_.program, node.node) + " (" +
                 format_value(context_, context_.program.nodes[ir.a].type, node.operands[0]) +
                 "; " + format_value(context_, Type::of(Kind::interval), node.operands[1]) + ")");
        return;
      case Op::all:
      case Op::any:
        line(indent, node,
             std::string(m) + " " +
                 word_for(ir.op == Op::all ? Message::every : Message::at_least_one) + " " +
                 source_text(context_.program, ir.a) +
                 (node.children.empty() ? std::string(": ") + word_for(Message::none) : ":"));
        return render_children(node, indent + 2, rule, needed);
      default:
        line(indent, node, std::string(m) + " " + source_text(context_.program, node.node));
        return render_children(node, indent + 2, rule, needed);
    }
  }

  const RenderContext& context_;
  const messages::Language& words_;
  std::string& out_;
  const Explanation* element_ = nullptr;  // the list element whose heading we are under
  bool also_ = false;                     // the next line starts an "also" region
};

}  // namespace

void render_explanation_text(const RenderContext& context, const Explanation& explanation,
                             int indent, std::string& out,
                             std::optional<std::uint32_t> member_row) {
  TextRenderer renderer(context, out);
  // The member the note is under, so rules about them need not name them.
  Explanation heading(std::pmr::get_default_resource());
  if (member_row) {
    heading.kind = Explanation::Kind::element;
    heading.shape = context.program.member_shape;
    heading.row = *member_row;
    renderer.under(&heading);
  }
  renderer.render(explanation, indent, nullptr, true);
}

}  // namespace regla
