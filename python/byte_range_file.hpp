// A byte range of a file as a stdio stream, so that the library's stream evaluation can read one
// part of a registry in place (no copy through Python, memory bounded as for a whole file).
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace regla::python {

// A stream reading the bytes [start, end) of the file at `path`, or nullptr with errno set when it
// cannot be opened. A file that ends before `end` (it changed since the range was cut) is a read
// error (EIO) of the stream, not an early end, so that no line of the range is lost unsaid.
std::FILE* open_byte_range(const std::string& path, std::uint64_t start, std::uint64_t end);

}  // namespace regla::python
