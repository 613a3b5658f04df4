// The caseworker's note. A failed rule is followed down to the rules that failed under it, and
// where none did, its own findings are said: the values it computed, what a comparison needed and
// by how much it missed, a fact the record lacks. A rule that held is one line; one that did not
// apply is left out (unless all conditions are asked for).
#include "engine/render/caseworker_note.hpp"

#include <algorithm>

#include "engine/program/operations.hpp"

namespace regla {

using messages::Message;

struct CaseworkerNote::Place {
  std::optional<std::uint32_t> member;  // the member whose element the walk is in
  bool member_named = false;            // whether a line above already names them
};

// What to list under a rule: the rules that failed (under a failed rule), those that held (under
// one that held), or every one (under a value, such as a transfer's amount).
enum class Listing { failures, successes, all };

struct CaseworkerNote::Facts {
  const Explanation* rule = nullptr;  // whose own conditions these are
  Listing listing = Listing::failures;
  std::vector<std::string> lines;
  // Conditions failed on values the record lacks: what each is called (empty: no name).
  std::vector<std::string> missing;
  std::vector<std::uint32_t> named_withs;  // `with` values a line already names
};

namespace {

bool holds(const Explanation& node) {
  return node.value.present && node.value.as_bool();
}

const char* mark(const Explanation& node, const Type& type) {
  if (!node.error.empty()) return "?";
  if (type.kind != Kind::boolean) return "•";
  return holds(node) ? "✓" : "✗";
}

std::string indented(int indent, const std::string& text) {
  return std::string(static_cast<std::size_t>(indent), ' ') + text + "\n";
}

}  // namespace

CaseworkerNote::CaseworkerNote(const RenderContext& context, bool all_conditions, std::string& out)
    : context_(context),
      words_(messages::language(context.language)),
      all_conditions_(all_conditions),
      out_(&out),
      period_rules_(static_cast<std::size_t>(
          std::ranges::count_if(context.program.rules, [](const Rule& rule) {
            return rule.type.kind == Kind::interval && rule.parameters.empty();
          }))) {}

void CaseworkerNote::write_line(int indent, const std::string& text) {
  *out_ += indented(indent, text);
  joinable_.reset();
}

std::string CaseworkerNote::word(Message message) const {
  return std::string(words_[message]);
}

void CaseworkerNote::decision(const Explanation& root, int indent,
                              std::optional<std::uint32_t> member_row) {
  heading_member_ = member_row;
  Place place{member_row, true};
  rule_line(root, indent, place, true);
  std::size_t heading_end = out_->size();
  state_periods(root, indent + 2);
  if (root.outcome != Explanation::Outcome::evaluated || !root.error.empty() ||
      explained_before(root))
    return;
  explain_rule(root, indent + 2, place);
  // A decision that held on one rule says it on its own line: "✓ SIS fully subsidized — yes:
  // the household passes the means test".
  std::string held_on = indented(indent + 2, "✓ ");
  held_on.pop_back();
  bool one_line = out_->size() > heading_end && out_->find('\n', heading_end) == out_->size() - 1;
  if (holds(root) && one_line && out_->compare(heading_end, held_on.size(), held_on) == 0) {
    std::string reason = out_->substr(heading_end + held_on.size());
    out_->resize(heading_end - 1);  // before the heading's line break
    *out_ += ": " + reason;
    joinable_.reset();
  }
}

// Each period a decision looks at (a rule whose value is an interval, such as the verification
// period), said once, the first time a decision uses it.
void CaseworkerNote::state_periods(const Explanation& node, int indent) {
  if (stated_periods_.size() == period_rules_) return;  // all stated: nothing more to look for
  if (node.kind == Explanation::Kind::rule && node.arguments.empty() && node.error.empty() &&
      context_.program.rules[node.rule].type.kind == Kind::interval &&
      std::ranges::find(stated_periods_, node.rule) == stated_periods_.end()) {
    stated_periods_.push_back(node.rule);
    const Rule& rule = context_.program.rules[node.rule];
    std::string_view label = pick_label(rule.labels, context_.language);
    write_line(indent, (label.empty() ? rule.name : std::string(label)) + ": " +
                           note_value(context_, rule.type, node.value));
  }
  for (const Explanation& child : node.children)
    state_periods(child, indent);
  for (const Explanation& with : node.withs)
    state_periods(with, indent);
}

bool CaseworkerNote::explained_before(const Explanation& rule) const {
  const Rule& r = context_.program.rules[rule.rule];
  return std::ranges::any_of(explained_, [&](const auto& explained) {
    if (explained.first != rule.rule || explained.second.size() != rule.arguments.size())
      return false;
    for (std::size_t i = 0; i < rule.arguments.size(); ++i) {
      if (!operations::same_value(r.parameters[i].type, explained.second[i], rule.arguments[i]))
        return false;
    }
    return true;
  });
}

// The rule's label, with its arguments other than the member the walk is about ("enough 'cred'
// visits in this window (1 to 4 years)").
std::string CaseworkerNote::rule_title(const Explanation& node, const Place& place) const {
  const Rule& rule = context_.program.rules[node.rule];
  std::string_view label = pick_label(rule.labels, context_.language);
  std::string title = label.empty() ? rule.name : std::string(label);
  std::string shown;
  for (std::size_t i = 0; i < node.arguments.size(); ++i) {
    const Type& type = rule.parameters[i].type;
    bool member = type.kind == Kind::object && type.id == context_.program.member_shape &&
                  !context_.program.shapes[type.id].table;
    if (member && place.member && node.arguments[i].integer == *place.member) continue;
    if (!shown.empty()) shown += ", ";
    shown += note_value(context_, type, node.arguments[i]);
  }
  return shown.empty() ? title : title + " (" + shown + ")";
}

// A rule's line: its mark, whom it is about, its label; a decision's says its verdict in words too.
void CaseworkerNote::rule_line(const Explanation& node, int indent, const Place& place,
                               bool decision) {
  const Rule& rule = context_.program.rules[node.rule];
  bool named = place.member && !place.member_named;
  if (named && joinable_ && joinable_->indent == indent && joinable_->member == *place.member &&
      holds(node) && node.outcome == Explanation::Outcome::evaluated && node.needed) {
    out_->pop_back();  // the line break
    *out_ += "; " + rule_title(node, place) + "\n";
    return;
  }
  std::string text = std::string(mark(node, rule.type)) + " ";
  if (!node.needed) text = word(Message::also) + text;
  if (named) text += describe_member(context_, *place.member) + ": ";
  text += rule_title(node, place);
  if (decision) text += " — " + note_value(context_, rule.type, node.value);
  auto clause_text = [&](const Clause& clause) {
    std::string_view label = pick_label(clause.labels, context_.language);
    return label.empty() ? source_text(context_.program, clause.condition) : std::string(label);
  };
  auto aside = [&](const std::string& said) {
    text += decision ? " (" + said + ")" : " — " + said;
  };
  switch (node.outcome) {
    case Explanation::Outcome::not_in_force:
      aside(word(Message::not_in_force) + " " +
            note_value(context_, Type::of(Kind::date), Value::of_integer(context_.as_of)));
      break;
    case Explanation::Outcome::not_applicable:
      aside(word(Message::does_not_apply) + " (" + clause_text(*rule.applies) + ": " +
            word(Message::no) + ")");
      break;
    case Explanation::Outcome::waived:
    case Explanation::Outcome::excepted: {
      bool waived = node.outcome == Explanation::Outcome::waived;
      for (const Explanation& child : node.children) {
        bool decisive = child.kind == Explanation::Kind::clause && child.needed && holds(child) &&
                        child.clause_kind == (waived ? ClauseKind::waiver : ClauseKind::exception);
        if (!decisive) continue;
        aside(word(waived ? Message::granted_by : Message::refused_by) + ": " +
              clause_text(waived ? rule.waivers[child.clause_index]
                                 : rule.exceptions[child.clause_index]));
      }
      break;
    }
    case Explanation::Outcome::evaluated:
      if (rule.type.kind == Kind::boolean && !holds(node) && explained_before(node))
        aside(word(Message::see_above));
      break;
  }
  if (!node.error.empty())
    text += " — " + word(Message::cannot_evaluate) + ": " + std::string(node.error);
  write_line(indent, text);
  if (named && holds(node) && node.outcome == Explanation::Outcome::evaluated && node.needed)
    joinable_ = JoinableLine{indent, *place.member};
}

// Under a rule whose line is written: what decided it.
void CaseworkerNote::explain_rule(const Explanation& rule, int indent, const Place& place) {
  const Rule& r = context_.program.rules[rule.rule];
  bool failed = r.type.kind == Kind::boolean && !holds(rule);
  if (failed)
    explained_.emplace_back(rule.rule,
                            std::vector<Value>(rule.arguments.begin(), rule.arguments.end()));
  Facts facts;
  facts.rule = &rule;
  facts.listing = r.type.kind != Kind::boolean ? Listing::all
                  : failed                     ? Listing::failures
                                               : Listing::successes;
  Place inner = place;
  if (place.member) inner.member_named = true;
  for (const Explanation& child : rule.children) {
    if (child.kind != Explanation::Kind::clause) walk(child, indent, inner, facts);
  }
  if (!failed) return;
  std::vector<const Explanation*> withs;
  for (const Explanation& with : rule.withs) {
    if (with.error.empty() &&
        std::ranges::find(facts.named_withs, with.clause_index) == facts.named_withs.end())
      withs.push_back(&with);
  }
  std::ranges::sort(withs, {}, &Explanation::clause_index);
  std::string values;
  for (const Explanation* with : withs) {
    const WithBinding& binding = r.withs[with->clause_index];
    std::string_view label = pick_label(binding.labels, context_.language);
    if (!values.empty()) values += "; ";
    values += (label.empty() ? binding.name : std::string(label)) + ": " +
              note_value(context_, context_.program.nodes[binding.value].type, with->value);
  }
  if (!values.empty()) write_line(indent, values);
  for (const std::string& line : facts.lines)
    write_line(indent, line);
  for (const std::string& missing : facts.missing) {
    write_line(indent, missing.empty() ? word(Message::missing_fact)
                                       : messages::fill(words_[Message::missing_field], {missing}));
  }
}

void CaseworkerNote::walk(const Explanation& node, int indent, const Place& place, Facts& facts) {
  if (!node.needed && !all_conditions_) return;
  bool listed_verdict = facts.listing == Listing::all ||
                        (facts.listing == Listing::failures) != holds(node) || all_conditions_;
  switch (node.kind) {
    case Explanation::Kind::rule: {
      const Rule& rule = context_.program.rules[node.rule];
      if (rule.type.kind != Kind::boolean) return;  // a period or amount: shown where it is used
      if (!listed_verdict) return;
      if (node.outcome == Explanation::Outcome::not_applicable && !all_conditions_) return;
      rule_line(node, indent, place, false);
      bool explain = !holds(node) && node.outcome == Explanation::Outcome::evaluated &&
                     node.error.empty() && !node.repeated && !explained_before(node);
      if (explain) explain_rule(node, indent + 2, place);
      return;
    }
    case Explanation::Kind::element: {
      if (!node.value.present && node.error.empty()) return;  // filtered out by `where`
      if (!listed_verdict) return;
      Place inner = place;
      if (node.shape == context_.program.member_shape) {
        inner.member = node.row;
        inner.member_named = heading_member_ == node.row;
      }
      for (const Explanation& child : node.children)
        walk(child, indent, inner, facts);
      return;
    }
    case Explanation::Kind::clause:
    case Explanation::Kind::with_value:
      return;
    case Explanation::Kind::condition:
      break;
  }
  switch (context_.program.nodes[node.node].op) {
    case Op::any:
      // No element qualified: the rule's own label says what was looked for.
      if (!holds(node) && facts.listing == Listing::failures && !all_conditions_) return;
      break;
    case Op::logical_or:
      // In `a or b` the alternatives before the last are usually exemptions (`school_days = 0 or
      // ...`): when all fail, the last is what was required.
      if (!holds(node) && !node.children.empty() && !all_conditions_)
        return walk(node.children.back(), indent, place, facts);
      break;
    case Op::logical_not:
      return;  // its rule's label says it better than a negation would
    case Op::compare_integer:
    case Op::compare_decimal:
    case Op::compare_text:
    case Op::in_set:
    case Op::is_present:
    case Op::table_contains:
    case Op::date_in_interval:
    case Op::month_in_interval:
      if (facts.listing == Listing::failures && !holds(node) && node.error.empty())
        add_fact(node, *facts.rule, facts);
      // Under an operand, only a rule it calls can say more: the elements a count's `where`
      // looked at are summed up in the count.
      for (const Explanation& child : node.children) {
        if (child.kind == Explanation::Kind::rule) walk(child, indent, place, facts);
      }
      return;
    default:
      break;
  }
  for (const Explanation& child : node.children)
    walk(child, indent, place, facts);
}

// What a value is called in words: a `with` value's, a parameter's or a rule's label, the
// evaluation date, a field's name. nullopt for anything else (a constant, a calculation), which a
// fact then shows by its value alone.
std::optional<std::string> CaseworkerNote::operand_name(NodeId id, const Explanation& rule) const {
  const Node& node = context_.program.nodes[id];
  std::string_view label;
  switch (node.op) {
    case Op::to_decimal:
      return operand_name(node.a, rule);
    case Op::with_value: {
      const WithBinding& with = context_.program.rules[rule.rule].withs[node.index];
      label = pick_label(with.labels, context_.language);
      return label.empty() ? with.name : std::string(label);
    }
    case Op::parameter:
    case Op::call:
    case Op::as_of:
      return describe_node(context_, id, &rule);
    case Op::field: {
      // Fields have no labels: the record's own name for it, in words ("monthly income").
      const Shape& shape = context_.program.shapes[context_.program.nodes[node.a].type.id];
      std::string name = shape.fields[node.index].name;
      std::ranges::replace(name, '_', ' ');
      return name;
    }
    default:
      return std::nullopt;
  }
}

std::string CaseworkerNote::comparison_fact(const Explanation& condition,
                                            const Explanation& rule) const {
  const Node& ir = context_.program.nodes[condition.node];
  std::optional<std::string> left_name = operand_name(ir.a, rule);
  std::optional<std::string> right_name = operand_name(ir.b, rule);
  const Type& left_type = context_.program.nodes[ir.a].type;
  const Type& right_type = context_.program.nodes[ir.b].type;
  // "no — needs yes" says nothing the rule's label does not.
  if (!left_name && !right_name && left_type.kind == Kind::boolean) return "";
  // A share compared with a percentage is one too: 0.714 reads 71.4%.
  const Type& shown_left =
      left_type.kind == Kind::decimal && right_type.kind == Kind::percent ? right_type : left_type;
  std::string left = note_value(context_, shown_left, condition.operands[0]);
  if (left_name) left = *left_name + ": " + left;
  std::string right = note_value(context_, right_type, condition.operands[1]);
  if (right_name) right += " (" + *right_name + ")";
  bool dated = left_type.kind == Kind::date || left_type.kind == Kind::month;
  auto comparison = static_cast<Comparison>(ir.index);
  Message requirement = Message::requires_equal;
  switch (comparison) {
    case Comparison::equal:
      break;
    case Comparison::not_equal:
      requirement = Message::requires_not_equal;
      break;
    case Comparison::less:
      requirement = dated ? Message::requires_before : Message::requires_less;
      break;
    case Comparison::less_equal:
      requirement = dated ? Message::requires_on_or_before : Message::requires_at_most;
      break;
    case Comparison::greater:
      requirement = dated ? Message::requires_after : Message::requires_more;
      break;
    case Comparison::greater_equal:
      requirement = dated ? Message::requires_on_or_after : Message::requires_at_least;
      break;
  }
  std::string text = left + " — " + messages::fill(words_[requirement], {right});
  // A count says by how many it missed ("1 short"); an age or a date does not.
  if (left_type.kind == Kind::integer && right_type.kind == Kind::integer) {
    long long a = condition.operands[0].integer, b = condition.operands[1].integer;
    long long short_by = comparison == Comparison::greater_equal ? b - a
                         : comparison == Comparison::greater     ? b - a + 1
                                                                 : 0;
    long long over_by = comparison == Comparison::less_equal ? a - b
                        : comparison == Comparison::less     ? a - b + 1
                                                             : 0;
    if (short_by > 0) {
      text +=
          "; " + messages::fill(words_[short_by == 1 ? Message::short_by_one : Message::short_by],
                                {std::to_string(short_by)});
    } else if (over_by > 0) {
      text += "; " + messages::fill(words_[over_by == 1 ? Message::over_by_one : Message::over_by],
                                    {std::to_string(over_by)});
    }
  }
  return text;
}

void CaseworkerNote::add_fact(const Explanation& condition, const Explanation& rule,
                              Facts& facts) const {
  const Node& ir = context_.program.nodes[condition.node];
  auto lacks = [&](NodeId operand) {
    std::string name = operand_name(operand, rule).value_or("");
    if (std::ranges::find(facts.missing, name) == facts.missing.end())
      facts.missing.push_back(name);
  };
  int operands = compared_operands(context_.program, condition.node);
  for (int i = 0; i < operands; ++i) {
    if (!condition.operands[i].present) return lacks(i == 0 ? ir.a : ir.b);
  }
  auto name_with = [&](NodeId id) {
    const Node& node = context_.program.nodes[id];
    const Node& inner = node.op == Op::to_decimal ? context_.program.nodes[node.a] : node;
    if (inner.op == Op::with_value) facts.named_withs.push_back(inner.index);
  };
  std::string text;
  switch (ir.op) {
    case Op::is_present:
      return lacks(ir.a);
    case Op::in_set:
      text = messages::fill(
          words_[Message::not_accepted],
          {note_value(context_, context_.program.nodes[ir.a].type, condition.operands[0])});
      break;
    case Op::table_contains:
      text = messages::fill(
          words_[Message::not_in_table],
          {note_value(context_, context_.program.nodes[ir.a].type, condition.operands[0])});
      break;
    case Op::date_in_interval:
    case Op::month_in_interval: {
      auto side = [&](NodeId id, const Type& type, const Value& value) {
        std::string shown = note_value(context_, type, value);
        std::optional<std::string> name = operand_name(id, rule);
        return name ? *name + " (" + shown + ")" : shown;
      };
      text = messages::fill(words_[Message::outside],
                            {side(ir.a, context_.program.nodes[ir.a].type, condition.operands[0]),
                             side(ir.b, Type::of(Kind::interval), condition.operands[1])});
      break;
    }
    default:
      text = comparison_fact(condition, rule);
      if (text.empty()) return;
      name_with(ir.a);
      name_with(ir.b);
      break;
  }
  if (std::ranges::find(facts.lines, text) == facts.lines.end()) facts.lines.push_back(text);
}

}  // namespace regla
