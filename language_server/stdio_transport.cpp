// The language server on a byte stream (the editor's pipe to `regla lsp`): frames in, the core's
// answers framed out.
#include "language_server/framing.hpp"
#include "language_server/language_server.hpp"
#include "regla/language_server.hpp"

namespace regla {

int serve_language_server(std::istream& in, std::ostream& out, const std::string& version) {
  language_server::LanguageServer server(version);
  while (true) {
    language_server::Frame frame = language_server::read_frame(in);
    using Kind = language_server::Frame::Kind;
    if (frame.kind == Kind::end || frame.kind == Kind::cut_off) return 1;
    std::vector<nlohmann::json> answers;
    if (frame.kind != Kind::message) {
      answers.push_back(server.unreadable(frame.problem));
    } else {
      nlohmann::json message = nlohmann::json::parse(frame.body, nullptr, false);
      if (message.is_discarded()) {
        answers.push_back(server.unreadable("the message is not JSON"));
      } else {
        answers = server.handle(message);
      }
    }
    for (const nlohmann::json& answer : answers)
      // Text from rule files that is not UTF-8 is sent with U+FFFD in its place.
      if (!language_server::write_frame(
              out, answer.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)))
        return 1;
    if (server.exited()) return server.exit_code();
  }
}

}  // namespace regla
