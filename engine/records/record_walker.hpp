// The loader's core, shared by both JSON readers: walk a JSON object along a shape, reading the
// used fields into slots. A Reader adapts one JSON library to these calls:
//   JsonKind kind(Value&)                  what the value is (JsonKind::invalid on a syntax error)
//   bool text(Value&, std::string_view&)   bool integer(Value&, std::int64_t&)
//   bool decimal(Value&, double&)          bool boolean(Value&, bool&)
//   std::string raw(Value&)                a number, text or word as written, for messages
//   bool fields(Value&, F(key, Value&))    bool elements(Value&, F(Value&))
// A call that returns false (but integer and decimal, whose false means out of range) found that
// the line is not valid JSON; the loader then describes the error (JsonSyntax::first_error).
//
// Errors come in input order, as both readers see the fields: a field given twice counts once,
// with its last value, so an error in a value that a later one replaces is no error; the record's
// first error is the first, in input order, of the values that count. The walk goes on after an
// error, for a later value may replace the wrong one (and the household id may come later). The
// readers check the whole line, values the walk skips included: an error in its syntax outranks
// any other.
// Private to the engine.
#pragma once

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "engine/program/value_text.hpp"
#include "engine/records/record_loader.hpp"

namespace regla {

enum class JsonKind { object, array, string, number, boolean, null, invalid };

inline const char* json_kind_name(JsonKind kind) {
  switch (kind) {
    case JsonKind::object:
      return "an object";
    case JsonKind::array:
      return "a list";
    case JsonKind::string:
      return "text";
    case JsonKind::number:
      return "a number";
    case JsonKind::boolean:
      return "true/false";
    case JsonKind::null:
      return "null";
    case JsonKind::invalid:
      return "invalid JSON";
  }
  return "?";
}

// The declared fields of each shape, in the form the walker needs them. Every declared field is
// checked; only the used ones (those with a slot) are stored.
struct LoadPlan {
  static constexpr std::uint32_t not_stored = UINT32_MAX;
  struct Slot {
    std::string_view key;
    std::uint32_t field;  // its index in the shape, and in the shape's seen flags
    std::uint32_t slot;   // not_stored for a field no rule reads
    Type type;
    const FieldLimits* limits;
  };
  std::vector<std::vector<Slot>> slots_by_shape;
  // Where each shape's "field seen" flags start in the walker's scratch: a shape cannot contain
  // itself, so at most one object of each shape is being read at a time.
  std::vector<std::uint32_t> seen_offset_by_shape;
  std::uint32_t seen_flags = 0;
  std::uint32_t household_id_slot = UINT32_MAX;

  explicit LoadPlan(const CheckedProgram& program) {
    slots_by_shape.resize(program.shapes.size());
    for (std::uint32_t s = 0; s < program.shapes.size(); ++s) {
      const Shape& shape = program.shapes[s];
      seen_offset_by_shape.push_back(seen_flags);
      seen_flags += static_cast<std::uint32_t>(shape.fields.size());
      for (std::uint32_t f = 0; f < shape.fields.size(); ++f) {
        const Field& field = shape.fields[f];
        slots_by_shape[s].push_back(
            {field.name, f, field.used ? field.slot : not_stored, field.type, &field.limits});
      }
    }
    const Shape& household =
        program.shapes.empty() ? Shape{} : program.shapes[program.household_shape];
    if (auto id = household.id_field(); id && household.fields[*id].used) {
      household_id_slot = household.fields[*id].slot;
    }
  }
};

template <typename Reader>
class RecordWalker {
 public:
  using Value = typename Reader::Value;

  // `seen` is scratch space, reused from record to record.
  RecordWalker(const CheckedProgram& program, const LoadPlan& plan, Reader& reader, Record& record,
               std::vector<std::uint8_t>& seen)
      : program_(program), plan_(plan), reader_(reader), record_(record), seen_(seen) {
    seen_.resize(plan_.seen_flags);
  }

  // Loads the root object as row 0 of the household shape.
  bool load_root(Value& root) {
    JsonKind kind = reader_.kind(root);
    if (kind == JsonKind::invalid) return syntax_failure();
    if (kind != JsonKind::object)
      return fail("a record must be a JSON object, not " + std::string(json_kind_name(kind)));
    std::uint32_t household = program_.household_shape;
    std::uint32_t row = record_.objects[household].append_row();
    if (load_object(root, household, row)) return true;
    error_.path = path_text();
    return false;
  }

  // Whether the load failed because the line is not valid JSON (error() is then empty).
  bool syntax_error() const { return syntax_error_; }
  const LoadError& error() const { return error_; }
  std::string_view household_id() const { return household_id_; }

 private:
  struct PathSegment {
    std::string_view field;
    std::int64_t index;  // -1 for a field
  };
  // An error in a field's value, held until the end of its object: a later value of the same
  // field replaces it.
  struct HeldError {
    std::size_t slot;  // in the plan's slots of the object's shape
    std::string message;
    std::vector<PathSegment> path;  // innermost first, the field included
  };

  // The failure's path, outermost first.
  std::string path_text() const {
    std::string out;
    for (auto segment = failure_path_.rbegin(); segment != failure_path_.rend(); ++segment) {
      if (segment->index >= 0) {
        out += "[" + std::to_string(segment->index) + "]";
      } else {
        if (!out.empty()) out += ".";
        out += segment->field;
      }
    }
    return out;
  }

  // Where a failure happened is added as it returns through each enclosing field and element
  // (failure_path_), so a record that loads keeps no path at all.
  bool fail(std::string message) {
    error_.message = std::move(message);
    return false;
  }
  bool syntax_failure() {
    syntax_error_ = true;
    return false;
  }

  static constexpr std::uint32_t no_row = UINT32_MAX;

  // Reads an object of `shape` into `row`, or only checks it when `row` is no_row (an object no
  // rule reads, whose fields are then checked but not stored).
  bool load_object(Value& object, std::uint32_t shape, std::uint32_t row) {
    const auto& slots = plan_.slots_by_shape[shape];
    ObjectRows& rows = record_.objects[shape];
    std::uint8_t* seen = seen_.data() + plan_.seen_offset_by_shape[shape];
    std::fill_n(seen, slots.size(), std::uint8_t{0});
    const std::size_t held_before = held_.size();  // the held errors of enclosing objects
    bool ok = reader_.fields(object, [&](std::string_view key, Value& value) {
      for (std::size_t s = 0; s < slots.size(); ++s) {
        const LoadPlan::Slot& slot = slots[s];
        // Most keys differ in length or first letter: test those before comparing the bytes.
        if (slot.key.size() != key.size() || slot.key[0] != key[0] || slot.key != key) continue;
        seen[slot.field] = 1;
        if (held_.size() != held_before) release_held(held_before, s);
        bool loaded = false;
        if (row == no_row || slot.slot == LoadPlan::not_stored) {
          loaded = check_value(value, slot);
        } else {
          // Read straight into the slot: loading a nested object appends rows only to other
          // shapes (a shape cannot contain itself), so the reference stays valid. A record that
          // fails to load is rejected whole, so a half-written slot is never seen.
          ::regla::Value& stored = rows.at(row, slot.slot);
          loaded = load_value(value, slot, &stored);
          bool is_household_id = shape == program_.household_shape &&
                                 slot.slot == plan_.household_id_slot &&
                                 slot.type.kind == Kind::text;
          if (is_household_id) household_id_ = loaded ? stored.as_text() : std::string_view();
        }
        if (loaded) return true;
        if (syntax_error_) return false;
        failure_path_.push_back({slot.key, -1});
        held_.push_back({s, std::move(error_.message), std::move(failure_path_)});
        failure_path_.clear();
        return true;
      }
      return true;  // a field the shapes do not declare
    });
    if (!ok) return syntax_failure();
    if (held_.size() != held_before) {
      // The first error, in input order, that no later value replaced.
      HeldError first = std::move(held_[held_before]);
      held_.resize(held_before);
      failure_path_ = std::move(first.path);
      return fail(std::move(first.message));
    }
    for (const LoadPlan::Slot& slot : slots) {
      if (seen[slot.field]) continue;
      if (slot.type.kind == Kind::list) {
        // An absent list is empty.
        if (row != no_row && slot.slot != LoadPlan::not_stored)
          rows.at(row, slot.slot) = ::regla::Value::of_list(0, 0);
        if (list_size_fits(0, *slot.limits)) continue;
      } else if (slot.type.optional) {
        continue;
      } else {
        fail("missing (it is required)");
      }
      failure_path_.push_back({slot.key, -1});
      return false;
    }
    return true;
  }

  // Forgets the held error of the object's slot `slot`, if any: its field has a new value.
  void release_held(std::size_t held_before, std::size_t slot) {
    for (std::size_t i = held_before; i < held_.size(); ++i) {
      if (held_[i].slot == slot) {
        held_.erase(held_.begin() + static_cast<std::ptrdiff_t>(i));
        return;
      }
    }
  }

  // Checks a value no rule reads as thoroughly as one that is stored.
  bool check_value(Value& value, const LoadPlan::Slot& slot) {
    return load_value(value, slot, nullptr);
  }

  // Whether a list of `size` elements satisfies its field's constraints; explains if not.
  bool list_size_fits(std::uint64_t size, const FieldLimits& limits) {
    auto elements = [](std::uint64_t n) {
      return n == 0 ? std::string("the list is empty")
                    : "the list has " + std::to_string(n) + (n == 1 ? " element" : " elements");
    };
    if (size < limits.min_size)
      return fail(elements(size) + " (it needs at least " + std::to_string(limits.min_size) + ")");
    if (size > limits.max_size) {
      return fail(elements(size) + " (at most " + std::to_string(limits.max_size) +
                  " are allowed)");
    }
    return true;
  }

  std::string describe_expected(const Type& type) const {
    switch (type.kind) {
      case Kind::text:
        return "text";
      case Kind::enumeration: {
        std::string out = "one of";
        const auto& values = program_.enumerations[type.id].values;
        for (std::size_t i = 0; i < values.size(); ++i)
          out += (i ? ", \"" : " \"") + values[i] + "\"";
        return out;
      }
      case Kind::date:
        return "a date (\"YYYY-MM-DD\")";
      case Kind::month:
        return "a month (\"YYYY-MM\")";
      case Kind::boolean:
        return "true or false";
      case Kind::object:
        return "an object";
      case Kind::list:
        return "a list";
      default:
        return is_integer_like(type.kind) ? "a whole number" : "a number";
    }
  }

  // A value as a message quotes it: at most 40 bytes, cut at a character's boundary.
  static std::string shortened(std::string_view text) {
    if (text.size() <= 40) return std::string(text);
    std::size_t cut = 37;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
      --cut;  // not inside a multi-byte character
    return std::string(text.substr(0, cut)) + "...";
  }

  bool wrong_kind(Value& value, JsonKind found, const Type& type) {
    std::string message =
        "expected " + describe_expected(type) + ", found " + json_kind_name(found);
    bool scalar = found != JsonKind::null && found != JsonKind::object && found != JsonKind::array;
    if (!scalar) return fail(std::move(message));
    return fail(message + " " + shortened(reader_.raw(value)));
  }

  // Reads a value of the slot's type into `out`, or only checks it when `out` is null.
  bool load_value(Value& value, const LoadPlan::Slot& slot, ::regla::Value* out) {
    const Type& type = slot.type;
    ::regla::Value read;
    JsonKind kind = reader_.kind(value);
    if (kind == JsonKind::invalid) return syntax_failure();
    if (kind == JsonKind::null) {
      if (type.kind == Kind::list) {
        if (!list_size_fits(0, *slot.limits)) return false;
        read = ::regla::Value::of_list(0, 0);
      } else if (type.optional) {
        read = ::regla::Value::missing();
      } else {
        return fail("is null, but it is required");
      }
      if (out) *out = read;
      return true;
    }
    switch (type.kind) {
      case Kind::text:
      case Kind::enumeration:
      case Kind::date:
      case Kind::month: {
        if (kind != JsonKind::string) return wrong_kind(value, kind, type);
        std::string_view text;
        if (!reader_.text(value, text)) return syntax_failure();
        if (!convert_text(text, slot, read)) return false;
        break;
      }
      case Kind::boolean: {
        bool b = false;
        if (kind != JsonKind::boolean) return wrong_kind(value, kind, type);
        if (!reader_.boolean(value, b)) return syntax_failure();
        read = ::regla::Value::of_bool(b);
        break;
      }
      case Kind::object: {
        if (kind != JsonKind::object) return wrong_kind(value, kind, type);
        std::uint32_t row = out ? record_.objects[type.id].append_row() : no_row;
        read = ::regla::Value::of_integer(row);
        if (!load_object(value, type.id, row)) return false;
        break;
      }
      case Kind::list:
        if (kind != JsonKind::array) return wrong_kind(value, kind, type);
        if (!load_list(value, slot, out != nullptr, read)) return false;
        break;
      default:
        if (kind != JsonKind::number) return wrong_kind(value, kind, type);
        if (!read_number(value, slot, read)) return false;
        break;
    }
    if (out) *out = read;
    return true;
  }

  bool read_number(Value& value, const LoadPlan::Slot& slot, ::regla::Value& out) {
    const Type& type = slot.type;
    auto shown = [&] { return shortened(reader_.raw(value)); };
    if (is_integer_like(type.kind)) {
      std::int64_t i = 0;
      if (!reader_.integer(value, i) && !whole_decimal(value, i))
        return fail(shown() + " is not a whole number in range");
      out = ::regla::Value::of_integer(i);
    } else {
      double d = 0;
      if (!reader_.decimal(value, d)) return fail(shown() + " is not a number regla can hold");
      out = ::regla::Value::of_decimal(type.kind == Kind::percent ? d / 100 : d);
    }
    if (auto problem = number_limits_problem(out, type.kind, *slot.limits, shown))
      return fail(*problem);
    return true;
  }

  // A whole number written with a fraction or an exponent (5.0, 1E1), as JSON Schema counts
  // integers: read as a double (as JavaScript reads it), it is whole and below 2^53 in magnitude,
  // where a double holds every integer exactly and the next one too.
  bool whole_decimal(Value& value, std::int64_t& out) {
    constexpr double exact_limit = 9007199254740992.0;  // 2^53
    double d = 0;
    if (!reader_.decimal(value, d) || d != std::trunc(d) || std::fabs(d) >= exact_limit)
      return false;
    out = static_cast<std::int64_t>(d);
    return true;
  }

  bool convert_text(std::string_view text, const LoadPlan::Slot& slot, ::regla::Value& out) {
    const Type& type = slot.type;
    auto quoted = [&text] { return "'" + shortened(text) + "'"; };
    switch (type.kind) {
      case Kind::text:
        if (!text_fits(text, *slot.limits, quoted)) return false;
        out = ::regla::Value::of_text(text);
        return true;
      case Kind::date:
        if (auto day = calendar::parse_date(text)) {
          out = ::regla::Value::of_integer(*day);
          return true;
        }
        return fail(not_a_value(quoted(), Kind::date));
      case Kind::month:
        if (auto month = calendar::parse_month(text)) {
          out = ::regla::Value::of_integer(*month);
          return true;
        }
        return fail(not_a_value(quoted(), Kind::month));
      default: {
        const auto& values = program_.enumerations[type.id].values;
        for (std::size_t i = 0; i < values.size(); ++i) {
          if (values[i] == text) {
            out = ::regla::Value::of_integer(static_cast<std::int64_t>(i));
            return true;
          }
        }
        return fail(quoted() + " is not " + describe_expected(type));
      }
    }
  }

  // Whether text satisfies its field's constraints; explains if not.
  template <typename Quoted>
  bool text_fits(std::string_view text, const FieldLimits& limits, const Quoted& quoted) {
    if (auto problem = text_limits_problem(text, limits, quoted)) return fail(*problem);
    return true;
  }

  // Reads a list's elements as rows of its shape, or only checks them when `store` is false.
  bool load_list(Value& array, const LoadPlan::Slot& slot, bool store, ::regla::Value& out) {
    std::uint32_t shape = slot.type.id;
    ObjectRows& rows = record_.objects[shape];
    std::uint32_t first = rows.count();
    std::int64_t index = 0;
    bool failed = false;  // an element failed: the rest are passed over
    bool ok = reader_.elements(array, [&](Value& element) {
      if (failed) return true;
      if (load_element(element, shape, store ? rows.append_row() : no_row)) {
        ++index;
        return true;
      }
      if (syntax_error_) return false;
      failure_path_.push_back({{}, index});
      failed = true;
      return true;
    });
    if (!ok) return syntax_failure();
    if (failed) return false;
    if (!list_size_fits(static_cast<std::uint64_t>(index), *slot.limits)) return false;
    out = ::regla::Value::of_list(first, store ? rows.count() - first : 0);
    return true;
  }

  bool load_element(Value& element, std::uint32_t shape, std::uint32_t row) {
    JsonKind kind = reader_.kind(element);
    if (kind == JsonKind::invalid) return syntax_failure();
    if (kind != JsonKind::object)
      return fail("expected an object, found " + std::string(json_kind_name(kind)));
    return load_object(element, shape, row);
  }

  const CheckedProgram& program_;
  const LoadPlan& plan_;
  Reader& reader_;
  Record& record_;
  std::vector<std::uint8_t>& seen_;
  std::vector<PathSegment> failure_path_;  // innermost first
  std::vector<HeldError> held_;            // of the objects being read, outermost first
  bool syntax_error_ = false;
  LoadError error_;
  std::string_view household_id_;
};

}  // namespace regla
