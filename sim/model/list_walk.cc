#include "sim/model/list_walk.h"

#include <utility>

#include "sim/core/saturating.h"

namespace twsim {

ListWalk::ListWalk(TaskWorkList list, const ScenarioConfig& config, RandomStream pushes,
                   ModelFaults faults)
    : list_(std::move(list)),
      cost_(config.costs),
      unlink_ns_(config.costs.unlink_ns),
      add_rate_hz_(config.task_work.add_rate_hz),
      pushes_stream_(std::move(pushes)),
      faults_(faults),
      initial_(list_.length()) {}

bool ListWalk::pending(Ns now) {
  push_until(now);
  return list_.length() > 0;
}

std::optional<TaskWorkList::Match> ListWalk::find(int owner) const {
  return owner == kAnyCreate ? list_.first_create() : list_.create_of(owner);
}

ListWalk::Result ListWalk::cancel_match(int owner, Ns now) {
  push_until(now);
  auto match = find(owner);
  if (match && race_head(*match, now)) match = find(owner);
  Result r;
  r.visited = match ? match->depth : list_.length();
  r.hold_ns = price(r.visited);
  if (match) unlink(*match, &r);
  visited_ = add_saturating(visited_, r.visited);
  return r;
}

ListWalk::Result ListWalk::cancel_match_all(Ns now) {
  push_until(now);
  if (const auto first = list_.first_create()) race_head(*first, now);
  Result r;
  r.visited = list_.length();
  r.hold_ns = price(r.visited);
  for (const TaskWorkList::Match& m : list_.all_creates()) unlink(m, &r);
  visited_ = add_saturating(visited_, r.visited);
  return r;
}

TaskWorkList::Detached ListWalk::detach_all(Ns now) {
  push_until(now);
  TaskWorkList::Detached d = list_.detach_all();
  run_ += d.nodes;
  return d;
}

void ListWalk::unlink(const TaskWorkList::Match& match, Result* r) {
  list_.remove(match.node);
  ++cancelled_;
  r->hold_ns += unlink_ns_;
  r->unlinked.push_back(match.owner);
}

bool ListWalk::race_head(const TaskWorkList::Match& match, Ns now) {
  if (match.depth != 1 || add_rate_hz_ <= 0) return false;
  const std::int64_t before = list_.pushed();
  push_until(now + cost_.walk_ns(1, list_.length()));
  return list_.pushed() != before;
}

void ListWalk::push_until(Ns until) {
  if (until <= pushes_until_) return;
  if (add_rate_hz_ > 0) {
    const std::int64_t n =
        pushes_stream_.poisson(add_rate_hz_ * ns_to_seconds(until - pushes_until_));
    pushed_ += n;
    if (!faults_.lose_pushed_nodes) list_.push_head(n);
  }
  pushes_until_ = until;
}

}  // namespace twsim
