// Writing output lines.
#include "engine/render/output.hpp"

#include <type_traits>
#include <variant>

#include "engine/decide/typed_decisions.hpp"

namespace regla {

namespace {

// "YYYY-MM-DD" or "YYYY-MM", written in place: explanations show many dates.
template <typename Number>
void write_quoted(JsonWriter& out, Number number, char* (*write)(Number, char*)) {
  char text[calendar::max_date_text + 2];
  text[0] = '"';
  char* end = write(number, text + 1);
  *end++ = '"';
  out.raw(std::string_view(text, static_cast<std::size_t>(end - text)));
}

}  // namespace

void write_typed_value(const RenderContext& context, JsonWriter& out, const Type& type,
                       const Value& value) {
  if (!value.present) return out.null();
  switch (type.kind) {
    case Kind::boolean:
      return out.boolean(value.as_bool());
    case Kind::integer:
    case Kind::days:
    case Kind::months:
    case Kind::years:
      return out.integer(value.integer);
    case Kind::decimal:
    case Kind::money:
    case Kind::percent:
      return out.decimal(value.decimal);
    case Kind::text:
      return out.string(value.as_text());
    case Kind::date:
      return write_quoted(out, static_cast<calendar::DayNumber>(value.integer),
                          calendar::write_date);
    case Kind::month:
      return write_quoted(out, static_cast<calendar::MonthNumber>(value.integer),
                          calendar::write_month);
    case Kind::interval:
      out.raw("[");
      write_quoted(out, value.interval.start, calendar::write_date);
      out.comma();
      write_quoted(out, value.interval.end, calendar::write_date);
      return out.raw("]");
    default:
      return out.string(format_value(context, type, value));
  }
}

namespace {

void write_header(JsonWriter& json, const OutputLine& line) {
  json.key(line.id_key);
  if (line.household_id.data()) {
    json.string(line.household_id);
  } else {
    json.null();
  }
  json.comma();
  json.key("as_of");
  json.string(line.as_of);
  json.comma();
  json.key("rules");
  json.string(line.rules_hash);
}

}  // namespace

void write_decided_value(JsonWriter& out, const DecidedValue& value) {
  std::visit(
      [&](const auto& v) {
        using Held = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<Held, std::monostate>) {
          out.null();
        } else if constexpr (std::is_same_v<Held, bool>) {
          out.boolean(v);
        } else if constexpr (std::is_same_v<Held, std::int64_t>) {
          out.integer(v);
        } else if constexpr (std::is_same_v<Held, double>) {
          out.decimal(v);
        } else if constexpr (std::is_same_v<Held, std::string>) {
          out.string(v);
        } else if constexpr (std::is_same_v<Held, Date>) {
          write_quoted(out, day_number_of(v), calendar::write_date);
        } else if constexpr (std::is_same_v<Held, Month>) {
          write_quoted(out, *calendar::make_month(int(v.year()), int(unsigned(v.month()))),
                       calendar::write_month);
        } else {
          out.raw("[");
          write_quoted(out, day_number_of(v.start), calendar::write_date);
          out.comma();
          write_quoted(out, day_number_of(v.end), calendar::write_date);
          out.raw("]");
        }
      },
      value);
}

std::string decided_value_json(const DecidedValue& value) {
  std::string out;
  JsonWriter json(out);
  write_decided_value(json, value);
  return out;
}

namespace {

std::string rendered_key(std::string_view name) {
  std::string out;
  JsonWriter(out).key(name);
  return out;
}

}  // namespace

DecisionWriter::DecisionWriter(const CheckedProgram& program, const OutputLine& run)
    : has_members_(program.member_list_field.has_value()),
      opening_("{" + rendered_key(run.id_key)) {
  JsonWriter json(after_id_);
  json.comma();
  json.key("as_of");
  json.string(run.as_of);
  json.comma();
  json.key("rules");
  json.string(run.rules_hash);
  json.comma();
  json.key("decisions");
  json.raw("{");
  for (const DecisionOutput& decision : program.household_decisions)
    household_keys_.push_back(rendered_key(decision.key));
  for (const DecisionOutput& decision : program.member_decisions)
    member_keys_.push_back(rendered_key(decision.key));
}

void DecisionWriter::write(const Evaluation& evaluation, std::string& out) const {
  JsonWriter json(out);
  out += opening_;
  if (evaluation.household_id) {
    json.string(*evaluation.household_id);
  } else {
    json.null();
  }
  out += after_id_;
  for (std::size_t d = 0; d < household_keys_.size(); ++d) {
    if (d) json.comma();
    out += household_keys_[d];
    write_decided_value(json, evaluation.household[d].value);
  }
  out += '}';
  if (!has_members_) return;
  json.comma();
  json.key("members");
  out += '{';
  for (std::size_t m = 0; m < evaluation.members.size(); ++m) {
    const MemberDecisions& member = evaluation.members[m];
    if (m) json.comma();
    json.key(member.member_id);
    out += '{';
    for (std::size_t d = 0; d < member_keys_.size(); ++d) {
      if (d) json.comma();
      out += member_keys_[d];
      write_decided_value(json, member.decisions[d].value);
    }
    out += '}';
  }
  out += '}';
}

std::string_view household_id_key(const CheckedProgram& program) {
  const Shape& household = program.shapes[program.household_shape];
  return household.fields[*household.id_field()].name;
}

void write_error(const OutputLine& line, std::uint64_t line_number, std::string_view message,
                 std::string& out) {
  JsonWriter json(out);
  out += '{';
  json.key("line");
  json.integer(static_cast<std::int64_t>(line_number));
  json.comma();
  write_header(json, line);
  json.comma();
  json.key("error");
  json.string(message);
  out += "}\n";
}

}  // namespace regla
