// `regla serve`: an HTTP server on Boost.Beast. N threads run one io_context; each connection is
// a Session on its own strand, so a request is read, answered and written by one thread at a time
// while the others answer other connections.
#pragma once

#include <optional>
#include <string>

#include "limits.hpp"

namespace regla::serve {

struct ServerOptions {
  std::string rules_folder = "rules/";
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  unsigned threads = 0;  // 0: every core
  Limits limits;
  // Required of every request when set: "Authorization: Bearer TOKEN".
  std::optional<std::string> token;
  // --decision-log FILE, and how many lines its writer may have queued before dropping some.
  std::optional<std::string> decision_log;
  std::size_t decision_log_queue_lines = 10'000;
};

// Loads the rules, listens, prints "listening on http://HOST:PORT" on standard output, and
// answers until SIGTERM or SIGINT, after which it accepts no more connections, lets the requests
// in flight finish and returns 0. Returns non-zero (having said why on standard error) when it
// cannot start: rules with errors (1), an address it cannot listen on or a decision log it
// cannot open (2).
int run_server(const ServerOptions& options);

}  // namespace regla::serve
