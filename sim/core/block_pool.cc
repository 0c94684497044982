#include "sim/core/block_pool.h"

#include <array>
#include <new>

namespace twsim {
namespace {

// Size classes 64, 128, ..., 4096 bytes: coroutine frames of the model's
// threads are a few hundred bytes, nested callbacks one or two hundred.
constexpr std::size_t kMinShift = 6;
constexpr std::size_t kClasses = 7;
constexpr std::size_t kMaxBlock = std::size_t{1} << (kMinShift + kClasses - 1);

struct FreeBlock {
  FreeBlock* next;
};

std::size_t size_class(std::size_t size) {
  std::size_t c = 0;
  while ((std::size_t{1} << (kMinShift + c)) < size) ++c;
  return c;
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
      return b;
    }
    return ::operator new (std::size_t{1} << (kMinShift + c));
  }
  void free(void* block, std::size_t c) noexcept {
    auto* b = static_cast<FreeBlock*>(block);
    b->next = free_[c];
    free_[c] = b;
  }

 private:
  std::array<FreeBlock*, kClasses> free_{};
};

thread_local ThreadPool tls_pool;

}  // namespace

void* pool_allocate(std::size_t size) {
  if (size > kMaxBlock || tls_pool_gone) return ::operator new(size);
  return tls_pool.allocate(size_class(size));
}

void pool_free(void* block, std::size_t size) noexcept {
  if (size > kMaxBlock || tls_pool_gone) {
    ::operator delete(block);
    return;
  }
  tls_pool.free(block, size_class(size));
}

}  // namespace twsim
