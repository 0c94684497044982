// The Simulator's lanes (simulator.h): with fast-forward on, an event with
// tie key 0 for now(), or a lane's delay ahead, waits in a FIFO beside the
// heap and must run exactly where the heap would have popped it.
#include "sim/core/simulator.h"

#include <gtest/gtest.h>

#include <string>

#include "sim/core/fast_forward.h"

namespace twsim {
namespace {

// Given, pushed at t=0: A for t=5 (key 0), K for t=5 (key 7), a reserved
// push-order number R; then A, when it runs at t=5, pushes L1 (after 0), R
// for t=5 with its reserved number, L2 (at 5) and M for t=6. The heap's order
// (time, key, push order): A, R (reserved before L1), L1, L2, then K (key 7),
// then M. L1 pushes L3 for now: it goes after L2 (pushed earlier), before K.
std::string order_of_events(bool lane) {
  const bool was = fast_forward_enabled();
  set_fast_forward(lane);
  Simulator sim;
  set_fast_forward(was);
  std::string order;
  const auto mark = [&order](char c) { return [&order, c] { order += c; }; };
  const std::uint64_t r = sim.reserve_seqs(1);
  sim.at(5, [&] {
    order += 'A';
    sim.after(0, [&] {
      order += '1';
      sim.after(0, mark('3'));
    });
    sim.at_reserved(5, mark('R'), r);
    sim.at(5, mark('2'));
    sim.at(6, mark('M'));
  });
  sim.at(5, mark('K'), 7);
  sim.run_until(10);
  EXPECT_EQ(sim.events_run(), 7u);
  return order;
}

TEST(SimulatorTest, EventsForNowRunWhereTheHeapWouldPopThem) {
  EXPECT_EQ(order_of_events(false), "AR123KM");
  EXPECT_EQ(order_of_events(true), "AR123KM");
}

// Delay lanes: with a lane for 3 ns, pushed at t=0: X after 3, Y at 3 (also
// 3 ahead, so the same lane), Z at 3 with key 5, W at 2. W (t=2) pushes P
// after 3, Q at 5 (3 ahead) and S at 4; X (t=3) pushes T after 3 and U for
// now. The heap's order (time, key, push order): W; X, Y, U (pushed later,
// key 0), Z (key 5); S; P, Q; T.
std::string order_with_a_delay_lane(bool lane) {
  const bool was = fast_forward_enabled();
  set_fast_forward(lane);
  Simulator sim;
  set_fast_forward(was);
  sim.add_delay_lane(3);
  std::string order;
  const auto mark = [&order](char c) { return [&order, c] { order += c; }; };
  sim.after(3, [&] {
    order += 'X';
    sim.after(3, mark('T'));
    sim.after(0, mark('U'));
  });
  sim.at(3, mark('Y'));
  sim.at(3, mark('Z'), 5);
  sim.at(2, [&] {
    order += 'W';
    sim.after(3, mark('P'));
    sim.at(5, mark('Q'));
    sim.at(4, mark('S'));
  });
  EXPECT_EQ(sim.pending(), 4u);
  EXPECT_EQ(sim.next_event_time(), 2);
  sim.run_until(5);  // stops before T (t=6)
  EXPECT_EQ(sim.next_event_time(), 6);
  sim.run_until(10);
  EXPECT_EQ(sim.events_run(), 9u);
  EXPECT_EQ(sim.pending(), 0u);
  return order;
}

TEST(SimulatorTest, EventsInADelayLaneRunWhereTheHeapWouldPopThem) {
  EXPECT_EQ(order_with_a_delay_lane(false), "WXYUZSPQT");
  EXPECT_EQ(order_with_a_delay_lane(true), "WXYUZSPQT");
}

}  // namespace
}  // namespace twsim
