#include "eval_records.hpp"

#include <cstring>
#include <iostream>

#include "commands.hpp"

namespace regla::cli {
namespace {

std::optional<RecordsRun> run_on(const CompiledRules& rules, const RecordReader& next,
                                 const std::function<std::optional<std::string>()>& stop_reason,
                                 const RecordsRoute& route, int& exit_code) {
  RecordsOutput output;
  output.households = stdout;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> members(nullptr, std::fclose);
  if (route.output == "csv") {
    output.format = RecordsOutput::Format::csv;
    members.reset(std::fopen(route.members_output->c_str(), "wb"));
    if (!members) {
      std::cerr << "regla eval: cannot write '" << *route.members_output
                << "': " << std::strerror(errno) << "\n";
      exit_code = exit_io;
      return std::nullopt;
    }
    output.members = members.get();
  }
  RecordsRun run = evaluate_records(rules, next, stop_reason, output);
  if (members && std::fclose(members.release()) != 0 && !run.write_error) {
    run.write_error = errno;
    run.write_error_in_members = true;
  }
  if (run.write_error) {
    std::string failed = run.write_error_in_members ? "'" + *route.members_output + "'"
                                                    : std::string("standard output");
    std::cerr << "regla eval: cannot write " << failed << ": " << std::strerror(*run.write_error)
              << "; the run stopped: " << run.records_written
              << " records were written before the write that failed\n";
  }
  if (run.read_error) {
    std::cerr << "regla eval: " << *run.read_error << "; the " << run.records_written
              << " records before it were answered\n";
  }
  return run;
}

}  // namespace

std::optional<RecordsRun> run_records_route(const CompiledRules& rules, const RecordsRoute& route,
                                            const RecordInput* input, int& exit_code) {
  if (route.output != "json" && route.output != "csv") {
    exit_code = usage_error("eval", "--output must be json or csv");
    return std::nullopt;
  }
  if (route.output == "csv" && !route.members_output) {
    exit_code = usage_error("eval",
                            "--output csv writes the members' decisions to a file of "
                            "their own: give --members-output FILE");
    return std::nullopt;
  }
  if (route.output != "csv" && route.members_output) {
    exit_code = usage_error("eval", "--members-output is for --output csv");
    return std::nullopt;
  }
  if (!route.tables) {
    JsonLinesRecords lines(input->file(), input->name());
    return run_on(
        rules, lines.reader(), [&] { return lines.stop_reason(); }, route, exit_code);
  }
  std::string error;
  std::optional<std::vector<RegistryTableFile>> files =
      parse_table_files(rules.rules(), *route.tables, error);
  if (!files) {
    exit_code = usage_error("eval", "--tables: " + error);
    return std::nullopt;
  }
  std::vector<std::string> paths;
  for (const RegistryTableFile& file : *files)
    paths.push_back(file.path);
  if (!all_paths_exist("eval", paths, exit_code)) return std::nullopt;
  std::unique_ptr<RegistryTables> tables =
      RegistryTables::open(rules.rules(), *files, error, {.sorted = !route.sort_tables});
  if (!tables) {
    std::cerr << "regla eval: " << error << "\n";
    exit_code = exit_io;
    return std::nullopt;
  }
  return run_on(
      rules, tables->reader(), [&] { return tables->stop_reason(); }, route, exit_code);
}

}  // namespace regla::cli
