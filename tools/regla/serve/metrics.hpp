// What the server has done, for GET /metrics in Prometheus' text format: requests by route and
// status, their latency, decisions by verdict, rejected records, decision log lines dropped.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

#include "regla/decisions.hpp"

namespace regla::serve {

class Metrics {
 public:
  // `route` is one of the routes' paths, or "other" for a request no route took.
  void count_request(const std::string& route, unsigned status, double seconds);
  // One answered record: the verdicts of its bool decisions, or that it was rejected.
  void count_evaluation(const Evaluation& evaluation);
  void count_dropped_log_lines(std::uint64_t lines);
  std::uint64_t dropped_log_lines() const;

  // The Prometheus text exposition format, version 0.0.4.
  std::string text() const;

 private:
  // Upper bounds of the latency buckets, in seconds.
  static constexpr std::array<double, 12> latency_bounds = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5, 30};
  struct Latency {
    std::array<std::uint64_t, latency_bounds.size()> buckets{};  // not cumulative
    std::uint64_t count = 0;
    double sum = 0;
  };

  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, unsigned>, std::uint64_t> requests_;
  std::map<std::string, Latency> latency_;  // by route
  struct Verdicts {
    std::uint64_t fails = 0, holds = 0;
  };
  std::map<std::string, Verdicts, std::less<>> decisions_;  // bool decisions, by name
  std::uint64_t rejected_records_ = 0;
  std::uint64_t dropped_log_lines_ = 0;
};

}  // namespace regla::serve
