// The decisions of one record as the public API gives them (include/regla/decisions.hpp): the
// evaluator's values, typed by the rules, with members named by their ids.
#pragma once

#include "engine/decide/decisions.hpp"
#include "regla/decisions.hpp"

namespace regla {

DecisionType decision_type(Kind kind);
// A value of type `type` as the API holds it (enumeration values by name).
DecidedValue decided_value(const CheckedProgram& program, const Type& type, const Value& value);

// Fills `out` (its line and household id already set) with `decisions`: the typed values, or the
// rejection as its error. Reuses what `out` holds from an earlier record.
void fill_evaluation(const CheckedProgram& program, const Record& record,
                     const HouseholdDecisions& decisions, Evaluation& out);

// Date <-> the calendar's day number.
Date date_of(calendar::DayNumber day);
calendar::DayNumber day_number_of(const Date& date);

}  // namespace regla
