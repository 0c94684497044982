// The Simulator's lane for events at the current time (simulator.h): with
// fast-forward on, an event for now() with tie key 0 waits in a FIFO beside
// the heap and must run exactly where the heap would have popped it.
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

}  // namespace
}  // namespace twsim
