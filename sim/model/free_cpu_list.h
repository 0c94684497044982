// The free CPUs of a block first..first+count-1, as a list that CpuPool draws
// from by index and shrinks by moving its last entry into the hole. It starts
// as first, first+1, ... and stores only the entries that have moved (paged,
// as an offset from that start), so a machine whose CPUs mostly stay idle
// keeps nothing for them: a million-CPU machine with 16 workers makes a few
// pages, not 4 MB. The order of entries is exactly a std::vector's under the
// same calls, which the placement draws depend on.
#ifndef TWSIM_MODEL_FREE_CPU_LIST_H_
#define TWSIM_MODEL_FREE_CPU_LIST_H_

#include <cassert>
#include <cstddef>

#include "sim/core/paged_array.h"

namespace twsim {

class FreeCpuList {
 public:
  // All of first..first+count-1 free, in that order.
  FreeCpuList(int first, int count)
      : first_(first), size_(static_cast<std::size_t>(count)), moved_(size_) {}

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  // Removes and returns entry i; the last entry takes its place.
  // REQUIRES: i < size().
  int take(std::size_t i) {
    assert(i < size_);
    const int cpu = at(i);
    set(i, at(size_ - 1));
    --size_;
    return cpu;
  }
  // Appends `cpu`. REQUIRES: fewer than `count` entries.
  void push_back(int cpu) {
    assert(size_ < moved_.size());
    set(size_++, cpu);
  }

 private:
  int at(std::size_t i) const {
    const PagedArray<int>& moved = moved_;
    return first_ + static_cast<int>(i) + moved[i];
  }
  void set(std::size_t i, int cpu) {
    const int offset = cpu - first_ - static_cast<int>(i);
    // An entry still in its starting place needs no page.
    const PagedArray<int>& moved = moved_;
    if (moved[i] != offset) moved_[i] = offset;
  }

  int first_;
  std::size_t size_;
  PagedArray<int> moved_;  // entry i is first_ + i + moved_[i]
};

}  // namespace twsim

#endif  // TWSIM_MODEL_FREE_CPU_LIST_H_
