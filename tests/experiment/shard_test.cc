// --shard I/N (sim/experiment/shard.h): what parses, and that the shards of an
// experiment partition its points.
#include "sim/experiment/shard.h"

#include <gtest/gtest.h>

namespace twsim {
namespace {

TEST(ShardTest, ParsesIOverN) {
  const std::optional<Shard> s = parse_shard("3/8");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->index, 3);
  EXPECT_EQ(s->count, 8);
  EXPECT_EQ(s->text(), "3/8");
  EXPECT_TRUE(parse_shard("0/1"));
}

TEST(ShardTest, RejectsEverythingElse) {
  for (const char* bad : {"", "3", "/2", "1/", "2/2", "3/2", "1/0", "0/0", "-1/2", "+1/2", "1/-2",
                          " 1/2", "1/2 ", "1/2/3", "a/2", "1/b", "1.0/2", "99999999999/2"}) {
    EXPECT_FALSE(parse_shard(bad)) << "'" << bad << "'";
  }
}

TEST(ShardTest, ShardsPartitionThePoints) {
  // Given N = 3; then every point is in exactly one shard, round robin.
  for (std::size_t p = 0; p < 10; ++p) {
    int owners = 0;
    for (int i = 0; i < 3; ++i) owners += Shard{i, 3}.includes(p) ? 1 : 0;
    EXPECT_EQ(owners, 1) << p;
    EXPECT_TRUE((Shard{static_cast<int>(p % 3), 3}.includes(p)));
  }
  EXPECT_TRUE(Shard{}.includes(12345));  // the default is the whole experiment
}

}  // namespace
}  // namespace twsim
