// Whether a request body is JSON at all, and if not where it stops being: a body that is not is
// a client's mistake (400), told apart from a record the engine refuses (422).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace regla::serve {

// Where and why `text` is not one JSON value: "line 1, column 17: ..."; nullopt when it is one.
// Read without building it, so a deeply nested body costs no stack.
std::optional<std::string> json_syntax_error(std::string_view text);

// The 1-based line and column (in bytes) of the byte at `offset` in `text`.
std::string line_and_column(std::string_view text, std::size_t offset);

}  // namespace regla::serve
