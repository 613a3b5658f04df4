// Evaluating records from any reader (tables, JSON Lines) on one thread, answered as JSON Lines or
// CSV; and reading JSON Lines as records.
#include <cerrno>
#include <chrono>
#include <cstring>

#include "regla/tables.hpp"

namespace regla {
namespace {

// Every write checked: a failed one stops the run.
class CheckedOutput {
 public:
  explicit CheckedOutput(std::FILE* file) : file_(file) {}
  std::string buffer;
  // Writes what is buffered once it is large, or always when `now`; false after a failed write.
  bool flush(bool now = false) {
    if (!file_ || (!now && buffer.size() < (1u << 16))) return true;
    bool written = std::fwrite(buffer.data(), 1, buffer.size(), file_) == buffer.size();
    if (written && now) written = std::fflush(file_) == 0;
    buffer.clear();
    if (!written) error = errno ? errno : EIO;
    return written;
  }
  std::optional<int> error;

 private:
  std::FILE* file_;
};

}  // namespace

JsonLinesRecords::JsonLinesRecords(std::FILE* in, std::string name, std::size_t max_line_bytes)
    : in_(in), name_(std::move(name)), max_line_bytes_(max_line_bytes) {}

bool JsonLinesRecords::next(SourcedRecord& record) {
  record = {};
  if (stop_reason_) return false;
  bool too_long = false;
  int c;
  while ((c = getc_unlocked(in_)) != EOF && c != '\n') {
    if (record.json_line.size() < max_line_bytes_) {
      record.json_line += static_cast<char>(c);
    } else {
      too_long = true;
    }
  }
  if (c == EOF) {
    if (std::ferror(in_)) {
      stop_reason_ = "cannot read " + name_ + ": " + std::strerror(errno);
      return false;
    }
    if (record.json_line.empty() && !too_long) return false;
  }
  record.line = ++line_;
  if (!record.json_line.empty() && record.json_line.back() == '\r') record.json_line.pop_back();
  if (too_long) {
    record.json_line.clear();
    bool mebibytes = max_line_bytes_ % (1u << 20) == 0;
    record.error = "the line is longer than " +
                   (mebibytes ? std::to_string(max_line_bytes_ >> 20) + " MiB"
                              : std::to_string(max_line_bytes_) + " bytes") +
                   "; it was not read";
  }
  return true;
}

RecordsRun evaluate_records(const CompiledRules& rules, const RecordReader& next,
                            const std::function<std::optional<std::string>()>& stop_reason,
                            const RecordsOutput& output) {
  auto started = std::chrono::steady_clock::now();
  RecordsRun run;
  HouseholdEvaluator evaluator(rules);
  bool csv = output.format == RecordsOutput::Format::csv;
  CsvDecisionWriter csv_writer(rules);
  CheckedOutput households(output.households), members(csv ? output.members : nullptr);
  if (csv) {
    households.buffer = csv_writer.household_header();
    members.buffer = csv_writer.member_header();
  }
  std::uint64_t unmade = 0;  // records that could not be made, answered with their error alone
  struct Counts {
    std::uint64_t records = 0, rejected = 0;
  } answered, written;
  SourcedRecord record;
  Evaluation unmade_record;
  while (next(record)) {
    const Evaluation* answer;
    Evaluation located;
    if (record.error) {
      ++unmade;
      unmade_record.line = record.line;
      unmade_record.household_id = record.household_id;
      unmade_record.error = record.error;
      answer = &unmade_record;
    } else {
      answer = &evaluator.evaluate(record.json_line, record.line);
      if (answer->error && !record.origins.empty()) {
        located = *answer;
        located.error = record.locate(*answer->error);
        // The tables said whose household it is, even where the evaluator could not read it.
        if (!located.household_id) located.household_id = record.household_id;
        answer = &located;
      }
    }
    if (csv) {
      csv_writer.write(*answer, households.buffer, members.buffer);
    } else {
      write_json_line(rules, *answer, households.buffer);
    }
    ++answered.records;
    if (answer->error) ++answered.rejected;
    if (!households.flush() || !members.flush()) break;
    if (households.buffer.empty() && members.buffer.empty()) written = answered;
  }
  if (!households.error && !members.error && households.flush(true) && members.flush(true)) {
    written = answered;
  }
  run.write_error = households.error ? households.error : members.error;
  run.write_error_in_members = !households.error && members.error;
  run.summary = evaluator.summary();
  run.summary.overall.records += unmade;
  run.summary.overall.rejected += unmade;
  run.records_written = written.records;
  if (run.write_error) {
    // As evaluate_stream: only what is known to be written is counted, without the decisions.
    run.summary.overall.records = written.records;
    run.summary.overall.rejected = written.rejected;
    run.summary.overall.decisions.clear();
    run.summary.by_group.clear();
  }
  run.read_error = stop_reason();
  run.summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return run;
}

}  // namespace regla
