// README.md's configuration table against the config schema: every key the
// reader accepts is in the table and the table names no other, and each
// default the table states as a plain value is the default the reader fills
// in (from the resolved config of an empty file).
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "sim/io/config_schema.h"
#include "tests/io/config_test_util.h"

namespace twsim {
namespace {

struct Row {
  std::vector<std::string> keys;
  std::vector<std::string> defaults;  // split at ", "; parallel to keys when sizes agree
};

// The rows of the table under "| key | default | meaning |".
std::vector<Row> readme_rows() {
  std::ifstream in(std::string(TWSIM_SOURCE_DIR) + "/README.md");
  std::string line;
  bool in_table = false;
  std::vector<Row> rows;
  while (std::getline(in, line)) {
    if (line.rfind("| key | default | meaning |", 0) == 0) {
      in_table = true;
      continue;
    }
    if (!in_table) continue;
    if (line.rfind("|---", 0) == 0) continue;
    if (line.rfind("| ", 0) != 0) break;
    const std::size_t a = line.find(" | ", 2), b = line.find(" | ", a + 3);
    const std::string keys = line.substr(2, a - 2), defaults = line.substr(a + 3, b - a - 3);
    Row row;
    std::string section;
    const std::regex token("`([^`]+)`");
    for (std::sregex_iterator it(keys.begin(), keys.end(), token), end; it != end; ++it) {
      std::string k = (*it)[1];
      if (k[0] == '.') k = section + k;  // ".actual_ghz" after "machine.nominal_ghz"
      const std::size_t dot = k.find('.');
      section = dot == std::string::npos ? "" : k.substr(0, dot);
      row.keys.push_back(k);
    }
    std::stringstream ds(defaults);
    std::string d;
    while (std::getline(ds, d, ',')) {
      while (!d.empty() && d.front() == ' ') d.erase(0, 1);
      row.defaults.push_back(d);
    }
    rows.push_back(row);
  }
  return rows;
}

TEST(ReadmeConfigTableTest, ListsExactlyTheKeysTheReaderAccepts) {
  std::set<std::string> readme;
  for (const Row& r : readme_rows()) {
    for (const std::string& k : r.keys) readme.insert(k.rfind("sweep.", 0) == 0 ? "sweep" : k);
  }
  std::set<std::string> schema;
  for (const ConfigKey& k : config_keys()) {
    if (k.type != KeyType::kSection) schema.insert(std::string(k.path));
  }
  EXPECT_EQ(readme, schema);
}

TEST(ReadmeConfigTableTest, PlainDefaultsAreTheReadersDefaults) {
  const nlohmann::json resolved = nlohmann::json::parse(parse_config("{}").resolved_json);
  int checked = 0;
  for (const Row& r : readme_rows()) {
    if (r.keys.size() != r.defaults.size()) continue;  // "4 per CPU" and the like
    for (std::size_t i = 0; i < r.keys.size(); ++i) {
      std::string want = r.defaults[i];
      if (want.size() > 2 && want.front() == '`' && want.back() == '`') {
        want = want.substr(1, want.size() - 2);  // `lazy`, `"never"`
      }
      if (want.size() >= 2 && want.front() == '"' && want.back() == '"') {
        want = want.substr(1, want.size() - 2);
      }
      const std::string& key = r.keys[i];
      const std::size_t dot = key.find('.');
      const nlohmann::json* v = &resolved;
      if (dot != std::string::npos) {
        const std::string section = key.substr(0, dot);
        if (!resolved.contains(section)) continue;  // sweep.zip.label: no sweep in "{}"
        v = &resolved[section];
      }
      const std::string leaf = dot == std::string::npos ? key : key.substr(dot + 1);
      if (!v->contains(leaf)) continue;  // sweep
      const nlohmann::json& got = (*v)[leaf];
      if (got.is_string()) {
        EXPECT_EQ(got.get<std::string>(), want) << key;
      } else if (got.is_number()) {
        EXPECT_DOUBLE_EQ(got.get<double>(), std::stod(want)) << key;
      } else if (got.is_boolean()) {
        EXPECT_EQ(got.get<bool>() ? "true" : "false", want) << key;
      } else {
        continue;
      }
      ++checked;
    }
  }
  EXPECT_GE(checked, 30);  // the check did run over the table
}

}  // namespace
}  // namespace twsim
