// JSON syntax (RFC 8259), checked byte by byte: the one definition of a valid record line that
// both JSON readers answer to. The simdjson reader checks each line with it before reading
// (simdjson skips the values the rules do not read by matching brackets, and checks the others
// only as far as reading them needs); both readers describe a line that is not valid JSON with
// it, so the two give the same error.
//
// Beyond the grammar, three limits that both readers share: strings are valid UTF-8 and a \u
// escape of a surrogate is one of a pair (a record's text must be Unicode text); a number's
// magnitude fits a double (nlohmann/json refuses 1e400); arrays and objects nest at most
// max_json_depth levels (a DOM of a 64 MiB line of '[' would take gigabytes). Private to the
// engine.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/records/record_loader.hpp"

namespace regla {

inline constexpr std::size_t max_json_depth = 1024;

// A line without the UTF-8 byte order mark it may start with (RFC 8259 lets a reader ignore it;
// editors on Windows write one at the start of a file).
std::string_view without_byte_order_mark(std::string_view line);

class JsonSyntax {
 public:
  // Checks the one JSON value that starts at `value` (no whitespace before it), inside a text
  // that ends at `end`, with `depth` arrays and objects around it. Returns the end of the value,
  // or nullptr when it is not valid JSON.
  const char* skip_value(const char* value, const char* end, std::size_t depth);

  // Checks the string whose opening quote is at `quote`. Returns the end of the string (after its
  // closing quote), or nullptr; `escaped` says whether it holds an escape. Inline for the common
  // string, short and plain ASCII: a call per key and value was a tenth of a record's loading.
  const char* skip_string(const char* quote, const char* end, bool& escaped) {
    const char* p = quote + 1;
    while (end - p >= 8) {
      if (std::uint64_t found = bytes_to_look_at(p)) {
        p += std::countr_zero(found) / 8;
        if (*p != '"') break;
        escaped = false;
        return p + 1;
      }
      p += 8;
    }
    end_ = end;
    return skip_rest_of_string(quote, p, escaped);
  }

  // Whether `text` (no byte order mark) is one valid JSON text.
  bool valid(std::string_view text);
  // Whether a string checked since the last valid() held an escape.
  bool escapes_seen() const { return escapes_seen_; }

  // Why `line` is not one valid JSON text: the JSON path of the value where it goes wrong and
  // what is wrong there, at which column. nullopt when the line is valid JSON.
  std::optional<LoadError> first_error(std::string_view line);

 private:
  struct Frame {
    bool object;
    std::size_t index;      // of the element, in an array
    std::string_view name;  // of the field, in an object (as written, escapes included)
  };

  // A high bit in each of the eight bytes at `p` that is a quote, a backslash, below 0x20 or
  // 0x80 and above (and maybe in bytes after the first such byte, never before it); 0 if none is.
  static std::uint64_t bytes_to_look_at(const char* p) {
    if constexpr (std::endian::native != std::endian::little) return 0xFF;  // a byte at a time
    constexpr std::uint64_t ones = 0x0101010101010101, high_bits = 0x8080808080808080;
    std::uint64_t word;
    std::memcpy(&word, p, sizeof word);
    std::uint64_t quotes = word ^ (ones * '"'), backslashes = word ^ (ones * '\\');
    return (((quotes - ones) & ~quotes) | ((backslashes - ones) & ~backslashes) |
            ((word - ones * 0x20) & ~word) | word) &
           high_bits;
  }
  const char* skip_rest_of_string(const char* quote, const char* p, bool& escaped);
  const char* skip_field_name(const char* p);
  const char* skip_number(const char* p);
  const char* skip_word(const char* p);
  const char* skip_escape(const char* p);
  const char* skip_utf8(const char* p);
  // Inline for the common case of a registry's JSON Lines: no whitespace between tokens.
  const char* skip_whitespace(const char* p) const {
    return p != end_ && static_cast<unsigned char>(*p) > ' ' ? p : skip_whitespace_after(p);
  }
  const char* skip_whitespace_after(const char* p) const;
  const char* fail(const char* at, std::string what, bool inside_member);
  std::string path(bool inside_member) const;

  const char* end_ = nullptr;
  bool escapes_seen_ = false;
  std::vector<Frame> frames_;
  // The last failure: where, what, and the path of the value it is in.
  const char* error_at_ = nullptr;
  std::string error_what_;
  std::string error_path_;
};

}  // namespace regla
