// The parser: what trees it builds, and how it reports and recovers from syntax errors.
#include "dsl/parser.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <tao/pegtl/contrib/analyze.hpp>

#include "dsl/grammar.hpp"

namespace regla {
namespace {

struct ParseResult {
  SourceSet sources;
  ast::Module module;
  DiagnosticSink diagnostics;
  std::string dump() const { return ast::dump(module); }
  std::string errors() const { return render_diagnostics(sources, diagnostics.all()); }
};

std::unique_ptr<ParseResult> parse(const std::string& text) {
  auto result = std::make_unique<ParseResult>();
  FileId file = result->sources.add("test.regla", text);
  result->module = parse_module(result->sources, file, result->diagnostics);
  return result;
}

TEST(Grammar, HasNoInfiniteLoops) {
  EXPECT_EQ(tao::pegtl::analyze<grammar::next_declaration>(), 0u);
}

TEST(Parser, OperatorsBindAsDocumented) {
  auto r = parse("rule x = a or b and not c = 1 + 2 * 3");
  EXPECT_EQ(r->dump(), "(rule x () (= (or a (and b (not (= c (+ 1 (* 2 3))))))))\n");
}

TEST(Parser, ArithmeticIsLeftAssociative) {
  auto r = parse("rule x = a - b - c");
  EXPECT_EQ(r->dump(), "(rule x () (= (- (- a b) c)))\n");
}

TEST(Parser, CountFollowedByAComparisonComparesTheCount) {
  auto r = parse(R"(rule x = count e in p.events where e.type = "cred" >= 2)");
  EXPECT_EQ(r->dump(), "(rule x () (= (>= (count e (. p events) (= (. e type) \"cred\") _) 2)))\n");
}

TEST(Parser, QuantifierBodyExtendsToTheRight) {
  auto r = parse("rule x = all m in household.members: a(m) and b(m)");
  EXPECT_EQ(r->dump(),
            "(rule x () (= (all m (. household members) _ (and (call a m) (call b m)))))\n");
}

TEST(Parser, LiteralsWithUnits) {
  auto r = parse("param p = 85%\nparam q = 3170 PEN\nparam r = 1 month\nparam s = -2 years");
  EXPECT_EQ(r->dump(),
            "(param p (value (85 %) _ _))\n(param q (value (3170 PEN) _ _))\n"
            "(param r (value (1 months) _ _))\n(param s (value (-2 years) _ _))\n");
}

TEST(Parser, SpanishUnitWordsAreTheSameUnits) {
  auto r = parse(
      "param a = 65 años\nparam b = 1 año\nparam c = 6 meses\nparam d = 1 mes\n"
      "param e = 28 días\nparam f = 1 día");
  EXPECT_EQ(r->errors(), "");
  EXPECT_EQ(r->dump(),
            "(param a (value (65 years) _ _))\n(param b (value (1 years) _ _))\n"
            "(param c (value (6 months) _ _))\n(param d (value (1 months) _ _))\n"
            "(param e (value (28 days) _ _))\n(param f (value (1 days) _ _))\n");
}

TEST(Parser, NamesAreUnicodeLettersDigitsAndUnderscores) {
  auto r = parse("rule tiene_señal(niño: member) = edad_mínima(niño) and Ωmega_2 and _x");
  EXPECT_EQ(r->errors(), "");
  EXPECT_EQ(r->dump(),
            "(rule tiene_señal (niño:member) (= (and (and (call edad_mínima niño) Ωmega_2) "
            "_x)))\n");
  // A keyword followed by a letter is a name, whatever the script: `andé` is not `and é`.
  EXPECT_EQ(parse("rule x = andé")->dump(), "(rule x () (= andé))\n");
}

TEST(Parser, NamesDoNotStartWithDigitsOrSymbols) {
  auto r = parse("rule x = 1ñ");
  EXPECT_NE(r->errors(), "");
  // The caret counts characters: 'ñ' and '€' are one column each, though two and three bytes.
  auto symbol = parse("rule ñu = €");
  EXPECT_EQ(symbol->errors(),
            "test.regla:1:11: error[syntax-error]: expected an expression\n"
            "    1 | rule ñu = €\n"
            "      |           ^\n");
}

TEST(Parser, HabitsFromOtherLanguagesGetAHint) {
  EXPECT_EQ(parse("rule x = a == 1")->errors(),
            "test.regla:1:12: error[syntax-error]: use = to compare (a single '='), as in 'x = "
            "3'\n    1 | rule x = a == 1\n      |            ^~\n");
  EXPECT_EQ(parse("rule x = d >= 19/10/2011")->errors(),
            "test.regla:1:15: error[syntax-error]: dates are written YYYY-MM-DD: 2011-10-19\n"
            "    1 | rule x = d >= 19/10/2011\n      |               ^~~~~~~~~~\n");
  EXPECT_NE(parse("rule x = a y b")->errors().find("joined with 'and', not 'y'"),
            std::string::npos);
  // A division is still a division.
  EXPECT_EQ(parse("rule x = 19 / 10")->errors(), "");
}

TEST(Parser, RuleClausesInOrder) {
  auto r = parse(
      "decision d(p: member): bool\n  en \"E\"\n  es \"S\"\n  source \"src\"\n  in force from "
      "2007-01-01\n  = v = 1\n  applies when v > 0\n  waived when w\n    en \"W\"\n"
      "  except when z\n  with v = 1 = 2");
  EXPECT_EQ(r->dump(),
            "(decision d (p:member) (type bool) (label en \"E\") (label es \"S\") (source \"src\") "
            "(in-force 2007-01-01 _) (= (= v 1)) (applies (> v 0)) (waived w (label en \"W\")) "
            "(except z) (with v (= 1 2)))\n");
}

// Every expression's range covers exactly its own text: no trailing blanks, comments or the next
// declaration.
TEST(Parser, RangesCoverExactlyTheExpression) {
  auto r = parse("rule a = x is present and y.z   # note\n\nrule b = not (1 < 2)\n");
  std::vector<std::string> texts;
  std::function<void(const ast::Expr&)> collect = [&](const ast::Expr& e) {
    texts.emplace_back(r->sources.file(0).slice(e.range));
    for (const ast::Expr* child : ast::children_of(e))
      collect(*child);
  };
  for (const auto& d : r->module.declarations)
    collect(*std::get<ast::RuleDecl>(d.node).body);
  EXPECT_EQ(texts, (std::vector<std::string>{"x is present and y.z", "x is present", "x", "y.z",
                                             "y", "not (1 < 2)", "1 < 2", "1", "2"}));
}

// An operation's range includes the parentheses around its operands; a parenthesized expression's
// own range is what is inside them.
TEST(Parser, RangesOfOperationsIncludeTheirOperandsParentheses) {
  auto r = parse("rule a = x and (y or z)\nrule b = (1 + 2) * (3)\n");
  std::vector<std::string> texts;
  std::function<void(const ast::Expr&)> collect = [&](const ast::Expr& e) {
    texts.emplace_back(r->sources.file(0).slice(e.range));
    for (const ast::Expr* child : ast::children_of(e))
      collect(*child);
  };
  for (const auto& d : r->module.declarations)
    collect(*std::get<ast::RuleDecl>(d.node).body);
  EXPECT_EQ(texts, (std::vector<std::string>{"x and (y or z)", "x", "y or z", "y", "z",
                                             "(1 + 2) * (3)", "1 + 2", "1", "2", "3"}));
}

// A broken declaration is kept as far as its header goes, so that its name stays known.
TEST(Parser, ReportsOneErrorPerBrokenDeclarationAndKeepsTheRest) {
  auto r = parse("rule a = x and\nrule b = (1\nrule c = 3\nrule d = if x then y\n");
  EXPECT_EQ(r->diagnostics.error_count(), 3u);
  EXPECT_EQ(r->dump(),
            "(incomplete (rule a () (= _)))\n(incomplete (rule b () (= _)))\n(rule c () (= "
            "3))\n(incomplete (rule d () (= _)))\n");
}

TEST(Parser, ABrokenDeclarationKeepsItsHeader) {
  auto r = parse(
      "rule adult(p: member): bool = p.age >=\n"
      "rule broken(p member) = true\n"
      "param limit = [2020-01-01, 2021-01-01\n"
      "table rates file \"r.csv\" key k text\n"
      "shape s { a: }\n"
      "program 3\n");
  EXPECT_EQ(r->diagnostics.error_count(), 6u);
  EXPECT_EQ(r->dump(),
            "(incomplete (rule adult (p:member) (type bool) (= _)))\n"
            "(incomplete (rule broken () (= _)))\n"
            "(incomplete (param limit))\n"
            "(incomplete (table rates))\n"
            "(incomplete (shape s))\n");
}

TEST(Parser, MissingOperandIsReportedAtTheEndOfItsLine) {
  auto r = parse("rule a = x and\nrule b = 1\n");
  EXPECT_EQ(r->errors(),
            "test.regla:1:15: error[syntax-error]: expected a condition after 'and'\n"
            "    1 | rule a = x and\n"
            "      |               ^\n");
}

TEST(Parser, ShapeFieldConstraints) {
  auto r = parse(
      "shape h {\n  id: text id, at least 1 character\n  n: money, at least -2.5 PEN, 6 "
      "digits\n}\n");
  EXPECT_EQ(r->errors(), "");
  EXPECT_EQ(r->dump(),
            "(shape h (id text id (at-least 1 characters)) (n money (at-least (-2.5 PEN)) "
            "(digits 6)))\n");
}

TEST(Parser, BrokenConstraintsAreLocated) {
  const std::pair<const char*, const char*> cases[] = {
      {"shape h {\n  u: text, at lest 5\n}\n",
       "test.regla:2:15: error[syntax-error]: expected 'least' or 'most' after 'at'\n"
       "    2 |   u: text, at lest 5\n"
       "      |               ^~~~\n"},
      {"shape h {\n  u: text, at least\n}\n",
       "test.regla:2:20: error[syntax-error]: expected a number, as in 'at least 0 PEN', 'at least "
       "1' or 'at "
       "most "
       "20 characters'\n"
       "    2 |   u: text, at least\n"
       "      |                    ^\n"},
      {"shape h {\n  u: text, 6 digts\n}\n",
       "test.regla:2:14: error[syntax-error]: expected 'digits', as in 'ubigeo: text, 6 digits'\n"
       "    2 |   u: text, 6 digts\n"
       "      |              ^~~~~\n"},
      {"shape h {\n  u: text, six digits\n}\n",
       "test.regla:2:12: error[syntax-error]: expected a constraint after ',': 'at least ...', 'at "
       "most ...' or "
       "'N digits'\n"
       "    2 |   u: text, six digits\n"
       "      |            ^~~\n"},
  };
  for (const auto& [text, expected] : cases)
    EXPECT_EQ(parse(text)->errors(), expected) << text;
}

TEST(Parser, DeepNestingIsAnErrorNotACrash) {
  std::string deep = "rule x = " + std::string(5000, '(') + "1" + std::string(5000, ')');
  auto r = parse(deep);
  EXPECT_TRUE(r->diagnostics.has_errors());
  std::string chain = "rule x = a";
  for (int i = 0; i < 1000; ++i)
    chain += " and a";
  auto r2 = parse(chain);
  ASSERT_TRUE(r2->diagnostics.has_errors());
  EXPECT_NE(r2->errors().find("nested too deeply"), std::string::npos);
}

TEST(Parser, ArbitraryBytesNeverThrow) {
  for (std::string text : {std::string("\0\xff\xfe rule", 9), std::string("\"unterminated"),
                           std::string("rule x = \"\\q\""), std::string("shape {"),
                           std::string("#only a comment"), std::string("")}) {
    EXPECT_NO_THROW(parse(text));
  }
}

}  // namespace
}  // namespace regla
