// The JSON grammar walked without recursion: a stack of the open arrays and objects, so that no
// nesting can overflow the call stack.
#include "engine/records/json_syntax.hpp"

#include <charconv>

#include "dsl/source.hpp"

namespace regla {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_whitespace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool is_word_character(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '+' ||
         c == '-' || c == '_';
}

// A byte as a message shows it: printable ASCII quoted, anything else by its value (so that a
// message is valid UTF-8 whatever the input).
std::string describe_byte(const char* at, const char* end) {
  if (at == end) return "the end of the line";
  auto byte = static_cast<unsigned char>(*at);
  if (byte > 0x20 && byte < 0x7F) return "'" + std::string(1, *at) + "'";
  static const char hex[] = "0123456789ABCDEF";
  return std::string("byte 0x") + hex[byte >> 4] + hex[byte & 0xF];
}

// The word at `at` (letters, digits, signs, points), as a message quotes it.
std::string describe_word(const char* at, const char* end) {
  const char* stop = at;
  while (stop != end && stop - at < 24 && is_word_character(*stop))
    ++stop;
  if (stop == at) return describe_byte(at, end);
  return "'" + std::string(at, stop) + (stop != end && is_word_character(*stop) ? "...'" : "'");
}

unsigned hex_value(const char* p) {
  unsigned value = 0;
  for (int i = 0; i < 4; ++i) {
    char c = p[i];
    value = value * 16 + static_cast<unsigned>(is_digit(c) ? c - '0'
                                               : c >= 'a'  ? c - 'a' + 10
                                                           : c - 'A' + 10);
  }
  return value;
}

}  // namespace

std::string_view without_byte_order_mark(std::string_view line) {
  if (line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
  return line;
}

const char* JsonSyntax::skip_whitespace_after(const char* p) const {
  while (p != end_ && is_whitespace(*p))
    ++p;
  return p;
}

const char* JsonSyntax::fail(const char* at, std::string what, bool inside_member) {
  error_at_ = at;
  error_what_ = std::move(what);
  error_path_ = path(inside_member);
  return nullptr;
}

// The path of the innermost open array or object, and with `inside_member` the element or
// field being read in it. Deep paths are cut after 16 steps ("notes[0][0]...").
std::string JsonSyntax::path(bool inside_member) const {
  constexpr std::size_t shown = 16;
  std::string out;
  for (std::size_t i = 0; i < frames_.size(); ++i) {
    if (i + 1 == frames_.size() && !inside_member) break;
    if (i == shown) {
      out += "...";
      break;
    }
    const Frame& frame = frames_[i];
    if (frame.object) {
      if (!out.empty()) out += '.';
      out += frame.name;
    } else {
      out += "[" + std::to_string(frame.index) + "]";
    }
  }
  return out;
}

const char* JsonSyntax::skip_value(const char* value, const char* end, std::size_t depth) {
  end_ = end;
  frames_.clear();
  const char* p = value;
  for (;;) {
    // A value is expected at p.
    if (p == end_) return fail(p, "the line ends where a value should be", true);
    switch (*p) {
      case '{':
      case '[': {
        bool object = *p == '{';
        if (depth + frames_.size() >= max_json_depth)
          return fail(p,
                      "arrays and objects nest more than " + std::to_string(max_json_depth) +
                          " levels deep",
                      true);
        frames_.push_back({object, 0, {}});
        p = skip_whitespace(p + 1);
        if (p != end_ && *p == (object ? '}' : ']')) {
          frames_.pop_back();
          ++p;
          break;
        }
        if (object && !(p = skip_field_name(p))) return nullptr;
        continue;
      }
      case '"': {
        bool escaped = false;
        p = skip_string(p, end_, escaped);
        break;
      }
      case '-':
      case '0':
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7':
      case '8':
      case '9':
        p = skip_number(p);
        break;
      default:
        p = skip_word(p);
        break;
    }
    if (!p) return nullptr;
    // A value ended at p: what may follow depends on what it is in.
    for (;;) {
      if (frames_.empty()) return p;
      Frame& frame = frames_.back();
      p = skip_whitespace(p);
      char close = frame.object ? '}' : ']';
      if (p != end_ && *p == close) {
        frames_.pop_back();
        ++p;
        continue;
      }
      if (p == end_ || *p != ',') {
        return fail(p,
                    std::string("expected ',' or '") + close + "' after " +
                        (frame.object ? "a field's value" : "a list element") + ", found " +
                        describe_byte(p, end_),
                    false);
      }
      p = skip_whitespace(p + 1);
      if (!frame.object) {
        ++frame.index;
        break;
      }
      if (!(p = skip_field_name(p))) return nullptr;
      break;
    }
  }
}

// The field name at `p` in the innermost object, and the ':' after it; returns where the field's
// value starts.
const char* JsonSyntax::skip_field_name(const char* p) {
  if (p == end_ || *p != '"')
    return fail(p, "expected a field name (a string), found " + describe_byte(p, end_), false);
  bool escaped = false;
  const char* name_end = skip_string(p, end_, escaped);
  if (!name_end) {
    error_path_ = path(false);  // the name is not known yet: the error is in the object
    return nullptr;
  }
  frames_.back().name = std::string_view(p + 1, static_cast<std::size_t>(name_end - p - 2));
  p = skip_whitespace(name_end);
  if (p == end_ || *p != ':')
    return fail(p, "expected ':' after the field name, found " + describe_byte(p, end_), true);
  return skip_whitespace(p + 1);
}

const char* JsonSyntax::skip_word(const char* p) {
  for (std::string_view word : {"true", "false", "null"}) {
    if (static_cast<std::size_t>(end_ - p) >= word.size() &&
        std::memcmp(p, word.data(), word.size()) == 0 &&
        (p + word.size() == end_ || !is_word_character(p[word.size()]))) {
      return p + word.size();
    }
  }
  return fail(p, "expected a value, found " + describe_word(p, end_), true);
}

// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, whose magnitude a double can hold.
const char* JsonSyntax::skip_number(const char* p) {
  const char* start = p;
  auto malformed = [&](const char* at, const char* why) {
    return fail(at, "the number " + describe_word(start, end_) + " is malformed: " + why, true);
  };
  if (*p == '-') ++p;
  if (p == end_ || !is_digit(*p)) return malformed(p, "a digit must follow '-'");
  // The decimal exponent of the first significant digit, counted while the digits go by.
  long magnitude = -1;
  bool significant = false;
  if (*p == '0') {
    ++p;
    if (p != end_ && is_digit(*p)) return malformed(p, "a leading zero is followed by digits");
  } else {
    significant = true;
    while (p != end_ && is_digit(*p)) {
      ++magnitude;
      ++p;
    }
  }
  if (p != end_ && *p == '.') {
    ++p;
    if (p == end_ || !is_digit(*p)) return malformed(p, "a digit must follow the decimal point");
    for (long place = -1; p != end_ && is_digit(*p); --place, ++p) {
      if (!significant && *p != '0') {
        significant = true;
        magnitude = place;
      }
    }
  }
  long exponent = 0;
  if (p != end_ && (*p == 'e' || *p == 'E')) {
    ++p;
    bool negative = p != end_ && *p == '-';
    if (p != end_ && (*p == '-' || *p == '+')) ++p;
    if (p == end_ || !is_digit(*p)) return malformed(p, "the exponent has no digits");
    for (; p != end_ && is_digit(*p); ++p) {
      if (exponent < 100000) exponent = exponent * 10 + (*p - '0');
    }
    if (negative) exponent = -exponent;
  }
  if (p != end_ && is_word_character(*p)) return malformed(p, "it goes on with letters or signs");
  // Doubles reach 1.8e308: a smaller decimal exponent always fits, a larger never; at 308 the
  // digits decide, and the conversion tells.
  long decimal_exponent = magnitude + exponent;
  bool too_large = significant && decimal_exponent > 308;
  if (significant && decimal_exponent == 308) {
    double value = 0;
    too_large = std::from_chars(start, p, value).ec == std::errc::result_out_of_range;
  }
  if (too_large)
    return fail(start, "the number " + describe_word(start, end_) + " is too large for a double",
                true);
  return p;
}

// The string from `p` on, `p` being where the inline loop stopped (the bytes before it are
// plain characters).
const char* JsonSyntax::skip_rest_of_string(const char* quote, const char* p, bool& escaped) {
  escaped = false;
  for (;;) {
    while (end_ - p >= 8) {
      if (std::uint64_t found = bytes_to_look_at(p)) {
        p += std::countr_zero(found) / 8;
        break;
      }
      p += 8;
    }
    if (p == end_) return fail(quote, "a string is not closed", true);
    auto byte = static_cast<unsigned char>(*p);
    if (byte == '"') return p + 1;
    if (byte == '\\') {
      escaped = escapes_seen_ = true;
      p = skip_escape(p);
    } else if (byte < 0x20) {
      return fail(p,
                  "a string holds a control character (" + describe_byte(p, end_) +
                      "); JSON writes it as an escape",
                  true);
    } else if (byte >= 0x80) {
      p = skip_utf8(p);
    } else {
      ++p;
    }
    if (!p) return nullptr;
  }
}

// The escape at the backslash `p`: \" \\ \/ \b \f \n \r \t, or \uXXXX (a surrogate only as the
// first of a pair, followed by the second).
const char* JsonSyntax::skip_escape(const char* p) {
  const char* start = p;
  ++p;
  if (p == end_) return fail(start, "a string is not closed", true);
  switch (*p) {
    case '"':
    case '\\':
    case '/':
    case 'b':
    case 'f':
    case 'n':
    case 'r':
    case 't':
      return p + 1;
    case 'u':
      break;
    default:
      return fail(start, "'\\' followed by " + describe_byte(p, end_) + " is not a JSON escape",
                  true);
  }
  auto four_hex_digits = [&](const char* at) {
    return end_ - at >= 4 && is_hex(at[0]) && is_hex(at[1]) && is_hex(at[2]) && is_hex(at[3]);
  };
  if (!four_hex_digits(p + 1))
    return fail(start, "'\\u' must be followed by four hex digits", true);
  unsigned unit = hex_value(p + 1);
  p += 5;
  if (unit >= 0xDC00 && unit <= 0xDFFF)
    return fail(start,
                "'\\u" + std::string(start + 2, 4) +
                    "' is the second half of a surrogate pair without the first",
                true);
  if (unit < 0xD800 || unit > 0xDBFF) return p;
  if (end_ - p >= 6 && p[0] == '\\' && p[1] == 'u' && four_hex_digits(p + 2)) {
    unsigned second = hex_value(p + 2);
    if (second >= 0xDC00 && second <= 0xDFFF) return p + 6;
  }
  return fail(start,
              "'\\u" + std::string(start + 2, 4) +
                  "' is the first half of a surrogate pair without the second",
              true);
}

// The UTF-8 character whose first byte is at `p`, as rule files are read (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF).
const char* JsonSyntax::skip_utf8(const char* p) {
  std::size_t length =
      utf8_sequence_length(std::string_view(p, static_cast<std::size_t>(end_ - p)), 0);
  if (length == 0)
    return fail(p, "a string is not valid UTF-8 (at " + describe_byte(p, end_) + ")", true);
  return p + length;
}

bool JsonSyntax::valid(std::string_view text) {
  end_ = text.data() + text.size();
  escapes_seen_ = false;
  const char* p = skip_whitespace(text.data());
  if (p == end_) return false;
  const char* value_end = skip_value(p, end_, 0);
  return value_end && skip_whitespace(value_end) == end_;
}

std::optional<LoadError> JsonSyntax::first_error(std::string_view line) {
  const char* start = line.data();
  std::string_view text = without_byte_order_mark(line);
  end_ = text.data() + text.size();
  const char* p = skip_whitespace(text.data());
  if (p == end_) return LoadError{"", "not valid JSON: the line is empty"};
  const char* value_end = skip_value(p, end_, 0);
  if (value_end) {
    const char* rest = skip_whitespace(value_end);
    if (rest == end_) return std::nullopt;
    frames_.clear();
    fail(rest, "there is more text after the record", false);
  }
  return LoadError{error_path_, "not valid JSON at column " +
                                    std::to_string(error_at_ - start + 1) + ": " + error_what_};
}

}  // namespace regla
