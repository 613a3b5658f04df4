// One household at a time: load, decide (with the chosen evaluator), explain if asked, write the
// output line, tally the summary. The batch runner gives each thread one of these.
#include <fnmatch.h>

#include <ctime>
#include <memory>
#include <memory_resource>
#include <stdexcept>

#include "dsl/source.hpp"
#include "engine/decide/decisions.hpp"
#include "engine/decide/typed_decisions.hpp"
#include "engine/messages/catalog.hpp"
#include "engine/program/operations.hpp"
#include "engine/records/record_loader.hpp"
#include "engine/reference/interpreter.hpp"
#include "engine/render/caseworker_note.hpp"
#include "engine/render/output.hpp"
#include "engine/rule_set/loaded_rules.hpp"
#include "engine/run/compiled_rules.hpp"
#include "engine/run/run_tally.hpp"
#include "engine/trace/explanation_builder.hpp"
#include "engine/trace/failure_reasons.hpp"
#include "engine/vm/vm.hpp"
#include "regla/evaluation.hpp"

namespace regla {

using messages::Message;

class HouseholdEvaluator::Implementation {
 public:
  using TextOptions = HouseholdEvaluator::TextOptions;

  explicit Implementation(const CompiledRules& rules)
      : compiled_rules_(rules),
        rules_(compiled_rules_.implementation()),
        program_(rules_.program),
        options_(rules_.options),
        as_of_(rules_.as_of),
        hash_(rules_.rules.hash()),
        id_key_(household_id_key(program_)),
        loader_(program_, options_.reader),
        interpreter_(program_, as_of_, options_.max_steps) {
    if (rules_.compiled) compiled_.emplace(program_, rules_.compiled, as_of_, options_.max_steps);
    record_.prepare(program_);
  }

  const Evaluation& evaluate(std::string_view line, std::uint64_t line_number) {
    evaluation_.explanations.clear();
    evaluation_.note.clear();
    bool decided = decide_record(line, line_number);
    std::optional<std::string> problem;
    if (decided && options_.explain) problem = explain_typed();
    if (decided && !problem && options_.note) problem = note(evaluation_.note);
    if (problem) {
      evaluation_.error = std::move(*problem);
      evaluation_.household.clear();
      evaluation_.members.clear();
      evaluation_.explanations.clear();
      evaluation_.note.clear();
      decided = false;
    }
    if (decided) {
      tally();
    } else {
      tally_.record(group(), true);
    }
    return evaluation_;
  }

  bool evaluate(std::string_view line, std::uint64_t line_number, std::string& out) {
    evaluation_.explanations.clear();
    if (!decide_record(line, line_number)) return reject(out);
    std::size_t line_start = out.size();
    rules_.writer.write(evaluation_, out);
    if (options_.explain) {
      out += ",\"why\":";
      // One line's explanations show each rule call once (later: its verdict).
      line_explainer_.forget_calls();
      renew_budgets();
      RenderContext context{program_, record_, as_of_, options_.language};
      std::optional<std::string> mismatch = explain_all(context, out);
      if (mismatch) {
        out.resize(line_start);  // the line becomes the record's error
        evaluation_.error = std::move(*mismatch);
        return reject(out);
      }
    }
    if (options_.note) {
      std::string text;
      if (std::optional<std::string> problem = note(text)) {
        out.resize(line_start);
        evaluation_.error = std::move(*problem);
        return reject(out);
      }
      out += ",\"note\":";
      JsonWriter(out).string(text);
    }
    DecisionWriter::close(out);
    tally();
    return true;
  }

  std::optional<std::string> household_id(std::string_view line) {
    loader_.load(line, record_);
    if (!loader_.household_id().data()) return std::nullopt;
    return std::string(loader_.household_id());
  }

  std::string explain_text(std::string_view line, std::uint64_t line_number,
                           const TextOptions& options) {
    std::string out;
    std::optional<LoadError> error = loader_.load(line, record_);
    std::string id = loader_.household_id().data() ? std::string(loader_.household_id()) : "?";
    const messages::Language& words = messages::language(options_.language);
    RenderContext context{program_, record_, as_of_, options_.language};
    std::string date = options.full
                           ? options_.as_of
                           : note_value(context, Type::of(Kind::date), Value::of_integer(as_of_));
    out +=
        messages::fill(words[Message::household_heading], {id, date, hash_.substr(0, 19)}) + "\n";
    if (error)
      return out +
             messages::fill(words[Message::record_rejected],
                            {std::to_string(line_number), error->text()}) +
             "\n";
    decide_loaded_record();
    if (decisions_.rejection) {
      return out +
             messages::fill(words[Message::record_rejected],
                            {std::to_string(line_number), *decisions_.rejection}) +
             "\n";
    }
    renew_budgets();
    try {
      explain_decisions_text(context, options, out);
    } catch (const EvaluationBudgetExceeded& exceeded) {
      out +=
          "\n" +
          messages::fill(words[Message::explanation_stops], {exceeded.message(options_.language)}) +
          "\n";
    }
    return out;
  }

 private:
  // The explanation pass of `regla explain` (and of the note of `eval`), decision by decision:
  // the whole tree with `full`, else the caseworker's note. A blank line starts each decision of
  // the household, and the members' decisions.
  void explain_decisions_text(const RenderContext& context, const TextOptions& options,
                              std::string& out) {
    const messages::Language& words = messages::language(options_.language);
    CaseworkerNote note(context, options.all_conditions, out);
    auto shown = [&](const DecisionOutput& decision) {
      return fnmatch(options.decisions.c_str(), decision.key.c_str(), 0) == 0;
    };
    auto explain = [&](const DecisionOutput& decision, std::span<const Value> arguments,
                       const Value& value, int indent, std::optional<std::uint32_t> row) {
      arena_.release();
      Explanation root(&arena_);
      note_explainer_.start(root);
      traced_call(decision.rule, arguments, note_explainer_);
      if (!options.full) return note.decision(root, indent, row);
      out += std::string(static_cast<std::size_t>(indent), ' ') + decision.key + " = " +
             format_value(context, program_.rules[decision.rule].type, value) + "\n";
      render_explanation_text(context, root, indent + 2, out, row);
    };
    for (std::size_t d = 0; d < program_.household_decisions.size(); ++d) {
      if (!shown(program_.household_decisions[d])) continue;
      out += "\n";
      explain(program_.household_decisions[d], {}, decisions_.household[d], 0, std::nullopt);
    }
    std::size_t count = program_.member_decisions.size();
    if (std::ranges::none_of(program_.member_decisions, shown)) return;
    // In the note, members whose decisions read the same share one heading.
    std::vector<std::pair<std::vector<std::uint32_t>, std::string>> groups;
    for (std::size_t m = 0; m < decisions_.member_rows.size(); ++m) {
      std::uint32_t row = decisions_.member_rows[m];
      std::string text;  // the member's note
      note.write_into(text);
      if (options.full) {
        out += "\n" +
               messages::fill(words[Message::member_heading],
                              {member_id_text(program_, record_, row)}) +
               "\n";
      }
      for (std::size_t d = 0; d < count; ++d) {
        const DecisionOutput& decision = program_.member_decisions[d];
        if (!shown(decision)) continue;
        Value argument[] = {Value::of_integer(row)};
        explain(decision, argument, decisions_.member(m, d, count), 2, row);
      }
      if (options.full) continue;
      auto same = std::ranges::find(groups, text, &decltype(groups)::value_type::second);
      if (same != groups.end()) {
        same->first.push_back(row);
      } else {
        groups.emplace_back(std::vector<std::uint32_t>{row}, std::move(text));
      }
    }
    // One blank line before the members' notes: their headings set each apart.
    if (!groups.empty()) out += "\n";
    for (const auto& [rows, text] : groups) {
      std::string members;
      for (std::uint32_t row : rows)
        members += (members.empty() ? "" : "; ") + describe_member(context, row);
      out += messages::fill(
                 words[rows.size() == 1 ? Message::member_heading : Message::members_heading],
                 {members}) +
             "\n" + text;
    }
  }

  // The caseworker's note of the record decided last, for `eval` (without its heading: the output
  // line has the household and the date); or what kept it from being written.
  std::optional<std::string> note(std::string& text) {
    RenderContext context{program_, record_, as_of_, options_.language};
    renew_budgets();
    try {
      explain_decisions_text(context, TextOptions{}, text);
    } catch (const EvaluationError& error) {
      return "cannot write the note: " + error.message;
    } catch (const EvaluationBudgetExceeded& exceeded) {
      return "cannot write the note: the record " + exceeded.message();
    }
    if (text.starts_with('\n')) text.erase(0, 1);
    return std::nullopt;
  }

  void renew_budgets() {
    interpreter_.budget().renew();
    if (compiled_) compiled_->budget().renew();
  }

  // The value of the field the summary is broken down by ("" without a breakdown, or for a record
  // whose value cannot be read).
  std::string_view group() const {
    if (rules_.group_field < 0 || !record_loaded_) return "";
    const Shape& household = program_.shapes[program_.household_shape];
    const Value& value =
        record_.objects[program_.household_shape].at(0, household.fields[rules_.group_field].slot);
    return value.present ? value.as_text() : std::string_view();
  }

  // Loads and decides one record into evaluation_; false when it has no decisions (its error says
  // why).
  bool decide_record(std::string_view line, std::uint64_t line_number) {
    evaluation_.line = line_number;
    std::optional<LoadError> error = loader_.load(line, record_);
    record_loaded_ = !error;
    if (loader_.household_id().data()) {
      evaluation_.household_id.emplace(loader_.household_id());
    } else {
      evaluation_.household_id.reset();
    }
    if (error) {
      decisions_.rejection = error->text();
    } else {
      decide_loaded_record();
    }
    fill_evaluation(program_, record_, decisions_, evaluation_);
    return evaluation_.decided();
  }

  // Decides record_, just loaded, with the chosen evaluator.
  void decide_loaded_record() {
    interpreter_.set_record(record_);
    renew_budgets();
    if (compiled_) {
      compiled_->set_record(record_);
      decide(program_, *compiled_, record_, decisions_);
    } else {
      decide(program_, interpreter_, record_, decisions_);
    }
  }

  // Applies `rule` to `arguments` telling `tracer` what it evaluates, with the evaluator that
  // decided (the compiled one runs its traced code; the reference interpreter stays the oracle).
  Value traced_call(std::uint32_t rule, std::span<const Value> arguments, Tracer& tracer) {
    return compiled_ ? compiled_->call(rule, arguments, &tracer)
                     : interpreter_.call(rule, arguments, &tracer);
  }

  // The error line of a record with no decisions, counted as rejected.
  bool reject(std::string& out) {
    OutputLine header{id_key_, {}, options_.as_of, hash_};
    if (evaluation_.household_id) header.household_id = *evaluation_.household_id;
    write_error(header, evaluation_.line, *evaluation_.error, out);
    tally_.record(group(), true);
    return false;
  }

  // Appends the explanation of every decision to `why`; the verdict at each explanation's root
  // must be the decision's value, or the record is reported instead of a wrong explanation.
  std::optional<std::string> explain_all(const RenderContext& context, std::string& why) {
    JsonWriter json(why);
    why += '{';
    auto explain = [&](const DecisionOutput& decision, std::span<const Value> arguments,
                       const Value& decided) {
      return explain_one(decision, arguments, decided, [&](const Explanation& root) {
        json.key(decision.key);
        explanation_writer_.write(context, root, json);
      });
    };
    for (std::size_t d = 0; d < program_.household_decisions.size(); ++d) {
      if (d) json.comma();
      if (auto problem = explain(program_.household_decisions[d], {}, decisions_.household[d]))
        return problem;
    }
    if (!decisions_.member_rows.empty()) {
      if (!program_.household_decisions.empty()) json.comma();
      json.key("members");
      why += '{';
      std::size_t count = program_.member_decisions.size();
      for (std::size_t m = 0; m < decisions_.member_rows.size(); ++m) {
        if (m) json.comma();
        json.key(member_id_text(program_, record_, decisions_.member_rows[m]));
        why += '{';
        for (std::size_t d = 0; d < count; ++d) {
          if (d) json.comma();
          Value argument[] = {Value::of_integer(decisions_.member_rows[m])};
          if (auto problem =
                  explain(program_.member_decisions[d], argument, decisions_.member(m, d, count))) {
            return problem;
          }
        }
        why += '}';
      }
      why += '}';
    }
    why += '}';
    return std::nullopt;
  }

  // explain_one's work: the explanation is built in the arena and destroyed on return, before the
  // arena is released.
  template <typename Use>
  std::optional<std::string> explain_into_arena(const DecisionOutput& decision,
                                                std::span<const Value> arguments,
                                                const Value& decided, Use& use) {
    Explanation root(&arena_);
    line_explainer_.start(root);
    try {
      traced_call(decision.rule, arguments, line_explainer_);
    } catch (const EvaluationError& error) {
      return "cannot explain " + decision.key + ": " + error.message;
    } catch (const EvaluationBudgetExceeded& exceeded) {
      return "cannot explain " + decision.key + ": the record " + exceeded.message();
    }
    if (!operations::same_value(program_.rules[decision.rule].type, root.value, decided))
      return "internal error: the explanation of " + decision.key + " disagrees with the decision";
    use(root);
    return std::nullopt;
  }

  // Explains one decision and hands its explanation to `use`; the verdict at the explanation's
  // root must be the decision's value, or the problem is returned instead of a wrong explanation.
  template <typename Use>
  std::optional<std::string> explain_one(const DecisionOutput& decision,
                                         std::span<const Value> arguments, const Value& decided,
                                         Use&& use) {
    std::optional<std::string> problem = explain_into_arena(decision, arguments, decided, use);
    // The explanation, used and gone, no longer needs the arena.
    arena_.release();
    return problem;
  }

  // Calls visit(decision, member, arguments, value) for every decision of the record decided
  // last: the household's, then each member's (`member`: its index among the record's members),
  // until a call returns a problem.
  template <typename Visit>
  std::optional<std::string> for_each_decision(Visit&& visit) {
    for (std::size_t d = 0; d < program_.household_decisions.size(); ++d) {
      if (auto problem = visit(program_.household_decisions[d], std::optional<std::size_t>(),
                               std::span<const Value>(), decisions_.household[d])) {
        return problem;
      }
    }
    std::size_t count = program_.member_decisions.size();
    for (std::size_t m = 0; m < decisions_.member_rows.size(); ++m) {
      Value member[] = {Value::of_integer(decisions_.member_rows[m])};
      for (std::size_t d = 0; d < count; ++d) {
        if (auto problem = visit(program_.member_decisions[d], std::optional<std::size_t>(m),
                                 std::span<const Value>(member), decisions_.member(m, d, count))) {
          return problem;
        }
      }
    }
    return std::nullopt;
  }

  // The explanations of the typed evaluation (Evaluation::explanations).
  std::optional<std::string> explain_typed() {
    RenderContext context{program_, record_, as_of_, options_.language};
    line_explainer_.forget_calls();
    renew_budgets();
    evaluation_.explanations.clear();
    return for_each_decision([&](const DecisionOutput& decision, std::optional<std::size_t> member,
                                 std::span<const Value> arguments, const Value& decided) {
      return explain_one(decision, arguments, decided, [&](const Explanation& root) {
        evaluation_.explanations.push_back(
            {decision.key, member ? evaluation_.members[*member].member_id : std::string(),
             explanation_step(context, root)});
      });
    });
  }

  // What a failed decision failed on (engine/trace/failure_reasons.hpp).
  const std::vector<FailureReason>& reasons(std::uint32_t rule, std::span<const Value> arguments) {
    failure_reasons_.start();
    traced_call(rule, arguments, failure_reasons_);
    return failure_reasons_.reasons();
  }

  void tally_decision(std::size_t index, const DecisionOutput& decision, const Value& value,
                      std::span<const Value> arguments) {
    const Rule& rule = program_.rules[decision.rule];
    bool fails = rule.type.kind == Kind::boolean && !value.as_bool();
    bool in_force = rule.in_force_on(as_of_);
    static const std::vector<FailureReason> none;
    using Without = RunTally::FailedWithoutReasons;
    if (!fails || !options_.failure_reasons)
      return tally_.decision(index, value, none, Without::no);
    if (!in_force) return tally_.decision(index, value, none, Without::not_in_force);
    try {
      tally_.decision(index, value, reasons(decision.rule, arguments), Without::no);
    } catch (const EvaluationBudgetExceeded&) {
      tally_.decision(index, value, none, Without::beyond_budget);
    }
  }

  // The summary's pass over a decided record: its counts, and the reasons of failed decisions.
  void tally() {
    renew_budgets();
    tally_.record(group(), false);
    std::size_t household_count = program_.household_decisions.size();
    for_each_decision([&](const DecisionOutput& decision, std::optional<std::size_t> member,
                          std::span<const Value> arguments, const Value& value) {
      std::size_t index =
          member ? household_count +
                       static_cast<std::size_t>(&decision - program_.member_decisions.data())
                 : static_cast<std::size_t>(&decision - program_.household_decisions.data());
      tally_decision(index, decision, value, arguments);
      return std::optional<std::string>();
    });
  }

  CompiledRules compiled_rules_;  // kept alive by this evaluator
  const CompiledRules::Implementation& rules_;
  const CheckedProgram& program_;
  const EvaluationOptions& options_;
  calendar::DayNumber as_of_;
  std::string_view hash_;
  std::string_view id_key_;
  RecordLoader loader_;
  Record record_;
  bool record_loaded_ = false;  // whether record_ holds the record decided last
  Interpreter interpreter_;     // decides, explains and finds reasons with --evaluator reference
  std::optional<CompiledEvaluator> compiled_;  // by default
  HouseholdDecisions decisions_;
  Evaluation evaluation_;  // of the record decided last
  ExplanationBuilder line_explainer_{program_, /*explain_repeats_once=*/true};   // --explain
  ExplanationBuilder note_explainer_{program_, /*explain_repeats_once=*/false};  // regla explain
  // The values of the rules a failed decision calls: from the evaluator that decided (the
  // compiled one has them in its memo), evaluated plainly.
  FailureReasons failure_reasons_{
      program_, [this](std::uint32_t rule, std::span<const Value> arguments) {
        return compiled_ ? compiled_->call(rule, arguments) : interpreter_.call(rule, arguments);
      }};
  ExplanationJsonWriter explanation_writer_{program_};
  // Where a decision's explanation is built, reused from decision to decision.
  // (A decision needing more than the buffer takes the rest from the heap until it is released.)
  static constexpr std::size_t arena_size = std::size_t(1) << 20;
  std::unique_ptr<std::byte[]> arena_buffer_ =
      std::make_unique_for_overwrite<std::byte[]>(arena_size);
  std::pmr::monotonic_buffer_resource arena_{arena_buffer_.get(), arena_size};
  RunTally tally_{program_};

 public:
  const Evaluation& last_evaluation() const { return evaluation_; }

  RunSummary summary() const {
    RunSummary summary = tally_.summary();
    summary.as_of = options_.as_of;
    return summary;
  }
};

HouseholdEvaluator::HouseholdEvaluator(const CompiledRules& rules)
    : implementation_(std::make_unique<Implementation>(rules)) {}
HouseholdEvaluator::~HouseholdEvaluator() = default;
HouseholdEvaluator::HouseholdEvaluator(HouseholdEvaluator&&) noexcept = default;

const Evaluation& HouseholdEvaluator::evaluate(std::string_view json_line,
                                               std::uint64_t line_number) {
  return implementation_->evaluate(json_line, line_number);
}
bool HouseholdEvaluator::evaluate(std::string_view json_line, std::uint64_t line_number,
                                  std::string& out) {
  return implementation_->evaluate(json_line, line_number, out);
}
const Evaluation& HouseholdEvaluator::last_evaluation() const {
  return implementation_->last_evaluation();
}
RunSummary HouseholdEvaluator::summary() const {
  return implementation_->summary();
}
std::optional<std::string> HouseholdEvaluator::household_id(std::string_view json_line) {
  return implementation_->household_id(json_line);
}
std::string HouseholdEvaluator::explain_text(std::string_view json_line, std::uint64_t line_number,
                                             const TextOptions& options) {
  return with_control_characters_escaped(
      implementation_->explain_text(json_line, line_number, options));
}

std::string today() {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char buffer[16];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &local);
  return buffer;
}

}  // namespace regla
