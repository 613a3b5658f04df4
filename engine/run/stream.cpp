// The batch runner: one reader, N evaluating workers, one writer that puts results back in input
// order. Lines travel in batches; at most a fixed number of batches are in flight, so memory stays
// flat whatever the input size. Every input line produces exactly one output line.
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>

#include "engine/render/output.hpp"
#include "engine/run/compiled_rules.hpp"
#include "regla/evaluation.hpp"

namespace regla {
namespace {

constexpr std::size_t bytes_per_batch = 1 << 20;

struct Batch {
  std::uint64_t first_line = 1;
  std::string text;                                        // the lines, one after the other
  std::vector<std::pair<std::size_t, std::size_t>> lines;  // offset and length in `text`
  std::vector<bool> too_long;
  std::string output;
  std::uint64_t rejected = 0;  // lines of this batch answered with an error
  bool done = false;

  void clear() {
    text.clear();
    lines.clear();
    too_long.clear();
    output.clear();
    rejected = 0;
    done = false;
  }
};

// Reads lines in large blocks; a line longer than the limit is reported, not stored.
class LineSource {
 public:
  LineSource(std::FILE* in, std::size_t max_line_bytes, std::size_t lines_per_batch,
             std::uint64_t first_line)
      : in_(in),
        max_line_(max_line_bytes),
        lines_per_batch_(std::max<std::size_t>(1, lines_per_batch)),
        first_line_(first_line) {
    buffer_.resize(1 << 22);
  }

  // Fills `batch` with the next lines; false when the input is exhausted and nothing was added.
  bool fill(Batch& batch) {
    while (batch.lines.size() < lines_per_batch_ && batch.text.size() < bytes_per_batch) {
      if (!next_line(batch)) break;
    }
    return !batch.lines.empty();
  }

  // errno of the read that failed; the lines before it were delivered.
  std::optional<int> read_error() const { return read_error_; }

 private:
  // Moves the unread bytes to the front and reads more; false at the end of the input.
  bool refill() {
    if (eof_) return false;
    if (begin_ > 0) {
      std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
      end_ -= begin_;
      begin_ = 0;
    }
    if (end_ == buffer_.size()) buffer_.resize(buffer_.size() * 2);
    errno = 0;
    std::size_t read = std::fread(buffer_.data() + end_, 1, buffer_.size() - end_, in_);
    if (std::ferror(in_)) {
      read_error_ = errno != 0 ? errno : EIO;  // what was read before it is still delivered
      eof_ = true;
    } else if (read == 0) {
      eof_ = true;
    }
    end_ += read;
    return read > 0;
  }

  bool next_line(Batch& batch) {
    bool too_long = false;
    std::size_t checked = 0;  // bytes after begin_ known to hold no newline
    while (true) {
      const char* start = buffer_.data() + begin_ + checked;
      const void* newline = std::memchr(start, '\n', end_ - begin_ - checked);
      if (newline) {
        auto stop = static_cast<std::size_t>(static_cast<const char*>(newline) - buffer_.data());
        add(batch, too_long || stop - begin_ > max_line_, stop);
        begin_ = stop + 1;
        return true;
      }
      checked = end_ - begin_;
      if (checked > max_line_) {  // too long to keep: drop what was read of it
        too_long = true;
        begin_ = end_;
        checked = 0;
      }
      if (!refill()) {  // the end of the input
        if (begin_ == end_ && !too_long) return false;
        add(batch, too_long || end_ - begin_ > max_line_, end_);
        begin_ = end_;
        return true;
      }
    }
  }

  void add(Batch& batch, bool too_long, std::size_t stop) {
    std::size_t length = too_long ? 0 : stop - begin_;
    if (length > 0 && buffer_[begin_ + length - 1] == '\r') --length;
    if (batch.lines.empty()) batch.first_line = first_line_ + lines_read_;
    batch.lines.emplace_back(batch.text.size(), length);
    batch.text.append(buffer_.data() + begin_, length);
    batch.too_long.push_back(too_long);
    ++lines_read_;
  }

  std::FILE* in_;
  std::size_t max_line_;
  std::size_t lines_per_batch_;
  std::vector<char> buffer_;
  std::size_t begin_ = 0, end_ = 0;
  bool eof_ = false;
  std::optional<int> read_error_;
  std::uint64_t first_line_;  // the number of the input's first line
  std::uint64_t lines_read_ = 0;
};

// What every output line of the run begins with: the id key, as_of and rules.
OutputLine run_header(const CompiledRules& rules) {
  return {household_id_key(rules.implementation().program),
          {},
          rules.options().as_of,
          rules.rules().hash()};
}

// Lines the reader refused (too long) are counted in `refused`; the evaluator counts the rest.
// A refused line's error carries the run's as_of and rules like every other line.
void evaluate_batch(HouseholdEvaluator& evaluator, const OutputLine& run, Batch& batch,
                    RunSummary& refused, std::size_t max_line) {
  for (std::size_t i = 0; i < batch.lines.size(); ++i) {
    std::uint64_t number = batch.first_line + i;
    if (batch.too_long[i]) {
      write_error(run, number,
                  "the line is longer than " + std::to_string(max_line) + " bytes and was not read",
                  batch.output);
      ++refused.overall.records;
      ++refused.overall.rejected;
      ++batch.rejected;
      continue;
    }
    auto [offset, length] = batch.lines[i];
    if (!evaluator.evaluate(std::string_view(batch.text).substr(offset, length), number,
                            batch.output)) {
      ++batch.rejected;
    }
  }
}

// Writes a batch's output and hands it to the system; errno when it could not (EIO from a stream
// that fails without saying why, as a custom one may).
std::optional<int> write_batch(const Batch& batch, std::FILE* out) {
  errno = 0;
  if (std::fwrite(batch.output.data(), 1, batch.output.size(), out) != batch.output.size() ||
      std::fflush(out) != 0) {
    return errno != 0 ? errno : EIO;
  }
  return std::nullopt;
}

// What reached the output: the lines of the batches written whole.
struct Written {
  std::uint64_t lines = 0;
  std::uint64_t rejected = 0;
  std::optional<int> error;

  // False once a write has failed (later batches are not written).
  bool write(const Batch& batch, std::FILE* out) {
    if (error) return false;
    error = write_batch(batch, out);
    if (error) return false;
    lines += batch.lines.size();
    rejected += batch.rejected;
    return true;
  }
};

// The result of a run from its tallies: after a write error, only what is known to be written.
StreamResult result_of(RunSummary total, const Written& written, const LineSource& source) {
  StreamResult result;
  result.lines_written = written.lines;
  result.read_error = source.read_error();
  result.write_error = written.error;
  if (written.error) {
    total.overall = {};
    total.overall.records = written.lines;
    total.overall.rejected = written.rejected;
    total.by_group.clear();
  }
  result.summary = std::move(total);
  return result;
}

}  // namespace

StreamResult evaluate_stream(const CompiledRules& rules, const StreamOptions& stream, std::FILE* in,
                             std::FILE* out) {
  auto started = std::chrono::steady_clock::now();
  unsigned threads =
      stream.threads ? stream.threads : std::max(1u, std::thread::hardware_concurrency());
  LineSource source(in, stream.max_line_bytes, stream.lines_per_batch, stream.first_line);
  RunSummary total;
  Written written;
  auto report_progress = [&] {
    if (stream.progress) stream.progress(written.lines);
  };
  auto finish = [&] {
    total.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result_of(std::move(total), written, source);
  };

  if (threads == 1) {
    HouseholdEvaluator evaluator(rules);
    const OutputLine run = run_header(rules);
    Batch batch;
    while (source.fill(batch)) {
      evaluate_batch(evaluator, run, batch, total, stream.max_line_bytes);
      if (!written.write(batch, out)) break;
      report_progress();
      batch.clear();
    }
    total.merge(evaluator.summary());
    return finish();
  }

  std::vector<HouseholdEvaluator> evaluators;
  for (unsigned t = 0; t < threads; ++t)
    evaluators.emplace_back(rules);
  const OutputLine run = run_header(rules);
  std::vector<RunSummary> summaries(threads);

  std::mutex mutex;
  std::condition_variable work_ready, batch_done, slot_free;
  std::deque<Batch*> work;      // batches waiting for a worker
  std::deque<Batch*> in_order;  // batches waiting to be written, in input order
  std::vector<std::unique_ptr<Batch>> pool;
  std::vector<Batch*> free_batches;
  for (unsigned i = 0; i < threads * 4; ++i) {
    pool.push_back(std::make_unique<Batch>());
    free_batches.push_back(pool.back().get());
  }
  bool reading_done = false;
  std::atomic<bool> output_failed = false;

  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      while (true) {
        Batch* batch;
        {
          std::unique_lock lock(mutex);
          work_ready.wait(lock, [&] { return !work.empty() || reading_done; });
          if (work.empty()) return;
          batch = work.front();
          work.pop_front();
        }
        evaluate_batch(evaluators[t], run, *batch, summaries[t], stream.max_line_bytes);
        {
          std::lock_guard lock(mutex);
          batch->done = true;
        }
        batch_done.notify_all();
      }
    });
  }
  // After a failed write the writer still takes the batches in flight, unwritten, so that the
  // reader and the workers can finish.
  std::thread writer([&] {
    while (true) {
      Batch* batch;
      {
        std::unique_lock lock(mutex);
        batch_done.wait(lock, [&] {
          return (!in_order.empty() && in_order.front()->done) ||
                 (reading_done && in_order.empty());
        });
        if (in_order.empty()) return;
        batch = in_order.front();
        in_order.pop_front();
      }
      if (written.write(*batch, out)) {
        report_progress();
      } else {
        output_failed = true;
      }
      batch->clear();
      {
        std::lock_guard lock(mutex);
        free_batches.push_back(batch);
      }
      slot_free.notify_one();
    }
  });

  while (!output_failed) {
    Batch* batch;
    {
      std::unique_lock lock(mutex);
      slot_free.wait(lock, [&] { return !free_batches.empty(); });
      batch = free_batches.back();
      free_batches.pop_back();
    }
    if (!source.fill(*batch)) {
      std::lock_guard lock(mutex);
      free_batches.push_back(batch);
      break;
    }
    {
      std::lock_guard lock(mutex);
      work.push_back(batch);
      in_order.push_back(batch);
    }
    work_ready.notify_one();
  }
  {
    std::lock_guard lock(mutex);
    reading_done = true;
  }
  work_ready.notify_all();
  batch_done.notify_all();
  for (std::thread& worker : workers)
    worker.join();
  batch_done.notify_all();
  writer.join();
  for (const RunSummary& summary : summaries)
    total.merge(summary);
  for (const HouseholdEvaluator& evaluator : evaluators)
    total.merge(evaluator.summary());
  return finish();
}

}  // namespace regla
