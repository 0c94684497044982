// A rule the model must never break (mutual exclusion of pi_lock, monotone
// time, ...). Checked while simulating in every build, not only with asserts:
// a broken rule stops the run with this exception, naming the rule, the event
// that broke it and the simulated time, instead of yielding a wrong number.
// The command line reports it and exits 1.
#ifndef TWSIM_CORE_INVARIANT_H_
#define TWSIM_CORE_INVARIANT_H_

#include <stdexcept>
#include <string>

#include "sim/core/time.h"

namespace twsim {

class InvariantViolation : public std::logic_error {
 public:
  // what(): "invariant violated: RULE at t=T ns (EVENT): DETAIL".
  InvariantViolation(const std::string& rule, Ns at, const std::string& event,
                     const std::string& detail)
      : std::logic_error("invariant violated: " + rule + " at t=" + std::to_string(at) + " ns (" +
                         event + "): " + detail),
        rule_(rule),
        at_(at) {}

  const std::string& rule() const { return rule_; }
  Ns at() const { return at_; }

 private:
  std::string rule_;
  Ns at_;
};

// Throws InvariantViolation unless `holds`. The message parts are built by
// callers only on failure (pass lambdas or cheap strings).
template <typename Event, typename Detail>
inline void check_invariant(bool holds, const char* rule, Ns at, Event&& event, Detail&& detail) {
  if (!holds) [[unlikely]] {
    throw InvariantViolation(rule, at, event(), detail());
  }
}

}  // namespace twsim

#endif  // TWSIM_CORE_INVARIANT_H_
