#include "sim/model/task_work_list.h"

#include <algorithm>
#include <cassert>
#include <unordered_set>
#include <utility>

namespace twsim {

TaskWorkList::Layout TaskWorkList::make_layout(std::int64_t unrelated, CreateLayout layout,
                                               std::vector<int> pending_workers,
                                               RandomStream& rng) {
  Layout out;
  out.unrelated = unrelated;
  const std::int64_t m = static_cast<std::int64_t>(pending_workers.size());
  const std::int64_t total = unrelated + m;
  out.depth.reserve(m);
  switch (layout) {
    case CreateLayout::kNewest:
      for (std::int64_t i = 1; i <= m; ++i) out.depth.push_back(i);
      break;
    case CreateLayout::kOldest:
      for (std::int64_t i = 1; i <= m; ++i) out.depth.push_back(unrelated + i);
      break;
    case CreateLayout::kUniform: {
      // Floyd's algorithm: m distinct depths in [1, total], O(m) draws.
      std::unordered_set<std::int64_t> chosen;
      for (std::int64_t j = total - m + 1; j <= total; ++j) {
        std::int64_t t = rng.between(1, j);
        if (!chosen.insert(t).second) chosen.insert(j);
      }
      out.depth.assign(chosen.begin(), chosen.end());
      std::sort(out.depth.begin(), out.depth.end());
      break;
    }
  }
  // Fisher-Yates: which pending worker owns which node.
  for (std::size_t i = pending_workers.size(); i > 1; --i) {
    std::swap(pending_workers[i - 1], pending_workers[rng.below(i)]);
  }
  out.owner = std::move(pending_workers);
  return out;
}

void TaskWorkList::push_creates_at_head(Layout* layout, const std::vector<int>& owners) {
  const auto k = static_cast<std::int64_t>(owners.size());
  for (std::int64_t& d : layout->depth) d += k;
  layout->owner.insert(layout->owner.begin(), owners.begin(), owners.end());
  std::vector<std::int64_t> head(owners.size());
  for (std::int64_t i = 0; i < k; ++i) head[i] = i + 1;
  layout->depth.insert(layout->depth.begin(), head.begin(), head.end());
}

TaskWorkList::TaskWorkList(Layout layout)
    : unrelated_(layout.unrelated),
      owner_(std::move(layout.owner)),
      depth0_(std::move(layout.depth)),
      removed_(owner_.size(), 0),
      fenwick_(owner_.size() + 1, 0) {
  int max_owner = -1;
  for (int o : owner_) max_owner = std::max(max_owner, o);
  node_of_owner_.assign(max_owner + 1, -1);
  for (std::size_t i = 0; i < owner_.size(); ++i) node_of_owner_[owner_[i]] = static_cast<int>(i);
}

std::int64_t TaskWorkList::length() const {
  return unrelated_ + static_cast<std::int64_t>(owner_.size()) - removed_total_ + pushed_ -
         detached_;
}

TaskWorkList::Detached TaskWorkList::detach_all() {
  Detached out{length(), all_creates()};
  for (const Match& m : out.creates) remove(m.node);
  detached_ = unrelated_ + pushed_;
  return out;
}

std::int64_t TaskWorkList::removed_before(int node) const {
  std::int64_t sum = 0;
  for (int i = node; i > 0; i -= i & -i) sum += fenwick_[i];
  return sum;
}

std::int64_t TaskWorkList::depth_of(int node) const {
  return depth0_[node] + pushed_ - removed_before(node);
}

std::optional<TaskWorkList::Match> TaskWorkList::first_create() const {
  if (first_live_ >= static_cast<int>(owner_.size())) return std::nullopt;
  return Match{first_live_, owner_[first_live_], depth_of(first_live_)};
}

std::optional<TaskWorkList::Match> TaskWorkList::create_of(int owner) const {
  if (owner < 0 || owner >= static_cast<int>(node_of_owner_.size())) return std::nullopt;
  int node = node_of_owner_[owner];
  if (node < 0 || removed_[node]) return std::nullopt;
  return Match{node, owner, depth_of(node)};
}

std::vector<TaskWorkList::Match> TaskWorkList::all_creates() const {
  std::vector<Match> out;
  std::int64_t removed_so_far = 0;
  for (int i = 0; i < static_cast<int>(owner_.size()); ++i) {
    if (removed_[i]) {
      ++removed_so_far;
      continue;
    }
    out.push_back(Match{i, owner_[i], depth0_[i] + pushed_ - removed_so_far});
  }
  return out;
}

void TaskWorkList::remove(int node) {
  assert(!removed_[node]);
  removed_[node] = 1;
  ++removed_total_;
  for (int i = node + 1; i < static_cast<int>(fenwick_.size()); i += i & -i) ++fenwick_[i];
  while (first_live_ < static_cast<int>(owner_.size()) && removed_[first_live_]) ++first_live_;
}

}  // namespace twsim
