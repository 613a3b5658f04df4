#include "metrics.hpp"

#include <cstdio>

namespace regla::serve {
namespace {

// A label value as the text format writes it: backslash, quote and newline escaped.
std::string label(const std::string& value) {
  std::string escaped;
  for (char c : value) {
    if (c == '\\' || c == '"') escaped += '\\';
    if (c == '\n') {
      escaped += "\\n";
      continue;
    }
    escaped += c;
  }
  return "\"" + escaped + "\"";
}

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.9g", value);
  return text;
}

}  // namespace

void Metrics::count_request(const std::string& route, unsigned status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{route, status}];
  Latency& latency = latency_[route];
  ++latency.count;
  latency.sum += seconds;
  for (std::size_t i = 0; i < latency_bounds.size(); ++i) {
    if (seconds <= latency_bounds[i]) {
      ++latency.buckets[i];
      break;
    }
  }
}

void Metrics::count_evaluation(const Evaluation& evaluation) {
  std::lock_guard lock(mutex_);
  if (!evaluation.decided()) {
    ++rejected_records_;
    return;
  }
  auto count = [&](const Decision& decision) {
    if (!std::holds_alternative<bool>(decision.value)) return;  // not bool, or no value
    auto found = decisions_.find(decision.name);
    if (found == decisions_.end()) found = decisions_.emplace(decision.name, Verdicts{}).first;
    ++(decision.holds() ? found->second.holds : found->second.fails);
  };
  for (const Decision& decision : evaluation.household)
    count(decision);
  for (const MemberDecisions& member : evaluation.members)
    for (const Decision& decision : member.decisions)
      count(decision);
}

void Metrics::count_dropped_log_lines(std::uint64_t lines) {
  std::lock_guard lock(mutex_);
  dropped_log_lines_ += lines;
}

std::uint64_t Metrics::dropped_log_lines() const {
  std::lock_guard lock(mutex_);
  return dropped_log_lines_;
}

std::string Metrics::text() const {
  std::lock_guard lock(mutex_);
  std::string out;
  out += "# HELP regla_requests_total HTTP requests answered, by route and status.\n";
  out += "# TYPE regla_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    const auto& [route, status] = key;
    out += "regla_requests_total{route=" + label(route) + ",status=\"" + std::to_string(status) +
           "\"} " + std::to_string(count) + "\n";
  }
  out +=
      "# HELP regla_request_seconds Time from a request's header read to its answer ready to "
      "send.\n";
  out += "# TYPE regla_request_seconds histogram\n";
  for (const auto& [route, latency] : latency_) {
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < latency_bounds.size(); ++i) {
      cumulative += latency.buckets[i];
      out += "regla_request_seconds_bucket{route=" + label(route) + ",le=\"" +
             number(latency_bounds[i]) + "\"} " + std::to_string(cumulative) + "\n";
    }
    out += "regla_request_seconds_bucket{route=" + label(route) + ",le=\"+Inf\"} " +
           std::to_string(latency.count) + "\n";
    out += "regla_request_seconds_sum{route=" + label(route) + "} " + number(latency.sum) + "\n";
    out += "regla_request_seconds_count{route=" + label(route) + "} " +
           std::to_string(latency.count) + "\n";
  }
  out += "# HELP regla_decisions_total Bool decisions answered, by decision and verdict.\n";
  out += "# TYPE regla_decisions_total counter\n";
  for (const auto& [decision, verdicts] : decisions_) {
    for (auto [verdict, count] : {std::pair{"fails", verdicts.fails}, {"holds", verdicts.holds}})
      if (count > 0)
        out += "regla_decisions_total{decision=" + label(decision) + ",verdict=" + label(verdict) +
               "} " + std::to_string(count) + "\n";
  }
  out +=
      "# HELP regla_rejected_records_total Records the engine rejected (answered 422, or an "
      "error line in a batch).\n";
  out += "# TYPE regla_rejected_records_total counter\n";
  out += "regla_rejected_records_total " + std::to_string(rejected_records_) + "\n";
  out +=
      "# HELP regla_decision_log_dropped_total Decision log lines dropped: the writer's queue "
      "was full.\n";
  out += "# TYPE regla_decision_log_dropped_total counter\n";
  out += "regla_decision_log_dropped_total " + std::to_string(dropped_log_lines_) + "\n";
  return out;
}

}  // namespace regla::serve
