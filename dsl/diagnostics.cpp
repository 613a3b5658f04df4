// Collecting diagnostics and printing them with the offending source line and a caret.
#include "dsl/diagnostics.hpp"

#include <algorithm>
#include <cstdio>

namespace regla {

Diagnostic& DiagnosticSink::error(DiagnosticCode code, SourceRange range, std::string message) {
  diagnostics_.push_back({Severity::error, code, range, std::move(message), {}});
  return diagnostics_.back();
}

Diagnostic& DiagnosticSink::warning(DiagnosticCode code, SourceRange range, std::string message) {
  diagnostics_.push_back({Severity::warning, code, range, std::move(message), {}});
  return diagnostics_.back();
}

std::size_t DiagnosticSink::error_count() const {
  return static_cast<std::size_t>(
      std::count_if(diagnostics_.begin(), diagnostics_.end(),
                    [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

void DiagnosticSink::append(const DiagnosticSink& other) {
  diagnostics_.insert(diagnostics_.end(), other.diagnostics_.begin(), other.diagnostics_.end());
}

namespace {

const char* severity_name(Severity severity) {
  switch (severity) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::note:
      return "note";
  }
  return "error";
}

std::string location_prefix(const SourceFile& file, std::uint32_t offset) {
  LineColumn position = file.line_column(offset);
  return file.name() + ":" + std::to_string(position.line) + ":" + std::to_string(position.column);
}

// The source line and a caret line under `range`; a range running past the end of its first line
// is underlined to the end of that line. Tabs are copied into the caret line so it stays aligned.
std::string excerpt(const SourceFile& file, SourceRange range) {
  auto is_continuation = [](char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; };
  std::uint32_t line_number = file.line_column(range.begin).line;
  std::string_view line = file.line_text(line_number);
  std::uint32_t line_begin = file.line_start(line_number);
  std::uint32_t caret_begin =
      std::min<std::uint32_t>(range.begin - line_begin, static_cast<std::uint32_t>(line.size()));
  std::uint32_t caret_end = std::clamp<std::uint32_t>(range.end - line_begin, caret_begin,
                                                      static_cast<std::uint32_t>(line.size()));

  char gutter[32];
  std::snprintf(gutter, sizeof gutter, "%5u | ", line_number);
  std::string out = std::string(gutter) + std::string(line) + "\n      | ";
  for (std::uint32_t i = 0; i < caret_begin; ++i) {
    if (!is_continuation(line[i])) out += line[i] == '\t' ? '\t' : ' ';
  }
  std::uint32_t width = 0;
  for (std::uint32_t i = caret_begin; i < caret_end; ++i) {
    if (!is_continuation(line[i])) ++width;
  }
  out += '^';
  if (width > 1) out += std::string(width - 1, '~');
  out += '\n';
  return out;
}

}  // namespace

std::string render_diagnostic(const SourceSet& sources, const Diagnostic& diagnostic) {
  const SourceFile& file = sources.file(diagnostic.range.file);
  if (file.text().empty()) {  // a problem with a whole path (missing, unreadable, empty folder)
    return file.name() + ": " + severity_name(diagnostic.severity) + ": " + diagnostic.message +
           "\n";
  }
  std::string out = location_prefix(file, diagnostic.range.begin) + ": " +
                    severity_name(diagnostic.severity) + ": " + diagnostic.message + "\n";
  out += excerpt(file, diagnostic.range);
  for (const DiagnosticNote& note : diagnostic.notes) {
    const SourceFile& note_file = sources.file(note.range.file);
    out += location_prefix(note_file, note.range.begin) + ": note: " + note.message + "\n";
  }
  return out;
}

std::string render_diagnostics(const SourceSet& sources,
                               const std::vector<Diagnostic>& diagnostics) {
  std::vector<const Diagnostic*> ordered;
  for (const Diagnostic& d : diagnostics)
    ordered.push_back(&d);
  std::stable_sort(ordered.begin(), ordered.end(), [](const Diagnostic* a, const Diagnostic* b) {
    if (a->range.file != b->range.file) return a->range.file < b->range.file;
    return a->range.begin < b->range.begin;
  });
  std::string out;
  for (const Diagnostic* d : ordered)
    out += render_diagnostic(sources, *d);
  return out;
}

}  // namespace regla
