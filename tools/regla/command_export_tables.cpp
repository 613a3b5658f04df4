// regla export-tables --to DIR [--rules DIR] [INPUT]: a JSON Lines registry written as the CSV
// tables its record shapes make (include/regla/tables.hpp).
#include <filesystem>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "input_files.hpp"
#include "regla/tables.hpp"

namespace regla::cli {
namespace {

struct ExportArguments {
  std::string rules = "rules/";
  std::string folder;
  std::optional<std::string> input;
};

int run_export_tables(const ExportArguments& given) {
  int exit_code = exit_ok;
  std::optional<RecordInput> input = RecordInput::open("export-tables", given.input, exit_code);
  if (!input) return exit_code;
  std::optional<RuleSet> rules = load_rules(given.rules, "export-tables", exit_code);
  if (!rules) return exit_code;
  std::error_code error;
  std::filesystem::create_directories(given.folder, error);
  if (error) {
    std::cerr << "regla export-tables: cannot make the folder '" << given.folder
              << "': " << error.message() << "\n";
    return exit_io;
  }
  TablesExport exported = export_tables(*rules, input->file(), given.folder);
  for (const std::string& skipped : exported.skipped) {
    std::cerr << "regla export-tables: " << input->name() << ": " << skipped << "; skipped\n";
  }
  if (exported.error) {
    std::cerr << "regla export-tables: " << *exported.error << "; " << exported.records
              << " records were written before it\n";
    return exit_io;
  }
  std::cerr << "regla export-tables: " << exported.records << " records written to " << given.folder
            << ", " << exported.skipped.size() << " lines skipped\n";
  return exported.skipped.empty() ? exit_ok : exit_rejected_records;
}

}  // namespace

RunCommand add_export_tables(CLI::App& regla) {
  CLI::App& command = *regla.add_subcommand(
      "export-tables", "write a registry (JSON Lines) as CSV tables, one per list in the shapes");
  set_help_footer(
      command,
      "Reads household records (JSON Lines) from INPUT or standard input and writes the tables\n"
      "the record shapes of --rules make (households.csv, members.csv, one NAME.csv per list)\n"
      "into --to DIR, which `regla eval --tables DIR` reads back. Rows keep the input's order:\n"
      "`regla eval --tables` needs them sorted by household id. A line that is not valid JSON,\n"
      "or whose values do not have their fields' JSON types, is skipped and named (exit 3).\n"
      "Fields the shapes do not declare have no column and are not written.\n");
  auto given = std::make_shared<ExportArguments>();
  command.add_option("--rules", given->rules, "the rule set whose shapes make the tables")
      ->type_name("DIR")
      ->capture_default_str();
  command.add_option("--to", given->folder, "the folder to write the tables in (required)")
      ->type_name("DIR")
      ->required();
  command
      .add_option("INPUT", given->input,
                  "household records, JSON Lines (default: standard "
                  "input)")
      ->type_name("");
  return [given] { return run_export_tables(*given); };
}

}  // namespace regla::cli
