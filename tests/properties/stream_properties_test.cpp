// Properties of whole runs: output is the same whatever the number of threads, and evaluating a
// registry in two shards and concatenating equals evaluating it whole (line numbers of error
// lines count within each shard, as they must when shards run on different machines).
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "regla/evaluation.hpp"
#include "tests/properties/record_generators.hpp"

namespace regla {
namespace {

const RuleSet& shipped_rules() {
  static const RuleSet rules = RuleSet::load({std::string(REGLA_SOURCE_DIR) + "/rules"});
  return rules;
}

std::string run(const std::string& input, unsigned threads) {
  std::string copy = input;
  std::FILE* in = fmemopen(copy.data(), copy.size(), "rb");
  char* buffer = nullptr;
  std::size_t size = 0;
  std::FILE* out = open_memstream(&buffer, &size);
  StreamOptions stream;
  stream.threads = threads;
  stream.lines_per_batch = 3;  // many batches in flight, so their order is really at stake
  StreamResult result =
      evaluate_stream(compile(shipped_rules(), {.as_of = "2026-11-01"}).value(), stream, in, out);
  RC_ASSERT(result.complete());
  std::fclose(in);
  std::fclose(out);
  std::string output(buffer, size);
  std::free(buffer);
  return output;
}

std::vector<std::string> lines_without_line_numbers(const std::string& output) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < output.size()) {
    std::size_t end = output.find('\n', start);
    nlohmann::json line = nlohmann::json::parse(output.substr(start, end - start));
    line.erase("line");
    lines.push_back(line.dump());
    start = end + 1;
  }
  return lines;
}

rc::Gen<std::string> registry() {
  return rc::gen::exec([] {
    std::string input;
    int count = *rc::gen::inRange(0, 60);
    for (int i = 0; i < count; ++i) {
      input += *rc::gen::inRange(0, 10) == 0 ? *testing::corrupted_household_line()
                                             : *testing::arbitrary_household_line();
      std::replace(input.end() - 1, input.end(), '\n', ' ');
      input += "\n";
    }
    return input;
  });
}

RC_GTEST_PROP(StreamProperties, OutputDoesNotDependOnThreads, ()) {
  std::string input = *registry();
  std::string one = run(input, 1);
  RC_ASSERT(std::count(one.begin(), one.end(), '\n') ==
            std::count(input.begin(), input.end(), '\n'));
  RC_ASSERT(run(input, 2) == one);
  RC_ASSERT(run(input, 3) == one);
}

RC_GTEST_PROP(StreamProperties, ShardsConcatenatedEqualTheWhole, ()) {
  std::string input = *registry();
  std::size_t lines = static_cast<std::size_t>(std::count(input.begin(), input.end(), '\n'));
  std::size_t split_line =
      static_cast<std::size_t>(*rc::gen::inRange<int>(0, static_cast<int>(lines) + 1));
  std::size_t split = 0;
  for (std::size_t i = 0; i < split_line; ++i)
    split = input.find('\n', split) + 1;
  std::vector<std::string> whole = lines_without_line_numbers(run(input, 2));
  std::vector<std::string> first = lines_without_line_numbers(run(input.substr(0, split), 2));
  std::vector<std::string> second = lines_without_line_numbers(run(input.substr(split), 1));
  first.insert(first.end(), second.begin(), second.end());
  RC_ASSERT(first == whole);
}

}  // namespace
}  // namespace regla
