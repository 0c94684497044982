// The submitter's task_work list as the teardown's walkers meet it: one
// component finds, races the head, prices, unlinks and counts, for every
// kind of walk (kernel/task_work.c):
//  - task_work_cancel_match: from the head to the first node a match accepts,
//    unlinking it (io_task_work_match: any create_work of the wq, or
//    io_task_worker_match: one worker's); a walk that finds none visits the
//    whole list;
//  - task_work_cancel_match_all (the fix): one walk to the end, unlinking
//    every create_work;
//  - task_work_run's detach: the whole list leaves at once, lock-free.
// Both cancel functions test task_work_pending() first and return without
// taking pi_lock when the list is empty (docs/kernel-facts.md C3): pending().
//
// task_work_add pushes (SEND_FD msg->tw and the like, at add_rate_hz) land at
// the head lock-free (docs/kernel-facts.md §1.2), so a walk that starts now meets
// exactly those made before now. The count over an interval is Poisson, drawn
// in one step when a walker next looks: the cost does not grow with the rate.
//
// A walk is priced with the list as it stood while walked: before its unlinks
// (walk_cost.h picks the cache level from the length).
#ifndef TWSIM_MODEL_LIST_WALK_H_
#define TWSIM_MODEL_LIST_WALK_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "sim/core/random.h"
#include "sim/core/time.h"
#include "sim/model/model_faults.h"
#include "sim/model/task_work_list.h"
#include "sim/model/walk_cost.h"
#include "sim/scenario/config.h"

namespace twsim {

class ListWalk {
 public:
  // Matches any create_work of the wq (io_task_work_match).
  static constexpr int kAnyCreate = -1;

  ListWalk(TaskWorkList list, const ScenarioConfig& config, RandomStream pushes,
           ModelFaults faults = {});

  // What one walk under pi_lock did.
  struct Result {
    Ns hold_ns = 0;             // walk and unlinks
    std::int64_t visited = 0;   // nodes visited
    std::vector<int> unlinked;  // owners of the create_works unlinked, head first
  };

  // task_work_pending(task) at `now`: the list holds at least one node.
  bool pending(Ns now);
  // task_work_cancel_match from `now`: the first create_work of `owner`
  // (kAnyCreate: of any owner).
  Result cancel_match(int owner, Ns now);
  // task_work_cancel_match_all from `now`.
  Result cancel_match_all(Ns now);
  // task_work_run's detach at `now`.
  TaskWorkList::Detached detach_all(Ns now);
  // Links the pushes made before `now` (every walk does this first).
  void catch_up(Ns now) { push_until(now); }

  const TaskWorkList& list() const { return list_; }
  // The hold of a walk that starts now and finds nothing (the whole list),
  // once the pushes made before now are linked.
  Ns full_walk_ns() const { return price(list_.length()); }
  // The counts node conservation is checked with: present + cancelled + run
  // = initial + pushed.
  std::int64_t initial_nodes() const { return initial_; }
  std::int64_t nodes_pushed() const { return pushed_; }
  std::int64_t nodes_cancelled() const { return cancelled_; }
  std::int64_t nodes_run() const { return run_; }
  std::int64_t nodes_visited() const { return visited_; }

 private:
  std::optional<TaskWorkList::Match> find(int owner) const;
  // The unlink of a match at depth 1 is a cmpxchg on the head pointer itself,
  // which fails if task_work_add pushed while the walker read that node; the
  // walk then reloads the head and walks the new nodes before reaching the
  // match again (docs/kernel-facts.md §1.3). Links the pushes made in that window (one
  // node visit) now, so the match's depth grows by their number; returns
  // whether any came. Only the head link can race: pi_lock excludes every
  // other writer.
  bool race_head(const TaskWorkList::Match& match, Ns now);
  // Draws the pushes made up to `until` (>= the last draw) and links them.
  void push_until(Ns until);
  Ns price(std::int64_t visited) const { return cost_.walk_ns(visited, list_.length()); }
  void unlink(const TaskWorkList::Match& match, Result* r);

  TaskWorkList list_;
  WalkCost cost_;
  std::int64_t unlink_ns_;
  double add_rate_hz_;
  RandomStream pushes_stream_;
  ModelFaults faults_;
  Ns pushes_until_ = 0;
  std::int64_t initial_ = 0;
  std::int64_t pushed_ = 0;
  std::int64_t cancelled_ = 0;
  std::int64_t run_ = 0;
  std::int64_t visited_ = 0;
};

}  // namespace twsim

#endif  // TWSIM_MODEL_LIST_WALK_H_
