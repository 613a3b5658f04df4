// textDocument/hover: what the name under the cursor is (analysis::RuleFolderAnalysis::hover).
#include "language_server/features.hpp"

namespace regla::language_server {

nlohmann::json hover(Session& session, const nlohmann::json& params) {
  DocumentPlace place = session.place_in(params);
  std::optional<analysis::HoverText> found = place.analysis->hover(place.file, place.at);
  if (!found) return nullptr;
  return {{"contents", {{"kind", "markdown"}, {"value", found->markdown}}},
          {"range", location_of(session, place.folder, found->range)["range"]}};
}

}  // namespace regla::language_server
