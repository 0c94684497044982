#include "sim/cli/edit_distance.h"

#include <algorithm>
#include <vector>

namespace twsim {

int edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  // d[i][j]: distance between the first i chars of a and the first j of b.
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

std::string closest_match(std::string_view word, std::span<const std::string_view> candidates) {
  constexpr int kMaxDistance = 2;
  std::string_view best;
  int best_distance = kMaxDistance + 1;
  for (std::string_view c : candidates) {
    const int dist = edit_distance(word, c);
    if (dist < best_distance && dist < static_cast<int>(word.size())) {
      best = c;
      best_distance = dist;
    }
  }
  return std::string(best);
}

}  // namespace twsim
