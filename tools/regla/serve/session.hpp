// One client connection: reads requests within the limits (header and body size, the timeout),
// checks the token, answers each through the routes, and closes when the client or the server
// is done.
#pragma once

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include "service.hpp"

namespace regla::serve {

namespace beast = boost::beast;

class Session;

// The open connections, shared by the acceptor and every session: how many, and each of them, so
// that stopping can close those that are idle.
class Connections {
 public:
  std::size_t count() const;
  void add(const std::shared_ptr<Session>& session);
  void remove(const Session* session);
  // Asks every open session to close once it has answered the request it is answering.
  void stop_all_when_idle();

 private:
  mutable std::mutex mutex_;
  std::map<const Session*, std::weak_ptr<Session>> open_;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(boost::asio::ip::tcp::socket socket, Service& service,
          const std::optional<std::string>& token, Connections& connections);
  ~Session();

  // Reads and answers requests until the connection ends (the session keeps itself alive).
  void start();
  // Answers 503 (too many connections) and closes.
  void refuse();
  // On stopping: closes the connection unless a request is being answered (that one finishes,
  // and the connection closes after its answer).
  void stop_when_idle();

 private:
  void read_header();
  void on_header(beast::error_code error);
  void on_body(beast::error_code error);
  void send(Response response, bool keep_alive);
  void on_sent(bool keep_alive, beast::error_code error);
  // The answer to a request whose header or body could not be read within the limits, if any
  // is owed (none when the client went away or was too slow).
  std::optional<Response> answer_to_read_error(beast::error_code error) const;
  bool authorized() const;
  void close();

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<Response> response_;  // kept alive while it is written
  Service& service_;
  const std::optional<std::string>& token_;
  Connections& connections_;
  bool answering_ = false;  // from a request's header until its answer is written
  // The route the request being answered is for, and when its header was read (for the metrics).
  std::string route_ = "other";
  std::chrono::steady_clock::time_point started_;
};

}  // namespace regla::serve
