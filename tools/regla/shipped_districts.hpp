// The district tables of rules/data as this `regla` was built with them, for `regla gen` (so that
// it needs no rule folder where it runs). The text is generated at build time (CMakeLists.txt).
#pragma once

#include <string_view>

namespace regla::cli {

std::string_view shipped_juntos_districts();
std::string_view shipped_crecer_districts();

}  // namespace regla::cli
