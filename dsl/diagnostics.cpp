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

namespace {
bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}
}  // namespace

std::string shortened(std::string_view text) {
  if (text.size() <= max_quoted_bytes) return std::string(text);
  std::size_t bytes = max_quoted_bytes;
  while (bytes > 0 && is_continuation(text[bytes]))
    --bytes;
  return std::string(text.substr(0, bytes)) + "...";
}

std::string in_quotes(std::string_view text) {
  return "'" + shortened(text) + "'";
}

std::string with_thousands(std::uint64_t number) {
  std::string digits = std::to_string(number);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

namespace {

// "error[unit-mismatch]", as compilers show the kind of a problem beside its severity.
std::string severity_and_code(const Diagnostic& diagnostic) {
  const char* severity = diagnostic.severity == Severity::error ? "error" : "warning";
  return std::string(severity) + "[" + std::string(code_name(diagnostic.code)) + "]";
}

// What is shown of `text`: bytes that are not well-formed UTF-8, NUL and other control characters
// but tab as U+FFFD, so a diagnostic never copies them to the terminal.
std::string printable(std::string_view text) {
  std::string out;
  for (std::size_t at = 0; at < text.size();) {
    std::size_t length = utf8_sequence_length(text, at);
    auto lead = static_cast<unsigned char>(text[at]);
    bool control = length == 1 && ((lead < 0x20 && lead != '\t') || lead == 0x7F);
    out += length == 0 || control ? std::string_view("\xEF\xBF\xBD") : text.substr(at, length);
    at += length == 0 ? 1 : length;
  }
  return out;
}

std::string location_prefix(const SourceFile& file, std::uint32_t offset) {
  LineColumn position = file.line_column(offset);
  return printable(file.name()) + ":" + std::to_string(position.line) + ":" +
         std::to_string(position.column);
}

// The source line and a caret line under `range`; a range running past the end of its first line
// is underlined to the end of that line. Tabs are copied into the caret line so it stays aligned.
// A long line is shown as at most max_excerpt_bytes around the caret, "..." marking the cuts.
std::string excerpt(const SourceFile& file, SourceRange range) {
  std::uint32_t line_number = file.line_column(range.begin).line;
  std::string_view line = file.line_text(line_number);
  std::uint32_t line_begin = file.line_start(line_number);
  std::size_t caret_begin = std::min<std::size_t>(range.begin - line_begin, line.size());
  std::size_t caret_end =
      std::clamp<std::size_t>(std::size_t{range.end} - line_begin, caret_begin, line.size());

  std::size_t shown_begin = 0, shown_end = line.size();
  if (line.size() > max_excerpt_bytes) {
    shown_begin = caret_begin > max_excerpt_bytes / 4 ? caret_begin - max_excerpt_bytes / 4 : 0;
    shown_end = std::min(line.size(), shown_begin + max_excerpt_bytes);
    while (shown_begin > 0 && is_continuation(line[shown_begin]))
      --shown_begin;
    while (shown_end < line.size() && is_continuation(line[shown_end]))
      ++shown_end;
  }
  caret_end = std::min(caret_end, shown_end);
  std::string before_cut = shown_begin > 0 ? "..." : "";
  std::string after_cut = shown_end < line.size() ? "..." : "";

  char gutter[32];
  std::snprintf(gutter, sizeof gutter, "%5u | ", line_number);
  std::string out = std::string(gutter) + before_cut +
                    printable(line.substr(shown_begin, shown_end - shown_begin)) + after_cut +
                    "\n      | " + std::string(before_cut.size(), ' ');
  // Columns as printable() shows them: one per character, one per byte that is not UTF-8.
  auto columns = [&](std::size_t from, std::size_t to, bool keep_tabs) {
    std::string spaces;
    std::size_t count = 0;
    for (std::size_t at = from; at < to;) {
      std::size_t length = utf8_sequence_length(line, at);
      if (keep_tabs) spaces += line[at] == '\t' ? '\t' : ' ';
      ++count;
      at += length == 0 ? 1 : length;
    }
    return std::make_pair(spaces, count);
  };
  out += columns(shown_begin, caret_begin, true).first + '^';
  std::size_t width = columns(caret_begin, caret_end, false).second;
  if (width > 1) out += std::string(width - 1, '~');
  out += '\n';
  return out;
}

}  // namespace

std::string render_diagnostic(const SourceSet& sources, const Diagnostic& diagnostic) {
  const SourceFile& file = sources.file(diagnostic.range.file);
  if (file.text().empty()) {  // a problem with a whole path (missing, unreadable, empty folder)
    return printable(file.name()) + ": " + severity_and_code(diagnostic) + ": " +
           printable(diagnostic.message) + "\n";
  }
  std::string out = location_prefix(file, diagnostic.range.begin) + ": " +
                    severity_and_code(diagnostic) + ": " + printable(diagnostic.message) + "\n";
  out += excerpt(file, diagnostic.range);
  for (const DiagnosticNote& note : diagnostic.notes) {
    const SourceFile& note_file = sources.file(note.range.file);
    out +=
        location_prefix(note_file, note.range.begin) + ": note: " + printable(note.message) + "\n";
  }
  return out;
}

std::vector<const Diagnostic*> in_reading_order(const std::vector<Diagnostic>& diagnostics) {
  std::vector<const Diagnostic*> ordered;
  for (const Diagnostic& d : diagnostics)
    ordered.push_back(&d);
  std::stable_sort(ordered.begin(), ordered.end(), [](const Diagnostic* a, const Diagnostic* b) {
    if (a->range.file != b->range.file) return a->range.file < b->range.file;
    return a->range.begin < b->range.begin;
  });
  return ordered;
}

std::string render_diagnostics(const SourceSet& sources,
                               const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic* d : in_reading_order(diagnostics))
    out += render_diagnostic(sources, *d);
  return out;
}

}  // namespace regla
