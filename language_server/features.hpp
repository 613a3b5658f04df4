// The requests and notifications the server answers beyond the lifecycle, one file each: each
// takes the request's parameters and returns its result (RequestError when it cannot).
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "language_server/session.hpp"

namespace regla::language_server {

// textDocument/publishDiagnostics for every folder checked again since the last call: the
// problems of each file, as `regla check` reports them, and an empty list for a file whose
// problems are gone.
std::vector<nlohmann::json> diagnostics_to_publish(Session& session);

nlohmann::json definition(Session& session, const nlohmann::json& params);
nlohmann::json references(Session& session, const nlohmann::json& params);
nlohmann::json hover(Session& session, const nlohmann::json& params);
nlohmann::json completion(Session& session, const nlohmann::json& params);
nlohmann::json formatting(Session& session, const nlohmann::json& params);
nlohmann::json document_symbols(Session& session, const nlohmann::json& params);

// A Place of a folder as a protocol Location.
nlohmann::json location_of(Session& session, const std::string& folder,
                           const analysis::Place& place);

}  // namespace regla::language_server
