// The build identity names the code compiled in, committed or not
// (cmake/source_hash.cmake), so that points from other code are never reused
// or merged.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <string>

#include "sim/experiment/point_store.h"
#include "tests/io/scratch_dir.h"

namespace twsim {
namespace {

// Runs the hashing script over `tree` and returns the hash it writes.
std::string source_hash_of(const std::filesystem::path& tree) {
  const std::filesystem::path header = tree / "out" / "source_hash.h";
  const std::string command = std::string("'") + TWSIM_CMAKE + "' -DSOURCE_DIR='" + tree.string() +
                              "' -DOUTPUT='" + header.string() + "' -P '" + TWSIM_SOURCE_DIR +
                              "/cmake/source_hash.cmake'";
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
  std::smatch m;
  const std::string text = slurp(header);
  if (!std::regex_search(text, m, std::regex("TWSIM_SOURCE_HASH \"([0-9a-f]{16})\""))) return "";
  return m[1];
}

void write(const std::filesystem::path& p, const std::string& text) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

TEST(IdentityTest, AnEditedUncommittedSourceChangesTheIdentity) {
  ScratchDir dir("identity");
  const std::filesystem::path tree = dir.path();
  write(tree / "CMakeLists.txt", "project(x)\n");
  write(tree / "sim" / "model" / "walk.cc", "int cost = 400;\n");
  write(tree / "sim" / "model" / "walk.h", "int f();\n");
  const std::string original = source_hash_of(tree);
  ASSERT_EQ(original.size(), 16u);
  EXPECT_EQ(source_hash_of(tree), original);  // same code, same identity
  write(tree / "sim" / "model" / "walk.cc", "int cost = 800;\n");
  EXPECT_NE(source_hash_of(tree), original);
  write(tree / "sim" / "model" / "walk.cc", "int cost = 400;\n");
  EXPECT_EQ(source_hash_of(tree), original);
  write(tree / "sim" / "model" / "new.cc", "\n");
  EXPECT_NE(source_hash_of(tree), original);
}

TEST(IdentityTest, TheVersionNamesTheSourceHash) {
  // "0.1.0 (COMMIT, source 16 hex digits)", also when built without git.
  EXPECT_TRUE(
      std::regex_match(this_twsim_version(), std::regex(R"(\S+ \(\S+, source [0-9a-f]{16}\))")))
      << this_twsim_version();
}

}  // namespace
}  // namespace twsim
