// --decision-log FILE: one JSON line per answered evaluation (its id, the time, the rules hash,
// the SHA-256 of the record as received, and the decisions or the error), appended by a
// background writer so that a slow disk never holds a request. When the writer's queue is full,
// lines are dropped, counted in the metrics and said on standard error.
#pragma once

#include <condition_variable>
#include <cstdio>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "metrics.hpp"

namespace regla::serve {

class DecisionLog {
 public:
  // Opens FILE for appending; null (with `error` set) when it cannot be.
  static std::unique_ptr<DecisionLog> open(const std::string& path, Metrics& metrics,
                                           std::size_t queue_lines, std::string& error);
  // Writes what is queued, then closes the file.
  ~DecisionLog();

  // Queues one line (without its newline); never waits for the disk.
  void write(std::string line);

 private:
  DecisionLog(std::FILE* file, std::string path, Metrics& metrics, std::size_t queue_lines);
  void write_queued_lines();

  std::FILE* file_;
  std::string path_;
  Metrics& metrics_;
  std::size_t queue_lines_;
  std::mutex mutex_;
  std::condition_variable queued_;
  std::deque<std::string> queue_;
  std::uint64_t dropped_ = 0;  // since the writer last said so
  bool closing_ = false;
  std::thread writer_;
};

// "sha256:<hex>" of `bytes`.
std::string sha256_of(std::string_view bytes);

// The current UTC time as 2026-11-01T12:34:56.789Z.
std::string utc_now();

}  // namespace regla::serve
