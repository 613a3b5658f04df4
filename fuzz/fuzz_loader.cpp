// Fuzzes the record loader alone, with both JSON readers, against the shapes and fields the
// shipped rules read: any line loads or fails with a located error in valid UTF-8, never a crash.
// Both readers must give the same verdict: both accept the line, and then everything reachable
// from the household is the same (a field given twice counts once, with its last value), or both
// reject it at the same JSON path, with the same text when it is not valid JSON (one function
// describes that for both). The household id read must be the same either way.
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "engine/records/record_loader.hpp"
#include "engine/rule_set/loaded_rules.hpp"

namespace {

const regla::RuleSet& shipped_rules() {
  static const regla::RuleSet rules =
      regla::RuleSet::load({std::string(REGLA_SOURCE_DIR) + "/rules"});
  return rules;
}

// Whether the objects `row_a` of `a` and `row_b` of `b`, of `shape`, hold the same values, lists
// and nested objects compared element by element.
bool same_object(const regla::CheckedProgram& program, const regla::Record& a,
                 const regla::Record& b, std::uint32_t shape, std::uint32_t row_a,
                 std::uint32_t row_b) {
  for (const regla::Field& field : program.shapes[shape].fields) {
    if (!field.used) continue;
    const regla::Value& x = a.objects[shape].at(row_a, field.slot);
    const regla::Value& y = b.objects[shape].at(row_b, field.slot);
    if (x.present != y.present) return false;
    if (!x.present) continue;
    switch (field.type.kind) {
      case regla::Kind::text:
        if (x.as_text() != y.as_text()) return false;
        break;
      case regla::Kind::decimal:
      case regla::Kind::money:
      case regla::Kind::percent:
        if (x.decimal != y.decimal) return false;
        break;
      case regla::Kind::object:
        if (!same_object(program, a, b, field.type.id, static_cast<std::uint32_t>(x.integer),
                         static_cast<std::uint32_t>(y.integer))) {
          return false;
        }
        break;
      case regla::Kind::list:
        if (x.list.count != y.list.count) return false;
        for (std::uint32_t i = 0; i < x.list.count; ++i) {
          if (!same_object(program, a, b, field.type.id, x.list.first + i, y.list.first + i))
            return false;
        }
        break;
      default:
        if (x.integer != y.integer) return false;
    }
  }
  return true;
}

// nlohmann/json refuses to write a string that is not valid UTF-8.
bool valid_utf8(const std::string& text) {
  try {
    static_cast<void>(nlohmann::json(text).dump());
    return true;
  } catch (const nlohmann::json::exception&) {
    return false;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const regla::CheckedProgram& program = *regla::detail::loaded_rules(shipped_rules()).program;
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
  if (fast_error.has_value() != simple_error.has_value()) std::abort();
  if (fast.household_id() != simple.household_id()) std::abort();
  if (!fast_error) {
    if (!same_object(program, a, b, program.household_shape, 0, 0)) std::abort();
    return 0;
  }
  for (const regla::LoadError* error : {&*fast_error, &*simple_error}) {
    if (error->message.empty()) std::abort();  // every error says what is wrong
    if (!valid_utf8(error->text())) std::abort();
  }
  if (fast_error->path != simple_error->path) std::abort();
  bool syntax = fast_error->message.starts_with("not valid JSON");
  if (syntax != simple_error->message.starts_with("not valid JSON")) std::abort();
  if (syntax && fast_error->message != simple_error->message) std::abort();
  return 0;
}
