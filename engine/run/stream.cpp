// The batch runner: the registry read by the bounded line source, evaluated on N workers, written
// back in input order (batches_in_order.hpp). Every input line produces exactly one output line.
#include <cerrno>
#include <chrono>
#include <thread>

#include "engine/render/output.hpp"
#include "engine/run/batches_in_order.hpp"
#include "engine/run/compiled_rules.hpp"
#include "regla/evaluation.hpp"

namespace regla {
namespace {

// A batch of lines and what evaluating them gave.
struct Batch {
  LineBatch lines;
  std::string output;
  std::uint64_t rejected = 0;  // lines of this batch answered with an error

  void clear() {
    lines.clear();
    output.clear();
    rejected = 0;
  }
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
    std::uint64_t number = batch.lines.first_line + i;
    if (batch.lines.too_long[i]) {
      write_error(run, number, too_long_message(max_line), batch.output);
      ++refused.overall.records;
      ++refused.overall.rejected;
      ++batch.rejected;
      continue;
    }
    if (!evaluator.evaluate(batch.lines.line(i), number, batch.output)) {
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
  unsigned threads = thread_count(stream.threads);
  LineSource source(in, stream.max_line_bytes, stream.lines_per_batch, stream.first_line);
  std::vector<HouseholdEvaluator> evaluators;
  for (unsigned t = 0; t < threads; ++t)
    evaluators.emplace_back(rules);
  const OutputLine run = run_header(rules);
  std::vector<RunSummary> refused(threads);  // the lines each worker answered as too long
  Written written;
  process_in_order<Batch>(
      source, threads,
      [&](unsigned worker, Batch& batch) {
        evaluate_batch(evaluators[worker], run, batch, refused[worker], stream.max_line_bytes);
      },
      [&](const Batch& batch) {
        if (!written.write(batch, out)) return false;
        if (stream.progress) stream.progress(written.lines);
        return true;
      });
  RunSummary total;
  for (const RunSummary& summary : refused)
    total.merge(summary);
  for (const HouseholdEvaluator& evaluator : evaluators)
    total.merge(evaluator.summary());
  total.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result_of(std::move(total), written, source);
}

}  // namespace regla
