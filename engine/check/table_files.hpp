// Which files a rule file's tables may name. Rule files are untrusted input: a table is named
// relative to its rule file's folder and must stay inside the rule folder given to load (after
// symbolic links are followed), must be a regular file, and is at most max_table_bytes long.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <variant>

#include "dsl/diagnostic_codes.hpp"
#include "dsl/source.hpp"

namespace regla {

constexpr std::uintmax_t max_table_bytes = 16 * 1024 * 1024;

struct TableFile {
  std::string name;            // shown in diagnostics: beside the rule file's name, as given
  std::string path_in_folder;  // relative to the rule folder; what the rules hash lists
  std::string text;
};
// Why a file is not read: the kind of problem and what is said of it.
struct ReadProblem {
  DiagnosticCode code;
  std::string message;
};
// A table file, or why it is not read (said at the rule file's `file "..."`).
using TableFileRead = std::variant<TableFile, ReadProblem>;
// Reads the table that rule file `rule_file` names as `file "written"`.
using TableFileReader = std::function<TableFileRead(FileId rule_file, const std::string& written)>;

// Where a table lies inside the rule folder, from the rule file's own path inside it; or why
// the name is refused (absolute, or leading out of the folder). Decided on the text alone.
std::variant<std::filesystem::path, ReadProblem> table_path_in_folder(
    const std::filesystem::path& rule_file_in_folder, const std::string& written);

// Whether `path` (relative to the working folder, like `folder`) resolves inside `folder` once
// symbolic links are followed; false when either cannot be resolved.
bool resolves_inside(const std::filesystem::path& folder, const std::filesystem::path& path);

// What is said of a table file longer than max_table_bytes.
ReadProblem table_too_long(const std::string& written);

// Reads `path_in_folder` under `folder`, refusing what resolves outside the folder, what is not a
// regular file and what is too long. Messages quote the file as `written` in the rule file, or
// by `name` (beside the rule file) when it is missing.
TableFileRead read_table_in_folder(const std::filesystem::path& folder,
                                   const std::filesystem::path& path_in_folder,
                                   const std::string& written, const std::string& name);

}  // namespace regla
