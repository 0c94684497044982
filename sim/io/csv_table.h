// Reading back the CSVs twsim writes (summary.csv, ratios.csv, runs.csv) for
// the report page: RFC 4180 fields, as csv_field (number_format.h) quotes
// them: a field holding a comma, a quote or a line break is in double
// quotes, with its quotes doubled.
#ifndef TWSIM_IO_CSV_TABLE_H_
#define TWSIM_IO_CSV_TABLE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace twsim {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // each as wide as the header

  // The index of column `name`, or nothing.
  std::optional<std::size_t> column(std::string_view name) const;
};

// Parses `text`; `label` names it in errors. Throws InputError ("LABEL:
// ...", rows counted from 0 for the header) for an empty file, an
// unterminated quote or a row whose width differs from the header's.
CsvTable parse_csv(std::string_view text, const std::string& label);

}  // namespace twsim

#endif  // TWSIM_IO_CSV_TABLE_H_
