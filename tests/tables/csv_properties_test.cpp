// RFC 4180 both ways: any rows of any bytes, written field by field with append_csv_field, read
// back by CsvReader as the same fields, on the lines they began on.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstdio>

#include "tables/csv.hpp"

namespace regla::tables {
namespace {

// Texts rich in what CSV must quote: commas, quotes, CR, LF, and bytes of a byte order mark.
rc::Gen<std::string> field_text() {
  return rc::gen::container<std::string>(
      rc::gen::oneOf(rc::gen::element(',', '"', '\r', '\n', 'a', ' ', '\xEF', '\xBB', '\xBF'),
                     rc::gen::arbitrary<char>()));
}

RC_GTEST_PROP(CsvProperties, WrittenRowsReadBackAsTheSameFieldsOnTheirLines, ()) {
  auto rows = *rc::gen::nonEmpty(rc::gen::container<std::vector<std::vector<std::string>>>(
      rc::gen::nonEmpty(rc::gen::container<std::vector<std::string>>(field_text()))));
  // Bytes of a byte order mark at the very start of a file are read as one, not as text.
  RC_PRE(rows[0][0].rfind("\xEF\xBB\xBF", 0) != 0);
  bool crlf = *rc::gen::arbitrary<bool>();
  bool quote_empty = *rc::gen::arbitrary<bool>();
  std::string text;
  std::vector<std::uint64_t> lines;
  std::uint64_t line = 1;
  for (const std::vector<std::string>& row : rows) {
    lines.push_back(line);
    std::size_t start = text.size();
    for (std::size_t f = 0; f < row.size(); ++f) {
      if (f) text += ',';
      append_csv_field(text, row[f], quote_empty);
    }
    text += crlf ? "\r\n" : "\n";
    for (std::size_t i = start; i < text.size(); ++i)
      line += text[i] == '\n';
  }
  std::FILE* file = std::tmpfile();
  RC_ASSERT(file != nullptr);
  std::fwrite(text.data(), 1, text.size(), file);
  std::rewind(file);
  CsvReader reader(file, "rows.csv");
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::optional<CsvRecord> record = reader.next();
    RC_ASSERT(record.has_value());
    RC_ASSERT(record->line == lines[r]);
    std::vector<std::string> read;
    for (const CsvField& field : record->fields)
      read.push_back(field.text);
    RC_ASSERT(read == rows[r]);
  }
  RC_ASSERT(!reader.next().has_value());
  RC_ASSERT(!reader.error().has_value());
  std::fclose(file);
}

}  // namespace
}  // namespace regla::tables
