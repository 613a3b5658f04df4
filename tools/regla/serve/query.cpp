#include "query.hpp"

#include <algorithm>

namespace regla::serve {
namespace {

std::optional<int> hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return std::nullopt;
}

// `text` with %XX escapes decoded and '+' read as a space (HTML forms write spaces so).
std::optional<std::string> percent_decoded(std::string_view text) {
  std::string decoded;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      decoded += ' ';
    } else if (text[i] != '%') {
      decoded += text[i];
    } else {
      if (i + 2 >= text.size()) return std::nullopt;  // "%" or "%X" at the end
      std::optional<int> high = hex_digit(text[i + 1]);
      std::optional<int> low = hex_digit(text[i + 2]);
      if (!high || !low) return std::nullopt;
      decoded += static_cast<char>(*high * 16 + *low);
      i += 2;
    }
  }
  return decoded;
}

}  // namespace

std::optional<Target> parse_target(std::string_view target) {
  Target parsed;
  std::size_t question = target.find('?');
  std::optional<std::string> path = percent_decoded(target.substr(0, question));
  if (!path) return std::nullopt;
  parsed.path = *path;
  if (question == std::string_view::npos) return parsed;
  std::string_view query = target.substr(question + 1);
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    std::size_t equals = pair.find('=');
    std::optional<std::string> name = percent_decoded(pair.substr(0, equals));
    std::optional<std::string> value = percent_decoded(
        equals == std::string_view::npos ? std::string_view{} : pair.substr(equals + 1));
    if (!name || !value) return std::nullopt;
    parsed.query[*name] = *value;
  }
  return parsed;
}

std::optional<std::string> unknown_parameter(const Target& target,
                                             const std::vector<std::string>& known) {
  for (const auto& [name, value] : target.query)
    if (std::ranges::find(known, name) == known.end()) return name;
  return std::nullopt;
}

}  // namespace regla::serve
