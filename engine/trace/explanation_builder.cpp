// Building the explanation tree from events.
#include "engine/trace/explanation_builder.hpp"

namespace regla {

ExplanationBuilder::ExplanationBuilder(const CheckedProgram& program, bool explain_repeats_once)
    : program_(program), explain_repeats_once_(explain_repeats_once) {}

void ExplanationBuilder::start(Explanation& root) {
  root_ = &root;
  open_.clear();
  open_rules_.clear();
  unneeded_.clear();
  entered_calls_.clear();
}

Explanation& ExplanationBuilder::open(Explanation::Kind kind, NodeId node) {
  Explanation* child = root_;
  if (open_.empty()) {
    root_ = nullptr;  // the root is recorded once
  } else {
    child = &open_.back()->children.emplace_back(open_.back()->memory);
    child->node = node;
  }
  child->kind = kind;
  open_.push_back(child);
  return *child;
}

std::optional<Value> ExplanationBuilder::enter_rule(std::uint32_t rule, NodeId call,
                                                    std::span<const Value> arguments) {
  Explanation& node = open(Explanation::Kind::rule, call);
  node.rule = rule;
  node.keep_arguments(arguments);
  if (explain_repeats_once_) {
    std::string key = call_key(rule, arguments);
    if (auto explained = explained_calls_.find(key); explained != explained_calls_.end()) {
      node.value = explained->second;
      node.repeated = true;
      close();
      return explained->second;
    }
    entered_calls_.push_back(std::move(key));
  }
  open_rules_.push_back(&node);
  return std::nullopt;
}

void ExplanationBuilder::exit_rule(std::uint32_t, const Value& value, RuleOutcome outcome) {
  open_.back()->value = value;
  open_.back()->outcome = outcome;
  if (explain_repeats_once_) {
    explained_calls_.emplace(std::move(entered_calls_.back()), value);
    entered_calls_.pop_back();
  }
  open_rules_.pop_back();
  close();
}

void ExplanationBuilder::enter_clause(std::uint32_t, ClauseKind kind, std::uint32_t index,
                                      NodeId condition) {
  Explanation& node = open(Explanation::Kind::clause, condition);
  node.clause_kind = kind;
  node.clause_index = index;
}

void ExplanationBuilder::exit_clause(std::uint32_t, ClauseKind, std::uint32_t, bool granted) {
  open_.back()->value = Value::of_bool(granted);
  close();
}

void ExplanationBuilder::enter_with(std::uint32_t index, NodeId value) {
  Explanation& rule = *open_rules_.back();
  Explanation& node = rule.withs.emplace_back(rule.memory);
  node.kind = Explanation::Kind::with_value;
  node.clause_index = index;
  node.node = value;
  open_.push_back(&node);
}

void ExplanationBuilder::exit_with(std::uint32_t, const Value& value) {
  open_.back()->value = value;
  close();
}

void ExplanationBuilder::enter_condition(NodeId node) {
  open(Explanation::Kind::condition, node);
}

void ExplanationBuilder::exit_condition(NodeId, const Value& verdict,
                                        std::span<const Value> compared) {
  Explanation& node = *open_.back();
  node.value = verdict;
  std::copy(compared.begin(), compared.end(), node.operands);
  close();
}

void ExplanationBuilder::enter_element(std::uint32_t shape, std::uint32_t row, bool needed) {
  Explanation& node = open(Explanation::Kind::element, no_node);
  node.shape = shape;
  node.row = row;
  node.needed = needed;
}

void ExplanationBuilder::exit_element(const std::optional<Value>& verdict) {
  if (verdict) open_.back()->value = *verdict;
  close();
}

void ExplanationBuilder::element_failed(const std::string& error) {
  // What the failed filter had opened inside the element closes with it.
  while (open_.back()->kind != Explanation::Kind::element) {
    if (open_.back()->kind == Explanation::Kind::rule) {
      open_rules_.pop_back();
      if (explain_repeats_once_) entered_calls_.pop_back();
    }
    close();
  }
  open_.back()->keep_error(error);
  close();
}

void ExplanationBuilder::begin_unneeded() {
  const ExplanationList& children = open_.back()->children;
  unneeded_.push_back(
      {open_.size(), children.empty() ? nullptr : &children.back(), open_rules_.size()});
}

void ExplanationBuilder::end_unneeded(NodeId node, const std::string* error) {
  Unneeded begun = unneeded_.back();
  unneeded_.pop_back();
  // After an error, what it interrupted stays recorded as far as it got, and open no longer.
  open_.resize(begun.depth);
  open_rules_.resize(begun.rules);
  if (explain_repeats_once_) entered_calls_.resize(begun.rules);
  Explanation& parent = *open_.back();
  for (auto child = parent.children.after(begun.last_child); child != parent.children.end();
       ++child)
    child->needed = false;
  if (!error) return;
  ExplanationList::iterator first = parent.children.after(begun.last_child);
  if (first == parent.children.end()) {
    Explanation& failed = parent.children.emplace_back(parent.memory);
    failed.node = node;
    failed.needed = false;
    first = parent.children.after(begun.last_child);
  }
  first->keep_error(*error);
}

std::string ExplanationBuilder::call_key(std::uint32_t rule,
                                         std::span<const Value> arguments) const {
  std::string key(reinterpret_cast<const char*>(&rule), sizeof rule);
  const Rule& r = program_.rules[rule];
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    key += arguments[i].present ? '+' : '-';
    if (r.parameters[i].type.kind == Kind::text) {
      key += arguments[i].as_text();
      key += '\0';
    } else {
      key.append(reinterpret_cast<const char*>(&arguments[i].integer), sizeof(std::int64_t));
    }
  }
  return key;
}

}  // namespace regla
