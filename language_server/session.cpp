#include "language_server/session.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/check/table_files.hpp"
#include "language_server/file_uris.hpp"
#include "language_server/protocol_positions.hpp"
#include "language_server/request_error.hpp"

namespace regla::language_server {
namespace fs = std::filesystem;
namespace {

std::optional<std::string> read_file(const fs::path& path) {
  std::error_code error;
  if (!fs::is_regular_file(path, error)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The rule files of a folder as `regla check FOLDER` finds them (*.regla, searched recursively),
// named by their paths inside it, in name order.
std::vector<std::string> rule_files_in(const fs::path& folder) {
  std::vector<std::string> names;
  std::error_code error;
  for (auto it = fs::recursive_directory_iterator(folder, error);
       !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    // A symbolic link leading out of the folder is not read, as `regla check` does not.
    if (it->path().extension() == ".regla" && it->is_regular_file(error) &&
        resolves_inside(folder, it->path()))
      names.push_back(it->path().lexically_relative(folder).generic_string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

const std::string& document_uri(const nlohmann::json& params) {
  if (!params.is_object() || !params.contains("textDocument") ||
      !params["textDocument"].is_object() || !params["textDocument"].contains("uri") ||
      !params["textDocument"]["uri"].is_string())
    throw RequestError(error_codes::invalid_params, "textDocument.uri is missing");
  return params["textDocument"]["uri"].get_ref<const std::string&>();
}

std::string Session::folder_of(const std::string& uri) const {
  std::optional<std::string> path = path_of_uri(uri);
  if (!path)
    throw RequestError(error_codes::invalid_params,
                       "'" + uri + "' is not a file: URI; regla reads rule files from disk");
  return fs::path(*path).lexically_normal().parent_path().generic_string();
}

std::string Session::file_in_folder(const std::string& uri) const {
  std::optional<std::string> path = path_of_uri(uri);
  if (!path) throw RequestError(error_codes::invalid_params, "'" + uri + "' is not a file: URI");
  return fs::path(*path).lexically_normal().filename().generic_string();
}

std::string Session::uri_of(const std::string& folder, const std::string& file) const {
  return uri_of_path((fs::path(folder) / file).lexically_normal().generic_string());
}

const std::string* Session::open_text(const std::string& uri) const {
  auto found = open_.find(uri);
  return found == open_.end() ? nullptr : &found->second;
}

std::vector<std::string> Session::open_in(const std::string& folder) const {
  std::vector<std::string> uris;
  for (const auto& [uri, text] : open_)
    if (folder_of(uri) == folder) uris.push_back(uri);
  return uris;
}

void Session::invalidate(const std::string& uri) {
  std::string folder = folder_of(uri);
  folders_.erase(folder);
  changed_.insert(folder);
}

void Session::open(const std::string& uri, std::string text) {
  folder_of(uri);  // refuses a URI that is not a file's before keeping it
  open_[uri] = std::move(text);
  invalidate(uri);
}

void Session::change(const std::string& uri, std::string text) {
  if (!open_.count(uri))
    throw RequestError(error_codes::invalid_params, "'" + uri + "' is not open");
  open_[uri] = std::move(text);
  invalidate(uri);
}

void Session::close(const std::string& uri) {
  if (open_.erase(uri)) invalidate(uri);  // the file on disk counts again
}

const analysis::RuleFolderAnalysis& Session::analysis_of_folder(const std::string& folder) {
  auto found = folders_.find(folder);
  if (found != folders_.end()) return *found->second.analysis;
  RuleFolder checked;
  std::vector<std::string> names = rule_files_in(folder);
  // An open document not yet saved is one of its folder's files too.
  for (const auto& [uri, text] : open_)
    if (folder_of(uri) == folder && fs::path(file_in_folder(uri)).extension() == ".regla")
      names.push_back(file_in_folder(uri));
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  for (const std::string& name : names) {
    if (const std::string* text = open_text(uri_of(folder, name))) {
      checked.files.push_back({name, *text});
    } else if (std::optional<std::string> on_disk = read_file(fs::path(folder) / name)) {
      checked.files.push_back({name, std::move(*on_disk)});
    }
  }
  // Tables are read from disk, and only from inside the folder: the checker refuses names that
  // lead out of it, and a symbolic link that does is not followed.
  FileReader read_table = [folder](const std::string& name) -> std::optional<std::string> {
    if (!resolves_inside(folder, fs::path(folder) / name)) return std::nullopt;
    return read_file(fs::path(folder) / name);
  };
  checked.analysis =
      std::make_unique<analysis::RuleFolderAnalysis>(checked.files, std::move(read_table));
  return *folders_.emplace(folder, std::move(checked)).first->second.analysis;
}

std::optional<std::string> Session::text_of(const std::string& folder,
                                            const std::string& file) const {
  auto found = folders_.find(folder);
  if (found != folders_.end())
    for (const RuleFile& rule_file : found->second.files)
      if (rule_file.name == file) return rule_file.text;
  return read_file(fs::path(folder) / file);
}

DocumentPlace Session::place_in(const nlohmann::json& params) {
  std::string uri = document_uri(params);
  const nlohmann::json& position = params.value("position", nlohmann::json());
  auto from_zero = [&](const char* key) {
    return position.contains(key) && position[key].is_number_integer() &&
           position[key].get<std::int64_t>() >= 0;
  };
  if (!position.is_object() || !from_zero("line") || !from_zero("character"))
    throw RequestError(error_codes::invalid_params,
                       "position must have a line and a character, numbers from 0");
  DocumentPlace place;
  place.folder = folder_of(uri);
  place.file = file_in_folder(uri);
  place.analysis = &analysis_of_folder(place.folder);
  std::optional<std::string> text = text_of(place.folder, place.file);
  if (!text)
    throw RequestError(error_codes::invalid_params,
                       "'" + uri + "' is not a rule file of " + place.folder);
  auto line = position["line"].get<std::uint64_t>();
  auto character = position["character"].get<std::uint64_t>();
  std::optional<SourcePoint> at = line > UINT32_MAX || character > UINT32_MAX
                                      ? std::nullopt
                                      : source_point(*text, static_cast<std::uint32_t>(line),
                                                     static_cast<std::uint32_t>(character));
  if (!at || !place.analysis->contains(place.file, *at))
    throw RequestError(error_codes::invalid_params, "position " + std::to_string(line) + ":" +
                                                        std::to_string(character) +
                                                        " is outside the document '" + uri + "'");
  place.at = *at;
  return place;
}

std::vector<std::string> Session::take_changed_folders() {
  std::vector<std::string> changed(changed_.begin(), changed_.end());
  changed_.clear();
  return changed;
}

}  // namespace regla::language_server
