#include "sim/core/block_pool.h"

#include <algorithm>
#include <array>
#include <new>

namespace twsim {
namespace {

// Size classes: every multiple of 16 bytes up to 512, then 1024, 2048 and
// 4096. The model's blocks are a few sizes each held by up to one per running
// thread (a worker's io_worker_exit frame is 336 bytes, its lock call's
// closures 80 to 176, GCC 12 at -O3); powers of two alone wasted a third of
// them (512 for 336), which at 10^6 workers in flight is hundreds of MB.
constexpr std::size_t kGrain = 16;
constexpr std::size_t kFineMax = 512;
constexpr std::size_t kFineClasses = kFineMax / kGrain;  // 16, 32, ..., 512
constexpr std::size_t kClasses = kFineClasses + 3;       // then 1024, 2048, 4096
constexpr std::size_t kMaxBlock = 4096;
// A class keeps at most this much free; the rest goes back to malloc, where
// anything else can reuse it. A run with up to ~14,000 frames of 288 bytes in
// flight never calls malloc in steady state; one with 1,000,000 at once (a
// million CPUs) does not hold 288 MB of frames for the rest of the run.
constexpr std::size_t kMaxFreeBytes = std::size_t{4} << 20;

struct FreeBlock {
  FreeBlock* next;
};

// REQUIRES: 0 < size <= kMaxBlock.
std::size_t size_class(std::size_t size) {
  if (size <= kFineMax) return (size + kGrain - 1) / kGrain - 1;
  std::size_t c = kFineClasses;
  while ((kFineMax << (c - kFineClasses + 1)) < size) ++c;
  return c;
}

std::size_t class_bytes(std::size_t c) {
  return c < kFineClasses ? (c + 1) * kGrain : kFineMax << (c - kFineClasses + 1);
}

thread_local bool tls_pool_gone = false;

// The thread's lists; the blocks they hold are returned to the system when
// the thread ends.
class ThreadPool {
 public:
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;
  ThreadPool() = default;
  ~ThreadPool() {
    tls_pool_gone = true;  // a block freed later (a static's destructor) goes to the system
    for (std::size_t c = 0; c < kClasses; ++c) {
      while (FreeBlock* b = free_[c]) {
        free_[c] = b->next;
        ::operator delete(b);
      }
    }
  }
  void* allocate(std::size_t c) {
    if (FreeBlock* b = free_[c]) {
      free_[c] = b->next;
      free_bytes_[c] -= class_bytes(c);
      return b;
    }
    return ::operator new(class_bytes(c));
  }
  std::size_t bytes_kept(std::size_t c) const { return free_bytes_[c]; }
  void free(void* block, std::size_t c) noexcept {
    if (free_bytes_[c] >= kMaxFreeBytes) {
      ::operator delete(block);
      return;
    }
    auto* b = static_cast<FreeBlock*>(block);
    b->next = free_[c];
    free_[c] = b;
    free_bytes_[c] += class_bytes(c);
  }

 private:
  std::array<FreeBlock*, kClasses> free_{};
  std::array<std::size_t, kClasses> free_bytes_{};
};

thread_local ThreadPool tls_pool;

}  // namespace

void* pool_allocate(std::size_t size) {
  size = std::max<std::size_t>(size, 1);
  if (size > kMaxBlock || tls_pool_gone) return ::operator new(size);
  return tls_pool.allocate(size_class(size));
}

void pool_free(void* block, std::size_t size) noexcept {
  size = std::max<std::size_t>(size, 1);
  if (size > kMaxBlock || tls_pool_gone) {
    ::operator delete(block);
    return;
  }
  tls_pool.free(block, size_class(size));
}

std::size_t pool_bytes_kept(std::size_t size) {
  size = std::max<std::size_t>(size, 1);
  return size > kMaxBlock ? 0 : tls_pool.bytes_kept(size_class(size));
}

}  // namespace twsim
