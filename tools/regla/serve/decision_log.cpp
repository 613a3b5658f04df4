#include "decision_log.hpp"

#include <openssl/evp.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <iostream>
#include <utility>
#include <vector>

namespace regla::serve {

std::unique_ptr<DecisionLog> DecisionLog::open(const std::string& path, Metrics& metrics,
                                               std::size_t queue_lines, std::string& error) {
  std::FILE* file = std::fopen(path.c_str(), "a");
  if (!file) {
    error = "cannot open the decision log '" + path + "': " + std::strerror(errno);
    return nullptr;
  }
  return std::unique_ptr<DecisionLog>(new DecisionLog(file, path, metrics, queue_lines));
}

DecisionLog::DecisionLog(std::FILE* file, std::string path, Metrics& metrics,
                         std::size_t queue_lines)
    : file_(file),
      path_(std::move(path)),
      metrics_(metrics),
      queue_lines_(queue_lines),
      writer_([this] { write_queued_lines(); }) {}

DecisionLog::~DecisionLog() {
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  queued_.notify_one();
  writer_.join();
  if (std::fclose(file_) != 0)
    std::cerr << "regla serve: cannot close the decision log '" << path_
              << "': " << std::strerror(errno) << "\n";
}

void DecisionLog::write(std::string line) {
  {
    std::lock_guard lock(mutex_);
    if (queue_.size() >= queue_lines_) {
      ++dropped_;
      metrics_.count_dropped_log_lines(1);
      return;
    }
    queue_.push_back(std::move(line));
  }
  queued_.notify_one();
}

void DecisionLog::write_queued_lines() {
  bool write_failed = false;
  while (true) {
    std::deque<std::string> lines;
    std::uint64_t dropped = 0;
    bool closing = false;
    {
      std::unique_lock lock(mutex_);
      queued_.wait(lock, [&] { return closing_ || !queue_.empty() || dropped_ > 0; });
      lines.swap(queue_);
      dropped = std::exchange(dropped_, 0);
      closing = closing_;
    }
    if (dropped > 0) {
      std::cerr << "regla serve: the decision log '" << path_ << "' cannot keep up: " << dropped
                << " lines dropped (" << metrics_.dropped_log_lines()
                << " in all, regla_decision_log_dropped_total)\n";
    }
    std::string text;
    for (const std::string& line : lines)
      text += line + "\n";
    if (!text.empty() && !write_failed &&
        (std::fwrite(text.data(), 1, text.size(), file_) != text.size() ||
         std::fflush(file_) != 0)) {
      // Said once; the lines not written are counted as dropped from then on.
      write_failed = true;
      std::cerr << "regla serve: cannot write the decision log '" << path_
                << "': " << std::strerror(errno) << "; its lines are dropped from now on\n";
    }
    if (write_failed) metrics_.count_dropped_log_lines(lines.size());
    if (closing && lines.empty()) return;
  }
}

std::string sha256_of(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("SHA-256 failed");
  static constexpr char hex[] = "0123456789abcdef";
  std::string text = "sha256:";
  for (unsigned int i = 0; i < length; ++i) {
    text += hex[digest[i] >> 4];
    text += hex[digest[i] & 0x0f];
  }
  return text;
}

std::string utc_now() {
  auto now = std::chrono::system_clock::now();
  std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  char fraction[8];
  std::snprintf(fraction, sizeof fraction, ".%03dZ", static_cast<int>(millis));
  return std::string(text) + fraction;
}

}  // namespace regla::serve
