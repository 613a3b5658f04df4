// Positions as the protocol counts them (0-based lines, characters in UTF-16 code units) and as
// regla counts them (1-based lines, columns in characters).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "regla/analysis.hpp"

namespace regla::language_server {

// nullopt when the line is past the text's last line or the character past the line's end.
std::optional<SourcePoint> source_point(std::string_view text, std::uint32_t line,
                                        std::uint32_t character);
nlohmann::json protocol_position(std::string_view text, SourcePoint point);
nlohmann::json protocol_range(std::string_view text, SourcePoint begin, SourcePoint end);
// The range of the whole text, for an edit that replaces it.
nlohmann::json whole_text_range(std::string_view text);

}  // namespace regla::language_server
