// Parsing `--name value`, `--name=value` and `--flag`.
#include "arguments.hpp"

namespace regla::cli {

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
