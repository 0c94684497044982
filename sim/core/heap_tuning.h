// glibc's malloc gives freed memory at the top of the heap back to the kernel
// (trim) and serves large blocks with mmap/munmap, so a process that runs one
// replication after another faults the same pages back in on every run
// (measured: README "Performance"). keep_freed_memory() turns both off for
// the process: freed memory stays in the allocator for the next run.
#ifndef TWSIM_CORE_HEAP_TUNING_H_
#define TWSIM_CORE_HEAP_TUNING_H_

namespace twsim {

// Call once at startup, before any thread starts.
void keep_freed_memory();

}  // namespace twsim

#endif  // TWSIM_CORE_HEAP_TUNING_H_
