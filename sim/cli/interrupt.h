// Ctrl-C and `kill` for the long-running commands: SIGINT and SIGTERM set a
// flag that the runner polls between runs, so that work in flight finishes
// and everything already saved stays complete. The handler is removed by the
// first signal, so a second one kills the process at once.
#ifndef TWSIM_CLI_INTERRUPT_H_
#define TWSIM_CLI_INTERRUPT_H_

#include <atomic>

namespace twsim {

// Installs the handlers for SIGINT and SIGTERM.
void catch_interrupts();

// Becomes true when one of them arrives.
const std::atomic<bool>& interrupted();

}  // namespace twsim

#endif  // TWSIM_CLI_INTERRUPT_H_
