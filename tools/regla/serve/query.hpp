// The query of a request target (`/v1/evaluate?as_of=2026-11-01&lang=es`), percent-decoded.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace regla::serve {

struct Target {
  std::string path;
  std::map<std::string, std::string> query;  // a name given twice keeps its last value
};

// The path and query of `target`; nullopt when a percent escape is malformed.
std::optional<Target> parse_target(std::string_view target);

// The first query parameter that is not one of `known`, if any.
std::optional<std::string> unknown_parameter(const Target& target,
                                             const std::vector<std::string>& known);

}  // namespace regla::serve
