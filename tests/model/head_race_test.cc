// A task_work_add racing the cancel's cmpxchg on the head link
// (docs/kernel-facts.md §1.3): the walk reloads the head and walks the nodes pushed meanwhile.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

#include "sim/model/teardown.h"
#include "tests/model/model_test_util.h"

namespace twsim {
namespace {

// The submitter alone at t = 0 (the one worker is woken after the cancel),
// new algorithm: one cancel_match_all over 1000 unrelated nodes + 1
// create_work, at 10 ns a node, with pushes at 10^8 per second.
ScenarioConfig one_walk(CreateLayout layout) {
  ScenarioConfig s = hand_worked_scenario(1);
  s.io_wq.pending_create = 1;
  s.io_wq.exit = ExitKind::kThread;
  s.task_work.create_layout = layout;
  s.task_work.add_rate_hz = 1e8;
  return s;
}

std::int64_t first_walk_nodes(const ScenarioConfig& s, int rep) {
  const RunDetail d = simulate_teardown_detailed(s, Algorithm::kNew, 3, rep);
  for (const LockCall& c : d.lock_calls) {
    if (c.site == CallSite::kCancelMatchAll) return c.nodes;
  }
  ADD_FAILURE() << "no task_work_cancel_match_all";
  return -1;
}

TEST(HeadRaceTest, CreateWorkAtTheHeadIsRewalkedByThePushesOfOneNodeVisit) {
  // The create_work is the head: pushes during the first node visit (10 ns
  // at 10^8/s: Poisson with mean 1) make the cmpxchg fail and are walked too,
  // so the walk visits 1001 + N nodes with N ~ Poisson(1).
  const ScenarioConfig s = one_walk(CreateLayout::kNewest);
  const int reps = 4000;
  double sum = 0, sum_sq = 0;
  for (int rep = 0; rep < reps; ++rep) {
    const double extra = static_cast<double>(first_walk_nodes(s, rep) - 1001);
    ASSERT_GE(extra, 0);
    sum += extra;
    sum_sq += extra * extra;
  }
  const double mean = sum / reps, var = sum_sq / reps - mean * mean;
  const double se = std::sqrt(1.0 / reps);  // Poisson(1): variance 1
  EXPECT_NEAR(mean, 1.0, 4 * se);
  EXPECT_NEAR(var, 1.0, 0.1);  // a Poisson count: variance = mean
}

TEST(HeadRaceTest, CreateWorkBehindTheHeadNeverRaces) {
  // Oldest layout: the create_work is the 1001st node, its unlink is on a
  // `next` field no one else writes, and no push came before t = 0.
  const ScenarioConfig s = one_walk(CreateLayout::kOldest);
  for (int rep = 0; rep < 200; ++rep) EXPECT_EQ(first_walk_nodes(s, rep), 1001);
}

}  // namespace
}  // namespace twsim
