// Diagnostics are values: every stage appends them to a sink and keeps going, so one run reports
// every problem it can find. Rendering them like a compiler (file:line:col, source line, caret) is
// separate.
#pragma once

#include <string>
#include <vector>

#include "dsl/diagnostic_codes.hpp"
#include "dsl/source.hpp"

namespace regla {

enum class Severity { error, warning };

struct DiagnosticNote {
  SourceRange range;
  std::string message;
};

struct Diagnostic {
  Severity severity = Severity::error;
  DiagnosticCode code = DiagnosticCode::syntax_error;
  SourceRange range;
  std::string message;
  std::vector<DiagnosticNote> notes;
};

class DiagnosticSink {
 public:
  Diagnostic& error(DiagnosticCode code, SourceRange range, std::string message);
  Diagnostic& warning(DiagnosticCode code, SourceRange range, std::string message);

  const std::vector<Diagnostic>& all() const { return diagnostics_; }
  std::size_t error_count() const;
  bool has_errors() const { return error_count() > 0; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

// How much of a name, literal or cell a message quotes: a 10 MB identifier is not repeated in
// every message about it, nor is its source line shown whole.
constexpr std::size_t max_quoted_bytes = 80;
constexpr std::size_t max_excerpt_bytes = 160;

// `text` cut to at most max_quoted_bytes at a character boundary, "..." marking a cut; and the same
// in single quotes, as messages quote names, literals and cells.
std::string shortened(std::string_view text);
std::string in_quotes(std::string_view text);

// 1234567 as "1,234,567", for counts and limits in messages.
std::string with_thousands(std::uint64_t number);

// Renders diagnostics in file order, then position, as
//   rules/juntos.regla:41:17: error[unit-mismatch]: message
//      41 |   age_years(member.birthdate) >= 6
//         |                    ^~~~~~~~~
//   rules/juntos.regla:12:3: note: parameter 'attendance_min' declared here
// The diagnostics in the order they are read: by file, then by position.
std::vector<const Diagnostic*> in_reading_order(const std::vector<Diagnostic>& diagnostics);
std::string render_diagnostics(const SourceSet& sources,
                               const std::vector<Diagnostic>& diagnostics);
std::string render_diagnostic(const SourceSet& sources, const Diagnostic& diagnostic);

}  // namespace regla
