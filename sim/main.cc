// twsim: a discrete-event simulator of io_uring io-wq teardown. main() only
// dispatches; the commands are in sim/cli/.
#include "sim/cli/commands.h"
#include "sim/core/fast_forward.h"
#include "sim/core/heap_tuning.h"

int main(int argc, char** argv) {
  twsim::keep_freed_memory();
  twsim::read_fast_forward_env();
  return static_cast<int>(twsim::run_twsim(argc, argv));
}
