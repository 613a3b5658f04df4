// The files a command reads: the records of eval and explain (a file or standard input), the rule
// files and folders named on the command line, and the rule set of --rules, all refused as usage
// errors when missing.
#pragma once

#include <cstdio>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "regla/rules.hpp"

namespace regla::cli {

// INPUT of eval and explain: the file named, or standard input when none is named or it is "-".
class RecordInput {
 public:
  // nullopt after a usage error (printed, `exit_code` set): the file cannot be opened, or it (or
  // standard input) is a folder.
  static std::optional<RecordInput> open(const std::string& command,
                                         const std::optional<std::string>& path, int& exit_code);
  RecordInput(RecordInput&& other) noexcept;
  RecordInput& operator=(RecordInput&&) = delete;
  ~RecordInput();

  std::FILE* file() const { return file_; }
  // For messages: "'path'" or "standard input".
  const std::string& name() const { return name_; }

 private:
  RecordInput(std::FILE* file, std::string name) : file_(file), name_(std::move(name)) {}
  std::FILE* file_;
  std::string name_;
};

// True when every path exists; otherwise false, with `exit_code` set after printing a usage error
// that names the first missing one.
bool all_paths_exist(const std::string& command, const std::vector<std::string>& paths,
                     int& exit_code);

// The rule folder a file or a folder belongs to: the nearest folder, itself or above it, that
// holds rule files (rules/tests/juntos.cases -> rules/, rules/juntos.regla -> rules/); nullopt
// when there is none.
std::optional<std::string> rule_folder_of(const std::string& path);

// The rule set in `folder` (--rules); nullopt (with `exit_code` set) after a usage error (the
// folder does not exist) or after printing the rule files' errors.
// With `settings`, parameters given other values (RuleSet::load).
std::optional<RuleSet> load_rules(const std::string& folder, const std::string& command,
                                  int& exit_code,
                                  const std::vector<ParameterSetting>& settings = {});

}  // namespace regla::cli
