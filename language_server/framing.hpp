// The transport of the Language Server Protocol over a byte stream: each message is a header
// (`Content-Length: N`, then an empty line, lines ended by CRLF) and N bytes of JSON.
#pragma once

#include <cstddef>
#include <istream>
#include <ostream>
#include <string>

namespace regla::language_server {

// A body longer than this is read past, not kept (no editor sends rule files that long).
constexpr std::size_t max_message_bytes = 64 * 1024 * 1024;

struct Frame {
  enum class Kind {
    message,     // `body` holds the message's bytes
    bad_header,  // the header had no usable Content-Length (`problem` says why); its body, if
                 // any, cannot be found and is read as the next header
    too_long,    // the body was read past (`problem` says how long it was)
    end,         // the stream ended between messages
    cut_off,     // the stream ended inside a message
  };
  Kind kind = Kind::end;
  std::string body;
  std::string problem;
};

Frame read_frame(std::istream& in);
// False when the stream could not take it (the editor is gone).
bool write_frame(std::ostream& out, const std::string& body);

}  // namespace regla::language_server
