// Fuzzes household records against the shipped rules: every line gets exactly one JSON output
// line, never a crash or an exception, and the two evaluators agree on it.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "regla/evaluation.hpp"
#include "regla/rules.hpp"

namespace {

const regla::RuleSet& shipped_rules() {
  static const regla::RuleSet rules =
      regla::RuleSet::load({std::string(REGLA_SOURCE_DIR) + "/rules"});
  return rules;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string line(reinterpret_cast<const char*>(data), size);
  if (line.find('\n') != std::string::npos) return 0;  // one record per input
  static regla::HouseholdEvaluator compiled(
      regla::compile(shipped_rules(), {.as_of = "2026-11-01"}).value());
  static regla::HouseholdEvaluator reference(
      regla::compile(shipped_rules(),
                     {.as_of = "2026-11-01", .evaluator = regla::EvaluatorKind::reference})
          .value());
  static regla::HouseholdEvaluator by_nlohmann(
      regla::compile(
          shipped_rules(),
          {.as_of = "2026-11-01", .explain = true, .reader = regla::JsonReader::nlohmann})
          .value());
  std::string a, b, c;
  bool accepted = compiled.evaluate(line, 1, a);
  reference.evaluate(line, 1, b);
  by_nlohmann.evaluate(line, 1, c);
  if (a != b) std::abort();
  if (a.empty() || a.back() != '\n' || a.find('\n') != a.size() - 1) std::abort();
  if (accepted && c.find("internal error") != std::string::npos) std::abort();
  return 0;
}
