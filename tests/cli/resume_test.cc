// End to end: twsim run saves each point in DIR/points/ as it completes, and a
// rerun into DIR reuses them: after lost or corrupt point files, after Ctrl-C,
// after kill -9, the final files equal an uninterrupted run's.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <regex>
#include <thread>
#include <vector>

#include "tests/cli/cli_test_util.h"
#include "tests/cli/results_dir_util.h"

namespace twsim {
namespace {

namespace fs = std::filesystem;

class ResumeTest : public CliTest {
 protected:
  ResumeTest() : CliTest("resume_test") {}  // not quiet: the "reused" line is checked
  std::string reused_line(std::size_t n, std::size_t of, const std::string& name) {
    return "twsim: reused " + std::to_string(n) + " of " + std::to_string(of) + " points from " +
           out(name) + "/points/\n";
  }
};

TEST_F(ResumeTest, SavesOneFileNamedByHashPerPoint) {
  ASSERT_EQ(run_into("a", "--quiet").status, 0);
  const auto files = point_files(out("a"));
  ASSERT_EQ(files.size(), 2u);
  for (const auto& [name, text] : files) {
    EXPECT_TRUE(std::regex_match(name, std::regex("[0-9a-f]{16}\\.json"))) << name;
    EXPECT_EQ(text.rfind("{\"format\":\"twsim-point/7\",\"key\":\"" + name.substr(0, 16), 0), 0u);
  }
  EXPECT_TRUE(fs::exists(out("a") + "/experiment.json"));
}

TEST_F(ResumeTest, RerunReusesEveryPointAndWritesTheSameFiles) {
  ASSERT_EQ(run_into("a", "--quiet").status, 0);
  ASSERT_EQ(run_into("b", "--quiet").status, 0);
  const CliResult again = run_into("b");
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_NE(again.err.find(reused_line(2, 2, "b")), std::string::npos) << again.err;
  expect_same_results(out("a"), out("b"));
  EXPECT_EQ(run_into("b", "--quiet").err, "");  // --quiet: not even the reuse line
}

TEST_F(ResumeTest, LostPointIsSimulatedAgainToIdenticalFiles) {
  // Given a run whose directory lost one point file (a run killed before that
  // point completed); then the rerun reuses the other and writes the files of
  // an uninterrupted run.
  ASSERT_EQ(run_into("a", "--quiet").status, 0);
  ASSERT_EQ(run_into("b", "--quiet").status, 0);
  fs::remove(out("b") + "/points/" + point_files(out("b")).begin()->first);
  fs::remove(out("b") + "/runs.csv");
  const CliResult r = run_into("b");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find(reused_line(1, 2, "b")), std::string::npos) << r.err;
  expect_same_results(out("a"), out("b"));
}

TEST_F(ResumeTest, CorruptPointFileIsReportedAndRedone) {
  ASSERT_EQ(run_into("a", "--quiet").status, 0);
  ASSERT_EQ(run_into("b", "--quiet").status, 0);
  const std::string name = point_files(out("b")).begin()->first;
  const std::string path = out("b") + "/points/" + name;
  const std::string text = slurp(path);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text.substr(0, text.size() / 2);
  const CliResult r = run_into("b", "--quiet");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(std::regex_match(
      r.err, std::regex("twsim: warning: " + path +
                        ": cut short: it does not end with its checksum; simulating point "
                        "[01] again\n")))
      << r.err;
  expect_same_results(out("a"), out("b"));
}

TEST_F(ResumeTest, OnlyPointsWithTheSameInputsAreReused) {
  ASSERT_EQ(run_into("b", "--quiet").status, 0);
  // Another seed or replication count: nothing to reuse.
  EXPECT_EQ(run_into("b", "--set seed=2").err.find("reused"), std::string::npos);
  EXPECT_EQ(run_into("b", "--set replications=3").err.find("reused"), std::string::npos);
  // A grown sweep, reordered: the two original points are found by content.
  const CliResult r = run_into("b", "--set 'sweep.grid.machine.cpus=[8,4,2]'");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find(reused_line(2, 3, "b")), std::string::npos) << r.err;
}

// --- killed runs, on a sweep slow enough to interrupt (tests/data/cli_slow.json)

constexpr std::size_t kSlowPoints = 57;

// Sanitized and debug builds simulate many times slower; fewer replications
// keep these tests short there while the run still outlasts the test's reaction.
#if defined(__SANITIZE_ADDRESS__) || !defined(NDEBUG)
constexpr const char* kSlowReplications = "1";
#else
constexpr const char* kSlowReplications = "4";
#endif

class KilledRunTest : public ::testing::Test {
 protected:
  // An uninterrupted run of cli_slow, shared by the tests below.
  static void SetUpTestSuite() {
    reference_ = new ScratchDir("killed_run_reference");
    const CliResult r =
        run_cli("run '" + test_data("cli_slow.json") +
                    "' --quiet -j 2 -o full --set replications=" + kSlowReplications,
                reference_->path());
    ASSERT_EQ(r.status, 0) << r.err;
  }
  static void TearDownTestSuite() {
    delete reference_;
    reference_ = nullptr;
  }

  // Starts `twsim run cli_slow -o DIR` in the background (one thread, so that
  // it runs longest) and returns once its first point file exists.
  pid_t start_run_and_wait_for_a_point(const std::vector<std::string>& extra = {}) {
    const std::string binary = TWSIM_BINARY, config = test_data("cli_slow.json"),
                      dir = out_.string(), stdout_path = (dir_.path() / "stdout").string(),
                      stderr_path = (dir_.path() / "stderr").string();
    std::vector<std::string> args{
        binary, "run",     config,  "-o",
        dir,    "--quiet", "--set", std::string("replications=") + kSlowReplications};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0) {
      const int o = ::open(stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      const int e = ::open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      const int i = ::open("/dev/null", O_RDONLY);
      ::dup2(i, 0);
      ::dup2(o, 1);
      ::dup2(e, 2);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (point_files(out_).empty() && std::chrono::steady_clock::now() < deadline) {
      int status;
      if (::waitpid(pid, &status, WNOHANG) == pid) {
        ADD_FAILURE() << "twsim ended before saving a point: " << slurp(stderr_path);
        return -1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return pid;
  }
  int wait_for(pid_t pid) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    return status;
  }
  void rerun_and_expect_uninterrupted_files();

  static ScratchDir* reference_;
  ScratchDir dir_{"killed_run"};
  fs::path out_ = dir_.path() / "out";
};

ScratchDir* KilledRunTest::reference_ = nullptr;

TEST_F(KilledRunTest, SigintStopsWithCompletePointsAndExit130) {
  // Given Ctrl-C once the first point is saved; then twsim stops starting
  // runs, exits 130 saying how many points it saved, writes no result files,
  // and every point file it left is complete (merge can read them all).
  const pid_t pid = start_run_and_wait_for_a_point();
  ASSERT_GT(pid, 0);
  ::kill(pid, SIGINT);
  const int status = wait_for(pid);
  ASSERT_TRUE(WIFEXITED(status)) << status;
  EXPECT_EQ(WEXITSTATUS(status), 130);
  const std::size_t saved = point_files(out_).size();
  EXPECT_GE(saved, 1u);
  EXPECT_LT(saved, kSlowPoints);
  EXPECT_EQ(slurp(dir_.path() / "stderr"), "twsim: error: interrupted; " + std::to_string(saved) +
                                               " of " + std::to_string(kSlowPoints) +
                                               " points saved in " + out_.string() +
                                               "/points/, rerun to resume\n");
  EXPECT_FALSE(fs::exists(out_ / "runs.csv"));
  const CliResult merge = run_cli("merge '" + out_.string() + "' -o m", dir_.path());
  EXPECT_EQ(merge.status, 2);
  EXPECT_EQ(merge.err.rfind("twsim: error: merge: " + std::to_string(kSlowPoints - saved) + " of " +
                                std::to_string(kSlowPoints) + " points are missing; " +
                                out_.string() + " has not finished ",
                            0),
            0u)
      << merge.err;
}

TEST_F(KilledRunTest, SigintThenRerunGivesTheUninterruptedFiles) {
  const pid_t pid = start_run_and_wait_for_a_point();
  ASSERT_GT(pid, 0);
  ::kill(pid, SIGINT);
  ASSERT_EQ(WEXITSTATUS(wait_for(pid)), 130);
  rerun_and_expect_uninterrupted_files();
}

TEST_F(KilledRunTest, KillNineThenRerunGivesTheUninterruptedFiles) {
  const pid_t pid = start_run_and_wait_for_a_point();
  ASSERT_GT(pid, 0);
  ::kill(pid, SIGKILL);
  wait_for(pid);
  rerun_and_expect_uninterrupted_files();
}

TEST_F(KilledRunTest, ASecondRunIntoTheDirectoryIsRefusedWhileTheFirstRuns) {
  // Given a run in progress in OUT, then a second run into OUT (another
  // config, or the same one started twice) is refused at once, naming the
  // holder, and writes nothing; the first is not disturbed and, resumed,
  // ends with the files of an uninterrupted run. A shard run is refused too
  // (it would share OUT with a whole run).
  const pid_t pid = start_run_and_wait_for_a_point();
  ASSERT_GT(pid, 0);
  for (const std::string extra : {"", " --shard 0/2"}) {
    const CliResult second = run_cli(
        "run '" + test_data("cli_tiny.json") + "' -o '" + out_.string() + "'" + extra, dir_.path());
    EXPECT_EQ(second.status, 2) << extra;
    const std::string want = "twsim: error: " + out_.string() + ": in use by another twsim (pid " +
                             std::to_string(pid) + " on ";
    EXPECT_EQ(second.err.rfind(want, 0), 0u) << second.err;
    EXPECT_NE(second.err.find(", twsim run, since "), std::string::npos) << second.err;
    EXPECT_NE(second.err.find("; wait for it to finish, or write elsewhere with -o\n"),
              std::string::npos)
        << second.err;
  }
  ::kill(pid, SIGINT);
  ASSERT_EQ(WEXITSTATUS(wait_for(pid)), 130);
  rerun_and_expect_uninterrupted_files();
}

TEST_F(KilledRunTest, SigtermStopsALongRunInsideIt) {
  // A teardown of 100 s walks (10^9 nodes x 100 ns) with background wakeups
  // at 10^7 Hz until the 1000 s horizon: ~10^10 events, hours of work in one
  // run. SIGTERM must stop it from inside the run, not after it. Waits up to
  // 20 s (it takes milliseconds); exit 130.
  const std::string binary = TWSIM_BINARY, config = test_data("cli_tiny.json"), dir = out_.string();
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int null = ::open("/dev/null", O_RDWR);
    ::dup2(null, 0);
    ::dup2(null, 1);
    ::dup2(null, 2);
    ::execl(binary.c_str(), binary.c_str(), "run", config.c_str(), "-o", dir.c_str(), "--quiet",
            "--set", "background.wakeups_hz=1e7", "--set", "horizon_s=1000", "--set",
            "replications=1", "--set", "task_work.unrelated=1000000000", "--set",
            "costs.node_visit_ns=100", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  // experiment.json is written once twsim catches SIGTERM; the run is under
  // way soon after.
  const auto ready = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!fs::exists(out_ / "experiment.json") && std::chrono::steady_clock::now() < ready) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  ::kill(pid, SIGTERM);
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      FAIL() << "twsim did not stop within 20 s of SIGTERM";
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_TRUE(WIFEXITED(status)) << status;
  EXPECT_EQ(WEXITSTATUS(status), 130);
}

TEST_F(KilledRunTest, ARequeuedShardRunningTwiceAtOnceEndsWithTheSameFiles) {
  // A Slurm array task requeued while its first instance still runs: shard
  // 0/2 twice, concurrently, into one directory. Both finish; with shard 1/2
  // the points merge into the files of a whole run.
  const pid_t first = start_run_and_wait_for_a_point({"--shard", "0/2"});
  ASSERT_GT(first, 0);
  const std::string shard = "run '" + test_data("cli_slow.json") + "' -o '" + out_.string() +
                            "' --quiet --set replications=" + kSlowReplications + " --shard ";
  const CliResult again = run_cli(shard + "0/2", dir_.path());
  EXPECT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(WEXITSTATUS(wait_for(first)), 0);
  ASSERT_EQ(run_cli(shard + "1/2", dir_.path()).status, 0);
  const CliResult merge =
      run_cli("merge '" + out_.string() + "' -o '" + (dir_.path() / "m").string() + "' --quiet",
              dir_.path());
  ASSERT_EQ(merge.status, 0) << merge.err;
  expect_same_results(reference_->path() / "full", dir_.path() / "m");
}

// Resumes the interrupted run in out_: it must reuse every point file left
// there and end with the files of the uninterrupted reference run.
void KilledRunTest::rerun_and_expect_uninterrupted_files() {
  const std::size_t saved = point_files(out_).size();
  ASSERT_GE(saved, 1u);
  const CliResult r = run_cli("run '" + test_data("cli_slow.json") + "' -j 2 -o '" + out_.string() +
                                  "' --set replications=" + kSlowReplications,
                              dir_.path());
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(
      r.err.find("twsim: reused " + std::to_string(saved) + " of " + std::to_string(kSlowPoints) +
                 " points from " + out_.string() + "/points/\n"),
      std::string::npos)
      << r.err;
  expect_same_results(reference_->path() / "full", out_);
}

}  // namespace
}  // namespace twsim
