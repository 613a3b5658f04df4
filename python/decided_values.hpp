// Decided values (include/regla/decisions.hpp) as Python values: bool, int, float, str,
// datetime.date; a month as "YYYY-MM"; a date range as a (start, end) tuple of dates, the end
// excluded; None for a decision with no value. The GIL must be held.
#pragma once

#include <pybind11/pybind11.h>

#include "regla/decisions.hpp"

namespace regla::python {

pybind11::object python_value(const DecidedValue& value);

// {"household_id": ..., "line": ..., "decisions": {...}, "members": {person_id: {...}}} for a
// decided record; {"household_id": ..., "line": ..., "error": "..."} for a rejected one.
pybind11::dict python_evaluation(const Evaluation& evaluation);

}  // namespace regla::python
