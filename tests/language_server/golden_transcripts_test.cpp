// Framed transcripts: the messages of tests/golden/lsp/NAME.jsonl (one a line) or the bytes of
// NAME.raw sent to `regla lsp` on its standard input, and what it writes compared to
// NAME.expected. In the input, ${ROOT} is the project's folder and ${TEXT:FILE} (or
// ${TEXT:FILE|FROM|TO}, FROM replaced once by TO) a file's text as a JSON string; in the expected
// output the project's folder is written ${ROOT}, each message's Content-Length counting it so
// (the lengths the command wrote are checked against its bytes first), and the last line is the
// exit code. To accept new output on purpose:
//   REGLA_UPDATE_GOLDEN=1 ./build/tests/regla_language_server_tests --gtest_filter='GoldenLsp*'
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/text_file.hpp"

namespace {

namespace fs = std::filesystem;

std::string replaced_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

// ${TEXT:FILE} and ${TEXT:FILE|FROM|TO} as JSON strings, then ${ROOT}.
std::string with_placeholders_filled(std::string text) {
  for (std::size_t at = text.find("${TEXT:"); at != std::string::npos; at = text.find("${TEXT:")) {
    std::size_t end = text.find('}', at);
    std::string spec = text.substr(at + 7, end - at - 7);
    std::size_t bar = spec.find('|');
    std::string file_text = regla::testing::read_text_file(spec.substr(0, bar));
    if (bar != std::string::npos) {
      std::size_t second = spec.find('|', bar + 1);
      std::string from = spec.substr(bar + 1, second - bar - 1);
      std::size_t found = file_text.find(from);
      EXPECT_NE(found, std::string::npos) << "'" << from << "' is not in " << spec;
      if (found != std::string::npos)
        file_text.replace(found, from.size(), spec.substr(second + 1));
    }
    text.replace(at, end + 1 - at, nlohmann::json(file_text).dump());
  }
  return replaced_all(std::move(text), "${ROOT}", REGLA_SOURCE_DIR);
}

std::string framed(const std::string& body) {
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

// The output frame by frame, each length checked, with the project's folder written ${ROOT}.
std::string normalized(const std::string& output) {
  std::string result;
  std::size_t at = 0;
  while (at < output.size()) {
    std::size_t header_end = output.find("\r\n\r\n", at);
    EXPECT_NE(header_end, std::string::npos) << "output after byte " << at << " is not a frame";
    if (header_end == std::string::npos) return result + output.substr(at);
    std::string header = output.substr(at, header_end - at);
    EXPECT_EQ(header.rfind("Content-Length: ", 0), 0u) << header;
    std::size_t length = std::stoul(header.substr(16));
    std::string body = output.substr(header_end + 4, length);
    EXPECT_EQ(body.size(), length);
    EXPECT_FALSE(nlohmann::json::parse(body, nullptr, false).is_discarded()) << body;
    result += framed(replaced_all(body, REGLA_SOURCE_DIR, "${ROOT}")) + "\n";
    at = header_end + 4 + length;
  }
  return result;
}

TEST(GoldenLsp, Transcripts) {
  fs::current_path(REGLA_SOURCE_DIR);
  ASSERT_EQ(std::string(REGLA_SOURCE_DIR).find_first_of(" %#?"), std::string::npos)
      << "the project's folder must be written in a URI as it is";
  std::vector<fs::path> inputs;
  for (const auto& entry : fs::directory_iterator("tests/golden/lsp"))
    if (entry.path().extension() != ".expected") inputs.push_back(entry.path());
  std::sort(inputs.begin(), inputs.end());
  ASSERT_FALSE(inputs.empty());
  fs::path scratch = fs::temp_directory_path() / ("regla-lsp-golden-" + std::to_string(getpid()));
  fs::create_directories(scratch);
  for (const fs::path& input : inputs) {
    SCOPED_TRACE(input.string());
    std::string sent;
    std::string text = regla::testing::read_text_file(input);
    if (input.extension() == ".jsonl") {
      std::istringstream lines(text);
      for (std::string line; std::getline(lines, line);)
        if (!line.empty()) sent += framed(with_placeholders_filled(line));
    } else {
      sent = replaced_all(text, "${ROOT}", REGLA_SOURCE_DIR);
    }
    std::ofstream(scratch / "in", std::ios::binary) << sent;
    // `timeout`: a server that hangs fails the test instead of stalling the suite.
    std::string command = std::string("timeout 60 ") + REGLA_BINARY + " lsp < " +
                          (scratch / "in").string() + " > " + (scratch / "out").string();
    int status = std::system(command.c_str());
    ASSERT_TRUE(WIFEXITED(status));
    std::string actual = normalized(regla::testing::read_text_file(scratch / "out")) +
                         "exit code: " + std::to_string(WEXITSTATUS(status)) + "\n";
    fs::path expected = fs::path(input).replace_extension(".expected");
    if (std::getenv("REGLA_UPDATE_GOLDEN")) {
      std::ofstream(expected, std::ios::binary) << actual;
      continue;
    }
    ASSERT_TRUE(fs::exists(expected)) << expected << " is missing; run with REGLA_UPDATE_GOLDEN=1";
    EXPECT_EQ(regla::testing::read_text_file(expected), actual) << "golden file " << expected;
  }
  fs::remove_all(scratch);
}

}  // namespace
