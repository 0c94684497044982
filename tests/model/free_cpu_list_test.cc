// FreeCpuList (sim/model/free_cpu_list.h) against the std::vector it replaced
// in CpuPool: the same draws, swaps and appends must leave the same entries in
// the same order, or the placement stream would put threads on other CPUs.
#include "sim/model/free_cpu_list.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <vector>

#include "sim/core/random.h"

namespace twsim {
namespace {

// The vector's own take: entry i out, the last one into its place.
int take_from_vector(std::vector<int>* v, std::size_t i) {
  const int cpu = (*v)[i];
  (*v)[i] = v->back();
  v->pop_back();
  return cpu;
}

TEST(FreeCpuListTest, StartsAsTheBlockInOrder) {
  FreeCpuList list(8, 3);  // CPUs 8, 9, 10
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list.take(0), 8);  // 10 moves into slot 0: 10, 9
  EXPECT_EQ(list.take(1), 9);
  EXPECT_EQ(list.take(0), 10);
  EXPECT_TRUE(list.empty());
}

TEST(FreeCpuListTest, FollowsAVectorThroughRandomTakesAndReleases) {
  // 5,000 CPUs over several pages; takes and releases drawn at random, with
  // the CPUs released in a random order of those taken.
  const int first = 100, count = 5'000;
  FreeCpuList list(first, count);
  std::vector<int> expected;
  for (int c = first; c < first + count; ++c) expected.push_back(c);
  std::vector<int> busy;
  RandomStream rng(7, 0, "free_cpu_list_test");
  for (int step = 0; step < 40'000; ++step) {
    const bool release = !busy.empty() && (expected.empty() || rng.below(2) == 0);
    if (release) {
      const int cpu = take_from_vector(&busy, rng.below(busy.size()));
      expected.push_back(cpu);
      list.push_back(cpu);
    } else {
      const std::size_t i = rng.below(expected.size());
      const int cpu = take_from_vector(&expected, i);
      ASSERT_EQ(list.take(i), cpu) << "step " << step;
      busy.push_back(cpu);
    }
    ASSERT_EQ(list.size(), expected.size());
  }
  // Whatever is left comes out in the vector's order.
  while (!expected.empty()) {
    ASSERT_EQ(list.take(expected.size() - 1), expected.back());
    expected.pop_back();
  }
}

}  // namespace
}  // namespace twsim
