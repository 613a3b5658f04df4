// The caseworker's note through the `regla` command: what `explain` prints by default, --full,
// --decision and --all-conditions, and the same note in every line of `eval --explain=note`.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/cli/regla_process.hpp"

namespace regla::testing {
namespace {

const std::string as_of = "--as-of=2026-11-01";
const std::string registry = "rules/samples/households.jsonl";
// A sample household that fails its co-responsibilities: a baby one 'cred' visit short.
const std::string failing = "H00000008";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::size_t lines(const std::string& text) {
  return static_cast<std::size_t>(std::ranges::count(text, '\n'));
}

TEST(CaseworkerNote, IsWhatExplainPrintsAndFitsOnAScreen) {
  Finished note = run_regla({"explain", as_of, "--household", failing, registry});
  ASSERT_EQ(note.exit_code, 0) << note.err;
  EXPECT_LE(lines(note.out), 40u) << note.out;
  EXPECT_TRUE(contains(note.out, "Household H00000008, evaluated on 1 November 2026")) << note.out;
  EXPECT_TRUE(contains(note.out, "✗ H00000008-03, daughter, 6 months old: growth monitoring"))
      << note.out;
  EXPECT_TRUE(contains(note.out,
                       "'cred' visits so far: 2 — needs at least 3 (visits due by "
                       "then); 1 short"))
      << note.out;
  EXPECT_TRUE(contains(note.out, "1 September 2026 to 31 October 2026")) << note.out;
  EXPECT_TRUE(contains(note.out, "S/ 0.00")) << note.out;
  // No expression text: no field paths, no operators as written in the rule files.
  for (const char* code : {"household.", "person.", "as_of", " in districts", "≥", "="})
    EXPECT_FALSE(contains(note.out, code)) << code << " in\n" << note.out;
}

TEST(CaseworkerNote, SpanishHasItsOwnWordsAndGrammar) {
  Finished note = run_regla({"explain", as_of, "--lang", "es", "--household", failing, registry});
  ASSERT_EQ(note.exit_code, 0) << note.err;
  EXPECT_TRUE(contains(note.out, "Hogar H00000008, evaluado al 1 de noviembre de 2026"))
      << note.out;
  EXPECT_TRUE(contains(note.out, "H00000008-03, hija, 6 meses")) << note.out;
  EXPECT_TRUE(contains(note.out, "; falta 1\n")) << note.out;
  EXPECT_TRUE(contains(note.out, "1 de septiembre de 2026 al 31 de octubre de 2026")) << note.out;
}

TEST(CaseworkerNote, FullPrintsTheWholeTree) {
  Finished full = run_regla({"explain", as_of, "--full", "--household", failing, registry});
  ASSERT_EQ(full.exit_code, 0) << full.err;
  EXPECT_TRUE(contains(full.out, "evaluated on 2026-11-01")) << full.out;
  EXPECT_TRUE(contains(full.out, "\njuntos.compliant = no\n")) << full.out;
  EXPECT_TRUE(contains(full.out, "household.ubigeo in districts")) << full.out;
}

TEST(CaseworkerNote, DecisionShowsTheDecisionsAGlobNames) {
  Finished juntos =
      run_regla({"explain", as_of, "--decision", "juntos.*", "--household", failing, registry});
  ASSERT_EQ(juntos.exit_code, 0) << juntos.err;
  EXPECT_TRUE(contains(juntos.out, "Juntos: the household may enroll")) << juntos.out;
  EXPECT_FALSE(contains(juntos.out, "Crecer")) << juntos.out;
  EXPECT_FALSE(contains(juntos.out, "SIS fully subsidized")) << juntos.out;
  EXPECT_FALSE(contains(juntos.out, "Member")) << juntos.out;

  Finished sis =
      run_regla({"explain", as_of, "--decision=sis.subsidized", "--household", failing, registry});
  ASSERT_EQ(sis.exit_code, 0) << sis.err;
  EXPECT_FALSE(contains(sis.out, "Juntos")) << sis.out;
  EXPECT_TRUE(contains(sis.out, "Member H00000008-01, head of household, 52 years old")) << sis.out;
  EXPECT_FALSE(contains(sis.out, "semicontributory")) << sis.out;

  Finished none =
      run_regla({"explain", as_of, "--decision", "jutnos.*", "--household", failing, registry});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_TRUE(contains(none.err,
                       "--decision 'jutnos.*' names no decision; the decisions are "
                       "crecer.priority_district, juntos.eligible"))
      << none.err;
  EXPECT_EQ(none.out, "");
}

TEST(CaseworkerNote, AllConditionsListsWhatHeldAndWhatDidNotApply) {
  Finished note = run_regla({"explain", as_of, "--household", failing, registry});
  Finished all =
      run_regla({"explain", as_of, "--all-conditions", "--household", failing, registry});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_FALSE(contains(note.out, "does not apply")) << note.out;
  EXPECT_TRUE(contains(all.out, "does not apply (of school age: no)")) << all.out;
  EXPECT_GT(lines(all.out), lines(note.out));
}

// Every line of `eval --explain=note` carries the note `explain` prints for its household.
TEST(CaseworkerNote, EvalPutsTheSameNoteInEveryLine) {
  Finished eval = run_regla({"eval", as_of, "--explain=note", "--lang=es", registry});
  ASSERT_EQ(eval.exit_code, 0) << eval.err;
  std::istringstream output(eval.out);
  std::size_t count = 0;
  for (std::string line; std::getline(output, line); ++count) {
    nlohmann::json decided = nlohmann::json::parse(line);
    ASSERT_TRUE(decided["note"].is_string()) << line.substr(0, 300);
    EXPECT_FALSE(decided.contains("why"));
    if (decided["household_id"] != failing) continue;
    Finished note = run_regla({"explain", as_of, "--lang=es", "--household", failing, registry});
    // explain: its heading, a blank line, then the note.
    EXPECT_EQ(note.out.substr(note.out.find("\n\n") + 2), decided["note"].get<std::string>());
  }
  EXPECT_EQ(count, 300u);

  Finished wrong = run_regla({"eval", as_of, "--explain=notes", registry});
  EXPECT_EQ(wrong.exit_code, 2);
  EXPECT_TRUE(contains(wrong.err, "--explain must be tree or note")) << wrong.err;
  // Given alone, --explain is the tree, and does not take INPUT for its value.
  Finished tree = run_regla({"eval", as_of, "--explain", registry});
  ASSERT_EQ(tree.exit_code, 0) << tree.err;
  EXPECT_TRUE(contains(tree.out.substr(0, tree.out.find('\n')), "\"why\":"))
      << tree.out.substr(0, 200);
}

}  // namespace
}  // namespace regla::testing
