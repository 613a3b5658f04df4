// POST /v1/evaluate (one record) and POST /v1/evaluate/batch (JSON Lines): the decisions as
// `regla eval` writes them.
#pragma once

#include "query.hpp"
#include "service.hpp"

namespace regla::serve {

Response evaluate_one(Service& service, const Target& target, const Request& request);
Response evaluate_batch(Service& service, const Target& target, const Request& request);

}  // namespace regla::serve
