#include "error_body.hpp"

namespace regla::serve {

std::string json_text(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Response json_response(http::status status, const nlohmann::json& body) {
  Response response{status, 11};
  response.set(http::field::content_type, "application/json");
  response.body() = json_text(body) + "\n";
  return response;
}

Response error_response(http::status status, const std::string& code, const std::string& message,
                        nlohmann::json context) {
  context["error"] = {
      {"status", static_cast<unsigned>(status)}, {"code", code}, {"message", message}};
  return json_response(status, context);
}

}  // namespace regla::serve
