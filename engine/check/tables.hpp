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

// Reads the rows of `table` (its shape's fields are its columns) from the CSV file `file`.
void load_table_rows(CheckedProgram& program, Table& table, FileId file,
                     DiagnosticSink& diagnostics);

}  // namespace regla
