// What one `regla serve` process allows a client: how much it may send, how long it may take,
// how many may be connected at once. Every limit is an option of the command (regla serve --help).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace regla::serve {

struct Limits {
  // A request's body (a record, a batch, rule files) beyond this is answered 413, unread.
  std::size_t max_body_bytes = 16u << 20;
  // The request line and headers together; beyond this the answer is 431.
  std::size_t max_header_bytes = 16u << 10;
  // A client must send a whole request (or its next one, on a kept-alive connection) within this,
  // and take the whole answer within it: a slow client cannot hold a worker.
  std::chrono::milliseconds timeout{30'000};
  // Connections open at once; one more is answered 503 and closed.
  std::size_t max_connections = 256;
  // The evaluation budget of one record (EvaluationOptions::max_steps).
  std::uint64_t max_steps = 1'000'000;
};

}  // namespace regla::serve
