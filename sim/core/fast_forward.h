// The fast-forward switch: whether runs started from now on compute the old
// teardown's queue of identical full walks in closed form instead of stepping
// each event (sim/model/walk_ring.h). Results are byte-identical either way;
// only the events stepped, and so the time, differ. On by default;
// `twsim run --no-fast-forward` or TWSIM_NO_FAST_FORWARD=1 in the environment
// turns it off (to check the identity, or to time the difference).
#ifndef TWSIM_CORE_FAST_FORWARD_H_
#define TWSIM_CORE_FAST_FORWARD_H_

#include <cstdint>

namespace twsim {

bool fast_forward_enabled();
void set_fast_forward(bool on);
// Off when TWSIM_NO_FAST_FORWARD is set to anything but "" or "0".
void read_fast_forward_env();

// Events computed in closed form, by all runs of this process so far (for
// results.json's "run" block and the benchmarks).
void add_fast_forwarded_events(std::uint64_t n);
std::uint64_t fast_forwarded_events();

}  // namespace twsim

#endif  // TWSIM_CORE_FAST_FORWARD_H_
