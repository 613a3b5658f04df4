// Decisions as CSV rows: a column per decision, values as the JSON output line writes them,
// without JSON's quotes.
#include "engine/render/output.hpp"
#include "engine/rule_set/loaded_rules.hpp"
#include "regla/tables.hpp"
#include "tables/csv.hpp"

namespace regla {
namespace {

using tables::append_csv_field;

// true, 250.5, 2026-11-01, 2026-11, 2026-01-01/2026-07-01 (a date range, ISO 8601's way); nothing
// for no value.
std::string cell_text(const DecidedValue& value) {
  if (std::holds_alternative<std::monostate>(value)) return {};
  if (const std::string* text = std::get_if<std::string>(&value)) return *text;
  std::string json = decided_value_json(value);
  std::string cell;
  for (char c : json) {
    if (c == ',') {
      cell += '/';
    } else if (c != '"' && c != '[' && c != ']') {
      cell += c;
    }
  }
  return cell;
}

}  // namespace

CsvDecisionWriter::CsvDecisionWriter(const CompiledRules& rules) : rules_(rules) {
  const CheckedProgram& program = *detail::loaded_rules(rules.rules()).program;
  household_key_ = household_id_key(program);
  const Shape& member = program.shapes[program.member_shape];
  if (program.member_list_field && member.id_field()) {
    member_key_ = member.fields[*member.id_field()].name;
  }
}

std::string CsvDecisionWriter::household_header() const {
  std::string header;
  append_csv_field(header, household_key_);
  header += ",as_of,rules,error";
  for (const std::string& decision : rules_.household_decisions()) {
    header += ',';
    append_csv_field(header, decision);
  }
  return header + "\r\n";
}

std::string CsvDecisionWriter::member_header() const {
  std::string header;
  append_csv_field(header, household_key_);
  header += ',';
  append_csv_field(header, member_key_);
  header += ",as_of,rules";
  for (const std::string& decision : rules_.member_decisions()) {
    header += ',';
    append_csv_field(header, decision);
  }
  return header + "\r\n";
}

void CsvDecisionWriter::write(const Evaluation& evaluation, std::string& households,
                              std::string& members) const {
  const std::string& as_of = rules_.options().as_of;
  const std::string& hash = rules_.rules().hash();
  append_csv_field(households, evaluation.household_id.value_or(""));
  households += ',' + as_of + ',' + hash + ',';
  if (evaluation.error) {
    append_csv_field(households, *evaluation.error);
    for (std::size_t d = 0; d < rules_.household_decisions().size(); ++d)
      households += ',';
    households += "\r\n";
    return;
  }
  for (const Decision& decision : evaluation.household) {
    households += ',';
    append_csv_field(households, cell_text(decision.value));
  }
  households += "\r\n";
  for (const MemberDecisions& member : evaluation.members) {
    append_csv_field(members, evaluation.household_id.value_or(""));
    members += ',';
    append_csv_field(members, member.member_id);
    members += ',' + as_of + ',' + hash;
    for (const Decision& decision : member.decisions) {
      members += ',';
      append_csv_field(members, cell_text(decision.value));
    }
    members += "\r\n";
  }
}

}  // namespace regla
