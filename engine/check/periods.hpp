// The periods a dated parameter's values are given in, and the one definition of when two of them
// overlap and of the days none of them covers. The timeline they must cover is every day an
// evaluation can be asked for: the calendar, 1400-01-01 to 9999-12-31.
#pragma once

#include <optional>
#include <vector>

#include "dsl/source.hpp"
#include "engine/program/calendar.hpp"

namespace regla {

struct Period {
  std::optional<calendar::DayNumber> from;   // included; none: from the calendar's first day
  std::optional<calendar::DayNumber> until;  // excluded; none: to the calendar's last day
  SourceRange range;
};

// Whether some day lies in both.
bool overlap(const Period& a, const Period& b);

// Days of the calendar that no period covers, in date order; `from` none: from the calendar's
// first day, `until` none: to its last.
struct Gap {
  std::optional<calendar::DayNumber> from;
  std::optional<calendar::DayNumber> until;
};
std::vector<Gap> gaps_between(const std::vector<Period>& periods);

}  // namespace regla
