// A request that cannot be answered, with its JSON-RPC error code; thrown by the features,
// answered as an error response by the server.
#pragma once

#include <stdexcept>
#include <string>

namespace regla::language_server {

namespace error_codes {
constexpr int parse_error = -32700;
constexpr int invalid_request = -32600;
constexpr int method_not_found = -32601;
constexpr int invalid_params = -32602;
constexpr int internal_error = -32603;
constexpr int server_not_initialized = -32002;
constexpr int request_failed = -32803;
}  // namespace error_codes

struct RequestError : std::runtime_error {
  RequestError(int error_code, const std::string& message)
      : std::runtime_error(message), code(error_code) {}
  int code;
};

}  // namespace regla::language_server
