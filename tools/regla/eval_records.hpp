// `regla eval` when records come from CSV tables (--tables) or decisions go out as CSV (--output
// csv): records read one household at a time and decided on one thread (include/regla/tables.hpp).
#pragma once

#include <optional>
#include <string>

#include "input_files.hpp"
#include "regla/tables.hpp"

namespace regla::cli {

struct RecordsRoute {
  std::optional<std::string> tables;          // NAME=FILE,... or a folder of NAME.csv
  bool sort_tables = false;                   // the tables are not sorted by household id
  std::string output = "json";                // json (JSON Lines) or csv
  std::optional<std::string> members_output;  // with --output csv: the members' rows
};

// Whether eval takes this route rather than the JSON Lines stream.
inline bool takes_records_route(const RecordsRoute& route) {
  return route.tables || route.output != "json";
}

// Runs the route on the tables, or else on `input` (JSON Lines), and says on standard error what
// stopped it early, if anything; nullopt, with `exit_code` set, when it could not start (a usage
// error, tables that cannot be opened).
std::optional<RecordsRun> run_records_route(const CompiledRules& rules, const RecordsRoute& route,
                                            const RecordInput* input, int& exit_code);

}  // namespace regla::cli
