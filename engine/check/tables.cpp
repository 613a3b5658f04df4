// CSV reading and typed cells for data tables.
#include "engine/check/tables.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "engine/program/value_text.hpp"

namespace regla {

std::vector<CsvRow> parse_csv(std::string_view text, FileId file, DiagnosticSink& diagnostics) {
  std::vector<CsvRow> rows;
  CsvRow row;
  std::size_t i = 0;
  // A UTF-8 byte order mark is not part of the first column's name.
  if (text.starts_with(utf8_byte_order_mark)) i = utf8_byte_order_mark.size();
  while (i < text.size()) {
    CsvCell cell{"", static_cast<std::uint32_t>(i), 0};
    if (text[i] == '"') {
      std::size_t j = i + 1;
      bool closed = false;
      while (j < text.size()) {
        if (text[j] == '"') {
          if (j + 1 < text.size() && text[j + 1] == '"') {
            cell.text += '"';
            j += 2;
            continue;
          }
          closed = true;
          ++j;
          break;
        }
        cell.text += text[j++];
      }
      if (!closed) {
        diagnostics.error(DiagnosticCode::csv_syntax, {file, cell.offset, cell.offset + 1},
                          "this quoted cell is never closed: add the closing '\"'");
        break;
      }
      i = j;
    } else {
      while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
        cell.text += text[i++];
      }
    }
    cell.length = static_cast<std::uint32_t>(i - cell.offset);
    row.push_back(std::move(cell));
    if (i < text.size() && text[i] == ',') {
      ++i;
      if (i == text.size()) row.push_back({"", static_cast<std::uint32_t>(i), 0});
      continue;
    }
    // End of the row: \n, \r\n or the end of the text.
    if (i < text.size() && text[i] == '\r') ++i;
    if (i < text.size() && text[i] == '\n') ++i;
    rows.push_back(std::move(row));
    row.clear();
  }
  if (!row.empty()) rows.push_back(std::move(row));
  return rows;
}

namespace {

std::optional<std::int64_t> parse_integer(std::string_view text) {
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<double> parse_decimal(std::string_view text) {
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

struct CellReading {
  std::optional<Value> value;
  std::string problem;  // when value is empty
};

CellReading read_cell(CheckedProgram& program, Table& table, const Type& type,
                      const std::string& text) {
  switch (type.kind) {
    case Kind::text:
      table.texts.push_back(text);
      return {Value::of_text(table.texts.back()), ""};
    case Kind::integer:
    case Kind::days:
    case Kind::months:
    case Kind::years:
      if (auto v = parse_integer(text)) return {Value::of_integer(*v), ""};
      return {std::nullopt, not_a_value(in_quotes(text), type.kind)};
    case Kind::decimal:
    case Kind::money:
      if (auto v = parse_decimal(text)) return {Value::of_decimal(*v), ""};
      return {std::nullopt, not_a_value(in_quotes(text), type.kind)};
    case Kind::percent:
      if (!text.empty() && text.back() == '%') {
        if (auto v = parse_decimal(std::string_view(text).substr(0, text.size() - 1))) {
          return {Value::of_decimal(*v / 100), ""};
        }
      }
      return {std::nullopt, not_a_value(in_quotes(text), type.kind)};
    case Kind::boolean:
      if (text == "true" || text == "false") return {Value::of_bool(text == "true"), ""};
      return {std::nullopt, not_a_value(in_quotes(text), type.kind)};
    case Kind::date:
      if (auto v = calendar::parse_date(text)) return {Value::of_integer(*v), ""};
      return {std::nullopt, not_a_value(in_quotes(text), type.kind)};
    case Kind::month:
      if (auto v = calendar::parse_month(text)) return {Value::of_integer(*v), ""};
      return {std::nullopt, not_a_value(in_quotes(text), type.kind)};
    case Kind::enumeration: {
      const Enumeration& e = program.enumerations[type.id];
      for (std::size_t i = 0; i < e.values.size(); ++i) {
        if (e.values[i] == text) return {Value::of_integer(static_cast<std::int64_t>(i)), ""};
      }
      return {std::nullopt, in_quotes(text) + " is not one of the column's values"};
    }
    default:
      return {std::nullopt, "this column's type cannot be read from a CSV file"};
  }
}

// Why a cell's value does not meet its column's constraints (`6 digits`, `at least 0 PEN`), or
// nothing when it does.
std::string constraints_problem(const Field& column, const Value& value, const std::string& text) {
  auto quoted = [&text] { return in_quotes(text); };
  std::optional<std::string> problem;
  if (column.type.kind == Kind::text) {
    problem = text_limits_problem(text, column.limits, quoted);
  } else if (is_number_like(column.type.kind)) {
    problem = number_limits_problem(value, column.type.kind, column.limits, quoted);
  }
  return problem.value_or("");
}

}  // namespace

void load_table_rows(CheckedProgram& program, Table& table, FileId file,
                     const std::vector<ColumnKeys>& keys_of, DiagnosticSink& diagnostics) {
  const SourceFile& source = program.sources->file(file);
  Shape& shape = program.shapes[table.shape];
  table.rows.reset(shape.width);
  std::string_view text = source.text();
  std::size_t start = text.starts_with(utf8_byte_order_mark) ? utf8_byte_order_mark.size() : 0;
  if (std::size_t bad = first_byte_not_text(text.substr(start)); bad != std::string_view::npos) {
    auto at = static_cast<std::uint32_t>(start + bad);
    diagnostics.error(DiagnosticCode::invalid_text, {file, at, at + 1},
                      text[at] == '\0' ? "a NUL byte; a table is CSV text"
                                       : "this byte is not UTF-8 text; save the table as UTF-8");
    return;
  }
  std::vector<CsvRow> rows = parse_csv(text, file, diagnostics);
  if (rows.empty()) {
    diagnostics.error(DiagnosticCode::missing_column, {file, 0, 0},
                      "the table file is empty: it needs a header row naming its columns");
    return;
  }
  // Where each declared column is in the file, by header name; other columns are ignored.
  const CsvRow& header = rows.front();
  std::vector<std::size_t> position(shape.fields.size(), SIZE_MAX);
  for (std::size_t f = 0; f < shape.fields.size(); ++f) {
    for (std::size_t c = 0; c < header.size(); ++c) {
      if (header[c].text == shape.fields[f].name) position[f] = c;
    }
    if (position[f] == SIZE_MAX) {
      auto& d = diagnostics.error(DiagnosticCode::missing_column,
                                  {file, header.front().offset, header.front().offset},
                                  "the header has no column '" + shape.fields[f].name + "'");
      d.notes.push_back(
          {shape.fields[f].range, "column '" + shape.fields[f].name + "' declared here"});
    }
  }
  if (std::find(position.begin(), position.end(), SIZE_MAX) != position.end()) return;
  std::vector<SourceRange> key_cells;  // of each row, so a repeated key can name its first copy

  for (std::size_t r = 1; r < rows.size(); ++r) {
    const CsvRow& row = rows[r];
    if (row.size() == 1 && row.front().text.empty()) continue;  // a blank line
    if (row.size() > header.size()) {
      const CsvCell& extra = row[header.size()];
      diagnostics.error(
          DiagnosticCode::wrong_field_count,
          {file, extra.offset, extra.offset + std::max<std::uint32_t>(extra.length, 1)},
          "this row has " + std::to_string(row.size()) + " fields but the header names " +
              std::to_string(header.size()) + " columns");
    }
    std::uint32_t row_index = table.rows.append_row();
    for (std::size_t f = 0; f < shape.fields.size(); ++f) {
      const Field& field = shape.fields[f];
      if (position[f] >= row.size()) {
        const CsvCell& last = row.back();
        diagnostics.error(DiagnosticCode::wrong_field_count,
                          {file, last.offset + last.length, last.offset + last.length},
                          "this row has no value for column '" + field.name + "'");
        continue;
      }
      const CsvCell& cell = row[position[f]];
      SourceRange where{file, cell.offset, cell.offset + cell.length};
      if (cell.text.empty() || cell.text == "NA") {
        if (!field.type.optional) {
          diagnostics.error(DiagnosticCode::missing_value, where,
                            "column '" + field.name +
                                "' needs a value here; declare it 'optional' if it may be empty");
        }
        continue;
      }
      CellReading reading = read_cell(program, table, field.type, cell.text);
      if (reading.value) reading.problem = constraints_problem(field, *reading.value, cell.text);
      if (!reading.problem.empty()) {
        diagnostics.error(DiagnosticCode::invalid_cell, where,
                          reading.problem + " (column '" + field.name + "' is " +
                              describe_type(program, field.type.as_present()) + ")");
        continue;
      }
      table.rows.at(row_index, field.slot) = *reading.value;
      for (const ColumnKeys& keys : keys_of) {
        const Table& other = program.tables[keys.table];
        if (keys.field != f || other.row_with_key(*reading.value, field.type.kind == Kind::text)) {
          continue;
        }
        auto& d = diagnostics.error(DiagnosticCode::unknown_key, where,
                                    in_quotes(cell.text) + " is not a key of table '" +
                                        other.qualified_name() + "' (column '" + field.name +
                                        "' holds only its keys)");
        d.notes.push_back({keys.declared, "declared here"});
      }
      if (table.key_field && *table.key_field == f) {
        std::uint32_t first_row =
            field.type.kind == Kind::text
                ? table.rows_by_text_key.emplace(reading.value->as_text(), row_index).first->second
                : table.rows_by_integer_key.emplace(reading.value->integer, row_index)
                      .first->second;
        key_cells.resize(row_index + 1);
        if (first_row == row_index) {
          key_cells[row_index] = where;
        } else {
          auto& d = diagnostics.error(
              DiagnosticCode::duplicate_key, where,
              "key " + in_quotes(cell.text) + " appears more than once in this table");
          d.notes.push_back({key_cells[first_row], "its first copy"});
        }
      }
    }
  }
}

}  // namespace regla
