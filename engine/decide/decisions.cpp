// Naming members and rejections in decisions and their errors.
#include "engine/decide/decisions.hpp"

namespace regla {

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
