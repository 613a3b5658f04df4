// Writing output lines.
#include "engine/render/output.hpp"

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

// As json.key(member_id_text(...)), without building the text.
void write_member_key(JsonWriter& json, const CheckedProgram& program, const Record& record,
                      std::uint32_t row) {
  const Shape& member = program.shapes[program.member_shape];
  const Field& id = member.fields[*member.id_field()];
  const Value& value = record.objects[program.member_shape].at(row, id.slot);
  if (value.present && id.type.kind == Kind::text) return json.key(value.as_text());
  json.key(member_id_text(program, record, row));
}

std::string rendered_key(std::string_view name) {
  std::string out;
  JsonWriter(out).key(name);
  return out;
}

}  // namespace

DecisionWriter::DecisionWriter(const CheckedProgram& program, const OutputLine& run)
    : opening_("{" + rendered_key(run.id_key)) {
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

void DecisionWriter::write(const RenderContext& context, std::string_view household_id,
                           const HouseholdDecisions& decisions, std::string& out) const {
  const CheckedProgram& program = context.program;
  JsonWriter json(out);
  out += opening_;
  if (household_id.data()) {
    json.string(household_id);
  } else {
    json.null();
  }
  out += after_id_;
  for (std::size_t d = 0; d < household_keys_.size(); ++d) {
    if (d) json.comma();
    out += household_keys_[d];
    write_typed_value(context, json, program.rules[program.household_decisions[d].rule].type,
                      decisions.household[d]);
  }
  out += '}';
  if (program.member_list_field) {
    json.comma();
    json.key("members");
    out += '{';
    std::size_t count = member_keys_.size();
    for (std::size_t m = 0; m < decisions.member_rows.size(); ++m) {
      if (m) json.comma();
      write_member_key(json, program, context.record, decisions.member_rows[m]);
      out += '{';
      for (std::size_t d = 0; d < count; ++d) {
        if (d) json.comma();
        out += member_keys_[d];
        write_typed_value(context, json, program.rules[program.member_decisions[d].rule].type,
                          decisions.member(m, d, count));
      }
      out += '}';
    }
    out += '}';
  }
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

std::string member_id_text(const CheckedProgram& program, const Record& record, std::uint32_t row) {
  const Shape& member = program.shapes[program.member_shape];
  const Field& id = member.fields[*member.id_field()];
  const Value& value = record.objects[program.member_shape].at(row, id.slot);
  if (!value.present) return "";
  return id.type.kind == Kind::text ? std::string(value.as_text()) : std::to_string(value.integer);
}

std::string_view rejection_label(const Rejection& rejection) {
  std::string_view label = pick_label(rejection.labels, "en");
  return label.empty() ? "the record is rejected by a rule" : label;
}

}  // namespace regla
