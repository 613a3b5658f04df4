// Writing JSON output lines by hand: no DOM, no allocation beyond the output buffer.
#pragma once

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

namespace regla {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  void string(std::string_view text) {
    static const char hex[] = "0123456789abcdef";
    out_ += '"';
    // Runs of characters that need no escape are appended whole.
    std::size_t run = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      auto byte = static_cast<unsigned char>(text[i]);
      if (byte >= 0x20 && byte != '"' && byte != '\\') continue;
      out_.append(text.data() + run, i - run);
      run = i + 1;
      if (byte >= 0x20) {
        out_ += '\\';
        out_ += text[i];
      } else {
        out_ += "\\u00";
        out_ += hex[byte >> 4];
        out_ += hex[byte & 0xF];
      }
    }
    out_.append(text.data() + run, text.size() - run);
    out_ += '"';
  }
  void integer(std::int64_t value) {
    char buffer[24];
    auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
    out_.append(buffer, end);
  }
  // The shortest text that reads back as the same double.
  void decimal(double value) {
    char buffer[32];
    auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
    out_.append(buffer, end);
  }
  void boolean(bool value) { out_ += value ? "true" : "false"; }
  void null() { out_ += "null"; }
  void key(std::string_view name) {
    string(name);
    out_ += ':';
  }
  void raw(std::string_view text) { out_ += text; }
  void comma() { out_ += ','; }

 private:
  std::string& out_;
};

}  // namespace regla
