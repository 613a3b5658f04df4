// Opening what a command reads, with the reason when it cannot be read.
#include "input_files.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <utility>

#include "commands.hpp"

namespace regla::cli {

std::optional<RecordInput> RecordInput::open(const std::string& command,
                                             const std::optional<std::string>& path,
                                             int& exit_code) {
  std::FILE* file = stdin;
  std::string name = "standard input";
  if (path && *path != "-") {
    name = "'" + *path + "'";
    file = std::fopen(path->c_str(), "rb");
    if (!file) {
      exit_code =
          usage_error(command, "cannot open input file " + name + ": " + std::strerror(errno));
      return std::nullopt;
    }
  }
  RecordInput input(file, name);
  // A folder opens, and its first read fails; it is no file of records, so it is refused here.
  struct stat status;
  if (fstat(fileno(file), &status) == 0 && S_ISDIR(status.st_mode)) {
    exit_code = usage_error(command, name + " is a folder, not a file of records");
    return std::nullopt;
  }
  return input;
}

RecordInput::RecordInput(RecordInput&& other) noexcept
    : file_(std::exchange(other.file_, nullptr)), name_(std::move(other.name_)) {}

RecordInput::~RecordInput() {
  if (file_ && file_ != stdin) std::fclose(file_);
}

bool all_paths_exist(const std::string& command, const std::vector<std::string>& paths,
                     int& exit_code) {
  for (const std::string& path : paths) {
    struct stat status;
    if (stat(path.c_str(), &status) != 0) {
      exit_code = usage_error(command, "cannot read '" + path + "': " + std::strerror(errno));
      return false;
    }
  }
  return true;
}

namespace {

bool holds_rule_files(const std::filesystem::path& folder) {
  std::error_code error;
  for (auto it = std::filesystem::recursive_directory_iterator(folder, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    if (it->path().extension() == ".regla") return true;
  }
  return false;
}

}  // namespace

std::optional<std::string> rule_folder_of(const std::string& path) {
  std::filesystem::path at = std::filesystem::absolute(path).lexically_normal();
  if (!std::filesystem::is_directory(at)) at = at.parent_path();
  for (std::filesystem::path folder = at; !folder.empty(); folder = folder.parent_path()) {
    std::error_code error;
    bool has_own_rules = false;
    for (const auto& entry : std::filesystem::directory_iterator(folder, error))
      has_own_rules = has_own_rules || entry.path().extension() == ".regla";
    if (has_own_rules || (folder == at && holds_rule_files(folder)))
      return std::filesystem::relative(folder).generic_string();
    if (folder == folder.parent_path()) break;
  }
  return std::nullopt;
}

std::optional<RuleSet> load_rules(const std::string& folder, const std::string& command,
                                  int& exit_code, const std::vector<ParameterSetting>& settings) {
  if (!all_paths_exist(command, {folder}, exit_code)) return std::nullopt;
  RuleSet rules = RuleSet::load({folder}, settings);
  if (rules.has_errors()) {
    std::cerr << rules.diagnostics_text();
    exit_code = exit_rule_errors;
    return std::nullopt;
  }
  return rules;
}

}  // namespace regla::cli
