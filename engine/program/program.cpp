// Small queries on the checked program.
#include "engine/program/program.hpp"

namespace regla {

std::string_view pick_label(const Labels& labels, std::string_view language) {
  for (const Label& label : labels) {
    if (label.language == language) return label.text;
  }
  for (const Label& label : labels) {
    if (label.language == "en") return label.text;
  }
  return labels.empty() ? std::string_view() : std::string_view(labels.front().text);
}

int Shape::field_index(std::string_view field_name) const {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == field_name) return static_cast<int>(i);
  }
  return -1;
}

const Parameter::Version* Parameter::version_at(calendar::DayNumber day) const {
  for (const Version& version : versions) {
    if ((!version.from || *version.from <= day) && (!version.until || day < *version.until)) {
      return &version;
    }
  }
  return nullptr;
}

const char* kind_name(Kind kind) {
  switch (kind) {
    case Kind::error:
      return "error";
    case Kind::boolean:
      return "bool";
    case Kind::integer:
      return "integer";
    case Kind::decimal:
      return "decimal";
    case Kind::money:
      return "money";
    case Kind::percent:
      return "percent";
    case Kind::days:
      return "days";
    case Kind::months:
      return "months";
    case Kind::years:
      return "years";
    case Kind::text:
      return "text";
    case Kind::enumeration:
      return "enum";
    case Kind::date:
      return "date";
    case Kind::month:
      return "month";
    case Kind::interval:
      return "interval";
    case Kind::object:
      return "object";
    case Kind::list:
      return "list";
  }
  return "?";
}

std::string describe_type(const CheckedProgram& program, const Type& type) {
  std::string out = type.optional ? "optional " : "";
  switch (type.kind) {
    case Kind::enumeration: {
      out += "enum {";
      const Enumeration& e = program.enumerations.at(type.id);
      for (std::size_t i = 0; i < e.values.size(); ++i)
        out += (i ? ", " : " ") + e.values[i];
      return out + " }";
    }
    case Kind::object:
      return out + program.shapes.at(type.id).name;
    case Kind::list:
      return out + "list of " + program.shapes.at(type.id).name;
    default:
      return out + kind_name(type.kind);
  }
}

std::string source_text(const CheckedProgram& program, NodeId node) {
  SourceRange range = program.nodes[node].range;
  std::string_view text = program.sources->file(range.file).slice(range);
  std::string out;
  bool blank = false;
  for (char c : text) {
    bool is_blank = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (is_blank) {
      blank = !out.empty();
      continue;
    }
    if (blank) out += ' ';
    blank = false;
    out += c;
  }
  return out;
}

}  // namespace regla
