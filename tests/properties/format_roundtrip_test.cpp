// Formatting properties: parse(format(p)) is p, format is idempotent, and comments survive.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

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

// Comments sprinkled over formatted text: the tree is unchanged, every comment is kept, and
// formatting the result again changes nothing.
RC_GTEST_PROP(FormatRoundTrip, CommentsSurviveFormatting, ()) {
  auto module = *testing::arbitrary_module();
  std::string formatted = format_generated(*module);
  std::string commented;
  std::size_t comments = 0;
  std::size_t start = 0;
  while (start < formatted.size()) {
    std::size_t end = formatted.find('\n', start);
    std::string line = formatted.substr(start, end - start);
    start = end + 1;
    int choice = *rc::gen::inRange(0, 4);
    if (choice == 1) {
      commented += "# note " + std::to_string(comments++) + "\n";
    }
    commented += line;
    if (choice == 2 && !line.empty()) commented += "  # trailing " + std::to_string(comments++);
    commented += "\n";
  }
  RC_LOG() << commented;
  auto parsed = parse_text(commented);
  RC_ASSERT(!parsed->diagnostics.has_errors());
  RC_ASSERT(ast::dump(parsed->module) == ast::dump(*module));
  std::string once = format_module(parsed->module, parsed->sources.file(parsed->file));
  RC_LOG() << once;
  RC_ASSERT(LexicalMap(once).comments(0).size() == comments);
  auto reparsed = parse_text(once);
  RC_ASSERT(ast::dump(reparsed->module) == ast::dump(*module));
  RC_ASSERT(format_module(reparsed->module, reparsed->sources.file(reparsed->file)) == once);
}

}  // namespace
}  // namespace regla
