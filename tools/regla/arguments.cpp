// Parsing `--name value`, `--name=value` and `--flag`.
#include "arguments.hpp"

namespace regla::cli {

const char* const exit_codes_help =
    "Exit codes: 0 success, 1 the rule files have errors (or a test case failed),\n"
    "            2 usage error (unknown option, missing file, a folder as INPUT),\n"
    "            3 some input records were rejected (all others were still answered),\n"
    "            4 an input could not be read or some output could not be written\n"
    "              (standard error says which and why).\n";

std::optional<std::uint64_t> parse_whole_number(const std::string& text, std::uint64_t lowest,
                                                std::uint64_t highest) {
  if (text.empty() || text.size() > 19) return std::nullopt;  // 19 digits always fit
  std::uint64_t number = 0;
  for (char digit : text) {
    if (digit < '0' || digit > '9') return std::nullopt;
    number = number * 10 + static_cast<std::uint64_t>(digit - '0');
  }
  if (number < lowest || number > highest) return std::nullopt;
  return number;
}

std::optional<Arguments> parse_arguments(const std::vector<std::string>& words,
                                         const std::vector<OptionSpec>& specs, std::string& error) {
  Arguments arguments;
  bool only_paths = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (only_paths || word.size() < 2 || word.rfind("--", 0) != 0) {
      if (word == "-h" && !only_paths) {
        arguments.help = true;
        continue;
      }
      arguments.positional.push_back(word);
      continue;
    }
    if (word == "--") {
      only_paths = true;
      continue;
    }
    std::string name = word.substr(2);
    std::optional<std::string> inline_value;
    if (auto equals = name.find('='); equals != std::string::npos) {
      inline_value = name.substr(equals + 1);
      name = name.substr(0, equals);
    }
    if (name == "help") {
      arguments.help = true;
      continue;
    }
    const OptionSpec* spec = nullptr;
    for (const OptionSpec& s : specs) {
      if (s.name == name) spec = &s;
    }
    if (!spec) {
      error = "unknown option '--" + name + "'";
      return std::nullopt;
    }
    if (!spec->takes_value) {
      if (inline_value) {
        error = "option '--" + name + "' takes no value";
        return std::nullopt;
      }
      arguments.flags.insert(name);
      continue;
    }
    if (inline_value) {
      arguments.options[name] = *inline_value;
    } else if (i + 1 < words.size()) {
      arguments.options[name] = words[++i];
    } else {
      error = "option '--" + name + "' needs a value";
      return std::nullopt;
    }
  }
  return arguments;
}

}  // namespace regla::cli
