// Fuzzes rule files: any bytes must give diagnostics, never a crash, a hang or an exception. When
// they parse, formatting must round-trip; when they check, both evaluators must agree on sample
// households, and explaining must not change a decision.
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>

#include "dsl/formatter.hpp"
#include "dsl/parser.hpp"
#include "regla/evaluation.hpp"
#include "regla/rules.hpp"

namespace {

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const std::vector<std::string>& sample_households() {
  static const std::vector<std::string> lines = [] {
    std::vector<std::string> out;
    std::istringstream in(read(std::string(REGLA_SOURCE_DIR) + "/rules/samples/households.jsonl"));
    std::string line;
    while (std::getline(in, line) && out.size() < 3)
      out.push_back(line);
    return out;
  }();
  return lines;
}

void check_formatting(const std::string& text) {
  regla::SourceSet sources;
  regla::FileId first = sources.add("fuzz.regla", text);
  regla::DiagnosticSink diagnostics;
  regla::ast::Module module = regla::parse_module(sources, first, diagnostics);
  if (diagnostics.has_errors()) return;
  std::string formatted = regla::format_module(module, sources.file(first));
  regla::FileId second = sources.add("formatted.regla", formatted);
  regla::DiagnosticSink again;
  regla::ast::Module reparsed = regla::parse_module(sources, second, again);
  if (again.has_errors() || regla::ast::dump(reparsed) != regla::ast::dump(module) ||
      regla::format_module(reparsed, sources.file(second)) != formatted) {
    std::abort();  // the formatter changed the program, or is not idempotent
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 20000) return 0;
  std::string text(reinterpret_cast<const char*>(data), size);
  check_formatting(text);
  // Any table the fuzzed rules name reads this small CSV.
  auto tables = [](const std::string&) -> std::optional<std::string> {
    return std::string(
        "ubigeo,entry_date,district,starts,ends,visits,window,name_en,name_es\n"
        "010402,2005-04-01,EL CENEPA,0,12,6,first_year,first year,primer año\n"
        "150101,2010-01-01,LIMA,12,48,10,ages,ages one to four,de uno a cuatro\n");
  };
  // The input is one whole rule file: its shapes, programs and rules (the corpus is seeded with
  // such files, see run.sh).
  regla::RuleSet rules = regla::RuleSet::from_files({{"fuzz.regla", text}}, tables);
  (void)rules.diagnostics_text();
  if (rules.has_errors()) return 0;
  for (const char* as_of : {"2026-11-01"}) {
    std::optional<regla::HouseholdEvaluator> compiled, reference, explained;
    try {
      compiled.emplace(rules, regla::EvaluationOptions{.as_of = as_of});
      reference.emplace(rules, regla::EvaluationOptions{
                                   .as_of = as_of, .evaluator = regla::EvaluatorKind::reference});
      explained.emplace(rules, regla::EvaluationOptions{.as_of = as_of, .explain = true});
    } catch (const std::invalid_argument&) {
      return 0;  // a rule set that cannot evaluate records (no household shape): documented
    }
    bool first = true;
    for (const std::string& line : sample_households()) {
      std::string a, b, c;
      compiled->evaluate(line, 1, a);
      reference->evaluate(line, 1, b);
      if (a != b) std::abort();  // the evaluators disagree
      if (first) {  // explanations are costly under the sanitizers: one household is enough
        explained->evaluate(line, 1, c);
        if (c.find("internal error") != std::string::npos) std::abort();
        (void)reference->explain_text(line, 1);
        first = false;
      }
    }
  }
  return 0;
}
