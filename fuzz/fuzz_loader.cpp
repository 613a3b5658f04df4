// Fuzzes the record loader alone, with both JSON readers, against the shapes and fields the
// shipped rules read: any line loads or fails with a located error, never a crash. When both
// readers accept a line, they must have read the same household id and the same number of
// objects of every shape.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "engine/loaded_rules.hpp"
#include "engine/record_loader.hpp"

namespace {

const regla::RuleSet& shipped_rules() {
  static const regla::RuleSet rules =
      regla::RuleSet::load({std::string(REGLA_SOURCE_DIR) + "/rules"});
  return rules;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const regla::CheckedProgram& program = *shipped_rules().internals().program;
  static regla::RecordLoader fast(program, regla::JsonReader::simdjson);
  static regla::RecordLoader simple(program, regla::JsonReader::nlohmann);
  static regla::Record a = [&] {
    regla::Record r;
    r.prepare(program);
    return r;
  }();
  static regla::Record b = a;
  std::string_view line(reinterpret_cast<const char*>(data), size);
  std::optional<regla::LoadError> fast_error = fast.load(line, a);
  std::optional<regla::LoadError> simple_error = simple.load(line, b);
  if (fast_error && fast_error->message.empty()) std::abort();  // every error says what is wrong
  if (!fast_error && !simple_error) {
    if (fast.household_id() != simple.household_id()) std::abort();
    for (std::size_t shape = 0; shape < a.objects.size(); ++shape) {
      if (a.objects[shape].count() != b.objects[shape].count()) std::abort();
    }
  }
  return 0;
}
