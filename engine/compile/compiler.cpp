// Checked program to flat instruction blocks. Anything that does not read the record (constants,
// parameters, as_of, table lookups with constant keys, rules like the verification period) is
// folded by running the reference interpreter on it once, so folding cannot change a result.
// Each rule is compiled twice: to decide, and to be traced (compiled_program.hpp).
#include <algorithm>
#include <optional>
#include <utility>

#include "engine/compile/compiled_program.hpp"
#include "engine/program/evaluation_error.hpp"
#include "engine/reference/interpreter.hpp"
#include "engine/trace/tracer.hpp"

namespace regla {
namespace {

class Compiler {
 public:
  Compiler(const CheckedProgram& program, calendar::DayNumber as_of)
      : program_(program),
        as_of_(as_of),
        interpreter_(program, as_of, folding_steps),
        node_dependence_(program.nodes.size(), Dependence::unknown),
        rule_dependence_(program.rules.size(), Dependence::unknown),
        node_silence_(program.nodes.size(), Silence::unknown) {}

  CompiledProgram run() {
    for (std::uint32_t r = 0; r < program_.rules.size(); ++r)
      out_.rules.push_back(compile_rule(r));
    traced_ = true;
    for (std::uint32_t r = 0; r < program_.rules.size(); ++r)
      out_.traced_rules.push_back(compile_rule(r));
    traced_ = false;
    for (const Rejection& rejection : program_.rejections) {
      CompiledRejection compiled;
      compiled.slots = rejection.local_count;
      emit(rejection.condition, compiled.condition);
      out_.rejections.push_back(std::move(compiled));
    }
    return std::move(out_);
  }

 private:
  enum class Dependence : std::uint8_t { unknown, independent, dependent, visiting };
  enum class Silence : std::uint8_t { unknown, silent, heard };

  // Whether a node's value can change from one record to the next.
  bool depends_on_record(NodeId id) {
    Dependence& known = node_dependence_[id];
    if (known == Dependence::independent) return false;
    if (known == Dependence::dependent) return true;
    const Node& node = program_.nodes[id];
    bool dependent = false;
    switch (node.op) {
      case Op::local:
      case Op::with_value:
      case Op::all:
      case Op::any:
      case Op::count:
      case Op::sum_integer:
      case Op::sum_decimal:
        dependent = true;
        break;
      case Op::constant:
        dependent = node.type.kind == Kind::object && program_.is_record_shape(node.type.id);
        break;
      case Op::field:
        dependent =
            depends_on_record(node.a) || program_.is_record_shape(program_.nodes[node.a].type.id);
        break;
      case Op::call:
        dependent = rule_depends_on_record(node.index);
        for (NodeId argument : node.arguments)
          dependent = dependent || depends_on_record(argument);
        break;
      default:
        for (NodeId child : {node.a, node.b, node.c}) {
          if (child != no_node) dependent = dependent || depends_on_record(child);
        }
        for (NodeId argument : node.arguments)
          dependent = dependent || depends_on_record(argument);
    }
    node_dependence_[id] = dependent ? Dependence::dependent : Dependence::independent;
    return dependent;
  }

  bool rule_depends_on_record(std::uint32_t r) {
    Dependence& known = rule_dependence_[r];
    if (known == Dependence::independent) return false;
    if (known != Dependence::unknown) return true;  // dependent, or (impossibly) a cycle
    known = Dependence::visiting;
    const Rule& rule = program_.rules[r];
    bool dependent =
        !rule.parameters.empty() || !rule.withs.empty() || depends_on_record(rule.body);
    if (rule.applies) dependent = dependent || depends_on_record(rule.applies->condition);
    for (const Clause& clause : rule.waivers)
      dependent = dependent || depends_on_record(clause.condition);
    for (const Clause& clause : rule.exceptions)
      dependent = dependent || depends_on_record(clause.condition);
    rule_dependence_[r] = dependent ? Dependence::dependent : Dependence::independent;
    return dependent;
  }

  // Whether evaluating a node tells a tracer nothing: it holds no traced condition, no call and no
  // `with` (traced code folds only such nodes, so that no event is lost).
  bool is_silent(NodeId id) {
    Silence& known = node_silence_[id];
    if (known != Silence::unknown) return known == Silence::silent;
    const Node& node = program_.nodes[id];
    bool silent = !is_traced_condition(node.op) && node.op != Op::call && node.op != Op::with_value;
    for (NodeId child : {node.a, node.b, node.c}) {
      if (child != no_node) silent = silent && is_silent(child);
    }
    for (NodeId argument : node.arguments)
      silent = silent && is_silent(argument);
    known = silent ? Silence::silent : Silence::heard;
    return silent;
  }

  std::optional<Value> fold(NodeId id) {
    if (traced_ && !is_silent(id)) return std::nullopt;
    const Node& node = program_.nodes[id];
    if (node.op == Op::constant && !depends_on_record(id)) return node.constant;
    if (depends_on_record(id)) return std::nullopt;
    try {
      return interpreter_.evaluate_constant(id);
    } catch (const EvaluationError&) {
      return std::nullopt;  // fails when evaluated: leave it to run time, where the error belongs
    } catch (const EvaluationBudgetExceeded&) {
      return std::nullopt;  // too costly to fold: run time's budget decides
    }
  }

  CompiledRule compile_rule(std::uint32_t r) {
    const Rule& rule = program_.rules[r];
    CompiledRule compiled;
    rule_ = &compiled;
    source_rule_ = &rule;
    compiled.in_force = rule.in_force_on(as_of_);
    compiled.with_base = rule.local_count;
    compiled.slots = rule.local_count + 2 * static_cast<std::uint32_t>(rule.withs.size());
    compiled.memoized = !traced_ && rule.parameters.empty();
    compiled.memoized_by_row =
        !traced_ && rule.parameters.size() == 1 && rule.parameters[0].type.kind == Kind::object;
    if (!traced_ && !rule_depends_on_record(r)) {
      try {
        compiled.constant = interpreter_.call(r, {});
        return compiled;
      } catch (const EvaluationError&) {
        // compiled normally: the error happens at run time
      } catch (const EvaluationBudgetExceeded&) {
        // compiled normally: too costly to fold, each record's budget decides
      }
    }
    caching_ = !traced_ && !rule.parameters.empty();
    emit(rule.body, compiled.body);
    if (rule.applies) {
      compiled.applies.emplace();
      emit(rule.applies->condition, *compiled.applies);
    }
    for (const Clause& clause : rule.waivers)
      emit(clause.condition, compiled.waivers.emplace_back());
    for (const Clause& clause : rule.exceptions)
      emit(clause.condition, compiled.exceptions.emplace_back());
    for (const WithBinding& with : rule.withs)
      emit(with.value, compiled.withs.emplace_back());
    caching_ = false;
    rule_ = nullptr;
    return compiled;
  }

  std::uint32_t constant(const Value& value) {
    out_.constants.push_back(value);
    return static_cast<std::uint32_t>(out_.constants.size() - 1);
  }

  // The next instruction's address, as a jump target: it must stay an instruction of its own.
  static std::uint32_t here(Block& block) {
    block.jump_target = block.code.size();
    return static_cast<std::uint32_t>(block.code.size());
  }
  // Adds an instruction, or fuses it with the previous one (see fused()).
  void add(Block& block, Code code, std::uint32_t a = 0, std::uint32_t b = 0, std::uint32_t c = 0) {
    Instruction next{code, a, b, c};
    if (!block.code.empty() && block.jump_target != block.code.size()) {
      if (std::optional<Instruction> both = fused(block.code.back(), next)) {
        block.code.back() = *both;
        return;
      }
    }
    block.code.push_back(next);
  }
  // The common pairs as one instruction: fewer dispatches in loops over events and months.
  std::optional<Instruction> fused(const Instruction& first, const Instruction& second) const {
    if (first.code == Code::load_local && second.code == Code::field) {
      return Instruction{second.c ? Code::local_list_field : Code::local_field, first.a, second.a,
                         second.b};
    }
    if (first.code != Code::push_constant) return std::nullopt;
    switch (second.code) {
      case Code::compare_integer:
        return Instruction{Code::compare_integer_constant, second.a, first.a};
      case Code::compare_text:
        return Instruction{Code::compare_text_constant, second.a, first.a};
      case Code::date_in_interval:
        return Instruction{Code::date_in_constant_interval, 0, first.a};
      case Code::month_in_interval:
        return months_wholly_inside(out_.constants[first.a].interval);
      default:
        return std::nullopt;
    }
  }
  // A month is in an interval when all its days are; for a constant interval those months are a
  // range of month numbers, so the test needs no calendar arithmetic per record.
  static Instruction months_wholly_inside(Value::Interval interval) {
    calendar::MonthNumber first = calendar::month_of(interval.start);
    if (calendar::first_day_of(first) < interval.start) ++first;
    calendar::MonthNumber last = calendar::month_of(interval.end) - 1;
    return Instruction{Code::month_in_constant_interval, static_cast<std::uint32_t>(first),
                       static_cast<std::uint32_t>(last)};
  }
  // Emits a jump whose target is filled in later by `land`.
  static std::size_t jump(Block& block, Code code, std::uint32_t b = 0) {
    block.code.push_back({code, 0, b, 0});
    return block.code.size() - 1;
  }
  static void land(Block& block, std::size_t instruction) {
    std::uint32_t target = here(block);
    Instruction& i = block.code[instruction];
    (i.code == Code::next_element ? i.b : i.a) = target;
  }

  static bool is_quantifier(Op op) {
    return op == Op::all || op == Op::any || op == Op::count || op == Op::sum_integer ||
           op == Op::sum_decimal;
  }

  // Whether evaluating the node reads a `with` or a local it does not bind itself (a parameter,
  // an enclosing quantifier's element): only then can it differ between calls on one record.
  bool reads_outer_locals(NodeId id, std::vector<std::uint32_t>& bound) const {
    const Node& node = program_.nodes[id];
    if (node.op == Op::with_value) return true;
    if (node.op == Op::local)
      return std::find(bound.begin(), bound.end(), node.index) == bound.end();
    bool quantifier = is_quantifier(node.op);
    if (quantifier) {
      if (reads_outer_locals(node.a, bound)) return true;  // the list is outside the binding
      bound.push_back(node.index);
    }
    bool reads = false;
    for (NodeId child : {quantifier ? no_node : node.a, node.b, node.c}) {
      if (child != no_node) reads = reads || reads_outer_locals(child, bound);
    }
    for (NodeId argument : node.arguments)
      reads = reads || reads_outer_locals(argument, bound);
    if (quantifier) bound.pop_back();
    return reads;
  }

  // A part of a rule with parameters that reads the record but none of the parameters (e.g. the
  // household's district in a rule about a member) has one value per record: worth computing
  // once per record unless it is a constant or a single field of the household.
  bool worth_caching(NodeId id) {
    const Node& node = program_.nodes[id];
    if (node.op == Op::constant || node.op == Op::local || node.op == Op::with_value) return false;
    if (node.op == Op::field && program_.nodes[node.a].op == Op::constant) return false;
    std::vector<std::uint32_t> bound;
    return depends_on_record(id) && !reads_outer_locals(id, bound);
  }

  //   cached k, end     (the value is current: push it, jump to end)
  //   <node>
  //   store_cached k
  // end:
  void emit_cached(NodeId id, Block& block) {
    std::uint32_t cache = out_.cache_count++;
    std::size_t skip = jump(block, Code::cached, cache);
    caching_ = false;  // the largest such part is cached, not its pieces
    emit(id, block);
    caching_ = true;
    add(block, Code::store_cached, cache);
    land(block, skip);
  }

  void emit(NodeId id, Block& block) {
    if (std::optional<Value> folded = fold(id))
      return add(block, Code::push_constant, constant(*folded));
    if (caching_ && worth_caching(id)) return emit_cached(id, block);
    const Node& node = program_.nodes[id];
    if (traced_ && is_traced_condition(node.op)) return emit_traced_condition(id, node, block);
    auto children = [&] {
      for (NodeId child : {node.a, node.b, node.c}) {
        if (child != no_node) emit(child, block);
      }
    };
    switch (node.op) {
      case Op::constant:
        return add(block, Code::push_constant, constant(node.constant));
      case Op::parameter:
        return add(block, Code::missing_parameter, node.index);  // a value would have been folded
      case Op::as_of:
        return add(block, Code::push_constant, constant(Value::of_integer(as_of_)));
      case Op::local:
        return add(block, Code::load_local, node.index);
      case Op::with_value:
        if (traced_) {
          return add(block, Code::traced_load_with, node.index,
                     source_rule_->withs[node.index].value);
        }
        return add(block, Code::load_with, node.index);
      case Op::field: {
        emit(node.a, block);
        std::uint32_t shape = program_.nodes[node.a].type.id;
        const Field& field = program_.shapes[shape].fields[node.index];
        return add(block, Code::field, shape, field.slot, field.type.kind == Kind::list ? 1 : 0);
      }
      case Op::table_row:
        emit(node.a, block);
        return add(block, Code::table_row, node.index,
                   program_.nodes[node.a].type.kind == Kind::text ? 1 : 0);
      case Op::table_rows:
        return add(block, Code::table_rows, node.index);
      case Op::call:
        for (NodeId argument : node.arguments)
          emit(argument, block);
        if (traced_) return add(block, Code::traced_call, node.index, id);
        return add(block, Code::call, node.index);
      case Op::builtin:
        for (NodeId argument : node.arguments)
          emit(argument, block);
        out_.evaluations.push_back(node.evaluation);
        return add(block, Code::builtin, static_cast<std::uint32_t>(out_.evaluations.size() - 1),
                   static_cast<std::uint32_t>(node.arguments.size()));
      case Op::logical_not:
        emit(node.a, block);
        return add(block, Code::logical_not);
      case Op::logical_and:
      case Op::logical_or: {
        emit(node.a, block);
        std::size_t skip = jump(block, node.op == Op::logical_and ? Code::and_then : Code::or_else);
        emit(node.b, block);
        return land(block, skip);
      }
      case Op::otherwise: {
        emit(node.a, block);
        std::size_t skip = jump(block, Code::otherwise);
        emit(node.b, block);
        return land(block, skip);
      }
      case Op::conditional: {
        emit(node.a, block);
        std::size_t to_else = jump(block, Code::jump_if_false);
        emit(node.b, block);
        std::size_t to_end = jump(block, Code::jump);
        land(block, to_else);
        emit(node.c, block);
        return land(block, to_end);
      }
      case Op::compare_integer:
      case Op::compare_decimal:
      case Op::compare_text:
      case Op::in_set:
      case Op::table_contains:
      case Op::date_in_interval:
      case Op::month_in_interval:
      case Op::is_present:
        children();
        return add_test(node, block);
      case Op::make_interval:
        children();
        return add(block, Code::make_interval, node.index);
      case Op::all:
      case Op::any:
        return emit_condition_loop(node, block);
      case Op::count:
      case Op::sum_integer:
      case Op::sum_decimal:
        return emit_accumulating_loop(node, block);
      default:
        children();
        return add(block, simple_code(node.op));
    }
  }

  // The instruction of a comparison or a test, its operands being on the stack.
  void add_test(const Node& node, Block& block) {
    switch (node.op) {
      case Op::compare_integer:
        return add(block, Code::compare_integer, node.index);
      case Op::compare_decimal:
        return add(block, Code::compare_decimal, node.index);
      case Op::compare_text:
        return add(block, Code::compare_text, node.index);
      case Op::in_set:
        out_.sets.push_back(&node.set);
        return add(block, Code::in_set, static_cast<std::uint32_t>(out_.sets.size() - 1),
                   node.index);
      case Op::table_contains:
        return add(block, Code::table_contains, node.index,
                   program_.nodes[node.a].type.kind == Kind::text ? 1 : 0);
      case Op::date_in_interval:
        return add(block, Code::date_in_interval);
      case Op::month_in_interval:
        return add(block, Code::month_in_interval);
      default:
        return add(block, Code::is_present);
    }
  }

  // Traced code: a condition between its enter and exit events, as the reference interpreter
  // evaluates it (what a failed `and` skipped is evaluated as a part, only to show it).
  //   enter_condition node
  //   <the condition>            (a comparison or a test: keep_compared n before its instruction)
  //   exit_condition node, n
  void emit_traced_condition(NodeId id, const Node& node, Block& block) {
    add(block, Code::enter_condition, id);
    std::uint32_t compared = static_cast<std::uint32_t>(compared_count(node.op));
    switch (node.op) {
      case Op::logical_not:
        emit(node.a, block);
        add(block, Code::logical_not);
        break;
      case Op::logical_and:
      case Op::logical_or: {
        //   <a>; and_then skipped / or_else end; <b>; [jump end; skipped: unneeded <b>]
        // end:
        bool is_and = node.op == Op::logical_and;
        emit(node.a, block);
        std::size_t skip = jump(block, is_and ? Code::and_then : Code::or_else);
        emit(node.b, block);
        bool guarded = node.index == 1;  // b relies on what a tested: never evaluated alone
        if (is_and && !guarded) {
          std::size_t to_end = jump(block, Code::jump);
          land(block, skip);
          add(block, Code::unneeded, part(node.b), node.b);
          land(block, to_end);
        } else {
          land(block, skip);
        }
        break;
      }
      case Op::all:
      case Op::any: {
        emit(node.a, block);
        TracedLoop loop{node.op == Op::any,
                        program_.nodes[node.a].type.id,
                        node.index,
                        std::nullopt,
                        0,
                        node.c};
        if (node.b != no_node) loop.filter = part(node.b);
        loop.body = part(node.c);
        rule_->loops.push_back(loop);
        add(block, Code::traced_quantifier, static_cast<std::uint32_t>(rule_->loops.size() - 1));
        break;
      }
      default:
        for (NodeId child : {node.a, node.b, node.c}) {
          if (child != no_node) emit(child, block);
        }
        add(block, Code::keep_compared, compared);
        add_test(node, block);
    }
    add(block, Code::exit_condition, id, compared);
  }

  // Node `id` compiled as a part of the rule being compiled: a block run apart.
  std::uint32_t part(NodeId id) {
    Block block;
    emit(id, block);  // may add parts of its own
    rule_->parts.push_back(std::move(block));
    return static_cast<std::uint32_t>(rule_->parts.size() - 1);
  }

  static Code simple_code(Op op) {
    switch (op) {
      case Op::negate_integer:
        return Code::negate_integer;
      case Op::negate_decimal:
        return Code::negate_decimal;
      case Op::to_decimal:
        return Code::to_decimal;
      case Op::years_to_months:
        return Code::years_to_months;
      case Op::add_integer:
        return Code::add_integer;
      case Op::subtract_integer:
        return Code::subtract_integer;
      case Op::multiply_integer:
        return Code::multiply_integer;
      case Op::divide_integer:
        return Code::divide_integer;
      case Op::add_decimal:
        return Code::add_decimal;
      case Op::subtract_decimal:
        return Code::subtract_decimal;
      case Op::multiply_decimal:
        return Code::multiply_decimal;
      case Op::divide_decimal:
        return Code::divide_decimal;
      case Op::date_plus_days:
        return Code::date_plus_days;
      case Op::date_minus_days:
        return Code::date_minus_days;
      case Op::date_plus_months:
        return Code::date_plus_months;
      case Op::date_minus_months:
        return Code::date_minus_months;
      case Op::date_difference:
        return Code::date_difference;
      case Op::month_plus_months:
        return Code::month_plus_months;
      case Op::month_minus_months:
        return Code::month_minus_months;
      case Op::interval_start:
        return Code::interval_start;
      default:
        return Code::interval_end;
    }
  }

  // The head both kinds of loop share: the list, then at `loop` the next element into the
  // quantifier's slot (`next`: the jump taken when the list is done), skipped when the filter
  // fails.
  std::pair<std::uint32_t, std::size_t> emit_loop_head(const Node& node, Block& block) {
    emit(node.a, block);
    std::uint32_t loop = here(block);
    std::size_t next = jump(block, Code::next_element, 0);
    block.code[next].a = node.index;
    if (node.b != no_node) {
      emit(node.b, block);
      add(block, Code::jump_if_false, loop);
    }
    return {loop, next};
  }

  //   <list>
  // loop: next_element slot, done
  //   [<filter>; jump_if_false loop]
  //   <body>; jump_if_false decided (all) / jump_if_true decided (any)
  //   jump loop
  // decided: pop; push false (all) / true (any); jump end
  // done: push true (all) / false (any)
  // end:
  void emit_condition_loop(const Node& node, Block& block) {
    bool all = node.op == Op::all;
    auto [loop, next] = emit_loop_head(node, block);
    emit(node.c, block);
    std::size_t decided = jump(block, all ? Code::jump_if_false : Code::jump_if_true);
    add(block, Code::jump, loop);
    land(block, decided);
    add(block, Code::pop);
    add(block, Code::push_constant, constant(Value::of_bool(!all)));
    std::size_t to_end = jump(block, Code::jump);
    land(block, next);
    add(block, Code::push_constant, constant(Value::of_bool(all)));
    land(block, to_end);
  }

  //   push 0; <list>
  // loop: next_element slot, done
  //   [<filter>; jump_if_false loop]
  //   count_one / <body>; accumulate
  //   jump loop
  // done:
  void emit_accumulating_loop(const Node& node, Block& block) {
    add(block, Code::push_constant,
        constant(node.op == Op::sum_decimal ? Value::of_decimal(0) : Value::of_integer(0)));
    auto [loop, next] = emit_loop_head(node, block);
    if (node.op == Op::count) {
      add(block, Code::count_one);
    } else {
      emit(node.c, block);
      add(block, node.op == Op::sum_integer ? Code::accumulate_integer : Code::accumulate_decimal);
    }
    add(block, Code::jump, loop);
    land(block, next);
  }

  const CheckedProgram& program_;
  calendar::DayNumber as_of_;
  bool caching_ = false;          // parts with one value per record are cached (see worth_caching)
  bool traced_ = false;           // compiling the traced code
  CompiledRule* rule_ = nullptr;  // being compiled
  const Rule* source_rule_ = nullptr;  // its source
  // What constant folding may spend over the whole program, so that a rule set whose constants
  // are costly (or exponential: the interpreter memoizes nothing) cannot stall compilation.
  static constexpr std::uint64_t folding_steps = 10'000'000;
  Interpreter interpreter_;  // folds constants
  std::vector<Dependence> node_dependence_;
  std::vector<Dependence> rule_dependence_;
  std::vector<Silence> node_silence_;
  CompiledProgram out_;
};

}  // namespace

CompiledProgram compile_program(const CheckedProgram& program, calendar::DayNumber as_of) {
  return Compiler(program, as_of).run();
}

}  // namespace regla
