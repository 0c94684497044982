// Which socket each CPU is on: the model splits the CPUs into `sockets`
// contiguous blocks of cpus / sockets, the last taking the remainder (a real
// machine may interleave them, or number SMT siblings last; this leaves that
// out). Computed, not stored: a million-CPU machine keeps no table for it.
#ifndef TWSIM_MODEL_SOCKET_LAYOUT_H_
#define TWSIM_MODEL_SOCKET_LAYOUT_H_

#include <algorithm>

namespace twsim {

class SocketLayout {
 public:
  // REQUIRES: cpus >= 1, sockets >= 1.
  SocketLayout(int cpus, int sockets)
      : sockets_(sockets), per_socket_(std::max(1, cpus / sockets)) {}

  int socket_of(int cpu) const { return std::min(cpu / per_socket_, sockets_ - 1); }

 private:
  int sockets_;
  int per_socket_;
};

}  // namespace twsim

#endif  // TWSIM_MODEL_SOCKET_LAYOUT_H_
