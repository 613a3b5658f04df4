// The line `regla impact --households` writes for a household that changed: its decisions before
// and after, and the conditions whose verdict flipped with the values they compared on each side,
// read from the two explanation trees.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "regla/decisions.hpp"

namespace regla {

// `before` and `after` are the record evaluated with explanations by the base and the changed
// rules; `conditions` the names of the conditions both rule sets share. Appends one JSON line.
void write_household_change(std::string_view id_key, std::uint64_t line, const Evaluation& before,
                            const Evaluation& after, const std::vector<std::string>& conditions,
                            std::string& out);

}  // namespace regla
