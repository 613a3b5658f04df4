// regla's public API, part 4: registries kept as CSV tables (README, "Registries").
//
// A registry exports normalized tables: households, members, and a table for each list in the
// record shapes (programs, health_events, attendance). The tables are read off the shapes the rules
// declare: a row holds one list element's fields (an object's fields as dotted columns,
// employment.sector), keyed by the ids of the elements it lies in (household_id; household_id and
// person_id for a member's list). Read sorted by household id, they are joined one household at a
// time into the JSON record the evaluator reads, so the decisions are those of JSON Lines.
//
//   std::string error;
//   std::optional<std::vector<regla::RegistryTableFile>> files =
//       regla::parse_table_files(rules, "registry/", error);    // NAME.csv for every table
//   std::unique_ptr<regla::RegistryTables> tables = regla::RegistryTables::open(rules, *files,
//   error); regla::RecordsRun run = regla::evaluate_records(
//       compiled, tables->reader(), [&] { return tables->stop_reason(); },
//       {regla::RecordsOutput::Format::csv, households_file, members_file});
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "regla/evaluation.hpp"
#include "regla/rules.hpp"

namespace regla {

// One table of a registry: its name (its file is NAME.csv) and the columns its header names.
struct TableDescription {
  std::string name;                  // "members"
  std::vector<std::string> columns;  // the keys first: "household_id", "person_id", "dni", ...
};

// The tables of the rule set's record shapes; empty, with `error` said, when the shapes cannot be
// kept in tables (a list inside an element that has no id to key its rows by).
std::vector<TableDescription> registry_tables(const RuleSet& rules, std::string& error);

// Which file holds which table.
struct RegistryTableFile {
  std::string table;  // "members"
  std::string path;   // "registry/members.csv"
};

// NAME=FILE,NAME=FILE... or a folder holding NAME.csv for every table; nullopt, with `error`
// said, when `spec` is neither.
std::optional<std::vector<RegistryTableFile>> parse_table_files(const RuleSet& rules,
                                                                const std::string& spec,
                                                                std::string& error);

// One household's record, as the evaluator reads it, with where each part of it came from.
struct SourcedRecord {
  std::uint64_t line = 0;  // of the household's row (of a JSON line, of a row of its table)
  std::optional<std::string> household_id;
  std::string json_line;  // the record; empty when it could not be made (see error)
  // Why there is no record: "members.csv:1042: birth_date: ..." (a cell that is no number, a row
  // of a household that households.csv does not have, a row whose member is not in members.csv).
  std::optional<std::string> error;
  // A record error (JSON path first, as the evaluator says it) with the file and line of the row
  // the path leads to: "members[2].birth_date: ..." -> "members.csv:1042: birth_date: ...".
  std::string locate(std::string_view record_error) const;

  struct Origin {
    std::string json_path;  // "members[2]"; "" for the household itself
    std::string_view file;  // "members.csv", as long as the tables it was read from
    std::uint64_t line = 0;
  };
  std::vector<Origin> origins;  // none for a JSON line: its errors are said by their path
};

// Where records come from: fills the next one and returns true, or returns false at the end (or
// when reading had to stop; see RecordsRun::read_error).
using RecordReader = std::function<bool(SourcedRecord& record)>;

// How a registry's tables are read.
struct TableReading {
  // The files are sorted by household id (bytewise, as `LC_ALL=C sort` orders them) and read in
  // step, streaming; a file out of order stops the reading there. When false, each file is sorted
  // first, before the first household is answered: read once, cut into runs of `sort_run_bytes`,
  // each run sorted and written to a temporary file in TMPDIR (as much space as the tables), and
  // the runs merged as the households are read. A household's rows keep their order in the file.
  bool sorted = true;
  std::size_t sort_run_bytes = 64u << 20;
  // The rows one household may have; a household with more is answered with an error.
  std::size_t max_household_bytes = 64u << 20;
};

// A registry's tables, read and joined one household at a time; households.csv names each
// household once. Memory holds one household's rows (and, when sorting, one run), whatever the
// size of the files.
class RegistryTables {
 public:
  // nullptr, with `error` said, when a table is missing or unknown, a file cannot be opened, or
  // a header names a column the table does not have, misses one or names one twice; when
  // sorting, also when a file cannot be read to its end or sorted (the file and line, or why).
  static std::unique_ptr<RegistryTables> open(const RuleSet& rules,
                                              const std::vector<RegistryTableFile>& files,
                                              std::string& error, const TableReading& reading = {});
  ~RegistryTables();

  // The next household (or, between households, the rows of one that households.csv lacks, as a
  // record with an error). False at the end, or when the files cannot be read on (stop_reason).
  bool next(SourcedRecord& record);
  // Why reading stopped before the end: a file out of order, a quote never closed, a read error.
  const std::optional<std::string>& stop_reason() const;
  RecordReader reader() {
    return [this](SourcedRecord& record) { return next(record); };
  }

  class Implementation;

 private:
  explicit RegistryTables(std::unique_ptr<Implementation> implementation);
  std::unique_ptr<Implementation> implementation_;
};

// JSON Lines read as records, one a line (for evaluate_records with CSV output). A line longer
// than `max_line_bytes` is answered with an error and skipped.
class JsonLinesRecords {
 public:
  JsonLinesRecords(std::FILE* in, std::string name, std::size_t max_line_bytes = 64u << 20);
  bool next(SourcedRecord& record);
  const std::optional<std::string>& stop_reason() const { return stop_reason_; }
  RecordReader reader() {
    return [this](SourcedRecord& record) { return next(record); };
  }

 private:
  std::FILE* in_;
  std::string name_;
  std::size_t max_line_bytes_;
  std::uint64_t line_ = 0;
  std::optional<std::string> stop_reason_;
};

// Decisions as CSV (RFC 4180), for spreadsheets and payment rolls: a row per household with a
// column per household decision, and a row per member with a column per member decision.
class CsvDecisionWriter {
 public:
  explicit CsvDecisionWriter(const CompiledRules& rules);
  // household_id,as_of,rules,error,sis.eligible,... and household_id,person_id,as_of,rules,...
  std::string household_header() const;
  std::string member_header() const;
  // Appends the household's row (the error column filled when rejected, the decisions left empty)
  // and its members' rows (none when rejected).
  void write(const Evaluation& evaluation, std::string& households, std::string& members) const;

 private:
  const CompiledRules& rules_;
  std::string household_key_;  // the id fields' names: "household_id", "person_id"
  std::string member_key_;
};

// Where evaluate_records writes: JSON Lines, or CSV with the members' rows in a file of their own.
struct RecordsOutput {
  enum class Format { json_lines, csv } format = Format::json_lines;
  std::FILE* households = nullptr;
  std::FILE* members = nullptr;  // CSV only
};

struct [[nodiscard]] RecordsRun {
  RunSummary summary;  // records answered (records that could not be made count as rejected)
  std::uint64_t records_written = 0;
  std::optional<std::string> read_error;  // reading stopped before the end of the input
  std::optional<int> write_error;         // errno of the write that failed; the run stopped there
  bool write_error_in_members = false;    // it was a write to RecordsOutput::members
  bool complete() const { return !read_error && !write_error; }
};

// Evaluates every record `next` gives, in order, on one thread, and writes an answer for each:
// its decisions, or its error located by its origins. `stop_reason` is asked at the end.
RecordsRun evaluate_records(const CompiledRules& rules, const RecordReader& next,
                            const std::function<std::optional<std::string>()>& stop_reason,
                            const RecordsOutput& output);

// Writes a JSON Lines registry as the tables of registry_tables() (NAME.csv in `folder`, which
// must exist), sorted as read: give it records sorted by household id to read them back.
struct [[nodiscard]] TablesExport {
  std::uint64_t records = 0;         // written to the tables
  std::vector<std::string> skipped;  // "line 3: ...": lines that are not records of the shapes
  std::optional<std::string> error;  // a file that could not be written; the export stopped
};
TablesExport export_tables(const RuleSet& rules, std::FILE* jsonl, const std::string& folder);

}  // namespace regla
