// Whole numbers given on the command line (--threads, --households, --seed).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace regla::cli {

// `text` as a whole number from `lowest` to `highest` (digits only: no sign, no spaces).
std::optional<std::uint64_t> parse_whole_number(const std::string& text, std::uint64_t lowest,
                                                std::uint64_t highest);

}  // namespace regla::cli
