// regla impact --base OLD_RULES [--rules NEW_RULES] [--as-of DATE] [--report FILE] [INPUT]: what a
// rule change does to a registry, record by record.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "input_files.hpp"
#include "output_files.hpp"
#include "regla/evaluation.hpp"
#include "regla/impact.hpp"

namespace regla::cli {
namespace {

struct ImpactArguments {
  std::string base;
  std::string rules = "rules/";
  std::optional<std::string> as_of;
  std::optional<std::string> report;
  std::optional<std::string> input;
  std::vector<std::string> settings;  // --set program.parameter=VALUE
};

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

int run_impact(const ImpactArguments& given) {
  int exit_code = exit_ok;
  EvaluationOptions options;
  options.as_of = given.as_of.value_or(today());
  if (!given.as_of)
    std::cerr << "regla impact: no --as-of given: evaluating as of " << options.as_of
              << " (today)\n";
  TemporaryFolder checkout;
  std::string base_folder = given.base;
  if (given.base.rfind("git:", 0) == 0) {
    if (auto problem = rules_at_revision(given.rules, given.base.substr(4), checkout))
      return usage_error("impact", *problem);
    base_folder = checkout.path.string();
  }
  std::optional<RecordInput> input = RecordInput::open("impact", given.input, exit_code);
  if (!input) return exit_code;
  std::optional<RuleSet> base = load_rules(base_folder, "impact", exit_code);
  if (!base) return exit_code;
  std::vector<ParameterSetting> settings;
  for (const std::string& setting : given.settings) {
    std::size_t equals = setting.find('=');
    if (equals == std::string::npos || equals == 0)
      return usage_error("impact", "--set needs program.parameter=VALUE, not '" + setting + "'");
    settings.push_back({setting.substr(0, equals), setting.substr(equals + 1)});
  }
  std::optional<RuleSet> changed = load_rules(given.rules, "impact", exit_code, settings);
  if (!changed) return exit_code;
  CompileResult base_compiled = compile(*base, options);
  if (!base_compiled.rules) return usage_error("impact", "the base: " + base_compiled.error);
  CompileResult changed_compiled = compile(*changed, options);
  if (!changed_compiled.rules) return usage_error("impact", changed_compiled.error);

  ImpactRun run(*base_compiled.rules, *changed_compiled.rules);
  std::string line;
  char buffer[1 << 16];
  errno = 0;
  while (std::fgets(buffer, sizeof buffer, input->file())) {
    line += buffer;
    if (line.back() != '\n' && !std::feof(input->file())) continue;
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
      line.pop_back();
    if (!line.empty()) run.add(line);
    line.clear();
  }
  if (!line.empty()) run.add(line);
  if (std::ferror(input->file())) {
    std::cerr << "regla impact: cannot read " << input->name() << ": " << std::strerror(errno)
              << "\n";
    return exit_io;
  }
  ImpactReport report = run.report();
  std::cout << report.text();
  if (given.report) {
    if (std::optional<int> failure = write_file(*given.report, report.json())) {
      std::cerr << "regla impact: cannot write the report to '" << *given.report
                << "': " << std::strerror(*failure) << "\n";
      return exit_io;
    }
  }
  if (!std::cout.flush()) return exit_io;
  return exit_ok;
}

}  // namespace

RunCommand add_impact(CLI::App& regla) {
  CLI::App& impact = *regla.add_subcommand(
      "impact", "what a rule change does to a registry: decisions and conditions that changed");
  set_help_footer(impact,
                  "Decides every record of INPUT (JSON Lines; default standard input) with the\n"
                  "base rules and with the changed ones (--rules), and reports per decision how\n"
                  "many households (or members) gained or lost it and how sums of money moved,\n"
                  "per condition how many verdicts flipped, and the records either side\n"
                  "rejected. --base git:REVISION takes the rule folder as it was at that git\n"
                  "revision (git:HEAD, git:HEAD~1, a tag). --set tries a parameter value on the\n"
                  "changed rules without editing them (--base rules/ --set ... compares the\n"
                  "folder with itself so changed).\n");
  auto given = std::make_shared<ImpactArguments>();
  impact
      .add_option("--base", given->base, "the rules before the change: a folder, or git:REVISION")
      ->required()
      ->type_name("RULES");
  impact.add_option("--rules", given->rules, "the changed rules")
      ->type_name("DIR")
      ->capture_default_str();
  impact.add_option("--as-of", given->as_of, "the evaluation date, YYYY-MM-DD (default today)")
      ->type_name("DATE");
  impact
      .add_option("--set", given->settings,
                  "try a parameter's value on the changed rules, as a rule file writes it "
                  "(juntos.age_limit=\"19 years\"); repeatable")
      ->type_name("PARAM=VALUE");
  impact.add_option("--report", given->report, "also write the report as JSON to FILE")
      ->type_name("FILE");
  impact
      .add_option("INPUT", given->input,
                  "household records, JSON Lines (default, and -: standard input)")
      ->type_name("");
  return [given] { return run_impact(*given); };
}

}  // namespace regla::cli
