#include "language_server/file_uris.hpp"

#include <cctype>

namespace regla::language_server {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::string> path_of_uri(const std::string& uri) {
  constexpr std::string_view scheme = "file://";
  if (uri.compare(0, scheme.size(), scheme) != 0) return std::nullopt;
  std::string_view rest = std::string_view(uri).substr(scheme.size());
  // `file://localhost/x` and `file:///x` are the same file; any other host is not ours.
  if (rest.substr(0, 9) == "localhost") rest.remove_prefix(9);
  if (rest.empty() || rest.front() != '/') return std::nullopt;
  std::string path;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '%') {
      int high = i + 2 < rest.size() ? hex_value(rest[i + 1]) : -1;
      int low = i + 2 < rest.size() ? hex_value(rest[i + 2]) : -1;
      if (high < 0 || low < 0) return std::nullopt;
      char byte = static_cast<char>(high * 16 + low);
      if (byte == '\0') return std::nullopt;
      path.push_back(byte);
      i += 2;
    } else if (rest[i] == '?' || rest[i] == '#') {
      break;
    } else {
      path.push_back(rest[i]);
    }
  }
  return path;
}

std::string uri_of_path(const std::string& path) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string uri = "file://";
  for (char c : path) {
    auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      uri.push_back(c);
    } else {
      uri += {'%', digits[byte >> 4], digits[byte & 15]};
    }
  }
  return uri;
}

}  // namespace regla::language_server
