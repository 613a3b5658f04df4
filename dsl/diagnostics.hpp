// Diagnostics are values: every stage appends them to a sink and keeps going, so one run reports
// every problem it can find. Rendering them like a compiler (file:line:col, source line, caret) is
// separate.
#pragma once

#include <string>
#include <vector>

#include "dsl/source.hpp"

namespace regla {

enum class Severity { error, warning, note };

// Stable identifiers for each kind of problem, so tests and tools can tell them apart without
// matching message text.
enum class DiagnosticCode {
  syntax_error,
  invalid_literal,
  duplicate_name,
  unknown_name,
  unknown_field,
  unknown_module,
  unknown_type,
  unknown_enum_value,
  type_mismatch,
  unit_mismatch,
  maybe_missing,
  wrong_arguments,
  rule_cycle,
  shape_cycle,
  unused_parameter,
  missing_label,
  invalid_declaration,
  invalid_constraint,
  table_error,
  program_structure,
};

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
  void append(const DiagnosticSink& other);

 private:
  std::vector<Diagnostic> diagnostics_;
};

// Renders diagnostics in file order, then position, as
//   rules/juntos.regla:41:17: error: message
//      41 |   age_years(member.birthdate) >= 6
//         |                    ^~~~~~~~~
//   rules/juntos.regla:12:3: note: parameter 'attendance_min' declared here
std::string render_diagnostics(const SourceSet& sources,
                               const std::vector<Diagnostic>& diagnostics);
std::string render_diagnostic(const SourceSet& sources, const Diagnostic& diagnostic);

}  // namespace regla
