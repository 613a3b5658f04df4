// Writing the files a command produces besides standard output (a --summary file, a rule file
// `fmt` rewrites), every write checked.
#pragma once

#include <optional>
#include <string>

namespace regla::cli {

// Writes `text` to `path` (created or truncated); errno when it could not be written whole.
std::optional<int> write_file(const std::string& path, const std::string& text);

// Replaces the file `path` with `text`: written to a temporary file beside it, which is then
// renamed over it, so that a failed write leaves the original untouched. Keeps its permissions.
// errno when it could not be replaced.
std::optional<int> replace_file(const std::string& path, const std::string& text);

}  // namespace regla::cli
