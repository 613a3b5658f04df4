#include "language_server/language_server.hpp"

#include "language_server/features.hpp"
#include "language_server/request_error.hpp"

namespace regla::language_server {
namespace {

nlohmann::json response(const nlohmann::json& id, nlohmann::json result) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
}

nlohmann::json error_response(const nlohmann::json& id, int code, const std::string& message) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}};
}

constexpr int full_text_sync = 1;

nlohmann::json capabilities() {
  return {{"textDocumentSync", {{"openClose", true}, {"change", full_text_sync}}},
          {"definitionProvider", true},
          {"referencesProvider", true},
          {"hoverProvider", true},
          {"completionProvider", {{"triggerCharacters", {"."}}}},
          {"documentFormattingProvider", true},
          {"documentSymbolProvider", true}};
}

}  // namespace

LanguageServer::LanguageServer(std::string version) : version_(std::move(version)) {}

nlohmann::json LanguageServer::unreadable(const std::string& problem) const {
  return error_response(nullptr, error_codes::parse_error, problem);
}

std::vector<nlohmann::json> LanguageServer::handle(const nlohmann::json& message) {
  nlohmann::json id = nullptr;
  if (message.is_object() && message.contains("id") &&
      (message["id"].is_string() || message["id"].is_number_integer()))
    id = message["id"];
  bool is_request = !id.is_null();
  if (!message.is_object() || message.value("jsonrpc", nlohmann::json()) != "2.0" ||
      (message.contains("id") && id.is_null() && !message["id"].is_null()))
    return {error_response(id, error_codes::invalid_request,
                           "not a JSON-RPC 2.0 message (an object with \"jsonrpc\": \"2.0\" and "
                           "an integer or string id)")};
  if (!message.contains("method")) return {};  // a response to a request of ours: none are sent
  if (!message["method"].is_string())
    return {error_response(id, error_codes::invalid_request, "\"method\" must be a string")};
  const std::string& method = message["method"].get_ref<const std::string&>();
  nlohmann::json params = message.value("params", nlohmann::json::object());
  std::vector<nlohmann::json> out;
  try {
    if (is_request) {
      out.push_back(response(id, answer(method, params)));
    } else {
      notified(method, params);
    }
  } catch (const RequestError& error) {
    // A notification is never answered, even when it could not be taken.
    if (is_request) out.push_back(error_response(id, error.code, error.what()));
  } catch (const std::exception& error) {
    if (is_request)
      out.push_back(error_response(id, error_codes::internal_error,
                                   std::string("internal error: ") + error.what()));
  }
  if (initialized_ && !shut_down_) {
    std::vector<nlohmann::json> diagnostics = diagnostics_to_publish(session_);
    out.insert(out.end(), diagnostics.begin(), diagnostics.end());
  }
  return out;
}

nlohmann::json LanguageServer::answer(const std::string& method, const nlohmann::json& params) {
  if (method == "initialize") {
    if (initialized_)
      throw RequestError(error_codes::invalid_request, "initialize was already received");
    initialized_ = true;
    return {{"capabilities", capabilities()},
            {"serverInfo", {{"name", "regla"}, {"version", version_}}}};
  }
  if (!initialized_)
    throw RequestError(error_codes::server_not_initialized, "the first request must be initialize");
  if (shut_down_)
    throw RequestError(error_codes::invalid_request,
                       "the server is shut down; only the exit notification is taken");
  if (method == "shutdown") {
    shut_down_ = true;
    return nullptr;
  }
  if (method == "textDocument/definition") return definition(session_, params);
  if (method == "textDocument/references") return references(session_, params);
  if (method == "textDocument/hover") return hover(session_, params);
  if (method == "textDocument/completion") return completion(session_, params);
  if (method == "textDocument/formatting") return formatting(session_, params);
  if (method == "textDocument/documentSymbol") return document_symbols(session_, params);
  throw RequestError(error_codes::method_not_found, "no method '" + method + "'");
}

void LanguageServer::notified(const std::string& method, const nlohmann::json& params) {
  if (method == "exit") {
    exited_ = true;
    return;
  }
  if (!initialized_ || shut_down_) return;
  if (method == "textDocument/didOpen") {
    const std::string& uri = document_uri(params);
    const nlohmann::json& text = params["textDocument"].value("text", nlohmann::json());
    if (!text.is_string()) throw RequestError(error_codes::invalid_params, "no text");
    session_.open(uri, text.get<std::string>());
  } else if (method == "textDocument/didChange") {
    const std::string& uri = document_uri(params);
    // Full sync: the last change holds the whole text.
    const nlohmann::json& changes = params.value("contentChanges", nlohmann::json());
    if (!changes.is_array() || changes.empty() || !changes.back().is_object() ||
        !changes.back().contains("text") || !changes.back()["text"].is_string())
      throw RequestError(error_codes::invalid_params, "contentChanges has no text");
    session_.change(uri, changes.back()["text"].get<std::string>());
  } else if (method == "textDocument/didClose") {
    session_.close(document_uri(params));
  }
  // Other notifications (initialized, $/cancelRequest, didSave, ...) need nothing done.
}

}  // namespace regla::language_server
