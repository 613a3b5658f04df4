// Which route answers a request: its path and method (404 for an unknown path, 405 with the
// methods it has for a known one).
#pragma once

#include "service.hpp"

namespace regla::serve {

Response answer(Service& service, const Request& request);

// The route a request target is for, as the metrics name it: the route's path, or "other".
std::string route_label(std::string_view target);

}  // namespace regla::serve
