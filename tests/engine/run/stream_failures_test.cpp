// A stream run whose input cannot be read or whose output cannot be written says so in its result,
// with the errno, and its summary claims no line that was not written.
#include <gtest/gtest.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "regla/evaluation.hpp"
#include "tests/text_file.hpp"

namespace regla {
namespace {

const RuleSet& shipped_rules() {
  static const RuleSet rules = RuleSet::load({std::string(REGLA_SOURCE_DIR) + "/rules"});
  return rules;
}

std::string sample_registry() {
  return testing::read_text_file(std::string(REGLA_SOURCE_DIR) + "/rules/samples/households.jsonl");
}

// An output that takes writes while they fit in `capacity` bytes, then fails with ENOSPC, as a
// full disk does.
struct SmallDisk {
  std::string written;
  std::size_t capacity;

  static ssize_t write(void* cookie, const char* data, std::size_t size) {
    auto* disk = static_cast<SmallDisk*>(cookie);
    if (size > disk->capacity - disk->written.size()) {
      errno = ENOSPC;
      return -1;
    }
    disk->written.append(data, size);
    return static_cast<ssize_t>(size);
  }

  std::FILE* open() {
    return fopencookie(this, "w", {nullptr, &SmallDisk::write, nullptr, nullptr});
  }
};

StreamResult run(const std::string& input, std::FILE* out, unsigned threads) {
  std::string copy = input;
  std::FILE* in = fmemopen(copy.data(), copy.size(), "rb");
  StreamOptions stream;
  stream.threads = threads;
  stream.lines_per_batch = 1;  // a batch per line: what is written is known line by line
  StreamResult result = evaluate_stream(
      compile(shipped_rules(), {.as_of = "2026-11-01", .group_by = "ubigeo"}).value(), stream, in,
      out);
  std::fclose(in);
  return result;
}

// Where the output fills up during line 4, lines 1 to 3 are written and nothing else is claimed:
// not the line cut short, not the lines evaluated ahead of the writer.
TEST(StreamFailures, AWriteThatFailsStopsTheRunAndOnlyWrittenLinesAreCounted) {
  std::string registry = sample_registry();
  std::string whole;
  {
    SmallDisk disk{{}, std::string::npos};
    std::FILE* out = disk.open();
    ASSERT_TRUE(run(registry, out, 1).complete());
    std::fclose(out);
    whole = disk.written;
  }
  std::size_t three_lines = 0;
  for (int line = 0; line < 3; ++line)
    three_lines = whole.find('\n', three_lines) + 1;
  for (unsigned threads : {1u, 3u}) {
    SCOPED_TRACE(threads);
    SmallDisk disk{{}, three_lines + 10};
    std::FILE* out = disk.open();
    StreamResult result = run(registry, out, threads);
    std::fclose(out);
    ASSERT_TRUE(result.write_error.has_value());
    EXPECT_EQ(*result.write_error, ENOSPC);
    EXPECT_FALSE(result.read_error.has_value());
    EXPECT_FALSE(result.complete());
    EXPECT_EQ(result.lines_written, 3u);
    EXPECT_EQ(result.summary.overall.records, 3u);
    EXPECT_EQ(result.summary.overall.rejected, 0u);
    EXPECT_TRUE(result.summary.overall.decisions.empty());
    EXPECT_TRUE(result.summary.by_group.empty());
    EXPECT_EQ(disk.written, whole.substr(0, disk.written.size()));
  }
}

TEST(StreamFailures, AnOutputThatTakesNothingWritesNoLine) {
  for (unsigned threads : {1u, 2u}) {
    std::FILE* full = std::fopen("/dev/full", "w");
    ASSERT_NE(full, nullptr);
    StreamResult result = run(sample_registry(), full, threads);
    std::fclose(full);
    ASSERT_TRUE(result.write_error.has_value());
    EXPECT_EQ(*result.write_error, ENOSPC);
    EXPECT_EQ(result.lines_written, 0u);
    EXPECT_EQ(result.summary.overall.records, 0u);
  }
}

// A folder opens for reading on Linux; its first read fails (EISDIR), which is no end of input.
TEST(StreamFailures, AReadThatFailsIsReportedNotTakenForTheEnd) {
  for (unsigned threads : {1u, 2u}) {
    std::FILE* folder = std::fopen(REGLA_SOURCE_DIR "/rules", "rb");
    ASSERT_NE(folder, nullptr);
    char* buffer = nullptr;
    std::size_t size = 0;
    std::FILE* out = open_memstream(&buffer, &size);
    StreamOptions stream;
    stream.threads = threads;
    StreamResult result = evaluate_stream(compile(shipped_rules(), {.as_of = "2026-11-01"}).value(),
                                          stream, folder, out);
    std::fclose(folder);
    std::fclose(out);
    std::free(buffer);
    ASSERT_TRUE(result.read_error.has_value());
    EXPECT_EQ(*result.read_error, EISDIR);
    EXPECT_FALSE(result.write_error.has_value());
    EXPECT_EQ(result.lines_written, 0u);
  }
}

// An input that gives `text`, then fails with EIO, as a failing disk or a lost network file does.
struct FailingSource {
  std::string text;
  std::size_t given = 0;

  static ssize_t read(void* cookie, char* data, std::size_t size) {
    auto* source = static_cast<FailingSource*>(cookie);
    std::size_t left = source->text.size() - source->given;
    if (left == 0) {
      errno = EIO;
      return -1;
    }
    std::size_t taken = std::min(left, size);
    std::memcpy(data, source->text.data() + source->given, taken);
    source->given += taken;
    return static_cast<ssize_t>(taken);
  }
};

TEST(StreamFailures, TheLinesBeforeAReadErrorAreAnsweredAndCounted) {
  std::string registry = sample_registry();
  std::size_t two_lines = registry.find('\n', registry.find('\n') + 1) + 1;
  for (unsigned threads : {1u, 2u}) {
    FailingSource source{registry.substr(0, two_lines)};
    std::FILE* in = fopencookie(&source, "r", {&FailingSource::read, nullptr, nullptr, nullptr});
    char* buffer = nullptr;
    std::size_t size = 0;
    std::FILE* out = open_memstream(&buffer, &size);
    StreamOptions stream;
    stream.threads = threads;
    StreamResult result =
        evaluate_stream(compile(shipped_rules(), {.as_of = "2026-11-01"}).value(), stream, in, out);
    std::fclose(in);
    std::fclose(out);
    std::string output(buffer, size);
    std::free(buffer);
    ASSERT_TRUE(result.read_error.has_value());
    EXPECT_EQ(*result.read_error, EIO);
    EXPECT_EQ(result.lines_written, 2u);
    EXPECT_EQ(std::count(output.begin(), output.end(), '\n'), 2);
    EXPECT_EQ(result.summary.overall.records, 2u);
    EXPECT_FALSE(result.summary.overall.decisions.empty());
  }
}

}  // namespace
}  // namespace regla
