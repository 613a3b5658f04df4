// The language server's core: one message from the editor in, the messages to send back out
// (the response to a request, notifications such as diagnostics). It does no input or output,
// so that what it answers can be tested message by message; regla/language_server.hpp connects
// it to an editor.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "language_server/session.hpp"

namespace regla::language_server {

class LanguageServer {
 public:
  explicit LanguageServer(std::string version);

  // The answers to one JSON-RPC message (a request gets exactly one response; a notification
  // none, or diagnostics). Never throws for anything a message holds.
  std::vector<nlohmann::json> handle(const nlohmann::json& message);
  // The answer to bytes that were not a message (not JSON, a bad header): a parse error.
  nlohmann::json unreadable(const std::string& problem) const;

  // Whether `exit` came, and the process's exit code then (0 after shutdown, 1 without).
  bool exited() const { return exited_; }
  int exit_code() const { return shut_down_ ? 0 : 1; }

 private:
  nlohmann::json answer(const std::string& method, const nlohmann::json& params);
  void notified(const std::string& method, const nlohmann::json& params);

  std::string version_;
  Session session_;
  bool initialized_ = false;
  bool shut_down_ = false;
  bool exited_ = false;
};

}  // namespace regla::language_server
