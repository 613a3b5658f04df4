// The language server on a byte stream (the editor's pipe to `regla lsp`): frames in, the core's
// answers framed out, until `exit` or the end of the input.
#pragma once

#include <istream>
#include <ostream>

#include "language_server/language_server.hpp"

namespace regla::language_server {

// The process's exit code: the server's after `exit`, 1 when the input ended without it or the
// output could not be written.
int serve_stream(LanguageServer& server, std::istream& in, std::ostream& out);

}  // namespace regla::language_server
