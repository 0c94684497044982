// RingQueue (sim/core/ring_queue.h) against std::deque, the queue it
// replaces: the same pushes and pops leave the same elements in the same
// order, across growth and wrap-around, with move-only elements too.
#include "sim/core/ring_queue.h"

#include <gtest/gtest.h>

#include <deque>
#include <memory>

#include "sim/core/random.h"

namespace twsim {
namespace {

TEST(RingQueueTest, FollowsADequeThroughRandomPushesAndPops) {
  RingQueue<int> ring;
  std::deque<int> deque;
  RandomStream rng(11, 0, "ring_queue_test");
  for (int step = 0; step < 100'000; ++step) {
    // Mostly pushes for a while, then mostly pops: it grows, wraps and drains.
    const bool push = deque.empty() || rng.below(100) < (step % 20'000 < 10'000 ? 70u : 30u);
    if (push) {
      ring.push_back(step);
      deque.push_back(step);
    } else {
      ASSERT_EQ(ring.front(), deque.front()) << "step " << step;
      ring.pop_front();
      deque.pop_front();
    }
    ASSERT_EQ(ring.size(), deque.size());
  }
  for (std::size_t i = 0; i < deque.size(); ++i) ASSERT_EQ(ring[i], deque[i]) << i;
}

TEST(RingQueueTest, HoldsMoveOnlyElements) {
  RingQueue<std::unique_ptr<int>> ring;
  for (int i = 0; i < 40; ++i) ring.push_back(std::make_unique<int>(i));  // grows twice
  for (int i = 0; i < 40; ++i) {
    ASSERT_EQ(*ring.front(), i);
    ring.pop_front();
  }
  EXPECT_TRUE(ring.empty());
}

}  // namespace
}  // namespace twsim
