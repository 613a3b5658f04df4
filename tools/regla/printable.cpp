// A small UTF-8 decoder: each sequence is kept when it is valid and no control character.
#include "printable.hpp"

#include <cstdint>

namespace regla::cli {
namespace {

// The length of the valid UTF-8 sequence at `at`, or 0 when its bytes are not one (RFC 3629:
// no overlong forms, no surrogates, nothing above U+10FFFF).
std::size_t sequence_length(std::string_view text, std::size_t at) {
  auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(text[at + i]); };
  std::uint8_t lead = byte(0);
  if (lead < 0x80) return 1;
  std::size_t length = lead >= 0xC2 && lead <= 0xDF   ? 2
                       : lead >= 0xE0 && lead <= 0xEF ? 3
                       : lead >= 0xF0 && lead <= 0xF4 ? 4
                                                      : 0;
  if (length == 0 || at + length > text.size()) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return 0;
  }
  std::uint8_t second = byte(1);
  if ((lead == 0xE0 && second < 0xA0) || (lead == 0xED && second > 0x9F) ||
      (lead == 0xF0 && second < 0x90) || (lead == 0xF4 && second > 0x8F)) {
    return 0;
  }
  return length;
}

bool is_control(std::string_view text, std::size_t at, std::size_t length) {
  auto lead = static_cast<std::uint8_t>(text[at]);
  if (length == 1) return (lead < 0x20 && lead != '\n') || lead == 0x7F;
  return length == 2 && lead == 0xC2 && static_cast<std::uint8_t>(text[at + 1]) <= 0x9F;
}

}  // namespace

std::string printable(std::string_view text) {
  static const char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t length = sequence_length(text, at);
    if (length > 0 && !is_control(text, at, length)) {
      out.append(text.substr(at, length));
      at += length;
      continue;
    }
    // An invalid byte is shown alone; the bytes after it are read afresh.
    for (std::size_t i = 0; i < (length > 0 ? length : 1); ++i) {
      auto byte = static_cast<std::uint8_t>(text[at + i]);
      out += "\\x";
      out += hex[byte >> 4];
      out += hex[byte & 0xF];
    }
    at += length > 0 ? length : 1;
  }
  return out;
}

}  // namespace regla::cli
