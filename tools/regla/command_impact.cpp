// regla impact --base OLD_RULES [--rules NEW_RULES] [--as-of DATE] [--group-by FIELD] [--report
// FILE] [--households FILE] [--csv DIR] [INPUT]: what a rule change does to a registry, record by
// record, on every core.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "evaluation_arguments.hpp"
#include "input_files.hpp"
#include "output_files.hpp"
#include "regla/evaluation.hpp"
#include "regla/impact.hpp"
#include "whole_number.hpp"

namespace regla::cli {
namespace {

struct ImpactArguments {
  EvaluationArguments evaluation;  // --rules (the changed rules), --as-of, --lang, INPUT, ...
  std::string base;
  std::vector<std::string> settings;       // --set program.parameter=VALUE
  std::vector<std::string> base_settings;  // --base-set program.parameter=VALUE
  std::optional<std::string> threads;
  std::optional<std::string> group_by;
  std::optional<std::string> report;
  std::optional<std::string> households;
  std::optional<std::string> csv;
  std::optional<std::string> html;
};

// The changed households a --html page shows with their reasons.
constexpr std::size_t households_on_the_page = 20;

std::string shell_quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text)
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// A temporary folder, removed when it goes.
struct TemporaryFolder {
  std::filesystem::path path;
  ~TemporaryFolder() {
    std::error_code ignored;
    if (!path.empty()) std::filesystem::remove_all(path, ignored);
  }
};

// --base git:REVISION: the rule folder as it was at REVISION of the git repository it is in,
// written into `into` by `git archive`; a message when git cannot give it.
std::optional<std::string> rules_at_revision(const std::string& rules, const std::string& revision,
                                             TemporaryFolder& into) {
  char pattern[] = "/tmp/regla-impact-XXXXXX";
  if (!mkdtemp(pattern))
    return std::string("cannot make a temporary folder: ") + std::strerror(errno);
  into.path = pattern;
  std::string archive = (into.path / "rules.tar").string();
  // The folder's path inside its repository, then that path's tree at REVISION.
  std::string command = "cd " + shell_quoted(rules) +
                        " 2>/dev/null && prefix=$(git rev-parse --show-prefix 2>/dev/null) && "
                        "git -C \"$(git rev-parse --show-toplevel)\" archive --format=tar -o " +
                        shell_quoted(archive) + " " + shell_quoted(revision) +
                        "\":$prefix\" 2>/dev/null && tar -xf " + shell_quoted(archive) + " -C " +
                        shell_quoted(into.path.string());
  if (std::system(command.c_str()) != 0) {
    return "git has no revision '" + revision + "' of the rule folder '" + rules +
           "' (is it in a git repository?)";
  }
  std::filesystem::remove(archive);
  return std::nullopt;
}

// Writes each of the report's CSV tables into `folder` (made if missing); false after saying why
// one could not be written.
bool write_csv_tables(const ImpactReport& report, const std::string& folder) {
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) {
    std::cerr << "regla impact: cannot make the folder '" << folder
              << "' for --csv: " << error.message() << "\n";
    return false;
  }
  for (const auto& [name, table] : report.csv_tables()) {
    std::string path = (std::filesystem::path(folder) / name).string();
    if (std::optional<int> failure = write_file(path, table)) {
      std::cerr << "regla impact: cannot write '" << path << "': " << std::strerror(*failure)
                << "\n";
      return false;
    }
  }
  return true;
}

// The report on standard output, and in the files asked for (--report, --csv, --html); false
// after saying why one could not be written.
bool write_reports(const ImpactArguments& given, const ImpactStreamResult& result) {
  const ImpactReport& report = result.report;
  std::cout << report.text();
  bool written = true;
  auto write = [&](const std::optional<std::string>& path, const char* what, auto text) {
    if (!path) return;
    if (std::optional<int> failure = write_file(*path, text())) {
      std::cerr << "regla impact: cannot write the " << what << " to '" << *path
                << "': " << std::strerror(*failure) << "\n";
      written = false;
    }
  };
  write(given.report, "report", [&] { return report.json(); });
  write(given.html, "page", [&] { return report.html(result.first_households); });
  if (given.csv && !write_csv_tables(report, *given.csv)) written = false;
  return written;
}

// The file --households writes, opened before the run so that a path it cannot write is said
// before the registry is read.
struct OutputFile {
  std::FILE* file = nullptr;
  ~OutputFile() {
    if (file) std::fclose(file);
  }
};

int run_impact(const ImpactArguments& given) {
  int exit_code = exit_ok;
  std::optional<EvaluationOptions> options =
      evaluation_options(given.evaluation, "impact", exit_code);
  if (!options) return exit_code;
  ImpactOptions impact;
  impact.language = options->language;
  impact.households = given.households || given.html;
  if (given.html) impact.households_kept = households_on_the_page;
  if (given.threads) {
    std::optional<std::uint64_t> count = parse_whole_number(*given.threads, 1, 1024);
    if (!count) return usage_error("impact", "--threads needs a whole number from 1 to 1024");
    impact.threads = static_cast<unsigned>(*count);
  }
  const std::string& rules = given.evaluation.rules;
  TemporaryFolder checkout;
  std::string base_folder = given.base;
  if (given.base.rfind("git:", 0) == 0) {
    if (auto problem = rules_at_revision(rules, given.base.substr(4), checkout))
      return usage_error("impact", *problem);
    base_folder = checkout.path.string();
  }
  std::optional<RecordInput> input = RecordInput::open("impact", given.evaluation.input, exit_code);
  if (!input) return exit_code;
  // PROGRAM.PARAM=VALUE settings, as --set and --base-set give them.
  auto parsed_settings = [](const std::vector<std::string>& given_settings,
                            const char* option) -> std::optional<std::vector<ParameterSetting>> {
    std::vector<ParameterSetting> out;
    for (const std::string& setting : given_settings) {
      std::size_t equals = setting.find('=');
      if (equals == std::string::npos || equals == 0) {
        usage_error("impact",
                    std::string(option) + " needs program.parameter=VALUE, not '" + setting + "'");
        return std::nullopt;
      }
      out.push_back({setting.substr(0, equals), setting.substr(equals + 1)});
    }
    return out;
  };
  std::optional<std::vector<ParameterSetting>> base_settings =
      parsed_settings(given.base_settings, "--base-set");
  std::optional<std::vector<ParameterSetting>> settings = parsed_settings(given.settings, "--set");
  if (!base_settings || !settings) return exit_usage;
  std::optional<RuleSet> base = load_rules(base_folder, "impact", exit_code, *base_settings);
  if (!base) return exit_code;
  std::optional<RuleSet> changed = load_rules(rules, "impact", exit_code, *settings);
  if (!changed) return exit_code;
  CompileResult base_compiled = compile(*base, *options);
  if (!base_compiled.rules) return usage_error("impact", "the base: " + base_compiled.error);
  // The breakdown is by the changed rules' field: compile() checks that they read it.
  options->group_by = given.group_by.value_or("");
  CompileResult changed_compiled = compile(*changed, *options);
  if (!changed_compiled.rules) return usage_error("impact", changed_compiled.error);

  OutputFile households;
  if (given.households) {
    households.file = std::fopen(given.households->c_str(), "w");
    if (!households.file) {
      std::cerr << "regla impact: cannot write the households to '" << *given.households
                << "': " << std::strerror(errno) << "\n";
      return exit_io;
    }
  }
  ImpactStreamResult result = impact_stream(*base_compiled.rules, *changed_compiled.rules, impact,
                                            input->file(), households.file);
  int status = exit_ok;
  if (result.read_error) {
    std::cerr << "regla impact: cannot read " << input->name() << ": "
              << std::strerror(*result.read_error) << "; the report counts the "
              << result.report.records << " lines before the error\n";
    status = exit_io;
  }
  if (result.write_error) {
    std::cerr << "regla impact: cannot write the households to '" << *given.households
              << "': " << std::strerror(*result.write_error) << "; the run stopped after "
              << result.households_written << " lines; no report was written\n";
    status = exit_io;
  }
  const ImpactReport& report = result.report;
  for (std::uint64_t line : report.unread_lines) {
    std::cerr << "regla impact: " << input->name() << " line " << line << ": "
              << too_long_message(impact.max_line_bytes) << "\n";
  }
  // After a failed write the counts are of a part of the input only: no report is given.
  if (!result.write_error && !write_reports(given, result)) status = exit_io;
  if (households.file) {
    bool closed = std::fclose(households.file) == 0;
    households.file = nullptr;
    if (!closed && !result.write_error) {
      std::cerr << "regla impact: cannot write the households to '" << *given.households
                << "': " << std::strerror(errno) << "\n";
      status = exit_io;
    }
  }
  if (!std::cout.flush()) return exit_io;
  if (status == exit_ok && !report.unread_lines.empty()) return exit_rejected_records;
  return status;
}

}  // namespace

RunCommand add_impact(CLI::App& regla) {
  CLI::App& impact = *regla.add_subcommand(
      "impact", "what a rule change does to a registry: decisions and conditions that changed");
  set_help_footer(impact,
                  "Decides every record of INPUT (JSON Lines; default standard input) with the\n"
                  "base rules and with the changed ones (--rules), on every core, and reports per\n"
                  "decision how many households (or members) gained or lost it and how sums of\n"
                  "money moved, per condition how many verdicts flipped, and the records either\n"
                  "side rejected. --base git:REVISION takes the rule folder as it was at that git\n"
                  "revision (git:HEAD, git:HEAD~1, a tag). --set tries a parameter value on the\n"
                  "changed rules without editing them (--base rules/ --set ... compares the\n"
                  "folder with itself so changed). --group-by adds the transitions per district\n"
                  "(named from the rule tables); --households, --csv and --html write the changed\n"
                  "households with their reasons, the tables for spreadsheets, and a page to send\n"
                  "on. A line longer than 64 MiB is not read: it is said, and the exit is 3.\n");
  auto given = std::make_shared<ImpactArguments>();
  impact
      .add_option("--base", given->base, "the rules before the change: a folder, or git:REVISION")
      ->required()
      ->type_name("RULES");
  add_evaluation_arguments(impact, given->evaluation);
  impact
      .add_option("--set", given->settings,
                  "try a parameter's value on the changed rules, as a rule file writes it "
                  "(juntos.age_limit=\"19 years\"); repeatable")
      ->type_name("PARAM=VALUE")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  impact
      .add_option("--base-set", given->base_settings,
                  "the same on the base rules (--base rules/ --base-set juntos.age_limit=\"14 "
                  "years\" compares the folder as it was before a change to it); repeatable")
      ->type_name("PARAM=VALUE")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  impact.add_option("--threads", given->threads, "comparing threads (default every core)")
      ->type_name("N");
  impact
      .add_option("--group-by", given->group_by,
                  "also break the transitions down by this household text field (ubigeo)")
      ->type_name("FIELD");
  impact.add_option("--report", given->report, "also write the report as JSON to FILE")
      ->type_name("FILE");
  impact
      .add_option("--households", given->households,
                  "write a JSON line per changed household to FILE: decisions before and after, "
                  "the conditions that flipped and the values they compared (in --lang)")
      ->type_name("FILE");
  impact.add_option("--csv", given->csv, "also write the report's tables as CSV files into DIR")
      ->type_name("DIR");
  impact
      .add_option("--html", given->html,
                  "also write a self-contained page to FILE: the tables, charts by --group-by "
                  "field and of the budget, the first changed households and why")
      ->type_name("FILE");
  return [given] { return run_impact(*given); };
}

}  // namespace regla::cli
