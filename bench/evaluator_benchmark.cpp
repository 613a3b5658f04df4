// Per-record costs of the engine, with Google Benchmark: compiling the rules, loading a record,
// deciding it (compiled evaluator and reference interpreter), and the whole line as `regla eval`
// writes it, with and without explanations. Records are the shipped sample households, in turn.
// Whole-run throughput against other engines is bench/run.sh's job.
#include <benchmark/benchmark.h>

#include <fstream>
#include <string>
#include <vector>

#include "engine/decide/decisions.hpp"
#include "engine/records/record_loader.hpp"
#include "engine/reference/interpreter.hpp"
#include "engine/rule_set/loaded_rules.hpp"
#include "engine/vm/vm.hpp"
#include "regla/evaluation.hpp"
#include "regla/rules.hpp"

namespace regla {
namespace {

const std::string source_dir = REGLA_SOURCE_DIR;
const char* const as_of = "2026-11-01";

const RuleSet& shipped_rules() {
  static const RuleSet rules = RuleSet::load({source_dir + "/rules"});
  return rules;
}

const std::vector<std::string>& sample_lines() {
  static const std::vector<std::string> lines = [] {
    std::vector<std::string> out;
    std::ifstream in(source_dir + "/rules/samples/households.jsonl");
    for (std::string line; std::getline(in, line);)
      out.push_back(line);
    return out;
  }();
  return lines;
}

EvaluationOptions options(bool explain) {
  EvaluationOptions o;
  o.as_of = as_of;
  o.explain = explain;
  return o;
}

// Reading, parsing, checking and compiling the shipped rule files and tables.
void compile_rules(benchmark::State& state) {
  for (auto _ : state) {
    RuleSet rules = RuleSet::load({source_dir + "/rules"});
    HouseholdEvaluator evaluator(compile(rules, options(false)).value());
    benchmark::DoNotOptimize(evaluator);
  }
}
BENCHMARK(compile_rules)->Unit(benchmark::kMillisecond);

void load_record(benchmark::State& state) {
  const CheckedProgram& program = *regla::detail::loaded_rules(shipped_rules()).program;
  RecordLoader loader(program);
  Record record;
  record.prepare(program);
  const std::vector<std::string>& lines = sample_lines();
  std::size_t next = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(loader.load(lines[next], record));
    next = (next + 1) % lines.size();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(load_record);

template <typename Evaluator>
void load_and_decide(benchmark::State& state, Evaluator& evaluator) {
  const CheckedProgram& program = *regla::detail::loaded_rules(shipped_rules()).program;
  RecordLoader loader(program);
  Record record;
  record.prepare(program);
  HouseholdDecisions decisions;
  const std::vector<std::string>& lines = sample_lines();
  std::size_t next = 0;
  for (auto _ : state) {
    if (!loader.load(lines[next], record)) {
      evaluator.set_record(record);
      decide(program, evaluator, record, decisions);
      benchmark::DoNotOptimize(decisions);
    }
    next = (next + 1) % lines.size();
  }
  state.SetItemsProcessed(state.iterations());
}

void load_and_decide_compiled(benchmark::State& state) {
  CompiledEvaluator evaluator(*regla::detail::loaded_rules(shipped_rules()).program,
                              *calendar::parse_date(as_of));
  load_and_decide(state, evaluator);
}
BENCHMARK(load_and_decide_compiled);

void load_and_decide_reference(benchmark::State& state) {
  Interpreter evaluator(*regla::detail::loaded_rules(shipped_rules()).program,
                        *calendar::parse_date(as_of));
  load_and_decide(state, evaluator);
}
BENCHMARK(load_and_decide_reference);

// The public API's whole line: load, decide, tally, write the output line (and explain).
void evaluate_line(benchmark::State& state) {
  HouseholdEvaluator evaluator(compile(shipped_rules(), options(state.range(0) != 0)).value());
  const std::vector<std::string>& lines = sample_lines();
  std::string out;
  std::size_t next = 0;
  for (auto _ : state) {
    out.clear();
    evaluator.evaluate(lines[next], next + 1, out);
    benchmark::DoNotOptimize(out);
    next = (next + 1) % lines.size();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(evaluate_line)->ArgName("explain")->Arg(0)->Arg(1);

}  // namespace
}  // namespace regla

BENCHMARK_MAIN();
