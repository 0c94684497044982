// Comparing two results directories as the resume, shard and merge tests need:
// runs.csv, summary.csv, ratios.csv, irqoff_ccdf.csv, lock_stat.txt and reports.txt byte for byte,
// results.json byte for byte up to its "run" block (wall-clock facts), and the points/ files.
#ifndef TWSIM_TESTS_CLI_RESULTS_DIR_UTIL_H_
#define TWSIM_TESTS_CLI_RESULTS_DIR_UTIL_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>

#include "tests/cli/cli_test_util.h"

namespace twsim {

// results.json text without its last member, "run".
inline std::string without_run_block(const std::string& results_json) {
  const std::size_t at = results_json.rfind(",\n  \"run\": {");
  return at == std::string::npos ? results_json : results_json.substr(0, at);
}

// Every points/*.json of `dir`, by file name.
inline std::map<std::string, std::string> point_files(const std::filesystem::path& dir) {
  std::map<std::string, std::string> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir / "points", ec)) {
    const std::string name = e.path().filename().string();
    if (name.size() > 5 && name[0] != '.' && name.ends_with(".json")) out[name] = slurp(e.path());
  }
  return out;
}

inline void expect_same_results(const std::filesystem::path& a, const std::filesystem::path& b) {
  for (const char* name : {"runs.csv", "summary.csv", "ratios.csv", "irqoff_ccdf.csv",
                           "lock_stat.txt", "reports.txt"}) {
    ASSERT_TRUE(std::filesystem::exists(b / name)) << b / name;
    EXPECT_EQ(slurp(a / name), slurp(b / name)) << name;
  }
  const std::string ja = slurp(a / "results.json"), jb = slurp(b / "results.json");
  ASSERT_NE(ja.find("\n  \"run\": {"), std::string::npos);
  EXPECT_EQ(without_run_block(ja), without_run_block(jb));
  EXPECT_EQ(point_files(a), point_files(b));
}

}  // namespace twsim

#endif  // TWSIM_TESTS_CLI_RESULTS_DIR_UTIL_H_
