// The median calibrate uses for passes, repeats and the points of a level.
#ifndef TWSIM_CALIBRATE_MEDIAN_H_
#define TWSIM_CALIBRATE_MEDIAN_H_

#include <algorithm>
#include <vector>

namespace twsim {

// The middle value; the mean of the two middle ones for an even count.
// REQUIRES: !v.empty().
inline double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace twsim

#endif  // TWSIM_CALIBRATE_MEDIAN_H_
