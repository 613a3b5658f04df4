// What the routes answer from: the served rules, the limits, the metrics, the decision log, and
// whether the server is stopping. One Service is shared by every thread of a server.
#pragma once

#include <atomic>
#include <boost/beast/http.hpp>
#include <string_view>

#include "decision_log.hpp"
#include "error_body.hpp"
#include "limits.hpp"
#include "metrics.hpp"
#include "served_rules.hpp"

namespace regla::serve {

using Request = http::request<http::string_body>;

// A header's value or the target as the standard's string_view (Boost 1.74 has its own).
inline std::string_view as_view(boost::beast::string_view text) {
  return {text.data(), text.size()};
}

struct Service {
  ServedRules& rules;
  Limits limits;
  Metrics& metrics;
  DecisionLog* decision_log = nullptr;  // none without --decision-log
  bool token_required = false;
  std::atomic<bool> stopping = false;  // set on SIGTERM: not ready, no new connections
};

}  // namespace regla::serve
