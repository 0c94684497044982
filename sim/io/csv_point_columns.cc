#include "sim/io/csv_point_columns.h"

#include <cstdint>
#include <cstdio>

#include "sim/core/fnv1a.h"
#include "sim/io/number_format.h"

namespace twsim {

std::string csv_column_name(std::string_view key) {
  std::string out(key);
  for (char& c : out) {
    if (c == '.') c = '_';
  }
  return out;
}

std::string config_hash(const ExperimentConfig& config) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx",
                static_cast<unsigned long long>(fnv1a64(config.resolved_json)));
  return buf;
}

void append_cell(std::string* line, std::string_view cell) {
  if (!line->empty()) *line += ',';
  *line += cell;
}

PointColumns::PointColumns(const ExperimentConfig& config) : config_(config) {
  // Appended cell by cell: GCC 12 warns (-Wrestrict, falsely) on "," + string.
  identity_ = csv_field(config.name);
  append_cell(&identity_, std::to_string(config.seed));
  append_cell(&identity_, config_hash(config));
}

std::string PointColumns::header() const {
  std::string line = "experiment,seed,config_hash,point";
  for (const std::string& key : config_.swept) append_cell(&line, csv_column_name(key));
  if (config_.labelled) append_cell(&line, "label");
  return line;
}

std::string PointColumns::cells(std::size_t index) const {
  std::string line = identity_;
  append_cell(&line, format_int(static_cast<std::int64_t>(index)));
  const Point& point = config_.points[index];
  for (const std::string& key : config_.swept) {
    append_cell(&line, csv_field(swept_value(point, key)));
  }
  if (config_.labelled) append_cell(&line, csv_field(point.label));
  return line;
}

}  // namespace twsim
