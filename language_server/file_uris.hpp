// `file://` URIs, as editors name documents, and the paths they stand for.
#pragma once

#include <optional>
#include <string>

namespace regla::language_server {

// The absolute path of a `file:` URI (percent-escapes decoded); nullopt for any other URI.
std::optional<std::string> path_of_uri(const std::string& uri);
// The `file://` URI of an absolute path, every byte but letters, digits and `-._~/` escaped.
std::string uri_of_path(const std::string& path);

}  // namespace regla::language_server
