#include "decided_values.hpp"

#include <cstdio>
#include <string>
#include <type_traits>

#include "regla/evaluation.hpp"

namespace py = pybind11;

namespace regla::python {
namespace {

py::object python_date(const Date& date) {
  // Kept for the life of the process: a static py::object would be released after Python ends.
  static py::handle date_type = py::object(py::module_::import("datetime").attr("date")).release();
  return date_type(static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                   static_cast<unsigned>(date.day()));
}

py::dict python_decisions(const std::vector<Decision>& decisions) {
  py::dict out;
  for (const Decision& decision : decisions)
    out[py::str(decision.name.data(), decision.name.size())] = python_value(decision.value);
  return out;
}

}  // namespace

py::object python_value(const DecidedValue& value) {
  return std::visit(
      [](const auto& held) -> py::object {
        using Held = std::decay_t<decltype(held)>;
        if constexpr (std::is_same_v<Held, std::monostate>) {
          return py::none();
        } else if constexpr (std::is_same_v<Held, Date>) {
          return python_date(held);
        } else if constexpr (std::is_same_v<Held, Month>) {
          char text[16];
          std::snprintf(text, sizeof text, "%04d-%02u", static_cast<int>(held.year()),
                        static_cast<unsigned>(held.month()));
          return py::str(text);
        } else if constexpr (std::is_same_v<Held, DateRange>) {
          return py::make_tuple(python_date(held.start), python_date(held.end));
        } else {
          return py::cast(held);
        }
      },
      value);
}

py::dict python_evaluation(const Evaluation& evaluation) {
  py::dict out;
  out["household_id"] = evaluation.household_id ? py::cast(*evaluation.household_id) : py::none();
  out["line"] = evaluation.line;
  if (evaluation.error) {
    out["error"] = *evaluation.error;
    return out;
  }
  out["decisions"] = python_decisions(evaluation.household);
  py::dict members;
  for (const MemberDecisions& member : evaluation.members)
    members[py::str(member.member_id)] = python_decisions(member.decisions);
  out["members"] = members;
  return out;
}

}  // namespace regla::python
