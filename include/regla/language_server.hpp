// regla's public API: the language server of `regla lsp` (the Language Server Protocol for rule
// files, README "Editors (regla lsp)") on a pair of streams, for a program that embeds it.
//
//   return regla::serve_language_server(std::cin, std::cout, "0.1.0");
#pragma once

#include <istream>
#include <ostream>
#include <string>

namespace regla {

// Answers the messages framed on `in` on `out` until the client's `exit` or the end of `in`.
// Returns the process's exit code: 0 after `shutdown` and `exit`, 1 after `exit` alone, when
// `in` ends without it, or when `out` cannot be written. `version` is what `initialize` answers
// the server's version is.
int serve_language_server(std::istream& in, std::ostream& out, const std::string& version);

}  // namespace regla
