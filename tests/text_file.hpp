// Reading a whole file in a test (a golden, a corpus, a document, a sample registry).
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace regla::testing {

// The file's bytes as they are. A file that cannot be opened throws, so that no test compares
// against the empty text of a file that is missing.
inline std::string read_text_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace regla::testing
