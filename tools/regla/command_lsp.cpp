// regla lsp: the language server for rule files, spoken over standard input and output.
#include <iostream>

#include "commands.hpp"
#include "regla/language_server.hpp"

namespace regla::cli {

RunCommand add_lsp(CLI::App& regla) {
  CLI::App& lsp = *regla.add_subcommand("lsp", "the language server for editors (over stdio)");
  set_help_footer(lsp,
                  "Speaks the Language Server Protocol on standard input and output, for editors\n"
                  "(README, \"Editors (regla lsp)\"): the problems `regla check` finds, for the\n"
                  "whole folder of each open rule file and its unsaved text; where a name is\n"
                  "declared and used, what it is, completion, formatting as `regla fmt`.\n"
                  "Exit code 0 after the editor's shutdown and exit, 1 when the input ends\n"
                  "without them.\n");
  return [] {
    std::ios::sync_with_stdio(false);
    return serve_language_server(std::cin, std::cout, REGLA_VERSION);
  };
}

}  // namespace regla::cli
