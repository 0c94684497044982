// Per-thread free lists of small memory blocks for what the engine allocates
// once per event (callbacks too large to live inline, coroutine frames). A
// block freed goes back on its size class's list and is reused by the next
// allocation of that class, so a run in steady state never calls malloc, and
// a thread's blocks stay with it between runs (one replication after another
// on the runner's thread reuses them). Blocks larger than the largest class
// go to operator new. Blocks must be freed on the thread that allocated them
// (a run lives on one thread).
#ifndef TWSIM_CORE_BLOCK_POOL_H_
#define TWSIM_CORE_BLOCK_POOL_H_

#include <cstddef>

namespace twsim {

// Returns a block of at least `size` bytes, aligned for any scalar type.
void* pool_allocate(std::size_t size);
// Returns a block from pool_allocate(size) (the same size) to its list, or
// to malloc when the list already keeps 4 MiB.
void pool_free(void* block, std::size_t size) noexcept;
// The bytes this thread's list for blocks of `size` keeps free (tests).
std::size_t pool_bytes_kept(std::size_t size);

}  // namespace twsim

#endif  // TWSIM_CORE_BLOCK_POOL_H_
