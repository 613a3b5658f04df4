// The values a case expects, as an administrator writes them: true or false (sí, no), a number
// with its unit (250 PEN, 85%, 28 days, 3 años), a date (2026-11-01), a month (2026-11), text in
// quotes or an enumeration value bare (pobre), null for no value.
#pragma once

#include <optional>
#include <string>

#include "regla/decisions.hpp"

namespace regla {

// Nothing when `decided`, of `type`, is the value written as `written`; else what differs, for a
// person ("200 PEN, expected 250 PEN", "'250 PEN' is money, but the value is a percent").
std::optional<std::string> differs_from_expected(DecisionType type, const DecidedValue& decided,
                                                 const std::string& written);

// A decided value as a case would write it: true, 200 PEN, 85%, 28 days, 2026-11-01, "text".
std::string case_text(DecisionType type, const DecidedValue& value);

}  // namespace regla
