// A queue in arrival order from which the k-th element (0 = the oldest) is
// taken in O(log n): the test-and-set lock's random winner (pi_lock.h,
// virt_spin_lock: any spinner's cmpxchg may win). It takes exactly the element
// std::deque's erase(begin() + k) would, so the same random draw picks the
// same waiter; it only avoids the deque's O(n) erase per grant.
//
// Elements sit in slots in arrival order; a Fenwick tree counts the live ones
// so that the k-th live slot is found by descending the tree. When the slots
// run out the live ones are packed to the front (amortised O(1) per push).
#ifndef TWSIM_MODEL_RANKED_QUEUE_H_
#define TWSIM_MODEL_RANKED_QUEUE_H_

#include <algorithm>
#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

namespace twsim {

template <typename T>
class RankedQueue {
 public:
  std::size_t size() const { return live_; }
  bool empty() const { return live_ == 0; }

  void push_back(T value) {
    if (slots_.size() == capacity_) repack();
    slots_.emplace_back(std::move(value));
    add(slots_.size() - 1, +1);
    ++live_;
  }

  // Removes and returns the k-th oldest element. REQUIRES: k < size().
  T take(std::size_t k) {
    const std::size_t slot = find(k);
    T value = std::move(*slots_[slot]);
    slots_[slot].reset();
    add(slot, -1);
    --live_;
    return value;
  }

 private:
  // Fenwick tree (1-based in tree_): tree_[i] counts live slots (i - lowbit(i), i].
  void add(std::size_t slot, int delta) {
    for (std::size_t i = slot + 1; i <= capacity_; i += i & (~i + 1)) tree_[i] += delta;
  }
  // The slot of the k-th live element: the largest prefix holding <= k live
  // ones ends just before it.
  std::size_t find(std::size_t k) const {
    std::size_t pos = 0;
    std::size_t remaining = k;
    for (std::size_t step = top_bit_; step > 0; step >>= 1) {
      const std::size_t next = pos + step;
      if (next <= capacity_ && static_cast<std::size_t>(tree_[next]) <= remaining) {
        pos = next;
        remaining -= static_cast<std::size_t>(tree_[next]);
      }
    }
    return pos;  // 0-based slot = 1-based position pos + 1
  }
  // Packs the live elements to the front, in order, and doubles the room.
  void repack() {
    std::vector<std::optional<T>> packed;
    capacity_ = std::max<std::size_t>(16, 2 * (live_ + 1));
    packed.reserve(capacity_);
    for (std::optional<T>& s : slots_) {
      if (s) packed.emplace_back(std::move(*s));
    }
    slots_ = std::move(packed);
    tree_.assign(capacity_ + 1, 0);
    // O(n) build: each node passes its count to its parent, up to the root
    // (so past the last live slot too).
    for (std::size_t i = 1; i <= capacity_; ++i) {
      if (i <= slots_.size()) tree_[i] += 1;
      const std::size_t parent = i + (i & (~i + 1));
      if (parent <= capacity_) tree_[parent] += tree_[i];
    }
    top_bit_ = 1;
    while (top_bit_ * 2 <= capacity_) top_bit_ *= 2;
  }

  std::vector<std::optional<T>> slots_;
  std::vector<int> tree_{0};
  std::size_t capacity_ = 0;
  std::size_t top_bit_ = 0;
  std::size_t live_ = 0;
};

}  // namespace twsim

#endif  // TWSIM_MODEL_RANKED_QUEUE_H_
