#include "sim/io/spelling.h"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <vector>

namespace twsim {
namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

}  // namespace

int edit_distance(std::string_view a, std::string_view b, LetterCase letter_case) {
  const auto same = [letter_case](char x, char y) {
    return letter_case == LetterCase::kIgnore ? lower(x) == lower(y) : x == y;
  };
  const std::size_t n = a.size(), m = b.size();
  // Three rows of the table: d[i-2][*], d[i-1][*] and d[i][*], where d[i][j]
  // is the distance between the first i chars of a and the first j of b.
  std::vector<int> before(m + 1), prev(m + 1), row(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    row[0] = static_cast<int>(i);
    for (std::size_t j = 1; j <= m; ++j) {
      const int cost = same(a[i - 1], b[j - 1]) ? 0 : 1;
      row[j] = std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && same(a[i - 1], b[j - 2]) && same(a[i - 2], b[j - 1])) {
        row[j] = std::min(row[j], before[j - 2] + 1);
      }
    }
    before.swap(prev);
    prev.swap(row);
  }
  return prev[m];
}

std::string closest_within(std::string_view word, std::span<const std::string_view> candidates,
                           int max_distance, LetterCase letter_case) {
  std::string_view best;
  int best_distance = max_distance + 1;
  for (std::string_view c : candidates) {
    // Lengths differing by more than max_distance cannot be close; skipping
    // them also keeps a pathological megabyte-long key cheap.
    const std::size_t diff =
        word.size() > c.size() ? word.size() - c.size() : c.size() - word.size();
    if (diff > static_cast<std::size_t>(max_distance)) continue;
    const int d = edit_distance(word, c, letter_case);
    if (d < best_distance && d < static_cast<int>(word.size())) {
      best = c;
      best_distance = d;
    }
  }
  return std::string(best);
}

std::string closest_spelling(std::string_view word, std::span<const std::string_view> candidates) {
  // One edit for short words ("ful" -> "full"), two for longer ones; a
  // looser bound suggests nonsense ("mcs" -> "tas").
  const int max_distance = word.size() <= 4 ? 1 : 2;
  return closest_within(word, candidates, max_distance, LetterCase::kIgnore);
}

}  // namespace twsim
