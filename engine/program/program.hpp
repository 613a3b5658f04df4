// The checked program: every name resolved, every expression typed, every unit reconciled. Both the
// reference interpreter and the compiler read only this; neither ever looks a name up.
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dsl/source.hpp"
#include "engine/program/builtins.hpp"
#include "engine/program/calendar.hpp"
#include "engine/program/field_limits.hpp"
#include "engine/program/types.hpp"
#include "engine/program/value.hpp"

namespace regla {

using NodeId = std::uint32_t;
constexpr NodeId no_node = UINT32_MAX;

struct Label {
  std::string language;
  std::string text;
};
using Labels = std::vector<Label>;
// The label in `language`, else English, else the first one, else empty.
std::string_view pick_label(const Labels& labels, std::string_view language);

struct Enumeration {
  std::vector<std::string> values;
};

struct Field {
  std::string name;
  Type type;
  bool is_id = false;
  SourceRange range;
  bool used = false;                // only used fields are stored; every field is checked
  std::uint32_t slot = UINT32_MAX;  // position in the object's row, for used fields
  FieldLimits limits = {};
};

struct Shape {
  std::string name;
  std::vector<Field> fields;
  SourceRange range;
  std::optional<std::uint32_t> table;  // set when this shape is the row of a table
  std::uint32_t width = 0;             // number of used fields (slots per row)
  std::optional<std::uint32_t> id;     // the 'id' field's index, set with the fields

  int field_index(std::string_view field_name) const;
  std::optional<std::uint32_t> id_field() const { return id; }
};

// Rows of objects of one shape: row r's used fields are values[r * width, (r + 1) * width).
class ObjectRows {
 public:
  void reset(std::uint32_t width) {
    width_ = width;
    count_ = 0;
  }
  void clear() { count_ = 0; }
  // The storage only grows (rows are appended for every record, and cleared between records),
  // so appending is filling `width_` slots once a few records have been seen.
  std::uint32_t append_row() {
    std::size_t begin = static_cast<std::size_t>(count_) * width_;
    if (begin + width_ > values_.size()) values_.resize(2 * (begin + width_));
    std::fill_n(values_.begin() + static_cast<std::ptrdiff_t>(begin), width_, Value::missing());
    return count_++;
  }
  std::uint32_t count() const { return count_; }
  Value& at(std::uint32_t row, std::uint32_t slot) { return values_[row * width_ + slot]; }
  const Value& at(std::uint32_t row, std::uint32_t slot) const {
    return values_[row * width_ + slot];
  }

 private:
  std::uint32_t width_ = 0;
  std::uint32_t count_ = 0;
  std::vector<Value> values_;
};

struct Parameter {
  struct Version {
    Value value;
    std::optional<calendar::DayNumber> from;   // included
    std::optional<calendar::DayNumber> until;  // excluded
  };
  std::string module;
  std::string name;
  Type type;
  std::vector<Version> versions;
  Labels labels;
  std::string source;
  SourceRange range;
  bool used = false;

  std::string qualified_name() const { return module + "." + name; }
  // The version in force on `day`, if any.
  const Version* version_at(calendar::DayNumber day) const;
};

struct Table {
  std::string module;
  std::string name;
  std::string file;  // as written in the rule file
  std::uint32_t shape = 0;
  std::optional<std::uint32_t> key_field;
  SourceRange range;
  ObjectRows rows;
  std::unordered_map<std::string_view, std::uint32_t> rows_by_text_key;
  std::unordered_map<std::int64_t, std::uint32_t> rows_by_integer_key;
  std::deque<std::string> texts;  // owns the text cells; a deque keeps views stable

  std::string qualified_name() const { return module + "." + name; }
  // The row whose key is `key`, if any (`text_key`: the key column is text). Both evaluators look
  // rows up here.
  std::optional<std::uint32_t> row_with_key(const Value& key, bool text_key) const {
    if (!key.present) return std::nullopt;
    if (text_key) {
      auto found = rows_by_text_key.find(key.as_text());
      if (found != rows_by_text_key.end()) return found->second;
    } else {
      auto found = rows_by_integer_key.find(key.integer);
      if (found != rows_by_integer_key.end()) return found->second;
    }
    return std::nullopt;
  }
};

// What each node computes; the operand roles are noted on each.
enum class Op : std::uint8_t {
  constant,            // `constant`
  parameter,           // index: parameter
  as_of,               //
  local,               // index: slot (rule parameter or quantifier variable)
  with_value,          // index: with binding of the current rule (evaluated once, on first use)
  field,               // a: object; index: field in a's shape
  table_row,           // a: key; index: table. The row, or missing
  table_contains,      // a: key; index: table
  table_rows,          // index: table. All rows, as a list
  call,                // index: rule; arguments
  builtin,             // index: entry of builtins::table(); evaluation; arguments
  logical_not,         // a
  logical_and,         // a, b (b only when a holds)
  logical_or,          // a, b (b only when a fails)
  negate_integer,      // a
  negate_decimal,      // a
  to_decimal,          // a: integer-like
  years_to_months,     // a: years
  add_integer,         // a, b (checked for overflow, as all integer arithmetic)
  subtract_integer,    // a, b
  multiply_integer,    // a, b
  divide_integer,      // a, b: integers; result decimal
  add_decimal,         // a, b
  subtract_decimal,    // a, b
  multiply_decimal,    // a, b
  divide_decimal,      // a, b
  date_plus_days,      // a: date, b: days
  date_minus_days,     // a: date, b: days
  date_plus_months,    // a: date, b: months
  date_minus_months,   // a: date, b: months
  date_difference,     // a - b, in days
  month_plus_months,   // a: month, b: months
  month_minus_months,  // a: month, b: months
  compare_integer,     // a, b; index: Comparison
  compare_decimal,     // a, b; index: Comparison
  compare_text,        // a, b; index: Comparison
  in_set,              // a; `set` (sorted); index: 1 when a is text
  date_in_interval,    // a: date, b: interval
  month_in_interval,   // a: month, b: interval (the whole month inside)
  is_present,          // a
  otherwise,           // a, b: a when present, else b
  conditional,         // a ? b : c
  make_interval,       // a: start, b: end; index 1: end included
  interval_start,      // a
  interval_end,        // a
  all,                 // a: list, b: filter or none, c: body; index: variable slot
  any,                 // same
  count,               // a: list, b: filter or none; index: variable slot
  sum_integer,         // a: list, b: filter or none, c: body; index: variable slot
  sum_decimal,         // same
};

enum class Comparison : std::uint8_t { equal, not_equal, less, less_equal, greater, greater_equal };

struct Node {
  Op op = Op::constant;
  Type type;
  SourceRange range;
  NodeId a = no_node;
  NodeId b = no_node;
  NodeId c = no_node;
  std::uint32_t index = 0;
  Value constant;
  std::vector<NodeId> arguments;
  std::vector<Value> set;
  builtins::Evaluation evaluation = nullptr;  // Op::builtin: what the call computes
};

// `applies when`, `waived when` and `except when`.
struct Clause {
  NodeId condition = no_node;
  Labels labels;
  SourceRange range;
};

struct WithBinding {
  std::string name;
  NodeId value = no_node;
  Labels labels;
  SourceRange range;
};

struct RuleParameter {
  std::string name;
  Type type;
  SourceRange range;
};

struct Rule {
  std::string module;
  std::string name;
  bool is_decision = false;
  std::vector<RuleParameter> parameters;
  Type type;
  Labels labels;
  std::string source;
  std::optional<calendar::DayNumber> in_force_from;   // included
  std::optional<calendar::DayNumber> in_force_until;  // excluded
  // Whether the rule is in force on `day` (outside its `in force` dates it fails, whatever its
  // conditions say).
  bool in_force_on(calendar::DayNumber day) const {
    return !(in_force_from && day < *in_force_from) && !(in_force_until && day >= *in_force_until);
  }
  std::vector<WithBinding> withs;
  std::optional<Clause> applies;
  NodeId body = no_node;
  std::vector<Clause> waivers;
  std::vector<Clause> exceptions;
  std::uint32_t local_count = 0;  // parameters first, then quantifier variables
  SourceRange range;

  std::string qualified_name() const { return module + "." + name; }
};

// `reject ... when`: a record for which the condition holds is an error, not a decision.
struct Rejection {
  std::optional<RuleParameter> subject;  // a member, when the rejection is about each member
  NodeId condition = no_node;
  Labels labels;
  std::uint32_t local_count = 0;
  SourceRange range;
};

struct DecisionOutput {
  std::uint32_t rule;
  std::string key;  // "juntos.eligible"
};

struct CheckedProgram {
  std::shared_ptr<const SourceSet> sources;
  std::vector<Shape> shapes;
  std::vector<Enumeration> enumerations;
  std::vector<Parameter> parameters;
  std::vector<Table> tables;
  std::vector<Rule> rules;
  std::vector<Rejection> rejections;
  std::vector<Node> nodes;

  std::uint32_t household_shape = 0;
  // The household's list of members: the shape per-member decisions and rejections are about.
  std::optional<std::uint32_t> member_list_field;
  std::uint32_t member_shape = 0;
  std::vector<DecisionOutput> household_decisions;
  std::vector<DecisionOutput> member_decisions;

  std::deque<std::string> constant_texts;  // owns the text of text constants

  const Node& node(NodeId id) const { return nodes[id]; }
  bool is_record_shape(std::uint32_t shape) const { return !shapes[shape].table.has_value(); }
};

std::string describe_type(const CheckedProgram& program, const Type& type);
// The source text of a node, on one line (its blanks and line breaks as single spaces).
std::string source_text(const CheckedProgram& program, NodeId node);

}  // namespace regla
