// The subcommands of `regla`. Each declares itself on the `regla` CLI::App, once: its options,
// arguments and defaults, from which CLI11 writes its --help and checks what is given. It returns
// what runs it once the command line is parsed, which returns the process exit code
// (exit_codes.hpp).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>

#include "exit_codes.hpp"

namespace regla::cli {

using RunCommand = std::function<int()>;

RunCommand add_check(CLI::App& regla);
RunCommand add_fmt(CLI::App& regla);
RunCommand add_eval(CLI::App& regla);
RunCommand add_explain(CLI::App& regla);
RunCommand add_gen(CLI::App& regla);
RunCommand add_test(CLI::App& regla);
RunCommand add_impact(CLI::App& regla);
RunCommand add_serve(CLI::App& regla);
RunCommand add_export_tables(CLI::App& regla);
RunCommand add_summary(CLI::App& regla);
RunCommand add_lsp(CLI::App& regla);

// Ends the --help of `command` with `prose` (what it does, beyond its options) and the exit codes.
void set_help_footer(CLI::App& command, const std::string& prose);

// Prints "regla SUBCOMMAND: message" and the hint to use --help; returns exit_usage. An empty
// `command` is `regla` itself.
int usage_error(const std::string& command, const std::string& message);

}  // namespace regla::cli
