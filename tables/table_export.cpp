// JSON Lines -> the registry's CSV tables, and which file holds which table.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "engine/rule_set/loaded_rules.hpp"
#include "regla/tables.hpp"
#include "tables/csv.hpp"
#include "tables/table_layout.hpp"

namespace regla {
namespace {

using nlohmann::json;
using tables::append_csv_field;
using tables::CsvTable;
using tables::TableLayout;

const char* json_kind(const json& value) {
  if (value.is_string()) return "a text";
  if (value.is_number()) return "a number";
  if (value.is_boolean()) return "true or false";
  if (value.is_array()) return "a list";
  if (value.is_object()) return "an object";
  return "null";
}

struct BadRecord {
  std::string message;  // "members[0].birth_date: expected a text, found a number"
};

// One record's rows, table by table, written out only when the whole record could be.
class RowsOfRecord {
 public:
  explicit RowsOfRecord(const TableLayout& layout) : layout_(layout), rows_(layout.tables.size()) {}

  const std::vector<std::string>& rows() const { return rows_; }
  void clear() {
    for (std::string& rows : rows_)
      rows.clear();
  }

  void add(std::uint32_t t, const json& element, const std::vector<std::string>& keys,
           const std::string& path) {
    if (!element.is_object()) {
      throw BadRecord{(path.empty() ? "the record" : path) + ": expected an object, found " +
                      json_kind(element)};
    }
    const CsvTable& table = layout_.tables[t];
    std::string& out = rows_[t];
    for (const std::string& key : keys) {
      append_csv_field(out, key, true);
      out += ',';
    }
    std::string own_id;
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      const tables::ValueColumn& column = table.columns[c];
      std::string column_path = (path.empty() ? "" : path + ".") + column.name;
      std::string cell = cell_text(find(element, column.path, path), column.type.kind, column_path);
      if (table.id_column && c == *table.id_column) own_id = cell;
      if (c) out += ',';
      out += cell;
    }
    out += "\r\n";
    for (std::uint32_t child : table.child_tables) {
      const CsvTable& list_table = layout_.tables[child];
      std::string list_path = path;
      for (const std::string& part : list_table.list_path) {
        list_path += (list_path.empty() ? "" : ".") + part;
      }
      const json* list = find(element, list_table.list_path, path);
      if (!list || list->is_null()) continue;
      if (!list->is_array()) {
        throw BadRecord{list_path + ": expected a list, found " + json_kind(*list)};
      }
      std::vector<std::string> child_keys = keys;
      child_keys.push_back(id_of(element, table));
      for (std::size_t i = 0; i < list->size(); ++i) {
        add(child, (*list)[i], child_keys, list_path + "[" + std::to_string(i) + "]");
      }
    }
  }

 private:
  // The value at `fields` inside `element`; null when it or an object on the way is absent.
  const json* find(const json& element, const std::vector<std::string>& fields,
                   const std::string& path) const {
    const json* at = &element;
    std::string walked = path;
    for (const std::string& field : fields) {
      if (at->is_null()) return nullptr;
      if (!at->is_object()) {
        throw BadRecord{walked + ": expected an object, found " + json_kind(*at)};
      }
      auto found = at->find(field);
      if (found == at->end()) return nullptr;
      at = &*found;
      walked += (walked.empty() ? "" : ".") + field;
    }
    return at;
  }

  std::string id_of(const json& element, const CsvTable& table) const {
    const json* id = find(element, table.columns[*table.id_column].path, "");
    return id && id->is_string() ? id->get<std::string>() : std::string();
  }

  static std::string cell_text(const json* value, Kind kind, const std::string& path) {
    std::string cell;
    if (!value || value->is_null()) return cell;
    bool fits = is_number_like(kind)    ? value->is_number()
                : kind == Kind::boolean ? value->is_boolean()
                                        : value->is_string();
    if (!fits) {
      const char* expected = is_number_like(kind)    ? "a number"
                             : kind == Kind::boolean ? "true or false"
                                                     : "a text";
      throw BadRecord{path + ": expected " + expected + ", found " + json_kind(*value)};
    }
    if (value->is_string()) {
      append_csv_field(cell, value->get_ref<const std::string&>(), true);
    } else {
      cell = value->dump();
    }
    return cell;
  }

  const TableLayout& layout_;
  std::vector<std::string> rows_;
};

}  // namespace

std::optional<std::vector<RegistryTableFile>> parse_table_files(const RuleSet& rules,
                                                                const std::string& spec,
                                                                std::string& error) {
  std::vector<RegistryTableFile> files;
  if (spec.find('=') == std::string::npos) {
    std::error_code ignored;
    if (!std::filesystem::is_directory(spec, ignored)) {
      error = "'" + spec + "' is not a folder of tables (nor NAME=FILE,...)";
      return std::nullopt;
    }
    for (const TableDescription& table : registry_tables(rules, error)) {
      files.push_back({table.name, (std::filesystem::path(spec) / (table.name + ".csv")).string()});
    }
    if (files.empty()) return std::nullopt;
    return files;
  }
  std::size_t start = 0;
  while (start <= spec.size()) {
    std::size_t end = spec.find(',', start);
    if (end == std::string::npos) end = spec.size();
    std::string item = spec.substr(start, end - start);
    std::size_t equals = item.find('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == item.size()) {
      error = "'" + item + "' is not NAME=FILE";
      return std::nullopt;
    }
    files.push_back({item.substr(0, equals), item.substr(equals + 1)});
    start = end + 1;
  }
  std::vector<TableDescription> tables = registry_tables(rules, error);
  for (const RegistryTableFile& file : files) {
    if (std::none_of(tables.begin(), tables.end(),
                     [&](const TableDescription& table) { return table.name == file.table; })) {
      std::string names;
      for (const TableDescription& table : tables)
        names += (names.empty() ? "" : ", ") + table.name;
      error = "there is no table '" + file.table + "'; the tables are " + names;
      return std::nullopt;
    }
  }
  return files;
}

TablesExport export_tables(const RuleSet& rules, std::FILE* jsonl, const std::string& folder) {
  TablesExport result;
  const detail::LoadedRules& loaded = detail::loaded_rules(rules);
  if (!loaded.program || rules.has_errors()) {
    result.error = "the rule set has errors";
    return result;
  }
  std::string error;
  std::optional<TableLayout> layout = tables::table_layout(*loaded.program, error);
  if (!layout) {
    result.error = error;
    return result;
  }
  struct Output {
    std::string path;
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file{nullptr, std::fclose};
  };
  std::vector<Output> outputs(layout->tables.size());
  auto write = [&](Output& output, const std::string& text) {
    if (std::fwrite(text.data(), 1, text.size(), output.file.get()) == text.size()) return true;
    result.error = "cannot write '" + output.path + "': " + std::strerror(errno);
    return false;
  };
  for (std::size_t t = 0; t < layout->tables.size(); ++t) {
    Output& output = outputs[t];
    output.path = (std::filesystem::path(folder) / (layout->tables[t].name + ".csv")).string();
    output.file.reset(std::fopen(output.path.c_str(), "wb"));
    if (!output.file) {
      result.error = "cannot create '" + output.path + "': " + std::strerror(errno);
      return result;
    }
    std::string header;
    for (const std::string& column : layout->tables[t].header()) {
      if (!header.empty()) header += ',';
      append_csv_field(header, column);
    }
    if (!write(output, header + "\r\n")) return result;
  }
  RowsOfRecord rows(*layout);
  std::string line;
  std::uint64_t line_number = 0;
  int c = 0;
  while (c != EOF) {
    line.clear();
    while ((c = std::getc(jsonl)) != EOF && c != '\n')
      line += static_cast<char>(c);
    if (c == EOF && std::ferror(jsonl)) {
      result.error = std::string("cannot read the records: ") + std::strerror(errno);
      return result;
    }
    if (c == EOF && line.empty()) break;
    ++line_number;
    json record = json::parse(line, nullptr, /*allow_exceptions=*/false);
    rows.clear();
    try {
      if (record.is_discarded()) throw BadRecord{"not valid JSON"};
      rows.add(0, record, {}, "");
    } catch (const BadRecord& bad) {
      result.skipped.push_back("line " + std::to_string(line_number) + ": " + bad.message);
      continue;
    }
    for (std::size_t t = 0; t < outputs.size(); ++t) {
      if (!write(outputs[t], rows.rows()[t])) return result;
    }
    ++result.records;
  }
  for (Output& output : outputs) {
    if (std::fclose(output.file.release()) != 0) {
      result.error = "cannot write '" + output.path + "': " + std::strerror(errno);
      return result;
    }
  }
  return result;
}

}  // namespace regla
