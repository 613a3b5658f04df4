// Text to syntax tree. Syntax errors become diagnostics; the parser then skips to the next
// declaration that starts a line, so one run reports an error in every broken declaration.
#pragma once

#include "dsl/ast.hpp"
#include "dsl/diagnostics.hpp"
#include "dsl/source.hpp"

namespace regla {

ast::Module parse_module(const SourceSet& sources, FileId file, DiagnosticSink& diagnostics);

}  // namespace regla
