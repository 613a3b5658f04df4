// The one shape of every error answer (README, "regla serve"):
//   {"error":{"status":422,"code":"record-rejected","message":"members[0].birth_date: ..."}}
// Some answers add what the client needs beside "error": the rules hash, the diagnostics of a
// refused reload.
#pragma once

#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>
#include <string>

namespace regla::serve {

namespace http = boost::beast::http;
using Response = http::response<http::string_body>;

// `body` as the answer's JSON, with the status and content type set.
Response json_response(http::status status, const nlohmann::json& body);

// An error answer: `code` names the kind of error (one per kind, listed in the README), `message`
// says what was wrong for a person to read. `context` adds fields beside "error".
Response error_response(http::status status, const std::string& code, const std::string& message,
                        nlohmann::json context = nlohmann::json::object());

// JSON text that is always valid UTF-8: bytes that are not (from a client) become U+FFFD.
std::string json_text(const nlohmann::json& value);

}  // namespace regla::serve
