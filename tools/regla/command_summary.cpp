// regla summary merge [--summary FILE] FILE...: the run summaries of the parts of a registry (the
// `--summary` files of `regla eval`, one per part) added up into the summary of the whole.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "input_files.hpp"
#include "output_files.hpp"
#include "regla/evaluation.hpp"

namespace regla::cli {
namespace {

struct SummaryMergeArguments {
  std::vector<std::string> files;
  std::optional<std::string> summary;  // "-": standard output, instead of the text
};

// The whole content of `path`; nullopt with errno set when it cannot be read.
std::optional<std::string> read_whole_file(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return std::nullopt;
  std::string text;
  char buffer[1 << 16];
  std::size_t read = 0;
  while ((read = std::fread(buffer, 1, sizeof buffer, file)) > 0)
    text.append(buffer, read);
  int failure = std::ferror(file) ? errno : 0;
  std::fclose(file);
  if (failure) {
    errno = failure;
    return std::nullopt;
  }
  return text;
}

int run_summary_merge(const SummaryMergeArguments& given) {
  const std::string command = "summary merge";
  int exit_code = exit_ok;
  if (!all_paths_exist(command, given.files, exit_code)) return exit_code;
  RunSummary merged;
  std::string first_file;
  for (const std::string& file : given.files) {
    std::optional<std::string> text = read_whole_file(file);
    if (!text) {
      std::cerr << "regla summary merge: cannot read '" << file << "': " << std::strerror(errno)
                << "\n";
      return exit_io;
    }
    RunSummaryReading reading = RunSummary::from_json(*text);
    if (!reading.summary)
      return usage_error(command, "'" + file + "' is not a run summary: " + reading.error);
    if (std::optional<std::string> refused = merged.add_part(*reading.summary))
      return usage_error(command,
                         "'" + file + "' cannot be added to '" + first_file + "': " + *refused);
    if (first_file.empty()) first_file = file;
  }
  if (given.summary == "-") {
    std::cout << merged.json();
  } else {
    std::cout << merged.text();
    if (given.summary) {
      if (std::optional<int> failure = write_file(*given.summary, merged.json())) {
        std::cerr << "regla summary merge: cannot write the summary to '" << *given.summary
                  << "': " << std::strerror(*failure) << "\n";
        return exit_io;
      }
    }
  }
  return exit_ok;
}

}  // namespace

RunCommand add_summary(CLI::App& regla) {
  CLI::App& summary = *regla.add_subcommand("summary", "work with run summaries (--summary files)");
  summary.require_subcommand(1, 1);
  set_help_footer(summary, "regla summary merge --help says what merge does.\n");
  CLI::App& merge = *summary.add_subcommand(
      "merge", "add up the run summaries of the parts of a registry into the whole's");
  set_help_footer(
      merge,
      "Reads the --summary files `regla eval` wrote for parts of a registry and prints the\n"
      "summary of the whole, as `regla eval` would have for one run over every part: every count\n"
      "added, overall and by district. Its seconds are the parts' seconds added. --summary FILE\n"
      "also writes it as JSON (as eval's --summary does); --summary - writes the JSON to\n"
      "standard output instead of the text. The parts must be runs on the same --as-of date.\n"
      "A FILE that is not a run summary is a usage error naming the file and the place.\n");
  auto given = std::make_shared<SummaryMergeArguments>();
  merge.add_option("--summary", given->summary, "also write the merged summary as JSON to FILE")
      ->type_name("FILE");
  merge.add_option("FILE", given->files, "the --summary files of the parts")
      ->required()
      ->type_name("");
  return [given] { return run_summary_merge(*given); };
}

}  // namespace regla::cli
