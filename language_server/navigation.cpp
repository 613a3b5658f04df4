// textDocument/definition and textDocument/references.
#include "language_server/features.hpp"
#include "language_server/protocol_positions.hpp"

namespace regla::language_server {

nlohmann::json location_of(Session& session, const std::string& folder,
                           const analysis::Place& place) {
  std::string text = session.text_of(folder, place.file).value_or("");
  return {{"uri", session.uri_of(folder, place.file)},
          {"range", protocol_range(text, place.begin, place.end)}};
}

nlohmann::json definition(Session& session, const nlohmann::json& params) {
  DocumentPlace place = session.place_in(params);
  std::optional<analysis::Place> declared = place.analysis->definition(place.file, place.at);
  if (!declared) return nullptr;
  return location_of(session, place.folder, *declared);
}

nlohmann::json references(Session& session, const nlohmann::json& params) {
  DocumentPlace place = session.place_in(params);
  bool with_declaration = false;
  if (auto context = params.find("context"); context != params.end() && context->is_object())
    with_declaration = context->value("includeDeclaration", false);
  nlohmann::json locations = nlohmann::json::array();
  for (const analysis::Place& used :
       place.analysis->references(place.file, place.at, with_declaration))
    locations.push_back(location_of(session, place.folder, used));
  return locations;
}

}  // namespace regla::language_server
