#include "sim/io/atomic_file.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "tests/io/scratch_dir.h"

namespace twsim {
namespace {

class AtomicFileTest : public ::testing::Test {
 protected:
  ScratchDir scratch_{"atomic_file_test"};
  const std::filesystem::path dir_ = scratch_.path();

  // Every entry of the scratch directory, by name.
  std::vector<std::string> entries() const {
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(dir_)) {
      out.push_back(e.path().filename().string());
    }
    return out;
  }
};

TEST_F(AtomicFileTest, WritesAndReplacesLeavingNoTemporary) {
  std::string err;
  ASSERT_TRUE(write_file_atomically(dir_ / "a.csv", "one\n", &err)) << err;
  EXPECT_EQ(slurp(dir_ / "a.csv"), "one\n");
  ASSERT_TRUE(write_file_atomically(dir_ / "a.csv", "two\n", &err)) << err;
  EXPECT_EQ(slurp(dir_ / "a.csv"), "two\n");
  EXPECT_EQ(entries(), std::vector<std::string>{"a.csv"});
}

TEST_F(AtomicFileTest, CommitAllRenamesEveryStagedFileInOrder) {
  std::string err;
  ASSERT_TRUE(write_file_atomically(dir_ / "b.txt", "old\n", &err)) << err;
  StagedFile staged[2];
  ASSERT_TRUE(staged[0].stage(dir_ / "a.csv", "a\n", &err)) << err;
  ASSERT_TRUE(staged[1].stage(dir_ / "b.txt", "new\n", &err)) << err;
  EXPECT_EQ(slurp(dir_ / "b.txt"), "old\n");  // nothing renamed before commit_all
  ASSERT_TRUE(commit_all(staged, &err)) << err;
  EXPECT_EQ(slurp(dir_ / "a.csv"), "a\n");
  EXPECT_EQ(slurp(dir_ / "b.txt"), "new\n");
  std::vector<std::string> names = entries();
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"a.csv", "b.txt"}));  // no temporary left
}

TEST_F(AtomicFileTest, CommitAllStopsAtAFileWhoseDirectoryIsGone) {
  std::string err;
  std::filesystem::create_directory(dir_ / "sub");
  StagedFile staged[2];
  ASSERT_TRUE(staged[0].stage(dir_ / "a.csv", "a\n", &err)) << err;
  ASSERT_TRUE(staged[1].stage(dir_ / "sub" / "b.csv", "b\n", &err)) << err;
  std::filesystem::rename(dir_ / "sub", dir_ / "moved");
  EXPECT_FALSE(commit_all(staged, &err));
  EXPECT_NE(err.find("b.csv"), std::string::npos) << err;
  EXPECT_EQ(slurp(dir_ / "a.csv"), "a\n");
}

TEST_F(AtomicFileTest, StagedButUncommittedLeavesOldContents) {
  // Given a file and a staged replacement (a run killed before the rename);
  // then the file still holds the old contents, and the temporary is hidden
  // beside it until it is committed or dropped.
  std::string err;
  ASSERT_TRUE(write_file_atomically(dir_ / "a.csv", "old\n", &err)) << err;
  StagedFile staged;
  ASSERT_TRUE(staged.stage(dir_ / "a.csv", "new\n", &err)) << err;
  EXPECT_EQ(staged.temp_path().parent_path(), dir_);
  EXPECT_EQ(staged.temp_path().filename().string().rfind(".a.csv.", 0), 0u);
  EXPECT_EQ(slurp(dir_ / "a.csv"), "old\n");
  ASSERT_TRUE(staged.commit(&err)) << err;
  EXPECT_EQ(slurp(dir_ / "a.csv"), "new\n");
  {
    StagedFile dropped;
    ASSERT_TRUE(dropped.stage(dir_ / "a.csv", "dropped\n", &err)) << err;
  }
  EXPECT_EQ(entries(), std::vector<std::string>{"a.csv"});
}

TEST_F(AtomicFileTest, TwoStagesOfOnePathHaveTheirOwnTemporaries) {
  // Two writers of one file (two processes, or two threads saving one point)
  // never share a temporary: each commit publishes one whole file.
  std::string err;
  StagedFile a, b;
  ASSERT_TRUE(a.stage(dir_ / "p.json", std::string(100000, 'a'), &err)) << err;
  ASSERT_TRUE(b.stage(dir_ / "p.json", std::string(100000, 'b'), &err)) << err;
  EXPECT_NE(a.temp_path(), b.temp_path());
  ASSERT_TRUE(b.commit(&err)) << err;
  ASSERT_TRUE(a.commit(&err)) << err;
  EXPECT_EQ(slurp(dir_ / "p.json"), std::string(100000, 'a'));
}

TEST_F(AtomicFileTest, ConcurrentWritersNeverTearAFile) {
  std::vector<std::thread> threads;
  for (char c : {'x', 'y', 'z', 'w'}) {
    threads.emplace_back([this, c] {
      std::string err;
      for (int i = 0; i < 50; ++i) {
        EXPECT_TRUE(write_file_atomically(dir_ / "f", std::string(20000, c), &err)) << err;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  const std::string text = slurp(dir_ / "f");
  ASSERT_EQ(text.size(), 20000u);
  EXPECT_EQ(text, std::string(20000, text[0]));
  EXPECT_EQ(entries(), std::vector<std::string>{"f"});
}

TEST_F(AtomicFileTest, AFileMadePieceByPieceCommitsLikeAStagedOne) {
  std::string err;
  ASSERT_TRUE(write_file_atomically(dir_ / "r.txt", "old\n", &err)) << err;
  StagedFile file;
  ASSERT_TRUE(file.begin(dir_ / "r.txt", &err)) << err;
  ASSERT_TRUE(file.append("one\n", &err)) << err;
  ASSERT_TRUE(file.append("two\n", &err)) << err;
  EXPECT_EQ(slurp(dir_ / "r.txt"), "old\n");  // nothing replaced before commit
  ASSERT_TRUE(file.end(&err)) << err;
  ASSERT_TRUE(file.commit(&err)) << err;
  EXPECT_EQ(slurp(dir_ / "r.txt"), "one\ntwo\n");
  EXPECT_EQ(entries(), std::vector<std::string>{"r.txt"});
}

TEST_F(AtomicFileTest, AFileAbandonedBeforeItsEndLeavesNothing) {
  std::string err;
  {
    StagedFile file;
    ASSERT_TRUE(file.begin(dir_ / "r.txt", &err)) << err;
    ASSERT_TRUE(file.append("half\n", &err)) << err;
  }
  EXPECT_TRUE(entries().empty());
}

TEST_F(AtomicFileTest, AProcessKilledWhileMakingAFileLeavesNothing) {
  // Only where the filesystem makes unnamed files (O_TMPFILE); elsewhere a
  // killed process leaves its hidden temporary, as a staged file always has.
  const int probe = ::open(dir_.c_str(), O_TMPFILE | O_WRONLY, 0644);
  if (probe < 0) GTEST_SKIP() << "no O_TMPFILE in " << dir_;
  ::close(probe);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    StagedFile file;
    std::string child_err;
    if (!file.begin(dir_ / "r.txt", &child_err) || !file.append("half\n", &child_err)) _exit(1);
    ::kill(::getpid(), SIGKILL);  // the StagedFile never ends, nor is destroyed
    _exit(2);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << status;
  EXPECT_TRUE(entries().empty());
}

TEST_F(AtomicFileTest, MissingDirectoryFailsWithPathAndReason) {
  std::string err;
  EXPECT_FALSE(write_file_atomically(dir_ / "nope" / "a.csv", "x", &err));
  EXPECT_EQ(err.rfind((dir_ / "nope" / ".a.csv.").string(), 0), 0u) << err;
  EXPECT_NE(err.find(".tmp: No such file or directory"), std::string::npos) << err;
}

TEST_F(AtomicFileTest, AUserFileThatIsAFifoIsWrittenThrough) {
  // A FIFO (like /dev/stdout or /dev/null, a file that is not a regular one)
  // stays what it is; a reader on the other end gets the contents.
  const std::filesystem::path fifo = dir_ / "trace.fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string got;
  std::thread reader([&] { got = slurp(fifo); });
  std::string err;
  ASSERT_TRUE(write_user_file(fifo, "through\n", &err)) << err;
  reader.join();
  EXPECT_EQ(got, "through\n");
  struct stat st {};
  ASSERT_EQ(::lstat(fifo.c_str(), &st), 0);
  EXPECT_TRUE(S_ISFIFO(st.st_mode));
}

TEST_F(AtomicFileTest, AUserFileThatIsASymlinkStaysALink) {
  std::string err;
  ASSERT_TRUE(write_file_atomically(dir_ / "target.json", "old", &err)) << err;
  std::filesystem::create_symlink(dir_ / "target.json", dir_ / "link.json");
  ASSERT_TRUE(write_user_file(dir_ / "link.json", "new", &err)) << err;
  EXPECT_TRUE(std::filesystem::is_symlink(dir_ / "link.json"));
  EXPECT_EQ(slurp(dir_ / "target.json"), "new");
}

}  // namespace
}  // namespace twsim
