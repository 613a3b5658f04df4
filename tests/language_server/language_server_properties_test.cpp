// Properties of the message core: whatever a buffer holds (the demo program damaged anywhere) and
// wherever a request points, every request gets exactly one answer with its id, never an
// internal error, and every notification about the buffer is well formed.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <filesystem>
#include <fstream>

#include "language_server/file_uris.hpp"
#include "language_server/language_server.hpp"
#include "tests/language_server/demo_folder.hpp"

namespace regla::language_server {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The demo program with a few characters inserted, deleted or replaced, some of them
// punctuation and keywords of the language, so that most damage is near-valid rule text.
rc::Gen<std::string> damaged_program() {
  return rc::gen::exec([] {
    std::string text = regla::testing::demo_program;
    int edits = *rc::gen::inRange(1, 6);
    for (int i = 0; i < edits; ++i) {
      std::size_t at = *rc::gen::inRange<std::size_t>(0, text.size());
      std::string inserted = *rc::gen::element<std::string>(
          ".", "(", ")", "\"", ":", "=", " ", "\n", "person.", "and", "á", "\xf0\x9f\x99\x82", "");
      std::size_t removed =
          *rc::gen::inRange<std::size_t>(0, std::min<std::size_t>(8, text.size() - at) + 1);
      text.replace(at, removed, inserted);
    }
    return text;
  });
}

json message(int id, const std::string& method, json params) {
  json request = {{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
  if (id >= 0) request["id"] = id;
  return request;
}

TEST(MessageCoreProperties, EveryRequestOnAnyBufferGetsOneAnswerAndNoInternalError) {
  fs::path folder = fs::temp_directory_path() / ("regla-lsp-property-" + std::to_string(getpid()));
  fs::create_directories(folder);
  for (const RuleFile& file : regla::testing::demo_folder())
    std::ofstream(folder / file.name, std::ios::binary) << file.text;
  std::string uri = uri_of_path((folder / "demo.regla").generic_string());
  const char* const methods[] = {"textDocument/hover",      "textDocument/definition",
                                 "textDocument/references", "textDocument/completion",
                                 "textDocument/formatting", "textDocument/documentSymbol"};
  auto any_buffer_any_position = [&] {
    LanguageServer server("test");
    server.handle(message(0, "initialize", json::object()));
    std::string text = *damaged_program();
    json document = {{"uri", uri}, {"text", text}};
    for (const json& notification :
         server.handle(message(-1, "textDocument/didOpen", {{"textDocument", document}}))) {
      RC_ASSERT(notification["method"] == "textDocument/publishDiagnostics");
      for (const json& diagnostic : notification["params"]["diagnostics"])
        RC_ASSERT(diagnostic["range"]["start"]["line"].is_number_unsigned());
    }
    for (int id = 1; id <= 6; ++id) {
      json position = {{"line", *rc::gen::inRange(0, 24)}, {"character", *rc::gen::inRange(0, 70)}};
      json params = {{"textDocument", {{"uri", uri}}}, {"position", position}};
      std::vector<json> answers = server.handle(message(id, methods[id - 1], params));
      RC_ASSERT(answers.size() == 1u);
      RC_ASSERT(answers[0]["id"] == id);
      if (answers[0].contains("error")) {
        int code = answers[0]["error"]["code"];
        RC_ASSERT(code == -32602 || code == -32803);
      }
    }
  };
  EXPECT_TRUE(rc::check("any buffer, any position", any_buffer_any_position));
  fs::remove_all(folder);
}

}  // namespace
}  // namespace regla::language_server
