// Text that came from records, made safe to print on a terminal.
#pragma once

#include <string>
#include <string_view>

namespace regla::cli {

// `text` with every byte of a control character other than the line break (C0, DEL, the C1
// controls U+0080 to U+009F) and every byte that is not part of valid UTF-8 shown as \xNN, so
// that a record cannot move the cursor, change colours or retitle the terminal it is shown on.
std::string printable(std::string_view text);

}  // namespace regla::cli
