// Diagnostics: the folder's problems, exactly those of `regla check`, each sent to its file.
#include <map>

#include "language_server/features.hpp"
#include "language_server/protocol_positions.hpp"

namespace regla::language_server {
namespace {

constexpr int severity_error = 1;
constexpr int severity_warning = 2;

nlohmann::json diagnostic_of(Session& session, const std::string& folder, const Problem& problem) {
  std::string text = session.text_of(folder, problem.file).value_or("");
  SourcePoint begin = problem.begin.value_or(SourcePoint{1, 1});
  SourcePoint end = problem.end.value_or(begin);
  nlohmann::json diagnostic = {
      {"range", protocol_range(text, begin, end)},
      {"severity",
       problem.severity == Problem::Severity::error ? severity_error : severity_warning},
      {"code", problem.code},
      {"source", "regla"},
      {"message", problem.message}};
  if (!problem.notes.empty()) {
    nlohmann::json related = nlohmann::json::array();
    for (const Problem::Note& note : problem.notes) {
      std::string note_text = session.text_of(folder, note.file).value_or("");
      related.push_back({{"location",
                          {{"uri", session.uri_of(folder, note.file)},
                           {"range", protocol_range(note_text, note.at, note.at)}}},
                         {"message", note.message}});
    }
    diagnostic["relatedInformation"] = std::move(related);
  }
  return diagnostic;
}

}  // namespace

std::vector<nlohmann::json> diagnostics_to_publish(Session& session) {
  std::vector<nlohmann::json> notifications;
  for (const std::string& folder : session.take_changed_folders()) {
    const analysis::RuleFolderAnalysis& analysis = session.analysis_of_folder(folder);
    std::map<std::string, nlohmann::json> by_uri;
    for (const Problem& problem : analysis.rules().problems())
      by_uri[session.uri_of(folder, problem.file)].push_back(
          diagnostic_of(session, folder, problem));
    std::set<std::string>& published = session.published(folder);
    for (const std::string& uri : published)
      by_uri.emplace(uri, nlohmann::json::array());  // clean now: its problems are cleared
    published.clear();
    // An open document with no problems is said to have none.
    for (const std::string& uri : session.open_in(folder))
      by_uri.emplace(uri, nlohmann::json::array());
    for (auto& [uri, diagnostics] : by_uri) {
      if (!diagnostics.empty()) published.insert(uri);
      notifications.push_back({{"jsonrpc", "2.0"},
                               {"method", "textDocument/publishDiagnostics"},
                               {"params", {{"uri", uri}, {"diagnostics", diagnostics}}}});
    }
  }
  return notifications;
}

}  // namespace regla::language_server
