#include "session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <iostream>

#include "routes.hpp"

namespace regla::serve {

std::size_t Connections::count() const {
  std::lock_guard lock(mutex_);
  return open_.size();
}

void Connections::add(const std::shared_ptr<Session>& session) {
  std::lock_guard lock(mutex_);
  open_[session.get()] = session;
}

void Connections::remove(const Session* session) {
  std::lock_guard lock(mutex_);
  open_.erase(session);
}

void Connections::stop_all_when_idle() {
  // Asked outside the lock: a session released here is destroyed, and removes itself.
  std::vector<std::shared_ptr<Session>> sessions;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [key, weak] : open_)
      if (std::shared_ptr<Session> session = weak.lock()) sessions.push_back(session);
  }
  for (const std::shared_ptr<Session>& session : sessions)
    session->stop_when_idle();
}

Session::Session(boost::asio::ip::tcp::socket socket, Service& service,
                 const std::optional<std::string>& token, Connections& connections)
    : stream_(std::move(socket)), service_(service), token_(token), connections_(connections) {}

Session::~Session() {
  connections_.remove(this);
}

void Session::start() {
  connections_.add(shared_from_this());
  boost::asio::dispatch(stream_.get_executor(),
                        [self = shared_from_this()] { self->read_header(); });
}

void Session::refuse() {
  boost::asio::dispatch(stream_.get_executor(), [self = shared_from_this()] {
    self->send(error_response(http::status::service_unavailable, "too-many-connections",
                              "the server has its maximum of " +
                                  std::to_string(self->service_.limits.max_connections) +
                                  " connections open; try again"),
               false);
  });
}

void Session::stop_when_idle() {
  boost::asio::post(stream_.get_executor(), [self = shared_from_this()] {
    if (!self->answering_) self->close();
  });
}

void Session::read_header() {
  route_ = "other";
  started_ = std::chrono::steady_clock::now();
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(service_.limits.max_header_bytes));
  parser_->body_limit(service_.limits.max_body_bytes);
  // One deadline for the whole request, header and body: a client that sends slowly is cut off.
  stream_.expires_after(service_.limits.timeout);
  http::async_read_header(stream_, buffer_, *parser_,
                          [self = shared_from_this()](beast::error_code error, std::size_t) {
                            self->on_header(error);
                          });
}

std::optional<Response> Session::answer_to_read_error(beast::error_code error) const {
  if (error == http::error::body_limit) {
    return error_response(http::status::payload_too_large, "too-large",
                          "the body is larger than the limit of " +
                              std::to_string(service_.limits.max_body_bytes) + " bytes");
  }
  if (error == http::error::header_limit) {
    return error_response(http::status::request_header_fields_too_large, "header-too-large",
                          "the request line and headers are larger than the limit of " +
                              std::to_string(service_.limits.max_header_bytes) + " bytes");
  }
  // Gone, too slow, or closed by the server while idle: nobody to answer.
  if (error == http::error::end_of_stream || error == beast::error::timeout ||
      error == boost::asio::error::operation_aborted || error == boost::asio::error::eof ||
      error == boost::asio::error::connection_reset || error == boost::asio::error::bad_descriptor)
    return std::nullopt;
  return error_response(http::status::bad_request, "bad-request",
                        "the request is not HTTP/1.1: " + error.message());
}

bool Session::authorized() const {
  if (!token_) return true;
  const std::string expected = "Bearer " + *token_;
  std::string_view given = as_view(parser_->get()[http::field::authorization]);
  // Every byte compared whatever the first difference, so the time taken says nothing of the
  // token.
  unsigned char difference = given.size() == expected.size() ? 0 : 1;
  for (std::size_t i = 0; i < expected.size(); ++i)
    difference |= static_cast<unsigned char>(expected[i] ^ (i < given.size() ? given[i] : 0));
  return difference == 0;
}

void Session::on_header(beast::error_code error) {
  if (error) {
    if (std::optional<Response> answer = answer_to_read_error(error))
      return send(std::move(*answer), false);
    return close();
  }
  answering_ = true;
  route_ = route_label(as_view(parser_->get().target()));
  started_ = std::chrono::steady_clock::now();
  if (!authorized()) {
    Response refused = error_response(http::status::unauthorized, "unauthorized",
                                      "this server needs 'Authorization: Bearer TOKEN'");
    refused.set(http::field::www_authenticate, "Bearer");
    return send(std::move(refused), false);  // its body is not read
  }
  auto read_body = [self = shared_from_this()] {
    http::async_read(
        self->stream_, self->buffer_, *self->parser_,
        [self](beast::error_code body_error, std::size_t) { self->on_body(body_error); });
  };
  // curl and others wait for "100 Continue" before sending a larger body.
  if (beast::iequals(parser_->get()[http::field::expect], "100-continue")) {
    auto go_on = std::make_shared<http::response<http::empty_body>>(http::status::continue_, 11);
    http::async_write(
        stream_, *go_on,
        [self = shared_from_this(), go_on, read_body](beast::error_code write_error, std::size_t) {
          if (write_error) return self->close();
          read_body();
        });
    return;
  }
  read_body();
}

void Session::on_body(beast::error_code error) {
  if (error) {
    if (std::optional<Response> answer = answer_to_read_error(error))
      return send(std::move(*answer), false);
    return close();
  }
  Request request = parser_->release();
  Response response;
  try {
    response = answer(service_, request);
  } catch (const std::exception& failure) {
    std::cerr << "regla serve: " << request.method_string() << " " << request.target()
              << " failed: " << failure.what() << "\n";
    response = error_response(http::status::internal_server_error, "internal-error",
                              "the server failed to answer: " + std::string(failure.what()));
  }
  send(std::move(response), request.keep_alive() && !service_.stopping);
}

void Session::send(Response response, bool keep_alive) {
  response.keep_alive(keep_alive);
  response.set(http::field::server, "regla");
  response.prepare_payload();
  service_.metrics.count_request(
      route_, response.result_int(),
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count());
  response_ = std::make_shared<Response>(std::move(response));
  stream_.expires_after(service_.limits.timeout);
  http::async_write(stream_, *response_,
                    [self = shared_from_this(), keep_alive](beast::error_code error, std::size_t) {
                      self->on_sent(keep_alive, error);
                    });
}

void Session::on_sent(bool keep_alive, beast::error_code error) {
  answering_ = false;
  response_.reset();
  if (error || !keep_alive || service_.stopping) return close();
  read_header();
}

void Session::close() {
  beast::error_code ignored;
  stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ignored);
  stream_.close();
}

}  // namespace regla::serve
