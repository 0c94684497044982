// word_checksum64 (sim/core/word_checksum.h): the point files' checksum.
#include "sim/core/word_checksum.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace twsim {
namespace {

TEST(WordChecksumTest, MatchesTheDefinitionComputedElsewhere) {
  // Under 8 bytes it is FNV-1a 64 (published value for "a"); the others were
  // computed by a separate Python implementation of the header's definition.
  EXPECT_EQ(word_checksum64(""), 0xcbf29ce484222325ull);
  EXPECT_EQ(word_checksum64("a"), 0xaf63dc4c8601ec8cull);
  EXPECT_EQ(word_checksum64("twsim-po"), 0xdb67fe5e9a55bbfdull);
  EXPECT_EQ(word_checksum64("twsim-point/7"), 0xb411355f18834e14ull);
  EXPECT_EQ(word_checksum64(R"({"format":"twsim-point/7"})"), 0xff695f5f08a33769ull);
}

TEST(WordChecksumTest, EverySingleBitFlipChangesIt) {
  // Each of the 2,088 bits of a 261-byte text (32 words and a 5-byte tail),
  // flipped alone, gives its own checksum: the top bits of a word too, which
  // a multiply alone would carry only upwards.
  std::string text;
  for (int i = 0; i < 261; ++i) text.push_back(static_cast<char>('!' + i % 90));
  std::set<std::uint64_t> seen{word_checksum64(text)};
  for (std::size_t byte = 0; byte < text.size(); ++byte) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string flipped = text;
      flipped[byte] = static_cast<char>(flipped[byte] ^ (1 << bit));
      seen.insert(word_checksum64(flipped));
    }
  }
  EXPECT_EQ(seen.size(), 1 + 261u * 8);
}

}  // namespace
}  // namespace twsim
