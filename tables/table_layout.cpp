#include "tables/table_layout.hpp"

#include <algorithm>

namespace regla::tables {
namespace {

class LayoutBuilder {
 public:
  LayoutBuilder(const CheckedProgram& program, TableLayout& layout, std::string& error)
      : program_(program), layout_(layout), error_(error) {}

  // Adds the table of `shape`'s elements and, after it, the tables of the lists inside them.
  bool add_table(std::string name, std::uint32_t shape, std::vector<std::string> keys,
                 std::optional<std::uint32_t> parent, std::vector<std::string> list_path) {
    if (layout_.find(name)) {
      error_ = "two lists are named '" + name + "'; each list needs a table of its own name";
      return false;
    }
    std::uint32_t index = static_cast<std::uint32_t>(layout_.tables.size());
    CsvTable table;
    table.name = std::move(name);
    table.key_columns = std::move(keys);
    table.shape = shape;
    table.parent = parent;
    table.list_path = std::move(list_path);
    layout_.tables.push_back(std::move(table));
    std::vector<List> lists;
    add_fields(index, shape, {}, lists);
    CsvTable& added = layout_.tables[index];
    for (const std::string& key : added.key_columns) {
      for (const ValueColumn& column : added.columns) {
        if (column.name == key) {
          error_ =
              "table '" + added.name + "': the field '" + key + "' has the name of a key column";
          return false;
        }
      }
    }
    if (!lists.empty() && !added.id_column) {
      error_ = "the lists inside '" + added.name + "' cannot be kept in tables: shape '" +
               program_.shapes[shape].name + "' has no id field to key their rows by";
      return false;
    }
    for (List& list : lists) {
      std::vector<std::string> keys_below = layout_.tables[index].key_columns;
      keys_below.push_back(layout_.tables[index].columns[*layout_.tables[index].id_column].name);
      std::string list_name = list.path.back();
      layout_.tables[index].child_tables.push_back(
          static_cast<std::uint32_t>(layout_.tables.size()));
      if (!add_table(list_name, list.shape, std::move(keys_below), index, std::move(list.path))) {
        return false;
      }
    }
    return true;
  }

 private:
  struct List {
    std::vector<std::string> path;
    std::uint32_t shape;
  };

  void add_fields(std::uint32_t table, std::uint32_t shape, const std::vector<std::string>& prefix,
                  std::vector<List>& lists) {
    for (const Field& field : program_.shapes[shape].fields) {
      std::vector<std::string> path = prefix;
      path.push_back(field.name);
      if (field.type.kind == Kind::list) {
        lists.push_back({path, field.type.id});
      } else if (field.type.kind == Kind::object) {
        add_fields(table, field.type.id, path, lists);
      } else {
        CsvTable& row = layout_.tables[table];
        std::string name;
        for (const std::string& part : path)
          name += (name.empty() ? "" : ".") + part;
        if (field.is_id && prefix.empty()) row.id_column = row.columns.size();
        row.columns.push_back({std::move(name), std::move(path), field.type});
      }
    }
  }

  const CheckedProgram& program_;
  TableLayout& layout_;
  std::string& error_;
};

}  // namespace

std::vector<std::string> CsvTable::header() const {
  std::vector<std::string> names = key_columns;
  for (const ValueColumn& column : columns)
    names.push_back(column.name);
  return names;
}

const CsvTable* TableLayout::find(const std::string& name) const {
  auto found = std::find_if(tables.begin(), tables.end(),
                            [&](const CsvTable& table) { return table.name == name; });
  return found == tables.end() ? nullptr : &*found;
}

std::optional<TableLayout> table_layout(const CheckedProgram& program, std::string& error) {
  TableLayout layout;
  const Shape& household = program.shapes[program.household_shape];
  if (!household.id_field()) {
    error = "shape '" + household.name + "' has no id field to key the tables by";
    return std::nullopt;
  }
  LayoutBuilder builder(program, layout, error);
  if (!builder.add_table("households", program.household_shape, {}, std::nullopt, {})) {
    return std::nullopt;
  }
  return layout;
}

}  // namespace regla::tables
