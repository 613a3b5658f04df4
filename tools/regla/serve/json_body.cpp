#include "json_body.hpp"

#include <nlohmann/json.hpp>

namespace regla::serve {
namespace {

// Accepts every value and remembers the first syntax error.
struct SyntaxOnly : nlohmann::json_sax<nlohmann::json> {
  std::optional<std::size_t> error_offset;
  std::string error;

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& exception) override {
    error_offset = position == 0 ? 0 : position - 1;  // nlohmann counts the bytes read
    error = exception.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 3: syntax error while
    // parsing value - invalid literal; last read: 'tr'": the part after the location says why.
    if (std::size_t why = error.find(": "); why != std::string::npos) error = error.substr(why + 2);
    return false;
  }
};

}  // namespace

std::string line_and_column(std::string_view text, std::size_t offset) {
  std::size_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(offset - line_start + 1);
}

std::optional<std::string> json_syntax_error(std::string_view text) {
  SyntaxOnly reader;
  nlohmann::json::sax_parse(text.begin(), text.end(), &reader);
  if (!reader.error_offset) return std::nullopt;
  return line_and_column(text, *reader.error_offset) + ": " + reader.error;
}

}  // namespace regla::serve
