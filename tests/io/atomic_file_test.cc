#include "sim/io/atomic_file.h"

#include <filesystem>

#include <gtest/gtest.h>

#include "tests/io/scratch_dir.h"

namespace twsim {
namespace {

class AtomicFileTest : public ::testing::Test {
 protected:
  ScratchDir scratch_{"atomic_file_test"};
  const std::filesystem::path dir_ = scratch_.path();
};

TEST_F(AtomicFileTest, TempPathIsHiddenBesideTheFile) {
  EXPECT_EQ(temp_path_for("results/x/runs.csv"), "results/x/.runs.csv.tmp");
}

TEST_F(AtomicFileTest, WritesAndReplaces) {
  std::string err;
  ASSERT_TRUE(write_file_atomically(dir_ / "a.csv", "one\n", &err)) << err;
  EXPECT_EQ(slurp(dir_ / "a.csv"), "one\n");
  ASSERT_TRUE(write_file_atomically(dir_ / "a.csv", "two\n", &err)) << err;
  EXPECT_EQ(slurp(dir_ / "a.csv"), "two\n");
  EXPECT_FALSE(std::filesystem::exists(temp_path_for(dir_ / "a.csv")));
}

TEST_F(AtomicFileTest, StagedButUncommittedLeavesOldContents) {
  // Given a file and a staged replacement (a run killed before the rename);
  // then the file still holds the old contents.
  std::string err;
  ASSERT_TRUE(write_file_atomically(dir_ / "a.csv", "old\n", &err)) << err;
  ASSERT_TRUE(stage_file(dir_ / "a.csv", "new\n", &err)) << err;
  EXPECT_EQ(slurp(dir_ / "a.csv"), "old\n");
  ASSERT_TRUE(commit_file(dir_ / "a.csv", &err)) << err;
  EXPECT_EQ(slurp(dir_ / "a.csv"), "new\n");
}

TEST_F(AtomicFileTest, MissingDirectoryFailsWithPathAndReason) {
  std::string err;
  EXPECT_FALSE(write_file_atomically(dir_ / "nope" / "a.csv", "x", &err));
  EXPECT_EQ(err, (dir_ / "nope" / ".a.csv.tmp").string() + ": No such file or directory");
}

}  // namespace
}  // namespace twsim
