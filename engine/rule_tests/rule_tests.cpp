// `regla test`: reading case files, checking each case's expectations, and measuring which
// conditions the cases exercise both ways.
#include "regla/rule_tests.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "engine/decide/decisions.hpp"
#include "engine/program/evaluation_error.hpp"
#include "engine/records/record_loader.hpp"
#include "engine/reference/interpreter.hpp"
#include "engine/render/output.hpp"
#include "engine/rule_set/loaded_rules.hpp"
#include "engine/trace/coverage_recorder.hpp"
#include "regla/evaluation.hpp"

namespace regla {
namespace {

struct Expectation {
  enum class Kind { value, fails_on, error } kind;
  std::string member;  // for a member decision's value
  std::string decision;
  nlohmann::json value;  // Kind::value
  std::string text;      // fails_on: the rule; error: part of the message
  int line;
};

struct Case {
  std::string file;
  int line = 0;
  std::string name;
  std::string as_of;
  std::string household;
  std::vector<Expectation> expectations;
};

std::string trim(std::string_view text) {
  std::size_t begin = text.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return "";
  std::size_t end = text.find_last_not_of(" \t\r");
  return std::string(text.substr(begin, end - begin + 1));
}

// Depth of {} and [] outside strings after `text`, starting from `depth`.
int bracket_depth(const std::string& text, int depth) {
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return depth;
}

std::string unquote(const std::string& text) {
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"')
    return text.substr(1, text.size() - 2);
  return text;
}

void parse_cases(const std::string& file, const std::string& text, std::vector<Case>& cases,
                 std::vector<std::string>& problems) {
  std::istringstream in(text);
  std::string raw;
  int number = 0;
  auto problem = [&](const std::string& message) {
    problems.push_back(file + ":" + std::to_string(number) + ": " + message);
  };
  while (std::getline(in, raw)) {
    ++number;
    std::string line = trim(raw);
    if (line.empty() || line[0] == '#') continue;
    std::string word = line.substr(0, line.find(' '));
    std::string rest = trim(line.substr(word.size()));
    if (word == "case") {
      cases.push_back({file, number, unquote(rest), "", "", {}});
      continue;
    }
    if (cases.empty()) {
      problem("a case file starts with: case \"what the case shows\"");
      return;
    }
    Case& current = cases.back();
    if (word == "as_of") {
      current.as_of = rest;
    } else if (word == "household") {
      std::string json = rest;
      int depth = bracket_depth(rest, 0);
      while (depth > 0 && std::getline(in, raw)) {
        ++number;
        json += "\n" + raw;
        depth = bracket_depth(raw, depth);
      }
      // One line, as a registry would send it.
      try {
        current.household = nlohmann::json::parse(json).dump();
      } catch (const nlohmann::json::exception& error) {
        problem("the household is not valid JSON: " + std::string(error.what()));
      }
    } else if (word == "expect") {
      Expectation expectation{Expectation::Kind::value, "", "", nullptr, "", number};
      if (rest.rfind("error ", 0) == 0) {
        expectation.kind = Expectation::Kind::error;
        expectation.text = unquote(trim(rest.substr(6)));
      } else {
        if (rest.rfind("member ", 0) == 0) {
          rest = trim(rest.substr(7));
          expectation.member = rest.substr(0, rest.find(' '));
          rest = trim(rest.substr(expectation.member.size()));
        }
        if (auto fails = rest.find(" fails on "); fails != std::string::npos) {
          expectation.kind = Expectation::Kind::fails_on;
          expectation.decision = trim(rest.substr(0, fails));
          expectation.text = trim(rest.substr(fails + 10));
        } else if (auto equals = rest.find('='); equals != std::string::npos) {
          expectation.decision = trim(rest.substr(0, equals));
          try {
            expectation.value = nlohmann::json::parse(trim(rest.substr(equals + 1)));
          } catch (const nlohmann::json::exception&) {
            problem("expected a value after '=': true, false, a number or \"text\"");
            continue;
          }
        } else {
          problem(
              "expected 'expect DECISION = VALUE', 'expect DECISION fails on RULE' or 'expect "
              "error \"...\"'");
          continue;
        }
      }
      current.expectations.push_back(std::move(expectation));
    } else {
      problem("expected case, as_of, household or expect, not '" + word + "'");
    }
  }
}

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

// Whether a decided value is the one a case expects (written as JSON: true, 250, "2026-11-01").
bool matches(const DecidedValue& decided, const nlohmann::json& expected) {
  if (const bool* verdict = std::get_if<bool>(&decided))
    return expected.is_boolean() && expected.get<bool>() == *verdict;
  if (const std::int64_t* integer = std::get_if<std::int64_t>(&decided))
    return expected.is_number() && expected.get<double>() == static_cast<double>(*integer);
  if (const double* number = std::get_if<double>(&decided))
    return expected.is_number() && expected.get<double>() == *number;
  if (const std::string* text = std::get_if<std::string>(&decided))
    return expected.is_string() && expected.get<std::string>() == *text;
  if (std::holds_alternative<std::monostate>(decided)) return expected.is_null();
  return decided_value_json(decided) == expected.dump();  // dates, months and ranges as text
}

std::string check_case(const RuleSet& rules, const Case& test) {
  if (test.as_of.empty()) return "no as_of date";
  if (test.household.empty()) return "no household";
  CompileResult compiled = compile(rules, {.as_of = test.as_of});
  if (!compiled.rules) return compiled.error;
  HouseholdEvaluator evaluator(*compiled.rules);
  const Evaluation& result = evaluator.evaluate(test.household, 1);
  RunSummary summary = evaluator.summary();
  std::vector<std::string> differences;
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
      break;
    }
    if (e.kind == Expectation::Kind::fails_on) {
      const auto& decisions = summary.overall.decisions;
      auto tally = decisions.find(e.decision);
      bool failed_on =
          tally != decisions.end() && tally->second.failed_conditions.count(e.text) > 0;
      if (!failed_on) {
        std::string seen;
        if (tally != decisions.end()) {
          for (const auto& [condition, count] : tally->second.failed_conditions)
            seen += (seen.empty() ? "" : ", ") + condition;
        }
        differences.push_back(where + e.decision + " did not fail on " + e.text +
                              (seen.empty() ? "" : " (it failed on " + seen + ")"));
      }
      continue;
    }
    if (!e.member.empty() &&
        !std::ranges::count(result.members, e.member, &MemberDecisions::member_id)) {
      differences.push_back(where + "no member " + e.member);
      continue;
    }
    const Decision* decision = result.find(e.decision, e.member);
    if (!decision) {
      differences.push_back(where + "no decision " + e.decision);
    } else if (!matches(decision->value, e.value)) {
      differences.push_back(where + (e.member.empty() ? "" : "member " + e.member + " ") +
                            e.decision + " = " + decided_value_json(decision->value) +
                            ", expected " + e.value.dump());
    }
  }
  std::string joined;
  for (const std::string& d : differences)
    joined += (joined.empty() ? "" : "; ") + d;
  return joined;
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
  if (!as_of) return;
  RecordLoader loader(program);
  Record record;
  record.prepare(program);
  if (loader.load(test.household, record)) return;
  Interpreter interpreter(program, *as_of, EvaluationOptions{}.max_steps);
  interpreter.set_record(record);
  CoverageRecorder recorder(program, coverage);
  CoveringEvaluator covering(interpreter, recorder);
  HouseholdDecisions decisions;
  decide(program, covering, record, decisions);
}

std::vector<std::string> uncovered(const CheckedProgram& program, const Coverage& coverage,
                                   int& conditions) {
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
    if (seen != 3) out.push_back(rule.qualified_name() + ": " + describe(seen));
    auto clause = [&](ClauseKind kind, std::uint32_t index) {
      ++conditions;
      auto found = coverage.clauses.find({r, kind, index});
      std::uint8_t clause_seen = found == coverage.clauses.end() ? 0 : found->second;
      if (clause_seen != 3) {
        out.push_back(rule.qualified_name() + " " + clause_names[static_cast<int>(kind)] +
                      (kind != ClauseKind::applies ? " #" + std::to_string(index + 1) : "") + ": " +
                      describe(clause_seen));
      }
    };
    if (rule.applies) clause(ClauseKind::applies, 0);
    for (std::uint32_t w = 0; w < rule.waivers.size(); ++w)
      clause(ClauseKind::waiver, w);
    for (std::uint32_t e = 0; e < rule.exceptions.size(); ++e)
      clause(ClauseKind::exception, e);
  }
  return out;
}

}  // namespace

RuleTestReport run_rule_tests(const RuleSet& rules, const std::vector<std::string>& paths,
                              bool coverage) {
  RuleTestReport report;
  std::vector<Case> cases;
  for (const std::string& file : case_files(paths)) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    parse_cases(file, text.str(), cases, report.problems);
  }
  Coverage seen;
  for (const Case& test : cases) {
    std::string differences = check_case(rules, test);
    if (differences.empty()) {
      ++report.passed;
    } else {
      ++report.failed;
      report.failures.push_back(test.file + ":" + std::to_string(test.line) + ": " + test.name +
                                ": " + differences);
    }
    if (coverage) cover_case(rules, test, seen);
  }
  if (coverage) {
    report.not_covered = uncovered(*detail::loaded_rules(rules).program, seen, report.conditions);
  }
  return report;
}

}  // namespace regla
