#include "sim/model/pi_lock.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <utility>
#include <vector>

namespace twsim {
namespace {

// Keeps each waiter's grant callback alive (a deque: elements never move)
// and hands the lock a LockGrant that runs it.
class Grants {
 public:
  LockGrant add(UniqueFunction<void()> fn) {
    kept_.push_back(std::move(fn));
    return LockGrant{[](void* self) { (*static_cast<UniqueFunction<void()>*>(self))(); },
                     &kept_.back()};
  }

 private:
  std::deque<UniqueFunction<void()>> kept_;
};

// k CPUs reach the free lock at t = 0; each holds it `hold` ns. Returns the
// waits sorted ascending.
std::vector<Ns> waits_of(LockKind kind, int k, Ns hold, Ns handoff, Ns remote,
                         SocketLayout sockets) {
  Simulator sim;
  PiLock lock(&sim, LockConfig{kind, handoff, remote}, sockets, RandomStream(1, 0, "lock"));
  Grants grants;
  std::vector<Ns> waits;
  for (int c = 0; c < k; ++c) {
    sim.at(0, [&, c] {
      lock.acquire(c, grants.add([&, c] {
        waits.push_back(sim.now());
        sim.after(hold, [&, c] { lock.release(c); });
      }));
    });
  }
  sim.run_until(kNever - 1);
  std::sort(waits.begin(), waits.end());
  return waits;
}

TEST(PiLockTest, SimultaneousArrivalsWaitInSteps) {
  // docs/calibration.md §4.3: the j-th of k waits exactly (j - 1)(s + h).
  const Ns s = 1000, h = 100;
  auto w = waits_of(LockKind::kQspinlock, 8, s, h, 250, SocketLayout(8, 1));
  ASSERT_EQ(w.size(), 8u);
  for (int j = 1; j <= 8; ++j) EXPECT_EQ(w[j - 1], (j - 1) * (s + h));
}

TEST(PiLockTest, CrossSocketHandoffCostsTheRemoteLatency) {
  // Two CPUs on different sockets: the second waits s + remote.
  auto w = waits_of(LockKind::kQspinlock, 2, 1000, 100, 250, SocketLayout(2, 2));
  EXPECT_EQ(w[1], 1000 + 250);
}

TEST(PiLockTest, TicketHandoffGrowsWithWaiters) {
  // docs/calibration.md §4.3: the j-th waits (j-1)s + c (j-1)(2k-j)/2; the last
  // (k-1)s + c k(k-1)/2.
  const int k = 6;
  const Ns s = 1000, c = 40;
  auto w = waits_of(LockKind::kTicket, k, s, c, c, SocketLayout(k, 1));
  for (int j = 1; j <= k; ++j) EXPECT_EQ(w[j - 1], (j - 1) * s + c * (j - 1) * (2 * k - j) / 2);
  EXPECT_EQ(w[k - 1], (k - 1) * s + c * k * (k - 1) / 2);
}

TEST(PiLockTest, LockStatCountsContentionsAndTotals) {
  Simulator sim;
  PiLock lock(&sim, LockConfig{LockKind::kQspinlock, 10, 10}, SocketLayout(3, 1),
              RandomStream(1, 0, "lock"));
  Grants grants;
  for (int c = 0; c < 3; ++c) {
    sim.at(0, [&, c] {
      lock.acquire(c, grants.add([&, c] { sim.after(100, [&, c] { lock.release(c); }); }));
    });
  }
  sim.run_until(1'000'000);
  const LockStat& st = lock.stat();
  // Waits 0, 110, 220: two contentions; holds 3 x 100.
  EXPECT_EQ(st.acquisitions, 3);
  EXPECT_EQ(st.contentions, 2);
  EXPECT_EQ(st.wait_min_ns, 110);
  EXPECT_EQ(st.wait_max_ns, 220);
  EXPECT_EQ(st.wait_total_ns, 330);
  EXPECT_EQ(st.hold_total_ns, 300);
  EXPECT_EQ(st.hold_min_ns, 100);
  EXPECT_EQ(st.hold_max_ns, 100);
}

TEST(PiLockTest, TestAndSetServesEveryoneOnce) {
  // Unfair order, but the lock is still work-conserving: the same set of waits.
  auto w = waits_of(LockKind::kTas, 5, 1000, 100, 100, SocketLayout(5, 1));
  for (int j = 1; j <= 5; ++j) EXPECT_EQ(w[j - 1], (j - 1) * 1100);
}

}  // namespace
}  // namespace twsim

namespace twsim {
namespace {

// CPU c calls the lock at arrive[c] and holds it hold[c] ns; returns when
// each got it.
std::vector<Ns> grants_of(LockKind kind, Ns handoff, const std::vector<Ns>& arrive,
                          const std::vector<Ns>& hold, std::int64_t* steals = nullptr) {
  Simulator sim;
  const int k = static_cast<int>(arrive.size());
  PiLock lock(&sim, LockConfig{kind, handoff, handoff}, SocketLayout(k, 1),
              RandomStream(1, 0, "lock"));
  Grants grants;
  std::vector<Ns> granted(k, -1);
  for (int c = 0; c < k; ++c) {
    sim.at(arrive[c], [&, c] {
      lock.acquire(c, grants.add([&, c] {
        granted[c] = sim.now();
        sim.after(hold[c], [&, c] { lock.release(c); });
      }));
    });
  }
  sim.run_until(kNever - 1);
  if (steals) *steals = lock.steals();
  return granted;
}

constexpr Ns kSpunPastThreshold = 2'000'000;  // > kPvSpinThresholdNs (1.31 ms)

TEST(PiLockPvTest, AHaltedWaiterPaysTheKick) {
  // CPU 1 waits 2 ms behind CPU 0, past SPIN_THRESHOLD: it halted, so it gets
  // the lock a handoff plus a kick after the release.
  const auto g = grants_of(LockKind::kPvQspinlock, 100, {0, 0}, {kSpunPastThreshold, 10});
  EXPECT_EQ(g[1], kSpunPastThreshold + 100 + kPvKickNs);
}

TEST(PiLockPvTest, AShortWaitPaysNoKick) {
  const auto g = grants_of(LockKind::kPvQspinlock, 100, {0, 0}, {1000, 10});
  EXPECT_EQ(g[1], 1000 + 100);
}

TEST(PiLockPvTest, AnArrivalDuringTheKickStealsTheLock) {
  // CPU 2 arrives 5 us into CPU 1's kick and takes the free lock at once; it
  // holds 50 us, so the kicked CPU 1 finds the lock taken, stays the head,
  // and (still halted) is kicked again at CPU 2's release.
  const Ns release0 = kSpunPastThreshold, arrive2 = release0 + 5'000;
  std::int64_t steals = 0;
  const auto g = grants_of(LockKind::kPvQspinlock, 100, {0, 0, arrive2},
                           {kSpunPastThreshold, 10, 50'000}, &steals);
  EXPECT_EQ(g[2], arrive2);
  EXPECT_EQ(g[1], arrive2 + 50'000 + 100 + kPvKickNs);
  EXPECT_EQ(steals, 1);
}

TEST(PiLockPvTest, AThiefReleasingDuringTheKickLeavesTheLockToTheKickedHead) {
  // CPU 2 steals 5 us into CPU 1's kick and releases 1 us later; CPU 3,
  // queued behind CPU 1 meanwhile, must not overtake it: CPU 1 gets the lock
  // when its kick ends, and CPU 3 (waited 14.6 us, never halted) a plain
  // handoff after CPU 1's 10 ns hold.
  const Ns release0 = kSpunPastThreshold, arrive2 = release0 + 5'000, arrive3 = arrive2 + 500;
  std::int64_t steals = 0;
  const auto g = grants_of(LockKind::kPvQspinlock, 100, {0, 0, arrive2, arrive3},
                           {kSpunPastThreshold, 10, 1'000, 10}, &steals);
  EXPECT_EQ(g[2], arrive2);
  EXPECT_EQ(g[1], release0 + 100 + kPvKickNs);
  EXPECT_EQ(g[3], release0 + 100 + kPvKickNs + 10 + 100);
  EXPECT_EQ(steals, 1);
}

TEST(PiLockPvTest, QspinlockNeverSteals) {
  // The same arrivals on bare metal: strict FIFO, CPU 2 queues behind CPU 1.
  const Ns arrive2 = kSpunPastThreshold + 50;
  std::int64_t steals = 0;
  const auto g = grants_of(LockKind::kQspinlock, 100, {0, 0, arrive2},
                           {kSpunPastThreshold, 10, 50'000}, &steals);
  EXPECT_EQ(g[1], kSpunPastThreshold + 100);
  EXPECT_EQ(g[2], kSpunPastThreshold + 100 + 10 + 100);
  EXPECT_EQ(steals, 0);
}

}  // namespace
}  // namespace twsim
