// regla's public API, part 2: evaluating household records (JSON Lines) against a rule set.
//
//   regla::RuleSet rules = regla::RuleSet::load({"rules/"});
//   regla::CompileResult compiled = regla::compile(rules, {.as_of = "2026-11-01"});
//   if (!compiled.rules) { std::cerr << compiled.error; return; }
//   regla::HouseholdEvaluator evaluator(*compiled.rules);   // one per thread
//   const regla::Evaluation& result = evaluator.evaluate(json_line, 1);   // typed decisions
//   std::string out;
//   evaluator.evaluate(json_line, 1, out);   // the same as one JSON output line
//
// or, for a whole registry on every core, regla::evaluate_stream(*compiled.rules, {}, in, out).
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "regla/decisions.hpp"
#include "regla/rules.hpp"

namespace regla {

// Which JSON parser reads records. Both give the same results; simdjson is several times faster.
enum class JsonReader { simdjson, nlohmann };
// Which evaluator decides. The compiled one is the fast one; the reference interpreter is the
// oracle it is tested against.
enum class EvaluatorKind { compiled, reference };

struct EvaluationOptions {
  std::string as_of;     // YYYY-MM-DD; the evaluation date
  bool explain = false;  // add "why" (the explanation tree) to every output line
  // Add "note" (the caseworker's note, README "Explaining one household") to every output line,
  // and Evaluation::note.
  bool note = false;
  std::string language = "en";  // of explanations: one of explanation_languages()
  JsonReader reader = JsonReader::simdjson;
  EvaluatorKind evaluator = EvaluatorKind::compiled;
  // The household field summaries are broken down by, such as "ubigeo": a text field the rules
  // read. By default none (a breakdown costs a run about 6% of its time).
  std::string group_by = "";
  // The evaluation budget: the steps (rules evaluated, list elements visited) one pass over a
  // record may take, whether deciding, explaining or finding the summary's reasons. A record that
  // needs more is answered with an error line, so no record can stall a run. Households of the
  // shipped sample registries need under a thousand.
  std::uint64_t max_steps = 1'000'000;
  // Whether summary() finds why each failed decision failed (its failure reasons): each failure
  // is traced once more for them, about a fifth of a plain run's time. Without, summary() still
  // counts records and verdicts. A service that keeps no run summary turns it off.
  bool failure_reasons = true;
};

struct RunSummaryReading;

// Counts over a run: how many records, how many rejected, and for each decision how many
// households (or members) got each verdict, with the conditions that failed most.
class RunSummary {
 public:
  struct Tally {
    std::uint64_t evaluated = 0;
    std::uint64_t holds = 0;  // bool decisions
    double total = 0;         // number decisions: the sum
    // reason -> failures it was met in (README, "How the summary counts")
    std::map<std::string, std::uint64_t> failed_conditions;
  };
  struct Group {
    std::uint64_t records = 0;
    std::uint64_t rejected = 0;
    std::map<std::string, Tally> decisions;
  };

  std::string as_of;  // the evaluation date, YYYY-MM-DD
  Group overall;
  std::map<std::string, Group> by_group;  // by the `group_by` field's value
  std::vector<std::string> decision_order;
  std::vector<std::string> bool_decisions;
  double seconds = 0;

  // Adds `other`'s counts to these (the seconds are left as they are). Decisions only `other`
  // counts join decision_order after the decision they follow there.
  void merge(const RunSummary& other);
  // Adds the summary of a run over another part of the same registry: its counts (merge) and its
  // seconds. Refused, with nothing added, when that run was on another date, since counts of two
  // dates do not add up; the reason is returned ("runs on different dates do not add up: ...").
  std::optional<std::string> add_part(const RunSummary& part);
  // A summary as json() writes it (the `--summary` file of `regla eval`), read back exactly.
  // Refused with where and why when it is not one: not JSON ("not JSON: parse error at line 3,
  // column 14: ..."), a field missing or of the wrong kind, or counts that contradict each other
  // ("overall.decisions[\"juntos.eligible\"].fails: 7 is not evaluated - holds (6)").
  static RunSummaryReading from_json(std::string_view text);
  // For people: records and the date, rejected, rate, and per decision "juntos.compliant: 31% fail;
  // school 58%,
  // ..."
  std::string text() const;
  std::string json() const;
};

struct CompileResult;

struct [[nodiscard]] RunSummaryReading {
  std::optional<RunSummary> summary;
  std::string error;  // why there is none: "PATH: what is wrong"
};

// The rules made ready to evaluate with given options: checked, compiled once for the evaluation
// date, and immutable, so that the evaluators of every thread share them. Copying one copies a
// handle.
class CompiledRules {
 public:
  const RuleSet& rules() const;
  const EvaluationOptions& options() const;
  // "program.decision" names of the decisions every evaluation gives, about the household and
  // about each member, in the order they come.
  const std::vector<std::string>& household_decisions() const;
  const std::vector<std::string>& member_decisions() const;

  class Implementation;  // the engine's (engine/run/compiled_rules.hpp)
  const Implementation& implementation() const { return *implementation_; }

 private:
  friend CompileResult compile(const RuleSet& rules, const EvaluationOptions& options);
  explicit CompiledRules(std::shared_ptr<const Implementation> implementation)
      : implementation_(std::move(implementation)) {}
  std::shared_ptr<const Implementation> implementation_;
};

struct [[nodiscard]] CompileResult {
  std::optional<CompiledRules> rules;
  // Why there are none: the rule set has errors, `as_of` is not a date, the language is not one
  // of explanation_languages(), `group_by` is not a text field of the household the rules read.
  std::string error;

  // The compiled rules, or std::invalid_argument(error) for a caller to whom failing is a bug.
  const CompiledRules& value() const;
};

CompileResult compile(const RuleSet& rules, const EvaluationOptions& options);

// Evaluates records one at a time; one per thread (it keeps what a record needs between records).
class HouseholdEvaluator {
 public:
  explicit HouseholdEvaluator(const CompiledRules& rules);
  ~HouseholdEvaluator();
  HouseholdEvaluator(HouseholdEvaluator&&) noexcept;

  // One record's decisions, or why it has none; valid until the next call. Never throws for bad
  // input. Counted in summary().
  const Evaluation& evaluate(std::string_view json_line, std::uint64_t line_number);
  // The same as one JSON line (ending in '\n') appended to `out`: the decisions (and with the
  // option `explain`, why), or an error naming the line, the household and the problem. Returns
  // false when the record was rejected.
  bool evaluate(std::string_view json_line, std::uint64_t line_number, std::string& out);
  // The last record's evaluation, by either evaluate(): its decisions or error, typed (after the
  // JSON line form, without its explanations or note); valid until the next call.
  const Evaluation& last_evaluation() const;
  // What this evaluator has decided so far (its `seconds` is left 0).
  RunSummary summary() const;
  // The id of the record in `json_line`, if it can be read (for finding one household).
  std::optional<std::string> household_id(std::string_view json_line);
  // For `regla explain`: why each decision of this record came out as it did, for a person to read
  // (control characters from the record shown as \xNN, so it is safe to print on a terminal): the
  // caseworker's note, or with `full` the whole explanation tree.
  struct TextOptions {
    bool full = false;            // the whole tree: every rule and condition
    bool all_conditions = false;  // the note lists conditions that held or did not apply too
    // Only the decisions whose "program.decision" name matches this glob (`juntos.*`).
    std::string decisions = "*";
  };
  std::string explain_text(std::string_view json_line, std::uint64_t line_number,
                           const TextOptions& options);
  std::string explain_text(std::string_view json_line, std::uint64_t line_number) {
    return explain_text(json_line, line_number, TextOptions{});
  }

  class Implementation;

 private:
  std::unique_ptr<Implementation> implementation_;
};

// An evaluation as the output line `regla eval` writes for it (README, "Output"), appended to
// `out`: {"household_id":…,"as_of":…,"rules":…,"decisions":{…},"members":{…}}, or
// {"line":…,"household_id":…,"as_of":…,"rules":…,"error":…} for a rejected record.
void write_json_line(const CompiledRules& rules, const Evaluation& evaluation, std::string& out);

struct StreamOptions {
  unsigned threads = 0;  // 0: every core
  std::size_t max_line_bytes = 64u << 20;
  std::size_t lines_per_batch = 512;  // lines handed to a thread at a time
  // The number of the input's first line, as error lines say it: more than 1 for a part of a
  // larger registry evaluated on its own, so that its error lines read as the whole run's.
  std::uint64_t first_line = 1;
  // Called from time to time with the number of records written so far (for a progress line).
  std::function<void(std::uint64_t records)> progress;
};

// What a line longer than `max_line_bytes` is answered with, by every command: "the line is
// longer than N bytes and was not read".
std::string too_long_message(std::size_t max_line_bytes);

// How a stream run ended. A run is complete when its whole input was read and every output line
// written; otherwise the error numbers (errno) say what failed and why.
struct [[nodiscard]] StreamResult {
  // The lines written and what they decided. After a write error it counts only the lines known
  // to be written (records and rejected); the decision counts are then left empty, since the
  // evaluators had already decided lines that never reached the output.
  RunSummary summary;
  std::uint64_t lines_written = 0;
  std::optional<int> read_error;   // the input could not be read to its end (the lines before
                                   // the error were evaluated and written)
  std::optional<int> write_error;  // the output could not be written; the run stopped there

  bool complete() const { return !read_error && !write_error; }
};

// Reads JSON Lines from `in` and writes one output line per input line to `out`, in input order,
// evaluating on several threads with memory bounded by a small window of records. Every write is
// checked and flushed: a failed write stops the run and is reported, as is a failed read.
StreamResult evaluate_stream(const CompiledRules& rules, const StreamOptions& stream, std::FILE* in,
                             std::FILE* out);

// The codes of the languages explanations are written in, English ("en") first: the rules' labels
// in that language, and the engine's own words (README, "Languages"). compile() refuses another.
std::vector<std::string> explanation_languages();

// Today's date as YYYY-MM-DD (the default of --as-of).
std::string today();

}  // namespace regla
