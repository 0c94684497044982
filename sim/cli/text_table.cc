#include "sim/cli/text_table.h"

#include <algorithm>

namespace twsim {
namespace {

constexpr std::size_t kGap = 2;

void rstrip(std::string* s) {
  while (!s->empty() && s->back() == ' ') s->pop_back();
}

}  // namespace

void TextTable::add_column(std::string header, bool right_aligned) {
  headers_.push_back(std::move(header));
  right_.push_back(right_aligned);
}

void TextTable::add_group(std::string title, std::size_t first, std::size_t count) {
  groups_.push_back({std::move(title), first, count});
}

void TextTable::add_row(std::vector<std::string> cells) {
  cells.resize(headers_.size());
  rows_.push_back(std::move(cells));
}

std::string TextTable::render() const {
  const std::size_t n = headers_.size();
  std::vector<std::size_t> width(n);
  for (std::size_t c = 0; c < n; ++c) {
    width[c] = headers_[c].size();
    for (const auto& row : rows_) width[c] = std::max(width[c], row[c].size());
  }
  std::vector<std::size_t> start(n);
  for (std::size_t c = 1; c < n; ++c) start[c] = start[c - 1] + width[c - 1] + kGap;

  const auto line_of = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t c = 0; c < n; ++c) {
      const std::size_t pad = width[c] - cells[c].size();
      if (c > 0) line.append(kGap, ' ');
      if (right_[c]) line.append(pad, ' ');
      line += cells[c];
      if (!right_[c]) line.append(pad, ' ');
    }
    rstrip(&line);
    return line + "\n";
  };

  std::string out;
  if (!groups_.empty()) {
    std::string line;
    for (const Group& g : groups_) {
      if (g.count == 0 || g.first + g.count > n) continue;
      const std::size_t begin = start[g.first];
      const std::size_t end = start[g.first + g.count - 1] + width[g.first + g.count - 1];
      const std::size_t span = end - begin;
      const std::size_t at = begin + (span > g.title.size() ? (span - g.title.size()) / 2 : 0);
      if (line.size() < at) line.append(at - line.size(), ' ');
      line += g.title;
    }
    rstrip(&line);
    out += line + "\n";
  }
  out += line_of(headers_);
  for (const auto& row : rows_) out += line_of(row);
  return out;
}

}  // namespace twsim
