// Overlaps and gaps of dated periods, by a sweep over the periods in the order they start.
#include "engine/check/periods.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace regla {
namespace {

// An open end as a day before, or after, every day of the calendar.
constexpr std::int64_t before_every_day = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t after_every_day = std::numeric_limits<std::int64_t>::max();

std::int64_t start_of(const Period& period) {
  return period.from ? *period.from : before_every_day;
}
std::int64_t end_of(const Period& period) {
  return period.until ? *period.until : after_every_day;
}

}  // namespace

bool overlap(const Period& a, const Period& b) {
  return start_of(a) < end_of(b) && start_of(b) < end_of(a);
}

std::vector<Gap> gaps_between(const std::vector<Period>& periods) {
  std::vector<const Period*> by_start;
  for (const Period& period : periods)
    by_start.push_back(&period);
  std::stable_sort(by_start.begin(), by_start.end(),
                   [](const Period* a, const Period* b) { return start_of(*a) < start_of(*b); });
  auto day = [](std::int64_t bound, std::int64_t open) -> std::optional<calendar::DayNumber> {
    if (bound == open) return std::nullopt;
    return static_cast<calendar::DayNumber>(bound);
  };
  std::vector<Gap> gaps;
  std::int64_t covered_until = before_every_day;  // every day before this one is covered
  for (const Period* period : by_start) {
    if (start_of(*period) > covered_until) {
      gaps.push_back(
          {day(covered_until, before_every_day), day(start_of(*period), after_every_day)});
    }
    covered_until = std::max(covered_until, end_of(*period));
  }
  if (covered_until != after_every_day)
    gaps.push_back({day(covered_until, before_every_day), std::nullopt});
  return gaps;
}

}  // namespace regla
