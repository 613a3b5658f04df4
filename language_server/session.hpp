// What the server knows between messages: the documents the editor has open (their unsaved text)
// and, for each rule folder an open document lies in, its analysis over those texts.
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "regla/analysis.hpp"

namespace regla::language_server {

// A place in a document as the protocol names it: 0-based line, character in UTF-16 code units.
struct DocumentPlace {
  const analysis::RuleFolderAnalysis* analysis = nullptr;
  std::string folder;
  std::string file;  // its name inside the folder
  SourcePoint at;
};

// The `textDocument.uri` of a request's parameters; RequestError when there is none.
const std::string& document_uri(const nlohmann::json& params);

class Session {
 public:
  void open(const std::string& uri, std::string text);
  void change(const std::string& uri, std::string text);
  void close(const std::string& uri);

  // The rule folder a document belongs to: the folder it is in. Throws RequestError for a URI
  // that is not a file's.
  std::string folder_of(const std::string& uri) const;
  // The folder's analysis over the open documents' text and the files on disk, checked again if
  // a document of it changed since.
  const analysis::RuleFolderAnalysis& analysis_of_folder(const std::string& folder);
  // The document's analysis and the place of `textDocument` and `position` in a request's
  // parameters; RequestError when they are missing or the position is outside the document.
  DocumentPlace place_in(const nlohmann::json& params);
  // The text of a file of a folder, as the analysis read it (nullopt: not one of its files).
  std::optional<std::string> text_of(const std::string& folder, const std::string& file) const;
  std::string uri_of(const std::string& folder, const std::string& file) const;
  // The name of a document inside its folder, and its text as the editor has it.
  std::string file_in_folder(const std::string& uri) const;
  const std::string* open_text(const std::string& uri) const;
  // The URIs of the open documents of a folder.
  std::vector<std::string> open_in(const std::string& folder) const;

  // The folders whose analysis changed since the last call (their diagnostics are sent again).
  std::vector<std::string> take_changed_folders();
  // The URIs of a folder that had diagnostics when they were last sent.
  std::set<std::string>& published(const std::string& folder) { return published_[folder]; }

 private:
  struct RuleFolder {
    std::vector<RuleFile> files;
    std::unique_ptr<analysis::RuleFolderAnalysis> analysis;
  };
  void invalidate(const std::string& uri);

  std::map<std::string, std::string> open_;  // by URI
  std::map<std::string, RuleFolder> folders_;
  std::set<std::string> changed_;
  std::map<std::string, std::set<std::string>> published_;
};

}  // namespace regla::language_server
