// The languages the engine speaks, and filling a message's placeholders.
#pragma once

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

#include "engine/messages/message.hpp"

namespace regla::messages {

// Every language, English first.
std::span<const Language* const> languages();
// The language with this code; std::invalid_argument naming the known ones for any other.
const Language& language(std::string_view code);
// The known codes, joined by `separator`: "en, es".
std::string language_codes(std::string_view separator);

// `text` with each placeholder {N} replaced by values[N].
std::string fill(std::string_view text, std::initializer_list<std::string_view> values);

}  // namespace regla::messages
