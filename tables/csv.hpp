// CSV as RFC 4180 writes it: fields separated by commas, records by line breaks (CRLF or LF), a
// field quoted with '"' when it holds a comma, a quote or a line break, a quote inside a quoted
// field written twice. The first record of a table is its header.
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace regla::tables {

struct CsvField {
  std::string text;
  bool quoted = false;  // written between quotes: "" is an empty text, an empty field is nothing
};

struct CsvRecord {
  std::uint64_t line = 0;  // where the record begins in its file, from 1
  std::vector<CsvField> fields;
};

// Reads the records of one CSV file, one at a time, with the line each begins on.
class CsvReader {
 public:
  // `name` is how messages call the file ("members.csv").
  CsvReader(std::FILE* file, std::string name);

  // The next record; nullopt at the end of the file or after an error (error() says which).
  std::optional<CsvRecord> next();
  // What stopped the reading: "members.csv:12: a quoted field is not closed", or a read error.
  const std::optional<std::string>& error() const { return error_; }
  const std::string& name() const { return name_; }

  // A record longer than this is an error: no row can make a run hold a whole file in memory.
  static constexpr std::size_t max_record_bytes = 64u << 20;

 private:
  int get();
  std::optional<CsvRecord> fail(std::uint64_t line, const std::string& message);

  std::FILE* file_;
  std::string name_;
  std::uint64_t line_ = 1;    // of the next character
  bool at_start_ = true;      // a byte order mark at the very start is skipped
  std::vector<int> pending_;  // the first bytes, read to look for one, when they were not
  std::optional<std::string> error_;
};

// Appends `text` as one CSV field, quoted when it must be (or when `quote_empty` and it is empty,
// so that an empty text is told from no value).
void append_csv_field(std::string& out, std::string_view text, bool quote_empty = false);

}  // namespace regla::tables
