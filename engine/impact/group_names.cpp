// Naming groups from the rule tables (group_names.hpp).
#include "engine/impact/group_names.hpp"

#include <algorithm>

namespace regla {

GroupNames::GroupNames(const CheckedProgram& program, std::string_view field) {
  for (const Table& table : program.tables) {
    const Shape& row = program.shapes[table.shape];
    if (!table.key_field || row.fields[*table.key_field].name != field ||
        row.fields[*table.key_field].type.kind != Kind::text) {
      continue;
    }
    for (std::size_t f = 0; f < row.fields.size(); ++f) {
      if (f != *table.key_field && row.fields[f].type.kind == Kind::text) {
        tables_.push_back({&table, row.fields[f].slot});
        break;
      }
    }
  }
  std::ranges::stable_sort(tables_, std::greater<>(),
                           [](const NamingTable& t) { return t.table->rows.count(); });
}

std::string GroupNames::name(std::string_view group) const {
  for (const NamingTable& naming : tables_) {
    auto found = naming.table->rows_by_text_key.find(group);
    if (found == naming.table->rows_by_text_key.end()) continue;
    const Value& name = naming.table->rows.at(found->second, naming.name_slot);
    if (name.present) return std::string(name.as_text());
  }
  return "";
}

}  // namespace regla
