// RankedQueue (sim/model/ranked_queue.h) against std::deque's erase: the same
// k takes the same element, through every repack, over a seeded random mix of
// pushes and takes (the tas lock's pattern: arrivals while a random waiter
// is granted).
#include "sim/model/ranked_queue.h"

#include <gtest/gtest.h>

#include <deque>
#include <random>

namespace twsim {
namespace {

TEST(RankedQueueTest, TakesWhatDequeEraseTakes) {
  std::mt19937_64 rng(7);
  RankedQueue<int> queue;
  std::deque<int> reference;
  int next = 0;
  for (int step = 0; step < 200'000; ++step) {
    // Grow to a few thousand, drain to empty, grow again: every repack size.
    const bool grow = (step / 20'000) % 2 == 0;
    if (reference.empty() || rng() % 10 < (grow ? 7u : 3u)) {
      queue.push_back(next);
      reference.push_back(next);
      ++next;
    } else {
      const std::size_t k = rng() % reference.size();
      const int expected = reference[k];
      reference.erase(reference.begin() + static_cast<std::ptrdiff_t>(k));
      ASSERT_EQ(queue.take(k), expected) << "step " << step;
    }
    ASSERT_EQ(queue.size(), reference.size());
  }
}

// Hand-worked: push 10, 11, 12, 13; take(2) is 12, then take(0) is 10, then
// take(1) is 13, then take(0) is 11.
TEST(RankedQueueTest, HandWorkedOrder) {
  RankedQueue<int> q;
  for (int v : {10, 11, 12, 13}) q.push_back(v);
  EXPECT_EQ(q.take(2), 12);
  EXPECT_EQ(q.take(0), 10);
  EXPECT_EQ(q.take(1), 13);
  EXPECT_EQ(q.take(0), 11);
  EXPECT_TRUE(q.empty());
}

}  // namespace
}  // namespace twsim
