// textDocument/formatting: the document in the canonical layout, as `regla fmt` writes it.
#include "language_server/features.hpp"
#include "language_server/protocol_positions.hpp"
#include "language_server/request_error.hpp"

namespace regla::language_server {

nlohmann::json formatting(Session& session, const nlohmann::json& params) {
  std::string uri = document_uri(params);
  std::string folder = session.folder_of(uri);
  std::string file = session.file_in_folder(uri);
  std::optional<std::string> text = session.text_of(folder, file);
  if (const std::string* open = session.open_text(uri)) text = *open;
  if (!text) throw RequestError(error_codes::invalid_params, "'" + uri + "' cannot be read");
  FormatResult formatted = format_rules({file, *text});
  if (!formatted.ok)
    throw RequestError(
        error_codes::request_failed,
        "the file has syntax errors, so it is not formatted:\n" + formatted.diagnostics);
  nlohmann::json edits = nlohmann::json::array();
  if (formatted.text != *text)
    edits.push_back({{"range", whole_text_range(*text)}, {"newText", formatted.text}});
  return edits;
}

}  // namespace regla::language_server
