// Reading a registry's CSV tables: each file read in step with households.csv, one household's
// rows at a time, joined into the JSON record the shapes declare.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <deque>
#include <map>

#include "dsl/source.hpp"
#include "engine/render/json_writer.hpp"
#include "engine/rule_set/loaded_rules.hpp"
#include "regla/tables.hpp"
#include "tables/csv.hpp"
#include "tables/sorted_rows.hpp"
#include "tables/table_layout.hpp"

namespace regla {
namespace {

using tables::CsvField;
using tables::CsvReader;
using tables::CsvRecord;
using tables::CsvTable;
using tables::SortedRows;
using tables::TableLayout;

std::string quoted(std::string_view text) {
  return "'" + std::string(text) + "'";
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names)
    out += (out.empty() ? "" : ", ") + name;
  return out;
}

// A number as JSON writes one (RFC 8259): the loader then checks it against its field.
bool is_json_number(std::string_view text) {
  std::size_t i = 0, n = text.size();
  auto digits = [&] {
    std::size_t start = i;
    while (i < n && text[i] >= '0' && text[i] <= '9')
      ++i;
    return i > start;
  };
  if (i < n && text[i] == '-') ++i;
  if (i < n && text[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < n && text[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == n;
}

// One table's file: its reader, where each column is in its rows, and the row read ahead.
struct TableInput {
  const CsvTable* table = nullptr;
  std::string name;  // for messages: the file as given
  std::FILE* file = nullptr;
  std::unique_ptr<CsvReader> reader;
  std::unique_ptr<SortedRows> sorted;  // the rows after the header, sorted, when not read in step
  std::vector<std::string> header;     // CsvTable::header()
  std::vector<std::size_t> field_of_column;  // CsvTable::header() order -> position in a row
  std::size_t width = 0;
  std::size_t household_column = 0;  // in CsvTable::header(): household_id
  std::optional<CsvRecord> ahead;
  std::string last_household;  // of the last row taken, to check the order
  std::uint64_t last_line = 0;
  bool started = false;

  const std::string& household_of(const CsvRecord& row) const {
    return row.fields[field_of_column[household_column]].text;
  }
};

// A row of one household, in a tree: the household, its members, each member's events...
struct Element {
  std::uint32_t table = 0;
  CsvRecord row;
  std::vector<std::vector<const Element*>> lists;  // by CsvTable::child_tables
};

}  // namespace

class RegistryTables::Implementation {
 public:
  Implementation(const CheckedProgram& program, TableLayout layout, const TableReading& reading)
      : program_(program), layout_(std::move(layout)), reading_(reading) {}
  ~Implementation() {
    for (TableInput& input : inputs_) {
      if (input.file) std::fclose(input.file);
    }
  }

  bool open(const std::vector<RegistryTableFile>& files, std::string& error) {
    inputs_.resize(layout_.tables.size());
    for (const RegistryTableFile& file : files) {
      const CsvTable* table = layout_.find(file.table);
      if (!table) {
        error = "there is no table '" + file.table + "'; the tables are " + table_names();
        return false;
      }
      TableInput& input = inputs_[static_cast<std::size_t>(table - layout_.tables.data())];
      if (input.table) {
        error = "table '" + file.table + "' is given twice";
        return false;
      }
      input.table = table;
      input.household_column = table->parent ? 0 : *table->id_column;
      input.name = file.path;
      input.file = std::fopen(file.path.c_str(), "rb");
      if (!input.file) {
        error =
            "cannot open '" + file.path + "' (table " + file.table + "): " + std::strerror(errno);
        return false;
      }
      input.reader = std::make_unique<CsvReader>(input.file, file.path);
    }
    std::vector<std::string> missing;
    for (std::size_t t = 0; t < inputs_.size(); ++t) {
      if (!inputs_[t].table) missing.push_back(layout_.tables[t].name);
    }
    if (!missing.empty()) {
      error = "no file for the table" + std::string(missing.size() > 1 ? "s " : " ") +
              joined(missing) + " (every table of the shapes is needed: " + table_names() + ")";
      return false;
    }
    for (TableInput& input : inputs_) {
      if (!read_header(input, error)) return false;
      if (!reading_.sorted) {
        input.sorted =
            SortedRows::sort(*input.reader, input.field_of_column[input.household_column],
                             reading_.sort_run_bytes, error);
        if (!input.sorted) return false;
      }
    }
    return true;
  }

  bool next(SourcedRecord& record) {
    record = {};
    if (stop_reason_) return false;
    for (TableInput& input : inputs_) {
      if (!look_ahead(input)) return false;
    }
    TableInput& households = inputs_[0];
    // Rows of a household that households.csv does not have come before the next one it has.
    for (std::size_t t = 1; t < inputs_.size(); ++t) {
      TableInput& input = inputs_[t];
      if (input.ahead && (!households.ahead || input.household_of(*input.ahead) <
                                                   households.household_of(*households.ahead))) {
        return skip_orphans(input, record);
      }
    }
    if (!households.ahead) return false;
    std::deque<Element> elements;
    elements.push_back({0, std::move(*households.ahead), {}});
    households.ahead.reset();
    const std::string id = households.household_of(elements.front().row);
    record.household_id = id;
    record.line = elements.front().row.line;
    take(households, id, record.line);
    // A household's rows are held until it is answered, so their size is bounded: past it, the
    // rest are read and dropped, and the household is answered with an error.
    std::size_t bytes = row_bytes(elements.front().row);
    std::optional<std::string> too_large;
    for (std::size_t t = 1; t < inputs_.size(); ++t) {
      TableInput& input = inputs_[t];
      for (;;) {
        if (!look_ahead(input)) return false;
        if (!input.ahead || input.household_of(*input.ahead) != id) break;
        std::uint64_t line = input.ahead->line;
        bytes += row_bytes(*input.ahead);
        if (bytes > reading_.max_household_bytes && !too_large) {
          too_large = location(input, *input.ahead) + ": household " + quoted(id) +
                      " has more than " + std::to_string(reading_.max_household_bytes) +
                      " bytes of rows; its rows were skipped";
          elements.resize(1);
        }
        if (!too_large) {
          elements.push_back({static_cast<std::uint32_t>(t), std::move(*input.ahead), {}});
        }
        input.ahead.reset();
        take(input, id, line);
      }
    }
    if (too_large) {
      record.error = too_large;
      return true;
    }
    if (std::optional<std::string> problem = join(elements)) {
      record.error = *problem;
      return true;
    }
    write_element(elements.front(), "", record);
    return true;
  }

  const std::optional<std::string>& stop_reason() const { return stop_reason_; }

 private:
  std::string table_names() const {
    std::vector<std::string> names;
    for (const CsvTable& table : layout_.tables)
      names.push_back(table.name);
    return joined(names);
  }

  bool read_header(TableInput& input, std::string& error) {
    std::optional<CsvRecord> header = input.reader->next();
    if (!header) {
      error = input.reader->error() ? *input.reader->error()
                                    : input.name +
                                          ": the file is empty; its first row must "
                                          "name its columns: " +
                                          joined(input.table->header());
      return false;
    }
    input.header = input.table->header();
    const std::vector<std::string>& expected = input.header;
    input.width = header->fields.size();
    input.field_of_column.assign(expected.size(), SIZE_MAX);
    for (std::size_t f = 0; f < header->fields.size(); ++f) {
      const std::string& name = header->fields[f].text;
      auto column = std::find(expected.begin(), expected.end(), name);
      std::string at = input.name + ":" + std::to_string(header->line) + ": ";
      if (column == expected.end()) {
        error = at + "unknown column " + quoted(name) + "; the columns of " + input.table->name +
                " are " + joined(expected);
        return false;
      }
      std::size_t index = static_cast<std::size_t>(column - expected.begin());
      if (input.field_of_column[index] != SIZE_MAX) {
        error = at + "column " + quoted(name) + " is named twice";
        return false;
      }
      input.field_of_column[index] = f;
    }
    std::vector<std::string> missing;
    for (std::size_t c = 0; c < expected.size(); ++c) {
      if (input.field_of_column[c] == SIZE_MAX) missing.push_back(expected[c]);
    }
    if (!missing.empty()) {
      error = input.name + ":" + std::to_string(header->line) + ": missing column" +
              (missing.size() > 1 ? "s " : " ") + joined(missing) + " (table " + input.table->name +
              ")";
      return false;
    }
    return true;
  }

  // Reads the next row into `ahead` unless one is there; false when reading must stop.
  bool look_ahead(TableInput& input) {
    if (input.ahead) return true;
    for (;;) {
      input.ahead = input.sorted ? input.sorted->next() : input.reader->next();
      if (!input.ahead) {
        const std::optional<std::string>& error =
            input.sorted ? input.sorted->error() : input.reader->error();
        if (error) {
          stop_reason_ = *error;
          return false;
        }
        return true;
      }
      // A blank line holds nothing.
      if (input.ahead->fields.size() == 1 && input.ahead->fields[0].text.empty() &&
          !input.ahead->fields[0].quoted) {
        input.ahead.reset();
        continue;
      }
      if (input.ahead->fields.size() <= input.field_of_column[input.household_column]) {
        stop_reason_ = location(input, *input.ahead) + ": the row ends before its " +
                       input.table->header()[input.household_column] + " column";
        return false;
      }
      const std::string& household = input.household_of(*input.ahead);
      if (input.started && household < input.last_household) {
        stop_reason_ = location(input, *input.ahead) + ": household " + quoted(household) +
                       " comes after " + quoted(input.last_household) +
                       "; sort the files by household id";
        return false;
      }
      if (&input == &inputs_[0] && input.started && household == input.last_household) {
        stop_reason_ = location(input, *input.ahead) + ": household " + quoted(household) +
                       " is given twice (also on line " + std::to_string(input.last_line) + ")";
        return false;
      }
      return true;
    }
  }

  static std::size_t row_bytes(const CsvRecord& row) {
    std::size_t bytes = 0;
    for (const CsvField& field : row.fields)
      bytes += field.text.size() + 1;
    return bytes;
  }

  static void take(TableInput& input, const std::string& household, std::uint64_t line) {
    input.started = true;
    input.last_household = household;
    input.last_line = line;
  }

  static std::string location(const TableInput& input, const CsvRecord& row) {
    return input.name + ":" + std::to_string(row.line);
  }

  bool skip_orphans(TableInput& input, SourcedRecord& record) {
    const std::string id = input.household_of(*input.ahead);
    record.household_id = id;
    record.line = input.ahead->line;
    std::string first = location(input, *input.ahead);
    std::uint64_t rows = 0;
    while (input.ahead && input.household_of(*input.ahead) == id) {
      ++rows;
      std::uint64_t line = input.ahead->line;
      input.ahead.reset();
      take(input, id, line);
      if (!look_ahead(input)) break;
    }
    record.error = first + ": household " + quoted(id) + " is not in " + inputs_[0].name + " (" +
                   std::to_string(rows) + (rows == 1 ? " row" : " rows") + " of " + input.name +
                   " skipped)";
    return true;
  }

  // Hangs every row under the element its keys name; the first row that fits nowhere is an
  // error.
  std::optional<std::string> join(std::deque<Element>& elements) {
    // Elements that have lists, by table and their keys with their own id.
    std::map<std::pair<std::uint32_t, std::vector<std::string>>, Element*> holders;
    for (Element& element : elements) {
      const TableInput& input = inputs_[element.table];
      const CsvTable& table = *input.table;
      if (element.row.fields.size() != input.width) {
        return location(input, element.row) + ": " + std::to_string(element.row.fields.size()) +
               " fields where the header has " + std::to_string(input.width);
      }
      element.lists.resize(table.child_tables.size());
      std::vector<std::string> keys;
      for (std::size_t k = 0; k < table.key_columns.size(); ++k) {
        keys.push_back(cell(element, k).text);
      }
      if (table.parent) {
        auto holder = holders.find({*table.parent, keys});
        if (holder == holders.end()) {
          const TableInput& parent = inputs_[*table.parent];
          std::string named;
          for (std::size_t k = 0; k < keys.size(); ++k) {
            named += (k ? ", " : "") + table.key_columns[k] + " " + quoted(keys[k]);
          }
          return location(input, element.row) + ": no row of " + parent.name + " has " + named;
        }
        const CsvTable& parent_table = layout_.tables[*table.parent];
        auto list = std::find(parent_table.child_tables.begin(), parent_table.child_tables.end(),
                              element.table);
        holder->second->lists[static_cast<std::size_t>(list - parent_table.child_tables.begin())]
            .push_back(&element);
      }
      if (!table.child_tables.empty()) {
        keys.push_back(cell(element, table.key_columns.size() + *table.id_column).text);
        holders[{element.table, keys}] = &element;
      }
    }
    for (const Element& element : elements) {
      const TableInput& input = inputs_[element.table];
      const std::vector<std::string>& header = input.header;
      for (std::size_t c = 0; c < header.size(); ++c) {
        const std::string& text = cell(element, c).text;
        for (std::size_t at = 0; at < text.size();) {
          std::size_t length = utf8_sequence_length(text, at);
          if (length == 0) {
            char byte[8];
            std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[at]));
            return location(input, element.row) + ": " + header[c] + ": not valid UTF-8 (at byte " +
                   byte + ")";
          }
          at += length;
        }
      }
      for (std::size_t c = 0; c < input.table->columns.size(); ++c) {
        const CsvField& field = cell(element, input.table->key_columns.size() + c);
        if (field.text.empty()) continue;
        Kind kind = input.table->columns[c].type.kind;
        if (is_number_like(kind) && !is_json_number(field.text)) {
          return location(input, element.row) + ": " + input.table->columns[c].name + ": " +
                 quoted(field.text) + " is not a number";
        }
        if (kind == Kind::boolean && field.text != "true" && field.text != "false") {
          return location(input, element.row) + ": " + input.table->columns[c].name + ": " +
                 quoted(field.text) + " is not true or false";
        }
      }
    }
    return std::nullopt;
  }

  // The field of `element`'s row under the table's header column `column`.
  const CsvField& cell(const Element& element, std::size_t column) const {
    return element.row.fields[inputs_[element.table].field_of_column[column]];
  }

  void write_element(const Element& element, const std::string& path, SourcedRecord& record) {
    record.origins.push_back({path, inputs_[element.table].name, element.row.line});
    std::string& out = record.json_line;
    std::size_t column = 0, list = 0;
    out += '{';
    write_fields(element, inputs_[element.table].table->shape, path, column, list, record);
    out += '}';
  }

  // The fields of `shape` (the element's own, or those of an object inside it) that have a
  // value; returns whether any had. `column` and `list` count the element's columns and lists
  // in shape order, as the layout numbered them.
  bool write_fields(const Element& element, std::uint32_t shape, const std::string& path,
                    std::size_t& column, std::size_t& list, SourcedRecord& record) {
    const CsvTable& table = *inputs_[element.table].table;
    std::string& out = record.json_line;
    bool wrote = false;
    auto open_field = [&](std::string_view name) {
      if (wrote) out += ',';
      JsonWriter(out).key(name);
      wrote = true;
    };
    auto path_of = [&](const Field& field) {
      return path.empty() ? field.name : path + "." + field.name;
    };
    for (const Field& field : program_.shapes[shape].fields) {
      if (field.type.kind == Kind::list) {
        const std::vector<const Element*>& rows = element.lists[list++];
        if (rows.empty()) continue;
        open_field(field.name);
        out += '[';
        std::string field_path = path_of(field);
        for (std::size_t i = 0; i < rows.size(); ++i) {
          if (i) out += ',';
          write_element(*rows[i], field_path + "[" + std::to_string(i) + "]", record);
        }
        out += ']';
      } else if (field.type.kind == Kind::object) {
        std::size_t mark = out.size();
        bool wrote_before = wrote;
        open_field(field.name);
        out += '{';
        if (write_fields(element, field.type.id, path_of(field), column, list, record)) {
          out += '}';
        } else {
          out.resize(mark);  // nothing in it: the object is absent
          wrote = wrote_before;
        }
      } else {
        const CsvField& value = cell(element, table.key_columns.size() + column++);
        // An empty cell is no value; "" (quoted) is an empty text.
        if (value.text.empty() && !(value.quoted && is_text(field.type.kind))) continue;
        open_field(field.name);
        if (is_number_like(field.type.kind) || field.type.kind == Kind::boolean) {
          out += value.text;  // checked in join()
        } else {
          JsonWriter(out).string(value.text);
        }
      }
    }
    return wrote;
  }

  static bool is_text(Kind kind) { return kind == Kind::text || kind == Kind::enumeration; }

  const CheckedProgram& program_;
  TableLayout layout_;
  TableReading reading_;
  std::vector<TableInput> inputs_;  // by layout table
  std::optional<std::string> stop_reason_;
};

std::vector<TableDescription> registry_tables(const RuleSet& rules, std::string& error) {
  std::vector<TableDescription> described;
  const detail::LoadedRules& loaded = detail::loaded_rules(rules);
  if (!loaded.program) {
    error = "the rule set has errors";
    return described;
  }
  std::optional<TableLayout> layout = tables::table_layout(*loaded.program, error);
  if (!layout) return described;
  for (const CsvTable& table : layout->tables)
    described.push_back({table.name, table.header()});
  return described;
}

std::unique_ptr<RegistryTables> RegistryTables::open(const RuleSet& rules,
                                                     const std::vector<RegistryTableFile>& files,
                                                     std::string& error,
                                                     const TableReading& reading) {
  const detail::LoadedRules& loaded = detail::loaded_rules(rules);
  if (!loaded.program || rules.has_errors()) {
    error = "the rule set has errors";
    return nullptr;
  }
  std::optional<TableLayout> layout = tables::table_layout(*loaded.program, error);
  if (!layout) return nullptr;
  auto implementation =
      std::make_unique<Implementation>(*loaded.program, std::move(*layout), reading);
  if (!implementation->open(files, error)) return nullptr;
  return std::unique_ptr<RegistryTables>(new RegistryTables(std::move(implementation)));
}

RegistryTables::RegistryTables(std::unique_ptr<Implementation> implementation)
    : implementation_(std::move(implementation)) {}
RegistryTables::~RegistryTables() = default;

bool RegistryTables::next(SourcedRecord& record) {
  return implementation_->next(record);
}

const std::optional<std::string>& RegistryTables::stop_reason() const {
  return implementation_->stop_reason();
}

std::string SourcedRecord::locate(std::string_view record_error) const {
  const Origin* best = nullptr;
  for (const Origin& origin : origins) {
    const std::string& path = origin.json_path;
    bool prefix = record_error.substr(0, path.size()) == path &&
                  (path.empty() || record_error.size() == path.size() ||
                   std::string_view(".: ").find(record_error[path.size()]) != std::string::npos);
    if (prefix && (!best || path.size() > best->json_path.size())) best = &origin;
  }
  if (!best) return std::string(record_error);
  std::string location = std::string(best->file) + ":" + std::to_string(best->line);
  std::string_view rest = record_error.substr(best->json_path.size());
  if (best->json_path.empty()) return location + ": " + std::string(rest);
  if (!rest.empty() && rest[0] == '.') return location + ": " + std::string(rest.substr(1));
  return location + ":" + std::string(rest);
}

}  // namespace regla
