// The message core (language_server/language_server.hpp) message by message, over the demo folder
// written to a temporary folder: the lifecycle, diagnostics over unsaved text, the features, and
// the errors of bad messages.
#include "language_server/language_server.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "language_server/file_uris.hpp"
#include "regla/rules.hpp"
#include "tests/language_server/demo_folder.hpp"

namespace regla::language_server {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class MessageCore : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = fs::temp_directory_path() /
              ("regla-lsp-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
               "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(folder_);
    for (const RuleFile& file : regla::testing::demo_folder())
      std::ofstream(folder_ / file.name, std::ios::binary) << file.text;
  }
  void TearDown() override { fs::remove_all(folder_); }

  std::string uri(const std::string& name) const {
    return uri_of_path((folder_ / name).generic_string());
  }
  std::vector<json> request(const std::string& method, json params) {
    return server_.handle(
        {{"jsonrpc", "2.0"}, {"id", ++id_}, {"method", method}, {"params", std::move(params)}});
  }
  std::vector<json> notify(const std::string& method, json params) {
    return server_.handle({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
  }
  void initialize() {
    ASSERT_EQ(request("initialize", {{"capabilities", json::object()}}).size(), 1u);
    notify("initialized", json::object());
  }
  std::vector<json> open(const std::string& name, const std::string& text) {
    return notify(
        "textDocument/didOpen",
        {{"textDocument",
          {{"uri", uri(name)}, {"languageId", "regla"}, {"version", 1}, {"text", text}}}});
  }
  std::vector<json> change(const std::string& name, const std::string& text) {
    return notify("textDocument/didChange", {{"textDocument", {{"uri", uri(name)}, {"version", 2}}},
                                             {"contentChanges", {{{"text", text}}}}});
  }
  json at(const std::string& name, int line, int character) {
    return {{"textDocument", {{"uri", uri(name)}}},
            {"position", {{"line", line}, {"character", character}}}};
  }
  // The diagnostics of `name` among the messages, or null when none were published for it.
  json diagnostics_of(const std::vector<json>& messages, const std::string& name) {
    for (const json& message : messages)
      if (message.value("method", "") == "textDocument/publishDiagnostics" &&
          message["params"]["uri"] == uri(name))
        return message["params"]["diagnostics"];
    return nullptr;
  }

  fs::path folder_;
  LanguageServer server_{"test"};
  int id_ = 0;
};

TEST_F(MessageCore, InitializeAnnouncesTheFeatures) {
  std::vector<json> answer = request("initialize", {{"capabilities", json::object()}});
  ASSERT_EQ(answer.size(), 1u);
  const json& capabilities = answer[0]["result"]["capabilities"];
  EXPECT_EQ(capabilities["textDocumentSync"]["change"], 1);
  for (const char* provider : {"definitionProvider", "referencesProvider", "hoverProvider",
                               "documentFormattingProvider", "documentSymbolProvider"})
    EXPECT_EQ(capabilities[provider], true) << provider;
  EXPECT_EQ(capabilities["completionProvider"]["triggerCharacters"], json::array({"."}));
  EXPECT_EQ(answer[0]["result"]["serverInfo"]["name"], "regla");
}

TEST_F(MessageCore, RequestsBeforeInitializeAreRefused) {
  std::vector<json> answer = request("textDocument/hover", at("demo.regla", 0, 0));
  ASSERT_EQ(answer.size(), 1u);
  EXPECT_EQ(answer[0]["error"]["code"], -32002);
  EXPECT_EQ(answer[0]["id"], 1);
}

TEST_F(MessageCore, DiagnosticsAreThoseOfRegla_checkForTheWholeFolderOverUnsavedText) {
  initialize();
  std::vector<json> clean = open("demo.regla", regla::testing::demo_program);
  EXPECT_EQ(diagnostics_of(clean, "demo.regla"), json::array());

  std::string broken = regla::testing::demo_program;
  broken.replace(broken.find("person.birth_date"), 17, "person.birthdate");
  std::vector<json> messages = change("demo.regla", broken);
  json diagnostics = diagnostics_of(messages, "demo.regla");
  ASSERT_EQ(diagnostics.size(), 1u);
  // The same problem `regla check` reports of the folder with that text on disk.
  std::ofstream(folder_ / "demo.regla", std::ios::binary) << broken;
  std::vector<Problem> checked = RuleSet::load({folder_.string()}).problems();
  ASSERT_EQ(checked.size(), 1u);
  EXPECT_EQ(diagnostics[0]["code"], checked[0].code);
  EXPECT_EQ(diagnostics[0]["message"], checked[0].message);
  EXPECT_EQ(diagnostics[0]["severity"], 1);
  EXPECT_EQ(
      diagnostics[0]["range"],
      json::parse(R"({"start":{"line":14,"character":21},"end":{"line":14,"character":30}})"));
  ASSERT_EQ(diagnostics[0]["relatedInformation"].size(), checked[0].notes.size());
  EXPECT_EQ(diagnostics[0]["relatedInformation"][0]["location"]["uri"], uri("household.regla"));
  EXPECT_EQ(diagnostics[0]["relatedInformation"][0]["message"], checked[0].notes[0].message);

  // Fixed again: the file's diagnostics are cleared.
  std::vector<json> fixed = change("demo.regla", regla::testing::demo_program);
  EXPECT_EQ(diagnostics_of(fixed, "demo.regla"), json::array());
}

TEST_F(MessageCore, AChangeInOneFileReportsTheProblemsItCausesInAnother) {
  initialize();
  open("demo.regla", regla::testing::demo_program);
  std::string household = regla::testing::demo_household;
  household.replace(household.find("sex:"), 4, "gender:");
  std::vector<json> messages = open("household.regla", household);
  json diagnostics = diagnostics_of(messages, "demo.regla");
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0]["code"], "unknown-field");
  EXPECT_EQ(diagnostics_of(messages, "household.regla"), json::array());
  // Closed unsaved, the file on disk counts again and the problem is gone.
  std::vector<json> closed =
      notify("textDocument/didClose", {{"textDocument", {{"uri", uri("household.regla")}}}});
  EXPECT_EQ(diagnostics_of(closed, "demo.regla"), json::array());
}

TEST_F(MessageCore, DefinitionReferencesHoverAndCompletion) {
  initialize();
  open("demo.regla", regla::testing::demo_program);
  json definition = request("textDocument/definition", at("demo.regla", 14, 23))[0]["result"];
  EXPECT_EQ(definition["uri"], uri("household.regla"));
  EXPECT_EQ(definition["range"]["start"], json::parse(R"({"line":7,"character":2})"));

  json params = at("household.regla", 7, 4);
  params["context"] = {{"includeDeclaration", false}};
  json references = request("textDocument/references", params)[0]["result"];
  ASSERT_EQ(references.size(), 1u);
  EXPECT_EQ(references[0]["uri"], uri("demo.regla"));

  json hover = request("textDocument/hover", at("demo.regla", 14, 37))[0]["result"];
  EXPECT_EQ(hover["contents"]["kind"], "markdown");
  EXPECT_NE(hover["contents"]["value"].get<std::string>().find("- 19 years from 2014-01-01"),
            std::string::npos);

  std::string typing = regla::testing::demo_program;
  typing.replace(typing.find("person.birth_date"), 17, "person.");
  change("demo.regla", typing);
  json items = request("textDocument/completion", at("demo.regla", 14, 21))[0]["result"];
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[1]["label"], "birth_date");
  EXPECT_EQ(items[1]["kind"], 5);
}

TEST_F(MessageCore, FormattingIsRegla_fmtsLayoutAndSymbolsAreTheDeclarations) {
  initialize();
  std::string untidy = regla::testing::demo_program;
  untidy.replace(untidy.find("rule minor"), 10, "rule   minor");
  open("demo.regla", untidy);
  json edits = request("textDocument/formatting",
                       {{"textDocument", {{"uri", uri("demo.regla")}}},
                        {"options", {{"tabSize", 2}, {"insertSpaces", true}}}})[0]["result"];
  ASSERT_EQ(edits.size(), 1u);
  EXPECT_EQ(edits[0]["newText"], format_rules({"demo.regla", untidy}).text);
  EXPECT_EQ(edits[0]["range"]["end"], json::parse(R"({"line":20,"character":0})"));

  change("demo.regla", "program demo\nrule = \n");
  json refused =
      request("textDocument/formatting", {{"textDocument", {{"uri", uri("demo.regla")}}}})[0];
  EXPECT_EQ(refused["error"]["code"], -32803);

  json symbols = request("textDocument/documentSymbol",
                         {{"textDocument", {{"uri", uri("household.regla")}}}})[0]["result"];
  ASSERT_EQ(symbols.size(), 2u);
  EXPECT_EQ(symbols[1]["name"], "member");
  EXPECT_EQ(symbols[1]["children"].size(), 3u);
}

TEST_F(MessageCore, BadMessagesGetJsonRpcErrors) {
  initialize();
  open("demo.regla", regla::testing::demo_program);
  EXPECT_EQ(request("textDocument/rename", at("demo.regla", 0, 0))[0]["error"]["code"], -32601);
  EXPECT_TRUE(notify("$/somethingElse", json::object()).empty());
  EXPECT_EQ(request("textDocument/hover", at("demo.regla", 400, 0))[0]["error"]["code"], -32602);
  EXPECT_EQ(request("textDocument/hover", at("demo.regla", 0, 400))[0]["error"]["code"], -32602);
  EXPECT_EQ(request("textDocument/hover", {{"position", 3}})[0]["error"]["code"], -32602);
  EXPECT_EQ(request("textDocument/hover", at("demo.regla", -1, 0))[0]["error"]["code"], -32602);
  EXPECT_EQ(request("textDocument/hover", at("missing.regla", 0, 0))[0]["error"]["code"], -32602);
  json not_file = at("demo.regla", 0, 0);
  not_file["textDocument"]["uri"] = "untitled:Untitled-1";
  EXPECT_EQ(request("textDocument/definition", not_file)[0]["error"]["code"], -32602);
  EXPECT_EQ(server_.handle(json::array({1, 2}))[0]["error"]["code"], -32600);
  EXPECT_EQ(server_.handle({{"id", 9}, {"method", "shutdown"}})[0]["error"]["code"], -32600);
  EXPECT_EQ(server_.handle({{"jsonrpc", "2.0"}, {"id", 9}, {"method", 4}})[0]["error"]["code"],
            -32600);
  EXPECT_EQ(server_.unreadable("not JSON")["error"]["code"], -32700);
  EXPECT_TRUE(server_.unreadable("not JSON")["id"].is_null());
}

TEST_F(MessageCore, ShutdownThenExit) {
  initialize();
  EXPECT_TRUE(request("shutdown", json::object())[0]["result"].is_null());
  EXPECT_EQ(request("textDocument/hover", at("demo.regla", 0, 0))[0]["error"]["code"], -32600);
  EXPECT_FALSE(server_.exited());
  notify("exit", json::object());
  EXPECT_TRUE(server_.exited());
  EXPECT_EQ(server_.exit_code(), 0);
}

TEST_F(MessageCore, ExitWithoutShutdownIsExitCodeOne) {
  initialize();
  notify("exit", json::object());
  EXPECT_TRUE(server_.exited());
  EXPECT_EQ(server_.exit_code(), 1);
}

}  // namespace
}  // namespace regla::language_server

namespace regla::language_server {
namespace {

TEST_F(MessageCore, ATableLinkedFromOutsideTheFolderIsNotRead) {
  fs::create_directories(folder_ / "data");
  std::ofstream(folder_.parent_path() / (folder_.filename().string() + "-outside.csv"))
      << "code\nsecret\n";
  fs::create_symlink(folder_.parent_path() / (folder_.filename().string() + "-outside.csv"),
                     folder_ / "data" / "codes.csv");
  initialize();
  std::string program = std::string(regla::testing::demo_program) +
                        "\ntable codes\n  file \"data/codes.csv\"\n  key code: text\n"
                        "  en \"codes\"\n  es \"códigos\"\n";
  json diagnostics = diagnostics_of(open("demo.regla", program), "demo.regla");
  // Read, the link's table would check clean; only "never used" would be said of it.
  ASSERT_EQ(diagnostics.size(), 2u) << diagnostics.dump();
  EXPECT_EQ(diagnostics[0]["code"], "unused");
  EXPECT_EQ(diagnostics[1]["code"], "unreadable-file");
  EXPECT_EQ(diagnostics[1]["message"], "cannot read table file 'data/codes.csv'");
  fs::remove(folder_.parent_path() / (folder_.filename().string() + "-outside.csv"));
}

}  // namespace
}  // namespace regla::language_server
