// SHA-256 (FIPS 180-4), to name a rule set by its exact content: the `rules` hash in every output.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace regla {

class Sha256 {
 public:
  Sha256();
  void update(std::string_view data);
  // The digest as 64 lowercase hex digits; the object must not be updated afterwards.
  std::string hex_digest();

 private:
  void compress(const unsigned char* block);
  std::array<std::uint32_t, 8> state_;
  unsigned char buffer_[64];
  std::size_t buffered_ = 0;
  std::uint64_t length_ = 0;
};

}  // namespace regla
