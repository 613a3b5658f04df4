// regla: check, format, evaluate and explain eligibility rules. The commands and their exit codes
// are described in the README ("Commands").
// The command line is CLI11's: each subcommand declares its options (commands.hpp); here they are
// parsed, --help and --version answered, and every mistake made a usage error (exit 2) that says
// what was wrong and, for a mistyped option or command, which one was probably meant.
#include <CLI/CLI.hpp>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "commands.hpp"
#include "did_you_mean.hpp"
#include "standard_streams.hpp"

namespace regla::cli {
namespace {

// The innermost subcommand chosen on the command line (`merge` of `regla summary merge`), or
// `regla` itself when there is none.
const CLI::App& chosen_command(const CLI::App& regla) {
  const CLI::App* command = &regla;
  while (!command->get_subcommands().empty())
    command = command->get_subcommands().front();
  return *command;
}

// "summary merge" for `regla summary merge`; empty for `regla` itself.
std::string command_name(const CLI::App& regla, const CLI::App& command) {
  std::string name;
  for (const CLI::App* at = &command; at != &regla; at = at->get_parent())
    name = name.empty() ? at->get_name() : at->get_name() + " " + name;
  return name;
}

// What is wrong with `word`, which `command` did not take: an unknown option or subcommand, with
// the name probably meant, or an argument beyond those it takes.
std::string unexpected_word(const CLI::App& regla, const CLI::App& command,
                            const std::string& word) {
  std::vector<std::string> names;
  std::string what;
  if (word.starts_with("-")) {
    what = "unknown option";
    for (const CLI::Option* option : command.get_options())
      for (const std::string& name : option->get_lnames())
        names.push_back("--" + name);
  } else if (&command == &regla || !command.get_subcommands({}).empty()) {
    what = "unknown command";
    for (const CLI::App* subcommand : command.get_subcommands({}))
      names.push_back(subcommand->get_name());
  } else {
    return "unexpected argument '" + word + "'";
  }
  std::string message = what + " '" + word + "'";
  // --name=VALUE: the name is what was mistyped.
  if (std::optional<std::string> meant = closest_name(word.substr(0, word.find('=')), names))
    message += "; did you mean '" + *meant + "'?";
  return message;
}

// A word the command did not take is the mistake to report, even when CLI11 stopped at what
// followed from it (a required option it was probably meant to be, then missing).
int report_parse_error(const CLI::App& regla, const CLI::ParseError& error) {
  const CLI::App& command = chosen_command(regla);
  std::vector<std::string> unexpected = command.remaining();
  return usage_error(
      command_name(regla, command),
      unexpected.empty() ? error.what() : unexpected_word(regla, command, unexpected.front()));
}

// A subcommand as declared on `regla`, and what runs it.
struct Command {
  const CLI::App* declared;
  RunCommand run;
};

// Declares regla's own options and every subcommand with its options; `help` is regla's help as a
// command.
std::vector<Command> declare(CLI::App& regla) {
  regla.set_help_flag("-h,--help", "print this help and exit");
  regla.set_version_flag("--version", std::string("regla ") + REGLA_VERSION,
                         "print the version and exit");
  // An option given twice takes the last value, so that a script can override one it was given.
  regla.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  // One subcommand at most, so that a PATH named like a command ("regla check eval") is a PATH.
  regla.require_subcommand(0, 1);
  set_help_footer(regla, "Every command prints its own help with --help.\n");
  std::vector<Command> commands;
  for (auto add : {add_check, add_fmt, add_eval, add_explain, add_test, add_impact, add_serve,
                   add_summary, add_gen, add_export_tables, add_lsp}) {
    RunCommand run = add(regla);
    commands.push_back({regla.get_subcommands({}).back(), std::move(run)});
  }
  regla.add_subcommand("help", "print this help (as regla --help)");
  return commands;
}

// Runs the command chosen on the command line; `command` is set to its name for the messages
// after it.
int run(CLI::App& regla, int argc, char** argv, std::string& command) {
  std::vector<Command> commands = declare(regla);
  try {
    regla.parse(argc, argv);
  } catch (const CLI::Success& answered) {  // --help or --version
    command = command_name(regla, chosen_command(regla));
    return regla.exit(answered);
  } catch (const CLI::ParseError& error) {
    command = command_name(regla, chosen_command(regla));
    return report_parse_error(regla, error);
  }
  for (const Command& chosen : commands) {
    if (chosen.declared->parsed()) {
      command = command_name(regla, chosen_command(regla));
      return chosen.run();
    }
  }
  std::cout << regla.get_formatter()->make_help(&regla, "regla", CLI::AppFormatMode::Normal);
  // `regla` alone is a usage error: it says what to do, but did nothing.
  return regla.got_subcommand("help") ? exit_ok : exit_usage;
}

}  // namespace

void set_help_footer(CLI::App& command, const std::string& prose) {
  command.footer(prose + "\n" + exit_codes_help);
}

int usage_error(const std::string& command, const std::string& message) {
  std::string regla = command.empty() ? "regla" : "regla " + command;
  std::cerr << regla << ": " << message << "\n"
            << "Try '" << regla << " --help'.\n";
  return exit_usage;
}

}  // namespace regla::cli

int main(int argc, char** argv) {
  using namespace regla::cli;
  check_standard_streams();
  CLI::App regla{"regla: eligibility and conditionality rules, checked and explained", "regla"};
  std::string command;
  int exit_code = run(regla, argc, argv, command);
  return finish_standard_streams(command, exit_code);
}
