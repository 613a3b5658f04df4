// One loaded household to its decisions: rejections first, then every decision about the
// household and about each member. Works with either evaluator (the reference Interpreter or the
// compiled one), which is what lets tests compare them on whole households.
#pragma once

#include <algorithm>
#include <numeric>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/program/evaluation_budget.hpp"
#include "engine/program/evaluation_error.hpp"
#include "engine/program/operations.hpp"
#include "engine/program/program.hpp"
#include "engine/records/record.hpp"

namespace regla {

struct HouseholdDecisions {
  std::vector<Value> household;            // one per program.household_decisions
  std::vector<std::uint32_t> member_rows;  // the members, in record order
  std::vector<Value> members;              // member-major: [m * member_decisions.size() + d]
  std::optional<std::string> rejection;    // why the record has no decisions

  const Value& member(std::size_t m, std::size_t d, std::size_t decisions) const {
    return members[m * decisions + d];
  }
};

// The text naming a member in messages and output keys: its id field's value.
std::string member_id_text(const CheckedProgram& program, const Record& record, std::uint32_t row);
std::string_view rejection_label(const Rejection& rejection);

inline std::optional<std::uint32_t> member_id_field(const CheckedProgram& program) {
  return program.shapes[program.member_shape].id_field();
}

// The position (in `rows`) of the first member whose id an earlier member has. A household's
// handful of members are compared in place, without allocating; a long list is sorted instead, so
// that a record with many members cannot take quadratic time.
inline std::optional<std::size_t> first_repeated_member_id(const CheckedProgram& program,
                                                           const Record& record,
                                                           const std::vector<std::uint32_t>& rows) {
  const Field& id = program.shapes[program.member_shape].fields[*member_id_field(program)];
  const ObjectRows& members = record.objects[program.member_shape];
  auto id_of = [&](std::size_t m) -> const Value& { return members.at(rows[m], id.slot); };
  auto same = [&](std::size_t a, std::size_t b) {
    const Value &x = id_of(a), &y = id_of(b);
    return x.present && y.present && operations::same_value(id.type, x, y);
  };
  constexpr std::size_t compared_in_place = 32;
  if (rows.size() <= compared_in_place) {
    for (std::size_t m = 1; m < rows.size(); ++m) {
      for (std::size_t earlier = 0; earlier < m; ++earlier) {
        if (same(earlier, m)) return m;
      }
    }
    return std::nullopt;
  }
  std::vector<std::size_t> order(rows.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  // Stable: members with one id stay in record order, so each run's second is its first repeat.
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const Value &x = id_of(a), &y = id_of(b);
    if (x.present != y.present) return x.present < y.present;
    if (!x.present) return false;
    return id.type.kind == Kind::text ? x.as_text() < y.as_text() : x.integer < y.integer;
  });
  std::optional<std::size_t> first;
  for (std::size_t i = 1; i < order.size(); ++i) {
    if (same(order[i - 1], order[i]) && (!first || order[i] < *first)) first = order[i];
  }
  return first;
}

// `Evaluator` provides: Value call(rule, std::span<const Value> arguments) and
// bool rejects(const Rejection&, std::optional<std::uint32_t> member_row), both throwing
// EvaluationError.
template <typename Evaluator>
void decide(const CheckedProgram& program, Evaluator& evaluator, const Record& record,
            HouseholdDecisions& out) {
  out.household.clear();
  out.member_rows.clear();
  out.members.clear();
  out.rejection.reset();
  if (program.member_list_field) {
    const Shape& household = program.shapes[program.household_shape];
    std::uint32_t slot = household.fields[*program.member_list_field].slot;
    Value list = record.objects[program.household_shape].at(0, slot);
    for (std::uint32_t row = list.list.first; row < list.list.first + list.list.count; ++row) {
      out.member_rows.push_back(row);
    }
    // Members are output by id, so two members may not share one.
    if (std::optional<std::size_t> m = first_repeated_member_id(program, record, out.member_rows)) {
      out.rejection =
          household.fields[*program.member_list_field].name + "[" + std::to_string(*m) + "]." +
          program.shapes[program.member_shape].fields[*member_id_field(program)].name + ": '" +
          member_id_text(program, record, out.member_rows[*m]) + "' is the id of two members";
      return;
    }
  }
  // What was being decided, to name it if evaluation fails (the text is only built then).
  const DecisionOutput* deciding = nullptr;
  std::optional<std::uint32_t> deciding_for;
  auto context = [&] {
    return !deciding ? std::string("a rejection")
           : deciding_for
               ? deciding->key + " for member " + member_id_text(program, record, *deciding_for)
               : deciding->key;
  };
  try {
    for (const Rejection& rejection : program.rejections) {
      if (!rejection.subject) {
        if (evaluator.rejects(rejection, std::nullopt)) {
          out.rejection = std::string(rejection_label(rejection));
          return;
        }
        continue;
      }
      for (std::size_t m = 0; m < out.member_rows.size(); ++m) {
        if (evaluator.rejects(rejection, out.member_rows[m])) {
          const Shape& household = program.shapes[program.household_shape];
          out.rejection = household.fields[*program.member_list_field].name + "[" +
                          std::to_string(m) + "] (" +
                          member_id_text(program, record, out.member_rows[m]) +
                          "): " + std::string(rejection_label(rejection));
          return;
        }
      }
    }
    for (const DecisionOutput& decision : program.household_decisions) {
      deciding = &decision;
      out.household.push_back(evaluator.call(decision.rule, {}));
    }
    Value argument[1];
    for (std::uint32_t row : out.member_rows) {
      argument[0] = Value::of_integer(row);
      deciding_for = row;
      for (const DecisionOutput& decision : program.member_decisions) {
        deciding = &decision;
        out.members.push_back(evaluator.call(decision.rule, argument));
      }
    }
  } catch (const EvaluationError& error) {
    bool same_rule = deciding && error.rule == deciding->key;
    out.rejection = "cannot evaluate " + context() + ": " +
                    (error.rule.empty() || same_rule ? "" : "in " + error.rule + ", ") +
                    error.message;
  } catch (const EvaluationBudgetExceeded& exceeded) {
    out.rejection = "cannot evaluate " + context() + ": the record " + exceeded.message();
  }
}

}  // namespace regla
