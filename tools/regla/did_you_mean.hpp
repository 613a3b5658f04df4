// The name a mistyped word was probably meant to be: the "did you mean" of a usage error.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace regla::cli {

// The name in `names` fewest edits (a character inserted, deleted, replaced, or two neighbours
// swapped) away from `word`, if it is close enough to be a slip of the fingers: at most one edit
// per three characters of `word`, and at least one; the first such name on a tie.
std::optional<std::string> closest_name(const std::string& word,
                                        const std::vector<std::string>& names);

}  // namespace regla::cli
