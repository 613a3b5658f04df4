// No library on the project's machines computes line diffs, and the project does not run external
// programs, so this is the textbook longest-common-subsequence diff. It is quadratic in the number
// of lines that differ, which is fine for rule files (a few hundred lines), after the lines the two
// texts share at the start and at the end are set aside.
#include "unified_diff.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace regla::cli {
namespace {

constexpr std::size_t context_lines = 3;

struct Text {
  std::vector<std::string> lines;
  bool ends_with_newline = true;
};

Text split_lines(const std::string& text) {
  Text out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) {
      out.lines.push_back(text.substr(start));
      out.ends_with_newline = false;
      break;
    }
    out.lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

enum class Edit { keep, remove, add };

// The edits that turn `before` into `after`, in order; each keep or remove consumes a line of
// `before`, each keep or add a line of `after`.
std::vector<Edit> edit_script(const std::vector<std::string>& before,
                              const std::vector<std::string>& after) {
  std::size_t prefix = 0;
  while (prefix < before.size() && prefix < after.size() && before[prefix] == after[prefix])
    ++prefix;
  std::size_t suffix = 0;
  while (suffix < before.size() - prefix && suffix < after.size() - prefix &&
         before[before.size() - 1 - suffix] == after[after.size() - 1 - suffix])
    ++suffix;
  std::size_t n = before.size() - prefix - suffix;
  std::size_t m = after.size() - prefix - suffix;
  // common[i][j]: length of the longest common subsequence of the middle parts from i and j on.
  std::vector<std::uint32_t> common((n + 1) * (m + 1), 0);
  auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return common[i * (m + 1) + j]; };
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      at(i, j) = before[prefix + i] == after[prefix + j] ? at(i + 1, j + 1) + 1
                                                         : std::max(at(i + 1, j), at(i, j + 1));
    }
  }
  std::vector<Edit> edits(prefix, Edit::keep);
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && before[prefix + i] == after[prefix + j]) {
      edits.push_back(Edit::keep);
      ++i;
      ++j;
    } else if (j == m || (i < n && at(i + 1, j) >= at(i, j + 1))) {
      edits.push_back(Edit::remove);
      ++i;
    } else {
      edits.push_back(Edit::add);
      ++j;
    }
  }
  edits.insert(edits.end(), suffix, Edit::keep);
  return edits;
}

// "-3,4": where a hunk starts in one text and how many of its lines it covers; `diff -u` leaves
// out a count of 1 and, for a hunk that covers no line, names the line before it.
std::string hunk_range(std::size_t lines_before, std::size_t count) {
  std::string out = std::to_string(count == 0 ? lines_before : lines_before + 1);
  if (count != 1) out += "," + std::to_string(count);
  return out;
}

void append_line(std::string& out, char mark, const Text& text, std::size_t index) {
  out += mark + text.lines[index] + "\n";
  if (index + 1 == text.lines.size() && !text.ends_with_newline) {
    out += "\\ No newline at end of file\n";
  }
}

}  // namespace

std::string unified_diff(const std::string& before_text, const std::string& after_text,
                         const std::string& before_label, const std::string& after_label) {
  if (before_text == after_text) return "";
  Text before = split_lines(before_text);
  Text after = split_lines(after_text);
  // A missing final newline makes the last lines differ, as it does for `diff`.
  if (!before.ends_with_newline && !before.lines.empty()) before.lines.back() += '\n';
  if (!after.ends_with_newline && !after.lines.empty()) after.lines.back() += '\n';
  std::vector<Edit> edits = edit_script(before.lines, after.lines);
  if (!before.ends_with_newline && !before.lines.empty()) before.lines.back().pop_back();
  if (!after.ends_with_newline && !after.lines.empty()) after.lines.back().pop_back();

  std::string out = "--- " + before_label + "\n+++ " + after_label + "\n";
  // Positions in `before` and `after` at the start of each edit.
  std::vector<std::size_t> before_at(edits.size() + 1, 0);
  std::vector<std::size_t> after_at(edits.size() + 1, 0);
  for (std::size_t k = 0; k < edits.size(); ++k) {
    before_at[k + 1] = before_at[k] + (edits[k] != Edit::add ? 1 : 0);
    after_at[k + 1] = after_at[k] + (edits[k] != Edit::remove ? 1 : 0);
  }
  std::size_t k = 0;
  while (k < edits.size()) {
    while (k < edits.size() && edits[k] == Edit::keep)
      ++k;
    if (k == edits.size()) break;
    // A hunk: changes closer than twice the context share one; it ends `context_lines` after.
    std::size_t first = k >= context_lines ? k - context_lines : 0;
    std::size_t last_change = k;
    for (std::size_t look = k; look < edits.size(); ++look) {
      if (edits[look] != Edit::keep) {
        last_change = look;
      } else if (look - last_change > 2 * context_lines) {
        break;
      }
    }
    std::size_t end = std::min(edits.size(), last_change + 1 + context_lines);
    out += "@@ -" + hunk_range(before_at[first], before_at[end] - before_at[first]) + " +" +
           hunk_range(after_at[first], after_at[end] - after_at[first]) + " @@\n";
    for (std::size_t e = first; e < end; ++e) {
      if (edits[e] == Edit::keep) {
        append_line(out, ' ', before, before_at[e]);
      } else if (edits[e] == Edit::remove) {
        append_line(out, '-', before, before_at[e]);
      } else {
        append_line(out, '+', after, after_at[e]);
      }
    }
    k = end;
  }
  return out;
}

}  // namespace regla::cli
