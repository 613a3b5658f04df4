// The shipped rule files (rules/*.regla) as texts, for the API tests that load rules from texts
// rather than a folder; `replace` (when given and found) is replaced by `with` in the first file
// holding it, to try a change to them.
#pragma once

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "regla/rules.hpp"

namespace regla::testing {

inline std::vector<RuleFile> shipped_rule_files(const std::string& replace = "",
                                                const std::string& with = "") {
  std::vector<RuleFile> files;
  bool replaced = false;
  for (const char* name : {"household", "inei", "crecer", "sis", "juntos"}) {
    std::string path = std::string(REGLA_SOURCE_DIR) + "/rules/" + name + ".regla";
    std::ifstream in(path);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!replaced && !replace.empty() && text.find(replace) != std::string::npos) {
      text.replace(text.find(replace), replace.size(), with);
      replaced = true;
    }
    files.push_back({path, text});
  }
  return files;
}

}  // namespace regla::testing
