// Fuzzes rule files: any bytes must give diagnostics, never a crash, a hang or an exception. When
// they parse, formatting must round-trip; when they check, both evaluators must agree on sample
// households, in their decisions and in their explanations, and explaining must not change a
// decision.
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
  const char* as_of = "2026-11-01";
  auto compiled_with = [&](regla::EvaluatorKind evaluator, bool explain) {
    return regla::compile(rules, {.as_of = as_of, .explain = explain, .evaluator = evaluator});
  };
  regla::CompileResult compiled = compiled_with(regla::EvaluatorKind::compiled, false);
  if (!compiled.rules) return 0;  // a rule set that cannot evaluate records (no household shape)
  regla::HouseholdEvaluator plain(*compiled.rules);
  regla::HouseholdEvaluator reference(
      compiled_with(regla::EvaluatorKind::reference, false).value());
  regla::HouseholdEvaluator explained(compiled_with(regla::EvaluatorKind::compiled, true).value());
  regla::HouseholdEvaluator explained_by_reference(
      compiled_with(regla::EvaluatorKind::reference, true).value());
  bool first = true;
  for (const std::string& line : sample_households()) {
    std::string a, b;
    plain.evaluate(line, 1, a);
    reference.evaluate(line, 1, b);
    if (a != b) std::abort();  // the evaluators disagree
    if (first) {  // explanations are costly under the sanitizers: one household is enough
      std::string c, d;
      explained.evaluate(line, 1, c);
      explained_by_reference.evaluate(line, 1, d);
      if (c.find("internal error") != std::string::npos) std::abort();
      if (c != d) std::abort();  // the traced code and the interpreter explain differently
      if (plain.explain_text(line, 1) != reference.explain_text(line, 1)) std::abort();
      first = false;
    }
  }
  return 0;
}
