// Between the places editors name (line and column in characters) and the engine's byte offsets.
#pragma once

#include <optional>

#include "dsl/source.hpp"
#include "regla/analysis.hpp"

namespace regla::analysis {

// The byte offset of `at` in `file`; nullopt past the file's last line or past a line's end.
std::optional<std::uint32_t> offset_of(const SourceFile& file, SourcePoint at);
Place place_of(const SourceFile& file, SourceRange range);

}  // namespace regla::analysis
