// The Content-Length framing of the transport: messages, and every way a frame can be wrong.
#include "language_server/framing.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace regla::language_server {
namespace {

TEST(Framing, MessagesFollowOneAnother) {
  std::istringstream in(
      "Content-Length: 2\r\n\r\n{}content-length:3\r\nContent-Type: x\r\n\r\n[1]");
  Frame first = read_frame(in);
  EXPECT_EQ(first.kind, Frame::Kind::message);
  EXPECT_EQ(first.body, "{}");
  Frame second = read_frame(in);
  EXPECT_EQ(second.kind, Frame::Kind::message);
  EXPECT_EQ(second.body, "[1]");
  EXPECT_EQ(read_frame(in).kind, Frame::Kind::end);
}

TEST(Framing, AHeaderWithoutALengthIsABadHeader) {
  std::istringstream in(
      "Content-Type: x\r\n\r\nContent-Length: nine\r\n\r\nContent-Length: 2\r\n\r\n{}");
  Frame no_length = read_frame(in);
  EXPECT_EQ(no_length.kind, Frame::Kind::bad_header);
  EXPECT_EQ(no_length.problem, "the message header has no Content-Length");
  Frame not_a_number = read_frame(in);
  EXPECT_EQ(not_a_number.kind, Frame::Kind::bad_header);
  EXPECT_EQ(not_a_number.problem, "Content-Length is not a number of bytes: 'nine'");
  EXPECT_EQ(read_frame(in).body, "{}");
}

TEST(Framing, ABodyCutOffOrAHeaderCutOffEndsTheStream) {
  std::istringstream body("Content-Length: 10\r\n\r\n{}");
  EXPECT_EQ(read_frame(body).kind, Frame::Kind::cut_off);
  std::istringstream header("Content-Len");
  EXPECT_EQ(read_frame(header).kind, Frame::Kind::cut_off);
}

TEST(Framing, ATooLongBodyIsReadPast) {
  std::string huge(max_message_bytes + 1, 'x');
  std::istringstream in("Content-Length: " + std::to_string(huge.size()) + "\r\n\r\n" + huge +
                        "Content-Length: 2\r\n\r\n{}");
  EXPECT_EQ(read_frame(in).kind, Frame::Kind::too_long);
  EXPECT_EQ(read_frame(in).body, "{}");
}

TEST(Framing, WrittenFramesAreReadBack) {
  std::stringstream stream;
  ASSERT_TRUE(write_frame(stream, "{\"a\":\"ñ\"}"));
  EXPECT_EQ(stream.str(), "Content-Length: 10\r\n\r\n{\"a\":\"ñ\"}");
  EXPECT_EQ(read_frame(stream).body, "{\"a\":\"ñ\"}");
}

}  // namespace
}  // namespace regla::language_server
