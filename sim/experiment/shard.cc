#include "sim/experiment/shard.h"

#include <charconv>

namespace twsim {
namespace {

// A decimal number using all of `s` (no sign, no spaces).
std::optional<int> whole_number(std::string_view s) {
  int v = 0;
  if (s.empty() || s[0] < '0' || s[0] > '9') return std::nullopt;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

std::optional<Shard> parse_shard(std::string_view text) {
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const std::optional<int> i = whole_number(text.substr(0, slash));
  const std::optional<int> n = whole_number(text.substr(slash + 1));
  if (!i || !n || *n < 1 || *i >= *n) return std::nullopt;
  return Shard{*i, *n};
}

}  // namespace twsim
