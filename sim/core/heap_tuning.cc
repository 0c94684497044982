#include "sim/core/heap_tuning.h"

#include <malloc.h>

namespace twsim {

void keep_freed_memory() {
  // mallopt(3): a negative-free trim threshold never trims (-1 disables it);
  // an mmap threshold at its maximum (HEAP_MAX on 64-bit: 32 MiB) keeps all
  // but huge blocks on the heap, where a free is reused instead of unmapped.
  // Setting either also stops glibc's dynamic threshold adjustment.
  mallopt(M_TRIM_THRESHOLD, -1);
  mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  mallopt(M_TOP_PAD, 16 * 1024 * 1024);
}

}  // namespace twsim
