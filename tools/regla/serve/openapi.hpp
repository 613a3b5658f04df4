// GET /v1/openapi.json: an OpenAPI 3.1 document of the routes, generated from the loaded rules so
// that the response schema of an evaluation names each decision the rules give, with its type.
#pragma once

#include <nlohmann/json.hpp>

#include "served_rules.hpp"

namespace regla::serve {

// `token_required`: every route then needs a bearer token (--token-file).
nlohmann::json openapi_document(const RuleGeneration& rules, bool token_required);

}  // namespace regla::serve
