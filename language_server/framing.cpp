#include "language_server/framing.hpp"

#include <charconv>

namespace regla::language_server {
namespace {

// Header field names are case-insensitive (as in HTTP).
bool starts_with_field(const std::string& line, std::string_view field) {
  if (line.size() < field.size()) return false;
  for (std::size_t i = 0; i < field.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(line[i])) != field[i]) return false;
  return true;
}

// A header line may be at most this long: past it, what is read is not a header.
constexpr std::size_t max_header_line = 4096;

}  // namespace

Frame read_frame(std::istream& in) {
  std::string line;
  bool any_line = false;
  bool has_length = false;
  std::size_t length = 0;
  std::string problem;
  while (true) {
    line.clear();
    int c;
    while ((c = in.get()) != std::char_traits<char>::eof() && c != '\n') {
      if (line.size() < max_header_line) line.push_back(static_cast<char>(c));
    }
    if (c == std::char_traits<char>::eof()) {
      return {any_line || !line.empty() ? Frame::Kind::cut_off : Frame::Kind::end, "",
              "the input ended inside a message header"};
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      if (!any_line) continue;  // blank lines between messages are skipped
      break;
    }
    any_line = true;
    if (starts_with_field(line, "content-length:")) {
      std::string_view value = std::string_view(line).substr(15);
      while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
        value.remove_prefix(1);
      while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
        value.remove_suffix(1);
      auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), length);
      if (error != std::errc() || end != value.data() + value.size() || value.empty()) {
        problem = "Content-Length is not a number of bytes: '" + std::string(value) + "'";
      } else {
        has_length = true;
      }
    } else if (line.find(':') == std::string::npos) {
      problem = "a header line is not 'Name: value': '" + line.substr(0, 80) + "'";
    }
  }
  if (!problem.empty() || !has_length) {
    return {Frame::Kind::bad_header, "",
            problem.empty() ? "the message header has no Content-Length" : problem};
  }
  if (length > max_message_bytes) {
    in.ignore(static_cast<std::streamsize>(length));
    if (static_cast<std::size_t>(in.gcount()) != length)
      return {Frame::Kind::cut_off, "", "the input ended inside a message"};
    return {Frame::Kind::too_long, "",
            "a message of " + std::to_string(length) + " bytes is longer than the " +
                std::to_string(max_message_bytes) + " bytes allowed"};
  }
  std::string body(length, '\0');
  in.read(body.data(), static_cast<std::streamsize>(length));
  if (static_cast<std::size_t>(in.gcount()) != length)
    return {Frame::Kind::cut_off, "", "the input ended inside a message"};
  return {Frame::Kind::message, std::move(body), ""};
}

bool write_frame(std::ostream& out, const std::string& body) {
  out << "Content-Length: " << body.size() << "\r\n\r\n" << body;
  out.flush();
  return static_cast<bool>(out);
}

}  // namespace regla::language_server
