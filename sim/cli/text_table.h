// A plain-text table for the terminal: columns padded to their widest cell
// and separated by two spaces, with optional group titles above runs of
// columns (e.g. "old" over the four columns of the old algorithm).
#ifndef TWSIM_CLI_TEXT_TABLE_H_
#define TWSIM_CLI_TEXT_TABLE_H_

#include <cstddef>
#include <string>
#include <vector>

namespace twsim {

class TextTable {
 public:
  // Appends a column; right-aligned columns suit numbers.
  void add_column(std::string header, bool right_aligned = false);
  // Puts `title` over columns [first, first + count), centred over their span.
  void add_group(std::string title, std::size_t first, std::size_t count);
  // REQUIRES: cells.size() equals the number of columns.
  void add_row(std::vector<std::string> cells);

  std::size_t columns() const { return headers_.size(); }

  // The table, each line ending in "\n", trailing spaces removed.
  std::string render() const;

 private:
  struct Group {
    std::string title;
    std::size_t first, count;
  };
  std::vector<std::string> headers_;
  std::vector<bool> right_;
  std::vector<Group> groups_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace twsim

#endif  // TWSIM_CLI_TEXT_TABLE_H_
