// A unified diff of two texts, in the layout of `diff -u`, for `regla fmt --check --diff`.
#pragma once

#include <string>

namespace regla::cli {

// The hunks (three lines of context) that turn `before` into `after`, under the headers
// "--- before_label" and "+++ after_label"; empty when the texts are equal.
std::string unified_diff(const std::string& before, const std::string& after,
                         const std::string& before_label, const std::string& after_label);

}  // namespace regla::cli
