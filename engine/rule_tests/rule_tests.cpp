// `regla test`: each case read on its own (case_file), its household decided through the typed
// API, each expectation checked against decisions or any rule of the program, and what the cases
// exercised both ways (coverage).
#include "regla/rule_tests.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/check/checker.hpp"
#include "engine/decide/decisions.hpp"
#include "engine/decide/typed_decisions.hpp"
#include "engine/program/evaluation_error.hpp"
#include "engine/records/record_loader.hpp"
#include "engine/reference/interpreter.hpp"
#include "engine/rule_set/loaded_rules.hpp"
#include "engine/rule_tests/case_file.hpp"
#include "engine/rule_tests/expected_values.hpp"
#include "engine/trace/coverage_recorder.hpp"
#include "engine/trace/failure_reasons.hpp"
#include "regla/evaluation.hpp"

namespace regla {
namespace {

std::vector<std::string> case_files(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code error;
    if (!std::filesystem::is_directory(path, error)) {
      if (std::filesystem::path(path).extension() == ".cases") files.push_back(path);
      continue;
    }
    for (auto it = std::filesystem::recursive_directory_iterator(path, error);
         !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
      if (it->is_regular_file(error) && it->path().extension() == ".cases")
        files.push_back(it->path().generic_string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The waivers that granted the rule evaluated at the top (not those of the rules it calls).
class GrantedWaivers final : public Tracer {
 public:
  bool exhaustive() const override { return false; }
  std::optional<Value> enter_rule(std::uint32_t, NodeId, std::span<const Value>) override {
    ++depth_;
    return std::nullopt;
  }
  void exit_rule(std::uint32_t, const Value&, RuleOutcome) override { --depth_; }
  void exit_clause(std::uint32_t, ClauseKind kind, std::uint32_t index, bool granted) override {
    if (depth_ == 1 && kind == ClauseKind::waiver && granted) granted_.push_back(index);
  }
  const std::vector<std::uint32_t>& granted() const { return granted_; }

 private:
  int depth_ = 0;
  std::vector<std::uint32_t> granted_;
};

// One case's household, loaded once, with what its expectations ask of it.
class CaseRecord {
 public:
  CaseRecord(const CheckedProgram& program, calendar::DayNumber as_of, const std::string& json)
      : program_(program),
        loader_(program),
        interpreter_(program, as_of, EvaluationOptions{}.max_steps),
        as_of_(as_of) {
    record_.prepare(program);
    loaded_ = !loader_.load(json, record_);
    interpreter_.set_record(record_);
  }

  // The rule named `name` applied to the household or to member `member_id`; a message when the
  // expectation cannot be asked of it.
  struct Subject {
    std::uint32_t rule = 0;
    std::vector<Value> arguments;
    std::string problem;
  };
  Subject subject(const std::string& name, const std::string& member_id) const {
    Subject out;
    auto found = std::ranges::find(program_.rules, name, &Rule::qualified_name);
    if (found == program_.rules.end()) {
      std::vector<std::string> names;
      for (const Rule& rule : program_.rules)
        names.push_back(rule.qualified_name());
      out.problem = "no decision or rule named " + name;
      if (auto close = closest_name(name, names)) out.problem += "; did you mean " + *close + "?";
      return out;
    }
    out.rule = static_cast<std::uint32_t>(found - program_.rules.begin());
    const Rule& rule = *found;
    bool about_a_member = rule.parameters.size() == 1 &&
                          rule.parameters[0].type.kind == Kind::object &&
                          rule.parameters[0].type.id == program_.member_shape;
    if (rule.parameters.empty()) {
      if (!member_id.empty())
        out.problem = name + " is about the household: drop 'member " + member_id + "'";
      return out;
    }
    if (!about_a_member) {
      out.problem = name + " takes other arguments than one member: it cannot be expected alone";
      return out;
    }
    if (member_id.empty()) {
      out.problem = name + " is decided for each member: write 'expect member ID " + name + " ...'";
      return out;
    }
    std::optional<std::uint32_t> row = member_row(member_id);
    if (!row) {
      out.problem = "no member " + member_id;
      return out;
    }
    out.arguments.push_back(Value::of_integer(*row));
    return out;
  }

  DecidedValue value(const Subject& subject) {
    interpreter_.budget().renew();
    return decided_value(program_, program_.rules[subject.rule].type,
                         interpreter_.call(subject.rule, subject.arguments));
  }

  // The names of what a failed rule failed on, as the summary names them; empty when it holds.
  std::vector<std::string> failed_on(const Subject& subject) {
    const Rule& rule = program_.rules[subject.rule];
    if (!rule.in_force_on(as_of_)) return {"not in force"};
    FailureReasons reasons(program_);
    reasons.start();
    interpreter_.budget().renew();
    Value verdict = interpreter_.call(subject.rule, subject.arguments, &reasons);
    std::vector<std::string> names;
    if (verdict.as_bool()) return names;
    for (const FailureReason& reason : reasons.reasons())
      names.push_back(reason_name(program_, reason));
    return names;
  }

  std::vector<std::string> waived_by(const Subject& subject) {
    GrantedWaivers waivers;
    interpreter_.budget().renew();
    interpreter_.call(subject.rule, subject.arguments, &waivers);
    std::vector<std::string> names;
    for (std::uint32_t index : waivers.granted())
      names.push_back(clause_name(program_, program_.rules[subject.rule].waivers[index]));
    return names;
  }

  bool loaded() const { return loaded_; }
  Interpreter& interpreter() { return interpreter_; }
  const Record& record() const { return record_; }

 private:
  std::optional<std::uint32_t> member_row(const std::string& id) const {
    if (!program_.member_list_field) return std::nullopt;
    const Shape& household = program_.shapes[program_.household_shape];
    Value list = record_.objects[program_.household_shape].at(
        0, household.fields[*program_.member_list_field].slot);
    for (std::uint32_t row = list.list.first; row < list.list.first + list.list.count; ++row) {
      if (member_id_text(program_, record_, row) == id) return row;
    }
    return std::nullopt;
  }

  const CheckedProgram& program_;
  RecordLoader loader_;
  Record record_;
  Interpreter interpreter_;
  calendar::DayNumber as_of_;
  bool loaded_ = false;
};

std::string listed(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names)
    out += (out.empty() ? "" : ", ") + name;
  return out.empty() ? "nothing" : out;
}

// Nothing when a `fails on`, `refused by` or `waived by` expectation holds; else what differs.
std::optional<std::string> check_reason(const Expectation& e, const std::string& named,
                                        const CaseRecord::Subject& subject, CaseRecord& record) {
  if (e.kind == Expectation::Kind::waived_by) {
    std::vector<std::string> granted = record.waived_by(subject);
    if (std::ranges::count(granted, e.text)) return std::nullopt;
    return named + " was not waived by " + e.text + " (waived by " + listed(granted) + ")";
  }
  std::vector<std::string> reasons = record.failed_on(subject);
  if (reasons.empty()) return named + " holds: it fails on nothing";
  std::string wanted = e.kind == Expectation::Kind::refused_by ? "refused by " + e.text : e.text;
  if (std::ranges::count(reasons, wanted)) return std::nullopt;
  if (e.kind == Expectation::Kind::fails_on && std::ranges::count(reasons, "refused by " + e.text))
    return named + " was refused by the exception " + e.text + ": write 'expect " +
           (e.member.empty() ? "" : "member " + e.member + " ") + e.subject + " refused by " +
           e.text + "'";
  return named + " failed on " + listed(reasons) + " instead of " + wanted;
}

// Nothing when the expectation holds; else what differs.
std::optional<std::string> check(const Expectation& e, const Evaluation& result,
                                 const CheckedProgram& program, CaseRecord& record) {
  CaseRecord::Subject subject = record.subject(e.subject, e.member);
  if (!subject.problem.empty()) return subject.problem;
  std::string named = (e.member.empty() ? "" : "member " + e.member + " ") + e.subject;
  const Type& type = program.rules[subject.rule].type;
  if (e.kind != Expectation::Kind::value) {
    if (type.kind != Kind::boolean)
      return e.subject + " is not a condition (it is " + kind_name(type.kind) + ")";
    return check_reason(e, named, subject, record);
  }
  if (type.kind == Kind::object || type.kind == Kind::list)
    return e.subject + " is " + kind_name(type.kind) + ", not a value a case can expect";
  const Decision* decision = result.find(e.subject, e.member);
  DecidedValue value = decision ? decision->value : record.value(subject);
  if (auto difference = differs_from_expected(decision_type(type.kind), value, e.text))
    return named + " = " + *difference;
  return std::nullopt;
}

// What differs in a case, or nothing when it passes.
std::vector<std::string> run_case(const RuleSet& rules, const Case& test) {
  // A malformed line is reported, and the well-formed expectations are checked all the same,
  // when the case has a household and a date to check them on.
  std::vector<std::string> differences = test.problems;
  if (test.household.empty() || test.as_of.empty()) return differences;
  CompileResult compiled = compile(rules, {.as_of = test.as_of});
  if (!compiled.rules) {
    differences.push_back("line " + std::to_string(test.line) + ": " + compiled.error);
    return differences;
  }
  HouseholdEvaluator evaluator(*compiled.rules);
  const Evaluation& result = evaluator.evaluate(test.household, 1);
  const CheckedProgram& program = *detail::loaded_rules(rules).program;
  CaseRecord record(program, *calendar::parse_date(test.as_of), test.household);
  for (const Expectation& e : test.expectations) {
    std::string where = "line " + std::to_string(e.line) + ": ";
    if (e.kind == Expectation::Kind::error) {
      if (!result.error) {
        differences.push_back(where + "expected the record to be rejected (\"" + e.text +
                              "\"), but it was evaluated");
      } else if (result.error->find(e.text) == std::string::npos) {
        differences.push_back(where + "rejected for another reason: " + *result.error);
      }
      continue;
    }
    if (result.error) {
      differences.push_back(where + "the record was rejected: " + *result.error);
      continue;
    }
    try {
      if (auto difference = check(e, result, program, record))
        differences.push_back(where + *difference);
    } catch (const EvaluationError& error) {
      differences.push_back(where + "cannot evaluate " + e.subject + ": " + error.message);
    } catch (const EvaluationBudgetExceeded& exceeded) {
      differences.push_back(where + "cannot evaluate " + e.subject + ": the record " +
                            exceeded.message());
    }
  }
  // In the order of the lines they are about ("line 12: ...").
  std::ranges::stable_sort(differences, {}, [](const std::string& difference) {
    return std::atoi(difference.c_str() + difference.find(' ') + 1);
  });
  return differences;
}

// The reference interpreter with every rule call it decides recorded for coverage: what decide()
// calls an evaluator.
class CoveringEvaluator {
 public:
  CoveringEvaluator(Interpreter& interpreter, CoverageRecorder& recorder)
      : interpreter_(interpreter), recorder_(recorder) {}
  Value call(std::uint32_t rule, std::span<const Value> arguments) {
    return interpreter_.call(rule, arguments, &recorder_);
  }
  bool rejects(const Rejection& rejection, std::optional<std::uint32_t> member_row) {
    return interpreter_.rejects(rejection, member_row);
  }

 private:
  Interpreter& interpreter_;
  CoverageRecorder& recorder_;
};

// Decides the case with coverage recording on. A case whose record cannot be evaluated covers
// what it reached.
void cover_case(const RuleSet& rules, const Case& test, Coverage& coverage) {
  const CheckedProgram& program = *detail::loaded_rules(rules).program;
  std::optional<calendar::DayNumber> as_of = calendar::parse_date(test.as_of);
  if (!as_of || test.household.empty()) return;
  CaseRecord record(program, *as_of, test.household);
  if (!record.loaded()) return;
  CoverageRecorder recorder(program, coverage);
  CoveringEvaluator covering(record.interpreter(), recorder);
  HouseholdDecisions decisions;
  decide(program, covering, record.record(), decisions);
}

std::vector<std::string> uncovered(const detail::LoadedRules& loaded, const Coverage& coverage,
                                   int& conditions) {
  const CheckedProgram& program = *loaded.program;
  auto where = [&](const SourceRange& range) {
    const SourceFile& file = loaded.sources->file(range.file);
    return file.name() + ":" + std::to_string(file.line_column(range.begin).line) + ": ";
  };
  std::vector<std::string> out;
  auto describe = [](std::uint8_t seen) {
    return seen == 0 ? "never evaluated" : seen == 1 ? "never fails" : "never holds";
  };
  static const char* clause_names[] = {"'applies when'", "'waived when'", "'except when'"};
  for (std::uint32_t r = 0; r < program.rules.size(); ++r) {
    const Rule& rule = program.rules[r];
    if (rule.type.kind != Kind::boolean) continue;
    ++conditions;
    std::uint8_t seen = r < coverage.rules.size() ? coverage.rules[r] : 0;
    if (seen != 3) out.push_back(where(rule.range) + rule.qualified_name() + ": " + describe(seen));
    auto clause = [&](ClauseKind kind, std::uint32_t index, const Clause& written) {
      ++conditions;
      auto found = coverage.clauses.find({r, kind, index});
      std::uint8_t clause_seen = found == coverage.clauses.end() ? 0 : found->second;
      if (clause_seen != 3) {
        out.push_back(where(written.range) + rule.qualified_name() + " " +
                      clause_names[static_cast<int>(kind)] +
                      (kind != ClauseKind::applies ? " #" + std::to_string(index + 1) : "") + ": " +
                      describe(clause_seen));
      }
    };
    if (rule.applies) clause(ClauseKind::applies, 0, *rule.applies);
    for (std::uint32_t w = 0; w < rule.waivers.size(); ++w)
      clause(ClauseKind::waiver, w, rule.waivers[w]);
    for (std::uint32_t e = 0; e < rule.exceptions.size(); ++e)
      clause(ClauseKind::exception, e, rule.exceptions[e]);
  }
  return out;
}

}  // namespace

RuleTestReport run_rule_tests(const RuleSet& rules, const std::vector<std::string>& paths,
                              bool coverage) {
  RuleTestReport report;
  std::vector<Case> cases;
  std::vector<std::string> files = case_files(paths);
  if (files.empty()) report.problems.push_back("no case files (*.cases) in " + listed(paths));
  for (const std::string& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in && !in.eof()) {
      report.problems.push_back(file + ": cannot read this file");
      continue;
    }
    std::vector<Case> read = read_cases(file, text.str(), report.problems);
    cases.insert(cases.end(), std::make_move_iterator(read.begin()),
                 std::make_move_iterator(read.end()));
  }
  Coverage seen;
  for (const Case& test : cases) {
    std::vector<std::string> differences = run_case(rules, test);
    if (differences.empty()) {
      ++report.passed;
    } else {
      ++report.failed;
      std::string joined;
      for (const std::string& d : differences)
        joined += (joined.empty() ? "" : "; ") + d;
      report.failures.push_back(test.file + ":" + std::to_string(test.line) + ": " + test.name +
                                ": " + joined);
    }
    if (coverage) cover_case(rules, test, seen);
  }
  if (coverage)
    report.not_covered = uncovered(detail::loaded_rules(rules), seen, report.conditions);
  return report;
}

}  // namespace regla
