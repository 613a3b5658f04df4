// Confining table files to the rule folder.
#include "engine/check/table_files.hpp"

#include <fstream>

#include "dsl/diagnostics.hpp"

namespace regla {
namespace fs = std::filesystem;

namespace {

bool leaves_folder(const fs::path& relative) {
  return relative.empty() || *relative.begin() == "..";
}

}  // namespace

bool resolves_inside(const fs::path& folder, const fs::path& path) {
  std::error_code error;
  fs::path real_folder = fs::canonical(folder, error);
  if (error) return false;
  fs::path real_path = fs::weakly_canonical(path, error);
  return !error && !leaves_folder(real_path.lexically_relative(real_folder));
}

ReadProblem table_too_long(const std::string& written) {
  return {DiagnosticCode::limit_exceeded, "table file " + in_quotes(written) + " is longer than " +
                                              with_thousands(max_table_bytes) +
                                              " bytes, the most a table may be"};
}

std::variant<fs::path, ReadProblem> table_path_in_folder(const fs::path& rule_file_in_folder,
                                                         const std::string& written) {
  fs::path path(written);
  if (path.has_root_name() || path.has_root_directory()) {
    return ReadProblem{
        DiagnosticCode::outside_rule_folder,
        "table file " + in_quotes(written) +
            " is an absolute path; name it relative to this rule file's folder (data/....csv)"};
  }
  fs::path inside = (rule_file_in_folder.parent_path() / path).lexically_normal();
  if (leaves_folder(inside) || !inside.has_filename()) {
    return ReadProblem{
        DiagnosticCode::outside_rule_folder,
        "table file " + in_quotes(written) +
            " is not a file inside the rule folder; keep tables in it (data/....csv)"};
  }
  return inside;
}

TableFileRead read_table_in_folder(const fs::path& folder, const fs::path& path_in_folder,
                                   const std::string& written, const std::string& name) {
  std::error_code error;
  fs::path full = folder / path_in_folder;
  if (!resolves_inside(folder, full)) {
    return ReadProblem{
        DiagnosticCode::outside_rule_folder,
        "table file " + in_quotes(written) +
            " leads outside the rule folder through a symbolic link; keep tables in it"};
  }
  fs::path real_file = fs::canonical(full, error);
  auto unreadable = [&](const std::string& why) {
    return ReadProblem{DiagnosticCode::unreadable_file,
                       "cannot read table file " + in_quotes(name) + why};
  };
  if (error) return unreadable(" (it does not exist)");
  fs::file_status status = fs::status(real_file, error);
  if (error) return unreadable(" (" + error.message() + ")");
  if (!fs::is_regular_file(status)) {
    return ReadProblem{
        DiagnosticCode::not_a_regular_file,
        "table file " + in_quotes(written) +
            " is not a regular file (a folder, device or pipe); a table is a CSV file"};
  }
  std::uintmax_t size = fs::file_size(real_file, error);
  if (error) return unreadable(" (" + error.message() + ")");
  if (size > max_table_bytes) return table_too_long(written);
  std::ifstream in(real_file, std::ios::binary);
  std::string text;
  // One byte more than its size, to notice a file that grew after its size was taken.
  text.resize(static_cast<std::size_t>(size) + 1);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad() || !in.is_open()) return unreadable("");
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > max_table_bytes) return table_too_long(written);
  return TableFile{name, path_in_folder.generic_string(), std::move(text)};
}

}  // namespace regla
