// A table's rows in household order when its file is not sorted: an external merge sort, so that
// memory holds a bounded run of rows whatever the size of the file. The rows are read once, cut
// into runs of at most `run_bytes`, each run sorted by household id (stably: a household's rows
// keep their order in the file) and spilled to a temporary file, and the runs are merged as the
// rows are asked for. Each row keeps the line it was on in the file, so errors still name it.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tables/csv.hpp"

namespace regla::tables {

class SortedRows {
 public:
  // Reads the rest of `rows` (its header already read) and sorts it by the field at
  // `household_field`. nullptr, with `error` said, when the file cannot be read to its end
  // (CsvReader's error: a quote never closed, a read error) or a temporary file cannot be
  // written (no space left in TMPDIR).
  static std::unique_ptr<SortedRows> sort(CsvReader& rows, std::size_t household_field,
                                          std::size_t run_bytes, std::string& error);
  ~SortedRows();

  // The next row in household order; nullopt at the end or after an error (error() says which).
  std::optional<CsvRecord> next();
  const std::optional<std::string>& error() const { return error_; }

  // Runs of 64 MiB: a few dozen for a national registry's largest table.
  static constexpr std::size_t default_run_bytes = 64u << 20;

 private:
  struct Run {
    std::FILE* file = nullptr;
    std::unique_ptr<CsvReader> reader;
    std::optional<CsvRecord> ahead;  // its next row
  };

  SortedRows(std::string name, std::size_t household_field);
  bool spill(std::vector<CsvRecord>& rows, std::string& error);
  bool advance(Run& run);

  std::string name_;  // the table's file, for messages
  std::size_t household_field_;
  std::vector<Run> runs_;
  std::optional<std::string> error_;
};

}  // namespace regla::tables
