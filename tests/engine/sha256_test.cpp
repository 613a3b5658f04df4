// SHA-256 against the FIPS 180-4 example vectors.
#include "engine/sha256.hpp"

#include <gtest/gtest.h>

namespace regla {
namespace {

std::string digest(const std::string& text) {
  Sha256 sha;
  sha.update(text);
  return sha.hex_digest();
}

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(digest(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(digest("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(digest(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, SplittingTheInputDoesNotChangeTheDigest) {
  Sha256 sha;
  sha.update("abcdbcdecdefdefgefghfghighij");
  sha.update("hijkijkljklmklmnlmnomnopnopq");
  EXPECT_EQ(sha.hex_digest(), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

}  // namespace
}  // namespace regla
