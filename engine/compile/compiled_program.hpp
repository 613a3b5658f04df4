// The checked program compiled for speed, for one evaluation date: each rule is a few flat blocks
// of instructions over a value stack (jumps for short-circuits, loops for quantifiers), with field
// slots resolved, constants folded and record-independent rules computed once. Built by
// compile_program (compiler.cpp), run by CompiledEvaluator (vm.cpp).
//
// Each rule is compiled twice: to decide, and to be traced (explanations, coverage, the summary's
// reasons). The traced code tells a Tracer what it evaluates, in the reference interpreter's
// order and as exhaustively as the tracer asks; to keep every event, it folds only what holds no
// condition and no call, caches and memoizes nothing, and keeps each event's source node beside
// its instructions.
#pragma once

#include <optional>
#include <vector>

#include "engine/program/program.hpp"

namespace regla {

enum class Code : std::uint8_t {
  push_constant,      // a: constant
  missing_parameter,  // a: parameter (no value on the evaluation date: an evaluation error)
  load_local,         // a: slot
  load_with,          // a: with binding (computed on first use)
  field,              // a: shape, b: slot, c: 1 when the field is a list
  table_row,          // a: table, b: 1 for text keys
  table_contains,     // a: table, b: 1 for text keys
  table_rows,         // a: table
  call,               // a: rule
  builtin,            // a: evaluation (CompiledProgram::evaluations), b: argument count
  logical_not,
  and_then,       // a: target. The top fails: jump, keeping it; else pop it
  or_else,        // a: target. The top holds: jump, keeping it; else pop it
  otherwise,      // a: target. The top is present: jump, keeping it; else pop it
  jump,           // a: target
  jump_if_false,  // a: target; pops the condition
  jump_if_true,   // a: target; pops the condition
  pop,
  negate_integer,
  negate_decimal,
  to_decimal,
  years_to_months,
  add_integer,
  subtract_integer,
  multiply_integer,
  divide_integer,
  add_decimal,
  subtract_decimal,
  multiply_decimal,
  divide_decimal,
  date_plus_days,
  date_minus_days,
  date_plus_months,
  date_minus_months,
  date_difference,
  month_plus_months,
  month_minus_months,
  compare_integer,  // a: Comparison
  compare_decimal,  // a: Comparison
  compare_text,     // a: Comparison
  in_set,           // a: set, b: representation (0 integer, 1 text, 2 decimal)
  date_in_interval,
  month_in_interval,
  is_present,
  make_interval,  // a: 1 when the end is included
  interval_start,
  interval_end,
  next_element,        // a: slot, b: target. The top is a list: when empty, pop it and jump;
                       // else store its first element in the slot and drop it from the list
  count_one,           // the accumulator under the list: + 1
  accumulate_integer,  // pops a value, adds it to the accumulator under the list
  accumulate_decimal,
  cached,        // a: target, b: cache. The cached value is current: push it and jump
  store_cached,  // a: cache. Stores (a copy of) the top for the rest of the record
  // Fused pairs (the compiler's `fused`):
  local_field,                 // load_local a + field b c
  local_list_field,            // the same, for a list field
  compare_integer_constant,    // push_constant b + compare_integer a
  compare_text_constant,       // push_constant b + compare_text a
  date_in_constant_interval,   // push_constant b + date_in_interval
  month_in_constant_interval,  // push_constant + month_in_interval; a, b: the first and last
                               // month wholly inside the constant interval
  // Traced code only:
  traced_call,        // a: rule, b: the call's node
  traced_load_with,   // a: with binding, b: its value's node (told to the tracer when computed)
  enter_condition,    // a: node
  keep_compared,      // a: how many values on top of the stack the next condition compares
  exit_condition,     // a: node, b: how many values it compared (kept by keep_compared)
  unneeded,           // a: part, b: its node. Evaluates the part only to show it (an error in
                      // it is told to the tracer), when the tracer is exhaustive
  traced_quantifier,  // a: loop. The top is the list; replaced by the verdict
};

struct Instruction {
  Code code;
  std::uint32_t a = 0;
  std::uint32_t b = 0;
  std::uint32_t c = 0;
};

struct Block {
  std::vector<Instruction> code;
  std::size_t jump_target = 0;  // while compiling: the last address a jump lands on
};

// An `all` or `any` of traced code, whose elements are told to the tracer one by one: its filter
// and body are parts of the rule.
struct TracedLoop {
  bool any = false;
  std::uint32_t shape = 0;  // of the list's elements
  std::uint32_t slot = 0;   // the element's local
  std::optional<std::uint32_t> filter;
  std::uint32_t body = 0;
  NodeId body_node = no_node;
};

struct CompiledRule {
  Block body;
  std::optional<Block> applies;
  std::vector<Block> waivers;
  std::vector<Block> exceptions;
  std::vector<Block> withs;
  std::uint32_t slots = 0;  // locals, then two slots per with (computed flag, value)
  std::uint32_t with_base = 0;
  bool in_force = true;           // on the evaluation date
  std::optional<Value> constant;  // the rule does not read the record: its value, computed once
  bool memoized = false;          // no parameters: computed at most once per record
  bool memoized_by_row = false;   // one object parameter: at most once per object and record
  // Traced code: blocks run apart from the one they belong to (Code::unneeded, TracedLoop).
  std::vector<Block> parts;
  std::vector<TracedLoop> loops;
};

struct CompiledRejection {
  Block condition;
  std::uint32_t slots = 0;
};

struct CompiledProgram {
  std::vector<CompiledRule> rules;
  std::vector<CompiledRule> traced_rules;  // the same rules, compiled to be traced
  std::vector<CompiledRejection> rejections;
  std::vector<Value> constants;
  std::vector<const std::vector<Value>*> sets;
  std::vector<builtins::Evaluation> evaluations;  // of built-in calls (Code::builtin)
  std::uint32_t cache_count = 0;                  // values computed once per record (Code::cached)
};

CompiledProgram compile_program(const CheckedProgram& program, calendar::DayNumber as_of);

}  // namespace regla
