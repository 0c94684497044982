// A FIFO queue in one growing circular buffer: push at the back, pop at the
// front, with no allocation once it has grown to its largest size.
// std::deque allocates and frees a block every few elements of a queue that
// fills and drains, as the simulator's lane for events at the current time
// does all run long (110,000 allocations in the phase diagram). Growing
// doubles the buffer, so for a moment it and the old one (half its size)
// coexist: a queue that grows to millions (the CPU pool's waiting threads on
// a million CPUs) is better left a deque. T must be default-constructible and
// move-assignable; a popped element is left moved-from until overwritten.
#ifndef TWSIM_CORE_RING_QUEUE_H_
#define TWSIM_CORE_RING_QUEUE_H_

#include <cassert>
#include <cstddef>
#include <utility>
#include <vector>

namespace twsim {

template <typename T>
class RingQueue {
 public:
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }

  void push_back(T value) {
    if (size_ == slots_.size()) grow();
    slots_[(head_ + size_) & (slots_.size() - 1)] = std::move(value);
    ++size_;
  }
  // REQUIRES: !empty().
  T& front() {
    assert(size_ > 0);
    return slots_[head_];
  }
  const T& front() const {
    assert(size_ > 0);
    return slots_[head_];
  }
  void pop_front() {
    assert(size_ > 0);
    head_ = (head_ + 1) & (slots_.size() - 1);
    --size_;
  }
  // The i-th element from the front. REQUIRES: i < size().
  const T& operator[](std::size_t i) const { return slots_[(head_ + i) & (slots_.size() - 1)]; }

 private:
  // Twice the slots (a power of two), the elements moved to the front.
  void grow() {
    std::vector<T> bigger(slots_.empty() ? 16 : 2 * slots_.size());
    for (std::size_t i = 0; i < size_; ++i) {
      bigger[i] = std::move(slots_[(head_ + i) & (slots_.size() - 1)]);
    }
    slots_ = std::move(bigger);
    head_ = 0;
  }

  std::vector<T> slots_;  // size 0 or a power of two
  std::size_t head_ = 0;
  std::size_t size_ = 0;
};

}  // namespace twsim

#endif  // TWSIM_CORE_RING_QUEUE_H_
