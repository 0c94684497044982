#include "sim/core/fast_forward.h"

#include <atomic>
#include <cstdlib>
#include <cstring>

namespace twsim {
namespace {

// Set before the worker threads start; read once per Simulator.
std::atomic<bool> g_fast_forward{true};
std::atomic<std::uint64_t> g_fast_forwarded{0};

}  // namespace

bool fast_forward_enabled() { return g_fast_forward.load(std::memory_order_relaxed); }

void set_fast_forward(bool on) { g_fast_forward.store(on, std::memory_order_relaxed); }

void add_fast_forwarded_events(std::uint64_t n) {
  g_fast_forwarded.fetch_add(n, std::memory_order_relaxed);
}

std::uint64_t fast_forwarded_events() { return g_fast_forwarded.load(std::memory_order_relaxed); }

void read_fast_forward_env() {
  const char* v = std::getenv("TWSIM_NO_FAST_FORWARD");
  if (v != nullptr && std::strcmp(v, "") != 0 && std::strcmp(v, "0") != 0) set_fast_forward(false);
}

}  // namespace twsim
