// Formatting properties: parse(format(p)) is p, format is idempotent, and comments survive.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>

#include "dsl/formatter.hpp"
#include "dsl/lexical.hpp"
#include "dsl/parser.hpp"
#include "tests/properties/syntax_generators.hpp"

namespace regla::ast {
inline void showValue(const Module& module, std::ostream& os) {
  os << dump(module);
}
}  // namespace regla::ast

namespace regla {
namespace {

struct Parsed {
  SourceSet sources;
  FileId file = 0;
  ast::Module module;
  DiagnosticSink diagnostics;
};

std::unique_ptr<Parsed> parse_text(const std::string& text) {
  auto parsed = std::make_unique<Parsed>();
  parsed->file = parsed->sources.add("formatted.regla", text);
  parsed->module = parse_module(parsed->sources, parsed->file, parsed->diagnostics);
  return parsed;
}

std::string format_generated(const ast::Module& module) {
  SourceSet sources;
  FileId empty = sources.add("generated.regla", "");
  return format_module(module, sources.file(empty));
}

RC_GTEST_PROP(FormatRoundTrip, ParsingTheFormattedTextGivesTheSameTree, ()) {
  auto module = *testing::arbitrary_module();
  std::string text = format_generated(*module);
  RC_LOG() << text;
  auto parsed = parse_text(text);
  RC_LOG() << render_diagnostics(parsed->sources, parsed->diagnostics.all());
  RC_ASSERT(!parsed->diagnostics.has_errors());
  RC_ASSERT(ast::dump(parsed->module) == ast::dump(*module));
}

RC_GTEST_PROP(FormatRoundTrip, FormattingTwiceChangesNothing, ()) {
  auto module = *testing::arbitrary_module();
  std::string once = format_generated(*module);
  auto parsed = parse_text(once);
  RC_ASSERT(format_module(parsed->module, parsed->sources.file(parsed->file)) == once);
}

struct Commented {
  std::string text;
  std::size_t comments = 0;
  std::size_t own_line_comments = 0;
};

// Comments sprinkled over formatted text: on their own lines (some set apart by blank lines, as
// banners are), at the ends of lines, at the ends of lines split before an `and` / `or` (comments
// on consecutive conditions), and at the end of the file.
Commented commented_text(const std::string& formatted) {
  Commented out;
  auto comment = [&](const std::string& kind, bool own_line) {
    out.own_line_comments += own_line ? 1 : 0;
    return "# " + kind + " " + std::to_string(out.comments++);
  };
  std::size_t start = 0;
  while (start < formatted.size()) {
    std::size_t end = formatted.find('\n', start);
    std::string line = formatted.substr(start, end - start);
    start = end + 1;
    int choice = *rc::gen::inRange(0, 6);
    if (choice == 1) out.text += comment("note", true) + "\n";
    if (choice == 4) out.text += "\n\n" + comment("banner", true) + "\n\n";
    std::size_t split = line.find('"') == std::string::npos ? line.find(" and ") : line.npos;
    // Split only after code (a comment with nothing before it on its line is an own-line one),
    // and outside parentheses and brackets, whose contents the formatter may join on one line
    // again.
    auto outside_parentheses = [&](std::size_t at) {
      auto before = [&](char c) {
        return std::count(line.begin(), line.begin() + static_cast<std::ptrdiff_t>(at), c);
      };
      return before('(') == before(')') && before('[') == before(']');
    };
    if (choice == 3 && split != line.npos && line.find_first_not_of(' ') < split &&
        outside_parentheses(split)) {
      out.text += line.substr(0, split) + "  " + comment("condition", false) + "\n   ";
      line = line.substr(split);
    }
    out.text += line;
    if ((choice == 2 || choice == 3) && !line.empty())
      out.text += "  " + comment("trailing", false);
    out.text += "\n";
  }
  if (*rc::gen::arbitrary<bool>()) out.text += "\n" + comment("end", true) + "\n";
  return out;
}

std::size_t own_line_comments(const std::string& text) {
  std::size_t count = 0;
  for (const ast::Comment& comment : LexicalMap(text).comments(0))
    count += comment.own_line ? 1 : 0;
  return count;
}

// The tree is unchanged, every comment is kept, each on its own line or after code as it was.
RC_GTEST_PROP(FormatRoundTrip, CommentsSurviveFormatting, ()) {
  auto module = *testing::arbitrary_module();
  Commented commented = commented_text(format_generated(*module));
  RC_LOG() << commented.text;
  auto parsed = parse_text(commented.text);
  RC_ASSERT(!parsed->diagnostics.has_errors());
  RC_ASSERT(ast::dump(parsed->module) == ast::dump(*module));
  std::string once = format_module(parsed->module, parsed->sources.file(parsed->file));
  RC_LOG() << once;
  RC_ASSERT(LexicalMap(once).comments(0).size() == commented.comments);
  RC_ASSERT(own_line_comments(once) == commented.own_line_comments);
  auto reparsed = parse_text(once);
  RC_ASSERT(ast::dump(reparsed->module) == ast::dump(*module));
}

RC_GTEST_PROP(FormatRoundTrip, FormattingCommentedTextTwiceChangesNothing, ()) {
  auto module = *testing::arbitrary_module();
  Commented commented = commented_text(format_generated(*module));
  auto parsed = parse_text(commented.text);
  RC_ASSERT(!parsed->diagnostics.has_errors());
  std::string once = format_module(parsed->module, parsed->sources.file(parsed->file));
  RC_LOG() << once;
  auto reparsed = parse_text(once);
  RC_ASSERT(format_module(reparsed->module, reparsed->sources.file(reparsed->file)) == once);
}

}  // namespace
}  // namespace regla
