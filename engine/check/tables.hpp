// Data tables beside the rules: CSV files (RFC 4180) whose declared columns are read into typed
// rows. A bad cell is a diagnostic at that cell, with the CSV line shown like a rule-file line.
#pragma once

#include <string_view>
#include <vector>

#include "dsl/diagnostics.hpp"
#include "engine/program/program.hpp"

namespace regla {

struct CsvCell {
  std::string text;      // unquoted
  std::uint32_t offset;  // of the cell's first byte in the file
  std::uint32_t length;  // bytes as written, quotes included
};
using CsvRow = std::vector<CsvCell>;

// Splits CSV text into rows; a quote left open is reported and ends the file.
std::vector<CsvRow> parse_csv(std::string_view text, FileId file, DiagnosticSink& diagnostics);

// A column whose every value must be a key of another table, read before it (`in districts`).
struct ColumnKeys {
  std::size_t field;     // the column, as a field of the table's shape
  std::uint32_t table;   // the table whose keys it holds
  SourceRange declared;  // where `in TABLE` names it
};

// Reads the rows of `table` (its shape's fields are its columns) from the CSV file `file`, and
// checks every cell: its column's type and constraints, its key unique, the keys it must be.
void load_table_rows(CheckedProgram& program, Table& table, FileId file,
                     const std::vector<ColumnKeys>& keys_of, DiagnosticSink& diagnostics);

}  // namespace regla
