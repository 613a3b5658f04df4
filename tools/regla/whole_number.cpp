// Digits only, so that " 5", "+5" and "5x" are refused rather than read as 5.
#include "whole_number.hpp"

namespace regla::cli {

std::optional<std::uint64_t> parse_whole_number(const std::string& text, std::uint64_t lowest,
                                                std::uint64_t highest) {
  if (text.empty() || text.size() > 19) return std::nullopt;  // 19 digits always fit
  std::uint64_t number = 0;
  for (char digit : text) {
    if (digit < '0' || digit > '9') return std::nullopt;
    number = number * 10 + static_cast<std::uint64_t>(digit - '0');
  }
  if (number < lowest || number > highest) return std::nullopt;
  return number;
}

}  // namespace regla::cli
