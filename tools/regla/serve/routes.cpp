#include "routes.hpp"

#include <functional>

#include "evaluate_routes.hpp"
#include "openapi.hpp"
#include "rules_routes.hpp"

namespace regla::serve {
namespace {

struct Route {
  std::string path;
  http::verb method;
  std::function<Response(Service&, const Target&, const Request&)> answer;
};

Response health(Service&, const Target&, const Request&) {
  return json_response(http::status::ok, {{"status", "ok"}});
}

// Ready to answer decisions: rules loaded, and not stopping.
Response readiness(Service& service, const Target&, const Request&) {
  if (service.stopping)
    return error_response(http::status::service_unavailable, "stopping", "the server is stopping");
  return json_response(http::status::ok,
                       {{"status", "ready"}, {"rules", service.rules.current()->hash()}});
}

Response metrics(Service& service, const Target&, const Request&) {
  Response response{http::status::ok, 11};
  response.set(http::field::content_type, "text/plain; version=0.0.4");
  response.body() = service.metrics.text();
  return response;
}

const std::vector<Route>& routes() {
  static const std::vector<Route> table = {
      {"/health", http::verb::get, health},
      {"/health/ready", http::verb::get, readiness},
      {"/v1/evaluate", http::verb::post, evaluate_one},
      {"/v1/evaluate/batch", http::verb::post, evaluate_batch},
      {"/v1/check", http::verb::post,
       [](Service&, const Target& target, const Request& request) {
         return check_rules(target, request);
       }},
      {"/v1/rules", http::verb::get,
       [](Service& service, const Target&, const Request&) { return describe_rules(service); }},
      {"/v1/openapi.json", http::verb::get,
       [](Service& service, const Target&, const Request&) {
         return json_response(http::status::ok,
                              openapi_document(*service.rules.current(), service.token_required));
       }},
      {"/metrics", http::verb::get, metrics},
      {"/v1/metrics", http::verb::get, metrics},
      {"/v1/rules/reload", http::verb::post,
       [](Service& service, const Target&, const Request&) { return reload_rules(service); }},
  };
  return table;
}

}  // namespace

std::string route_label(std::string_view target) {
  std::string_view path = target.substr(0, target.find('?'));
  for (const Route& route : routes())
    if (route.path == path) return route.path;
  return "other";
}

Response answer(Service& service, const Request& request) {
  std::optional<Target> target = parse_target(as_view(request.target()));
  if (!target) {
    return error_response(http::status::bad_request, "bad-request",
                          "the request target has a malformed percent escape");
  }
  std::string allowed;
  for (const Route& route : routes()) {
    if (route.path != target->path) continue;
    if (route.method == request.method()) return route.answer(service, *target, request);
    allowed += (allowed.empty() ? "" : ", ") + std::string(http::to_string(route.method));
  }
  if (allowed.empty()) {
    return error_response(http::status::not_found, "not-found",
                          "no route " + target->path + " (GET /v1/openapi.json lists them)");
  }
  Response refused = error_response(
      http::status::method_not_allowed, "method-not-allowed",
      std::string(request.method_string()) + " " + target->path + ": the method is " + allowed);
  refused.set(http::field::allow, allowed);
  return refused;
}

}  // namespace regla::serve
