// The submitter's task->task_works list, kept implicitly (docs/kernel-facts.md §1.1,
// §2.8): `unrelated` nodes that match nothing (SEND_FD msg->tw, ...) plus one
// create_work node per worker whose create_state bit 0 is set. Only the depths
// of the create_work nodes are stored, in a Fenwick tree of removals, so every
// operation costs O(log pending_create) whatever the list length: there is
// never one object per node.
//
// Depth 1 is the head (the newest node, since task_work_add pushes at the head
// and the list is LIFO). Walking to the node at depth k visits k nodes; a walk
// that finds nothing visits length() nodes (there is no work_exited sentinel
// yet: io_uring_files_cancel runs before exit_signals sets PF_EXITING,
// docs/kernel-facts.md §1.6).
#ifndef TWSIM_MODEL_TASK_WORK_LIST_H_
#define TWSIM_MODEL_TASK_WORK_LIST_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "sim/core/random.h"
#include "sim/scenario/config.h"

namespace twsim {

class TaskWorkList {
 public:
  // The worker owning each create_work node, listed head to tail, and the
  // depth of each at t = 0.
  struct Layout {
    std::int64_t unrelated = 0;
    std::vector<int> owner;           // owner[i]: worker id of the i-th create_work from the head
    std::vector<std::int64_t> depth;  // strictly increasing, in [1, unrelated + owner.size()]
  };

  // Places `pending_workers.size()` create_work nodes among `unrelated` others.
  // uniform: a uniformly random set of depths (Floyd's sampling);
  // newest: the first depths (queued after every unrelated node);
  // oldest: the last depths (queued before every unrelated node, the case
  // docs/kernel-facts.md rule 7 describes: create_work sits deep, behind newer SEND_FDs).
  // The worker-to-node assignment is shuffled with `rng`.
  static Layout make_layout(std::int64_t unrelated, CreateLayout layout,
                            std::vector<int> pending_workers, RandomStream& rng);

  // Adds create_work nodes at the head of `layout` (the newest pushes), owned
  // by `owners` listed head first; every node already there gets deeper.
  static void push_creates_at_head(Layout* layout, const std::vector<int>& owners);

  explicit TaskWorkList(Layout layout);

  struct Match {
    int node;            // index into the layout (0 = shallowest create_work at t = 0)
    int owner;           // worker id
    std::int64_t depth;  // current depth: the nodes a walk from the head visits to reach it
  };

  std::int64_t length() const;
  int pending_create() const { return static_cast<int>(owner_.size()) - removed_total_; }

  // The shallowest create_work still queued (io_task_work_match matches any).
  std::optional<Match> first_create() const;
  // Worker `owner`'s create_work, if still queued (io_task_worker_match).
  std::optional<Match> create_of(int owner) const;
  // Every create_work still queued, head to tail.
  std::vector<Match> all_creates() const;

  // Unlinks a create_work node. REQUIRES: still queued.
  void remove(int node);
  // task_work_run's detach (a cmpxchg of the head to NULL, docs/kernel-facts.md §1.4
  // step 1): the whole list, `nodes` long, leaves at once; the create_works
  // in it are listed head first with their depths. Later pushes start a new
  // list.
  struct Detached {
    std::int64_t nodes;
    std::vector<Match> creates;
  };
  Detached detach_all();
  // task_work_add pushes at the head (lock-free): every queued node gets deeper.
  void push_head(std::int64_t n) { pushed_ += n; }
  std::int64_t pushed() const { return pushed_; }
  std::int64_t removed() const { return removed_total_; }

 private:
  std::int64_t removed_before(int node) const;  // removed nodes with index < node
  std::int64_t depth_of(int node) const;

  std::int64_t unrelated_;
  std::vector<int> owner_;
  std::vector<std::int64_t> depth0_;
  std::vector<int> node_of_owner_;  // owner id -> node index, or -1; sized to max owner + 1
  std::vector<char> removed_;
  std::vector<int> fenwick_;  // removal counts, 1-based
  int removed_total_ = 0;
  int first_live_ = 0;  // every node below this index is removed
  std::int64_t pushed_ = 0;
  std::int64_t detached_ = 0;  // unrelated and pushed nodes taken by detach_all
};

}  // namespace twsim

#endif  // TWSIM_MODEL_TASK_WORK_LIST_H_
