#include "sim/cli/interrupt.h"

#include <csignal>

namespace twsim {
namespace {

std::atomic<bool> g_interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free, "must be usable in a signal handler");

extern "C" void on_interrupt(int) { g_interrupted.store(true); }

}  // namespace

void catch_interrupts() {
  struct sigaction sa = {};
  sa.sa_handler = on_interrupt;
  sa.sa_flags = SA_RESETHAND;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

const std::atomic<bool>& interrupted() { return g_interrupted; }

}  // namespace twsim
