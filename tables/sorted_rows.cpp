#include "tables/sorted_rows.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace regla::tables {
namespace {

// A row's household id; a row too short to have one sorts first, and the reader says so.
const std::string& household_of(const CsvRecord& row, std::size_t field) {
  static const std::string none;
  return field < row.fields.size() ? row.fields[field].text : none;
}

std::size_t bytes_of(const CsvRecord& row) {
  std::size_t bytes = sizeof row;
  for (const CsvField& field : row.fields)
    bytes += sizeof field + field.text.size();
  return bytes;
}

// A file in TMPDIR (or /tmp) that no one else can open and that is gone when it is closed.
std::FILE* anonymous_temporary_file() {
  const char* folder = std::getenv("TMPDIR");
  std::string path = std::string(folder && *folder ? folder : "/tmp") + "/regla-rows-XXXXXX";
  int descriptor = ::mkstemp(path.data());
  if (descriptor < 0) return nullptr;
  ::unlink(path.c_str());
  std::FILE* file = ::fdopen(descriptor, "w+b");
  if (!file) ::close(descriptor);
  return file;
}

}  // namespace

SortedRows::SortedRows(std::string name, std::size_t household_field)
    : name_(std::move(name)), household_field_(household_field) {}

SortedRows::~SortedRows() {
  for (Run& run : runs_)
    std::fclose(run.file);
}

std::unique_ptr<SortedRows> SortedRows::sort(CsvReader& rows, std::size_t household_field,
                                             std::size_t run_bytes, std::string& error) {
  std::unique_ptr<SortedRows> sorted(new SortedRows(rows.name(), household_field));
  std::vector<CsvRecord> run;
  std::size_t bytes = 0;
  while (std::optional<CsvRecord> row = rows.next()) {
    bytes += bytes_of(*row);
    run.push_back(std::move(*row));
    if (bytes >= run_bytes) {
      if (!sorted->spill(run, error)) return nullptr;
      bytes = 0;
    }
  }
  if (rows.error()) {
    error = *rows.error();
    return nullptr;
  }
  if (!run.empty() && !sorted->spill(run, error)) return nullptr;
  for (Run& each : sorted->runs_) {
    std::rewind(each.file);
    each.reader = std::make_unique<CsvReader>(each.file, sorted->name_);
    if (!sorted->advance(each)) {
      error = *sorted->error_;
      return nullptr;
    }
  }
  return sorted;
}

// Writes a run sorted, each row as a CSV record whose first field is the line it was on.
bool SortedRows::spill(std::vector<CsvRecord>& rows, std::string& error) {
  std::stable_sort(rows.begin(), rows.end(), [this](const CsvRecord& a, const CsvRecord& b) {
    return household_of(a, household_field_) < household_of(b, household_field_);
  });
  Run run;
  run.file = anonymous_temporary_file();
  if (!run.file) {
    error = name_ + ": cannot make a temporary file to sort it in: " + std::strerror(errno);
    return false;
  }
  runs_.push_back(std::move(run));
  std::string out;
  for (const CsvRecord& row : rows) {
    out += std::to_string(row.line);
    for (const CsvField& field : row.fields) {
      out += ',';
      // A quoted empty field is an empty text, an unquoted one no value: kept apart.
      append_csv_field(out, field.text, field.quoted);
    }
    out += '\n';
    if (out.size() >= (1u << 20) || &row == &rows.back()) {
      if (std::fwrite(out.data(), 1, out.size(), runs_.back().file) != out.size()) {
        error =
            name_ + ": cannot write the temporary file it is sorted in: " + std::strerror(errno);
        return false;
      }
      out.clear();
    }
  }
  if (std::fflush(runs_.back().file) != 0) {
    error = name_ + ": cannot write the temporary file it is sorted in: " + std::strerror(errno);
    return false;
  }
  rows.clear();
  return true;
}

// Reads a run's next row into `ahead`, with its line back from the first field.
bool SortedRows::advance(Run& run) {
  run.ahead = run.reader->next();
  if (!run.ahead) {
    if (run.reader->error()) error_ = name_ + ": reading it back sorted: " + *run.reader->error();
    return !error_;
  }
  run.ahead->line = std::strtoull(run.ahead->fields.front().text.c_str(), nullptr, 10);
  run.ahead->fields.erase(run.ahead->fields.begin());
  return true;
}

std::optional<CsvRecord> SortedRows::next() {
  if (error_) return std::nullopt;
  // The least household among the runs' next rows; on a tie the earlier run, whose rows came
  // first in the file.
  Run* least = nullptr;
  for (Run& run : runs_) {
    if (run.ahead && (!least || household_of(*run.ahead, household_field_) <
                                    household_of(*least->ahead, household_field_)))
      least = &run;
  }
  if (!least) return std::nullopt;
  CsvRecord row = std::move(*least->ahead);
  if (!advance(*least)) return std::nullopt;
  return row;
}

}  // namespace regla::tables
