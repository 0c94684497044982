#include "sim/core/event_queue.h"

#include <gtest/gtest.h>

#include <vector>

#include "sim/core/simulator.h"

namespace twsim {
namespace {

TEST(EventQueueTest, PopsInTimeOrder) {
  // Given events pushed out of order, then they pop earliest first.
  EventQueue q;
  std::vector<int> order;
  q.push(30, [&] { order.push_back(3); });
  q.push(10, [&] { order.push_back(1); });
  q.push(20, [&] { order.push_back(2); });
  EventQueue::Callback fn;
  std::vector<Ns> times;
  while (!q.empty()) {
    times.push_back(q.pop(&fn));
    fn();
  }
  EXPECT_EQ(times, (std::vector<Ns>{10, 20, 30}));
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
}

TEST(EventQueueTest, SameTimeEventsPopInInsertionOrder) {
  EventQueue q;
  std::vector<int> order;
  for (int i = 0; i < 100; ++i) q.push(5, [&order, i] { order.push_back(i); });
  EventQueue::Callback fn;
  while (!q.empty()) {
    q.pop(&fn);
    fn();
  }
  for (int i = 0; i < 100; ++i) EXPECT_EQ(order[i], i);
}

TEST(EventQueueTest, TieKeyOrdersSimultaneousEventsBeforeSequence) {
  EventQueue q;
  std::vector<int> order;
  q.push(
      5, [&] { order.push_back(0); }, 9);
  q.push(
      5, [&] { order.push_back(1); }, 2);
  q.push(
      5, [&] { order.push_back(2); }, 5);
  EventQueue::Callback fn;
  while (!q.empty()) {
    q.pop(&fn);
    fn();
  }
  EXPECT_EQ(order, (std::vector<int>{1, 2, 0}));
}

TEST(SimulatorTest, RunUntilStopsAtEndAndCountsEvents) {
  Simulator sim;
  int fired = 0;
  sim.at(10, [&] {
    ++fired;
    sim.after(5, [&] { ++fired; });    // at 15
    sim.after(100, [&] { ++fired; });  // at 110, past the end
  });
  sim.run_until(50);
  EXPECT_EQ(fired, 2);
  EXPECT_EQ(sim.now(), 15);
  EXPECT_EQ(sim.events_run(), 2u);
  EXPECT_EQ(sim.pending(), 1u);
}

}  // namespace
}  // namespace twsim
