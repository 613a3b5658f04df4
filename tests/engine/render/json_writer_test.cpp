#include "engine/render/json_writer.hpp"

#include <gtest/gtest.h>

namespace regla {
namespace {

std::string written(std::string_view text) {
  std::string out;
  JsonWriter(out).string(text);
  return out;
}

TEST(JsonWriter, CopiesPlainTextWhole) {
  EXPECT_EQ(written(""), "\"\"");
  EXPECT_EQ(written("H00000001-01"), "\"H00000001-01\"");
  EXPECT_EQ(written("Ñuñoa, Áncash"), "\"Ñuñoa, Áncash\"");  // UTF-8 passes through
}

TEST(JsonWriter, EscapesQuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(written("say \"no\""), R"("say \"no\"")");
  EXPECT_EQ(written("a\\b"), R"("a\\b")");
  EXPECT_EQ(written(std::string_view("\x01x\n\x1f", 4)), R"("\u0001x\u000a\u001f")");
  EXPECT_EQ(written("\"\"\\"), R"("\"\"\\")");
  EXPECT_EQ(written(std::string_view("end\0", 4)), R"("end\u0000")");
}

}  // namespace
}  // namespace regla
