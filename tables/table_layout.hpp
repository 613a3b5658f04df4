// The CSV tables a registry is kept in, read off the record shapes the rules declare (README,
// "Registries"): a table for the households, and one for each list in the shapes, named by the
// list's field (members, programs, health_events, attendance). A row holds the fields of one list
// element, those of the objects inside it flattened into dotted columns (employment.sector); it is
// keyed by the ids of the elements it lies in (household_id, then person_id for a member's list).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/program/program.hpp"

namespace regla::tables {

struct ValueColumn {
  std::string name;               // "employment.monthly_income"
  std::vector<std::string> path;  // the fields from the row's element: {"employment", ...}
  Type type;
};

struct CsvTable {
  std::string name;                         // "health_events"; its file is NAME.csv
  std::vector<std::string> key_columns;     // "household_id", "person_id": the ids of its ancestors
  std::vector<ValueColumn> columns;         // the element's own fields, in shape order
  std::uint32_t shape = 0;                  // the shape of its rows
  std::optional<std::uint32_t> parent;      // the table of the element holding the list
  std::vector<std::string> list_path;       // the list's fields from the parent's element
  std::optional<std::size_t> id_column;     // among `columns`: the element's id, if it has one
  std::vector<std::uint32_t> child_tables;  // of the lists inside, in shape order

  // Every column a header must name: the keys, then the element's fields.
  std::vector<std::string> header() const;
};

struct TableLayout {
  std::vector<CsvTable> tables;  // households first, then each list's table before those inside it

  const CsvTable* find(const std::string& name) const;
};

// The layout of the program's household shape; nullopt, with `error` said, when the shapes cannot
// be kept in tables (a list inside an element without an id, two lists of one name).
std::optional<TableLayout> table_layout(const CheckedProgram& program, std::string& error);

}  // namespace regla::tables
