// Why a decision came out as it did: a tree built from the events of an evaluation
// (explanation_builder), never re-derived afterwards. Renderers turn it into JSON or into a
// caseworker's note.
#pragma once

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <memory>
#include <memory_resource>
#include <span>
#include <string_view>
#include <type_traits>

#include "engine/program/program.hpp"
#include "engine/trace/tracer.hpp"

namespace regla {

struct Explanation;

// The nodes under a node, in the order they were recorded, threaded through the nodes themselves:
// adding one never moves another, and none is destroyed one by one. The nodes live in the memory
// resource of the tree (an arena: `regla eval --explain` builds hundreds of nodes per decision),
// which releases them all at once when the tree is done with.
class ExplanationList {
 public:
  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = Explanation;
    using difference_type = std::ptrdiff_t;
    using pointer = Explanation*;
    using reference = Explanation&;
    iterator() = default;
    explicit iterator(Explanation* node) : node_(node) {}
    Explanation& operator*() const { return *node_; }
    Explanation* operator->() const { return node_; }
    iterator& operator++();
    iterator operator++(int) {
      iterator before = *this;
      ++*this;
      return before;
    }
    bool operator==(const iterator&) const = default;

   private:
    Explanation* node_ = nullptr;
  };

  iterator begin() const { return iterator(first_); }
  iterator end() const { return iterator(); }
  // Where the nodes added after `last` (a node of this list, or null for all of them) start.
  iterator after(const Explanation* last) const;
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  Explanation& front() const { return *first_; }
  Explanation& back() const { return *last_; }
  // A new node at the end, from `memory`.
  Explanation& emplace_back(std::pmr::memory_resource* memory);

 private:
  Explanation* first_ = nullptr;
  Explanation* last_ = nullptr;
  std::size_t size_ = 0;
};

struct Explanation {
  enum class Kind : std::uint8_t {
    rule,        // a rule applied to its arguments
    condition,   // a comparison, a test, and/or/not, a quantifier (IR node `node`)
    element,     // one element of a quantifier's list (`row` of shape `shape`)
    clause,      // `applies when`, `waived when` or `except when` (`clause_kind`, `clause_index`)
    with_value,  // a `with` value the rule looked at (`clause_index` is the with's index)
  };
  using ClauseKind = regla::ClauseKind;
  using Outcome = RuleOutcome;  // how a rule reached its verdict

  // A root, whose nodes (and what they hold) come from `memory`; it must outlive the tree, and
  // release them. Nothing in a tree needs destroying.
  explicit Explanation(std::pmr::memory_resource* resource) : memory(resource) {}
  // A tree is built in place and read where it is: never copied or moved.
  Explanation(const Explanation&) = delete;
  Explanation& operator=(const Explanation&) = delete;

  // Copies of `values` and `text` kept with the tree, for `arguments` and `error`.
  void keep_arguments(std::span<const Value> values) {
    auto* copy = std::pmr::polymorphic_allocator<Value>(memory).allocate(values.size());
    std::uninitialized_copy(values.begin(), values.end(), copy);
    arguments = {copy, values.size()};
  }
  void keep_error(std::string_view text) {
    char* copy = std::pmr::polymorphic_allocator<char>(memory).allocate(text.size());
    std::copy(text.begin(), text.end(), copy);
    error = {copy, text.size()};
  }

  std::pmr::memory_resource* memory;  // of this node's lists, children and copies
  Kind kind = Kind::condition;
  NodeId node = no_node;
  std::uint32_t rule = 0;
  ClauseKind clause_kind = ClauseKind::applies;
  std::uint32_t clause_index = 0;
  std::uint32_t shape = 0;
  std::uint32_t row = 0;
  Outcome outcome = Outcome::evaluated;
  Value value;                       // the verdict or the value
  Value operands[2];                 // for comparisons and tests: what was compared
  std::span<const Value> arguments;  // for rules
  bool needed = true;      // false: evaluated only to show it; the verdict did not depend on it
  bool repeated = false;   // a rule explained earlier for the same record: its verdict only
  std::string_view error;  // set when evaluating this (unneeded) part failed
  ExplanationList children;
  // For rules: the `with` values it computed (their own explanations inside), kept apart from
  // `children`.
  ExplanationList withs;
  Explanation* next = nullptr;  // the next node of the list this one is in
};

static_assert(std::is_trivially_destructible_v<Explanation>);

inline ExplanationList::iterator& ExplanationList::iterator::operator++() {
  node_ = node_->next;
  return *this;
}

inline ExplanationList::iterator ExplanationList::after(const Explanation* last) const {
  return iterator(last ? last->next : first_);
}

inline Explanation& ExplanationList::emplace_back(std::pmr::memory_resource* memory) {
  auto* node = std::pmr::polymorphic_allocator<Explanation>(memory).new_object<Explanation>(memory);
  (last_ ? last_->next : first_) = node;
  last_ = node;
  ++size_;
  return *node;
}

}  // namespace regla
