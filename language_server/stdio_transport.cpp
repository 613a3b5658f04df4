#include "language_server/stdio_transport.hpp"

#include "language_server/framing.hpp"

namespace regla::language_server {

int serve_stream(LanguageServer& server, std::istream& in, std::ostream& out) {
  while (true) {
    Frame frame = read_frame(in);
    if (frame.kind == Frame::Kind::end || frame.kind == Frame::Kind::cut_off) return 1;
    std::vector<nlohmann::json> answers;
    if (frame.kind != Frame::Kind::message) {
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
      if (!write_frame(out, answer.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)))
        return 1;
    if (server.exited()) return server.exit_code();
  }
}

}  // namespace regla::language_server
