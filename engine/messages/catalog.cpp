// The catalog: the list of languages, each defined in its own file (README, "Languages").
#include "engine/messages/catalog.hpp"

#include <stdexcept>

#include "engine/messages/en.hpp"
#include "engine/messages/es.hpp"

namespace regla::messages {

std::span<const Language* const> languages() {
  static constexpr const Language* known[] = {&english, &spanish};
  return known;
}

const Language& language(std::string_view code) {
  for (const Language* known : languages()) {
    if (known->code() == code) return *known;
  }
  throw std::invalid_argument("unknown language '" + std::string(code) + "': the engine speaks " +
                              language_codes(", "));
}

std::string language_codes(std::string_view separator) {
  std::string codes;
  for (const Language* known : languages()) {
    if (!codes.empty()) codes += separator;
    codes += known->code();
  }
  return codes;
}

std::string fill(std::string_view text, std::initializer_list<std::string_view> values) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    bool placeholder = text[i] == '{' && i + 2 < text.size() && text[i + 1] >= '0' &&
                       text[i + 1] <= '9' && text[i + 2] == '}';
    auto index = placeholder ? static_cast<std::size_t>(text[i + 1] - '0') : values.size();
    if (index < values.size()) {
      out += values.begin()[index];
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace regla::messages
