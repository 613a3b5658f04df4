// The compiled evaluator's traced code against the reference interpreter: on generated households
// (with the shipped rules, and with generated programs), every rule applied to every member and
// table row it can take tells a tracer the same events, in the same order, with the same values,
// whether the tracer is exhaustive or not and whether it answers repeated calls itself, and ends
// with the same value or error. Explanations, coverage and the summary's reasons are made of these events, so they agree.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <map>
#include <sstream>

#include "engine/program/evaluation_error.hpp"
#include "engine/records/record_loader.hpp"
#include "engine/reference/interpreter.hpp"
#include "engine/rule_set/loaded_rules.hpp"
#include "engine/vm/vm.hpp"
#include "tests/properties/evaluator_outcomes.hpp"
#include "tests/properties/generated_rules.hpp"
#include "tests/properties/program_generators.hpp"
#include "tests/properties/record_generators.hpp"

namespace regla {
namespace {

// Writes every event down, one per line. Values by presence and their first eight bytes (the
// integer, the decimal's bits, a text's address in the record, an interval, a list), which
// both evaluators produce alike.
class TranscriptTracer final : public Tracer {
 public:
  TranscriptTracer(bool exhaustive, bool answers_repeats)
      : exhaustive_(exhaustive), answers_repeats_(answers_repeats) {}

  std::string transcript() const { return out_.str(); }

  bool exhaustive() const override { return exhaustive_; }
  std::optional<Value> enter_rule(std::uint32_t rule, NodeId call,
                                  std::span<const Value> arguments) override {
    out_ << "enter rule " << rule << " at " << call << " (";
    std::vector<std::int64_t> key{rule};
    for (const Value& argument : arguments) {
      write(argument);
      key.push_back(argument.present ? argument.integer : -1);
    }
    out_ << ")\n";
    if (answers_repeats_) {
      if (auto known = answered_.find(key); known != answered_.end()) return known->second;
      entered_.push_back(key);
    }
    return std::nullopt;
  }
  void exit_rule(std::uint32_t rule, const Value& value, RuleOutcome outcome) override {
    out_ << "exit rule " << rule << " " << static_cast<int>(outcome) << " ";
    write(value);
    out_ << "\n";
    if (answers_repeats_) {
      answered_[entered_.back()] = value;
      entered_.pop_back();
    }
  }
  void enter_clause(std::uint32_t rule, ClauseKind kind, std::uint32_t index,
                    NodeId condition) override {
    out_ << "enter clause " << rule << " " << static_cast<int>(kind) << " " << index << " "
         << condition << "\n";
  }
  void exit_clause(std::uint32_t rule, ClauseKind kind, std::uint32_t index,
                   bool granted) override {
    out_ << "exit clause " << rule << " " << static_cast<int>(kind) << " " << index << " "
         << granted << "\n";
  }
  void enter_with(std::uint32_t index, NodeId value) override {
    out_ << "enter with " << index << " " << value << "\n";
  }
  void exit_with(std::uint32_t index, const Value& value) override {
    out_ << "exit with " << index << " ";
    write(value);
    out_ << "\n";
  }
  void enter_condition(NodeId node) override { out_ << "enter condition " << node << "\n"; }
  void exit_condition(NodeId node, const Value& verdict, std::span<const Value> compared) override {
    out_ << "exit condition " << node << " ";
    write(verdict);
    for (const Value& value : compared)
      write(value);
    out_ << "\n";
  }
  void enter_element(std::uint32_t shape, std::uint32_t row, bool needed) override {
    out_ << "enter element " << shape << " " << row << " " << needed << "\n";
  }
  void exit_element(const std::optional<Value>& verdict) override {
    out_ << "exit element ";
    if (verdict) {
      write(*verdict);
    } else {
      out_ << "failed";
    }
    out_ << "\n";
  }
  void element_failed(const std::string& error) override {
    out_ << "element failed: " << error << "\n";
  }
  void begin_unneeded() override { out_ << "begin unneeded\n"; }
  void end_unneeded(NodeId node, const std::string* error) override {
    out_ << "end unneeded " << node << (error ? ": " + *error : std::string()) << "\n";
  }

 private:
  void write(const Value& value) {
    if (value.present) {
      out_ << "[" << value.integer << "]";
    } else {
      out_ << "[missing]";
    }
  }

  bool exhaustive_;
  bool answers_repeats_;
  std::ostringstream out_;
  std::map<std::vector<std::int64_t>, Value> answered_;
  std::vector<std::vector<std::int64_t>> entered_;
};

// The events of one traced call, then how it ended.
template <typename Evaluator>
std::string traced(Evaluator& evaluator, std::uint32_t rule, const std::vector<Value>& arguments,
                   bool exhaustive, bool answers_repeats) {
  TranscriptTracer tracer(exhaustive, answers_repeats);
  std::string ending;
  try {
    Value value = evaluator.call(rule, arguments, &tracer);
    ending = "value " + std::to_string(value.present ? value.integer : -1);
  } catch (const EvaluationError& error) {
    ending = "error " + error.message;
  } catch (const EvaluationBudgetExceeded&) {
    ending = "beyond the budget";
  }
  return tracer.transcript() + ending + "\n";
}

void check_traces_agree(const CheckedProgram& program, const std::string& line,
                        const std::string& as_of) {
  calendar::DayNumber day = *calendar::parse_date(as_of);
  RecordLoader loader(program);
  Record record;
  record.prepare(program);
  if (loader.load(line, record)) return;  // rejected while loading: nothing to evaluate
  Interpreter reference(program, day);
  CompiledEvaluator compiled(program, day);
  reference.set_record(record);
  compiled.set_record(record);
  for (std::uint32_t r = 0; r < program.rules.size(); ++r) {
    const Rule& rule = program.rules[r];
    for (const auto& arguments : testing::argument_lists(program, record, rule)) {
      for (bool exhaustive : {true, false}) {
        for (bool answers_repeats : {false, true}) {
          RC_LOG() << rule.qualified_name() << " exhaustive " << exhaustive << " answers "
                   << answers_repeats << "\n";
          std::string expected = traced(reference, r, arguments, exhaustive, answers_repeats);
          std::string actual = traced(compiled, r, arguments, exhaustive, answers_repeats);
          if (expected != actual) RC_LOG() << expected << "----\n" << actual;
          RC_ASSERT(expected == actual);
        }
      }
    }
  }
}

const CheckedProgram& shipped_program() {
  static const RuleSet rules = RuleSet::load({std::string(REGLA_SOURCE_DIR) + "/rules"});
  return *regla::detail::loaded_rules(rules).program;
}

RC_GTEST_PROP(TracedAgreement, ShippedRulesTellTheSameEventsOnGeneratedHouseholds, ()) {
  std::string line = *testing::arbitrary_household_line();
  std::string as_of = *rc::gen::element<std::string>("2026-11-01", "2011-12-31", "2024-02-29");
  RC_LOG() << as_of << " " << line << "\n";
  check_traces_agree(shipped_program(), line, as_of);
}

RC_GTEST_PROP(TracedAgreement, GeneratedProgramsTellTheSameEvents, ()) {
  std::string program = *testing::arbitrary_program();
  RuleSet rules = testing::load_generated(program);
  RC_PRE(!rules.has_errors());
  std::string line = *testing::arbitrary_household_line();
  RC_LOG() << program << "\n" << line << "\n";
  check_traces_agree(*regla::detail::loaded_rules(rules).program, line, "2026-11-01");
}

}  // namespace
}  // namespace regla
