// Spelling suggestions (sim/io/spelling.h), as the command line and the
// config reader use them.
#include "sim/io/spelling.h"

#include <gtest/gtest.h>

#include <string_view>
#include <vector>

namespace twsim {
namespace {

TEST(EditDistanceTest, CountsEditsAndAdjacentSwaps) {
  EXPECT_EQ(edit_distance("run", "run"), 0);
  EXPECT_EQ(edit_distance("rnu", "run"), 1);  // one swap
  EXPECT_EQ(edit_distance("valdate", "validate"), 1);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3);
  EXPECT_EQ(edit_distance("", "help"), 4);
}

TEST(EditDistanceTest, IgnoringCaseMakesCaseFree) {
  EXPECT_EQ(edit_distance("Full", "full"), 1);
  EXPECT_EQ(edit_distance("Full", "full", LetterCase::kIgnore), 0);
  EXPECT_EQ(edit_distance("FLUL", "full", LetterCase::kIgnore), 1);  // one swap
}

TEST(EditDistanceTest, ClosestMatchWithinTwoEdits) {
  // As `twsim rnu` uses it: two edits, case exact.
  const std::vector<std::string_view> names{"run", "validate", "help"};
  const auto closest = [&](std::string_view word) {
    return closest_within(word, names, 2, LetterCase::kExact);
  };
  EXPECT_EQ(closest("rnu"), "run");
  EXPECT_EQ(closest("hlep"), "help");
  EXPECT_EQ(closest("validat"), "validate");
  EXPECT_EQ(closest("frobnicate"), "");
  EXPECT_EQ(closest("x"), "");  // more than two edits from every name
  EXPECT_EQ(closest("RUN"), "");
}

TEST(EditDistanceTest, ClosestSpellingAllowsOneEditInShortWords) {
  const std::vector<std::string_view> words{"none", "voluntary", "full", "lazy"};
  EXPECT_EQ(closest_spelling("ful", words), "full");
  EXPECT_EQ(closest_spelling("Full", words), "full");
  EXPECT_EQ(closest_spelling("fl", words), "");                 // two edits in a short word
  EXPECT_EQ(closest_spelling("volantry", words), "voluntary");  // two edits
}

}  // namespace
}  // namespace twsim
