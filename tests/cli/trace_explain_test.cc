// twsim run --trace and twsim explain on scenarios worked out by hand.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "tests/cli/cli_test_util.h"

namespace twsim {
namespace {

struct Span {
  std::string name;
  std::string ts, dur;  // as written, microseconds
  bool operator==(const Span&) const = default;
};

TEST(TraceTest, OneCpuTimelineMatchesTheHandWrittenOne) {
  // One CPU (tests/data/trace_one_cpu.json), old algorithm, no create_work,
  // the worker woken after the cancel:
  //   [0, 10 us)       submitter: task_work_cancel_match walks 1000 x 10 ns, finds nothing;
  //   [10 us, 20 us)   the worker (on the CPU the submitter freed): its full scan;
  //   [20 us, 40 us)   worker_exit_ns, interrupts on;
  //   [40 us, 40.4 us) its io_worker_ref_put completes worker_done: try_to_wake_up
  //                    of the sleeping submitter holds pi_lock 400 ns.
  // Nobody ever waits, so there are no spin spans; interrupts are off exactly
  // over the three holds.
  ScratchDir dir("trace");
  const CliResult r = run_cli(
      "run " + test_data("trace_one_cpu.json") + " -o out --quiet --trace trace.json", dir.path());
  ASSERT_EQ(r.status, 0) << r.err;
  const auto trace = nlohmann::json::parse(slurp(dir.path() / "trace.json"));
  std::vector<Span> spans;
  std::vector<long long> lengths, nodes;
  for (const auto& e : trace["traceEvents"]) {
    if (e["ph"] == "X") {
      EXPECT_EQ(e["tid"], 1000001);  // process 1, CPU 0
      spans.push_back({e["name"], e["ts"].dump(), e["dur"].dump()});
      if (e["cat"] == "hold") nodes.push_back(e["args"]["nodes"].get<long long>());
    }
    if (e["ph"] == "C") lengths.push_back(e["args"]["nodes"].get<long long>());
  }
  const std::vector<Span> expected = {
      {"interrupts off", "0.0", "10.0"},  {"hold pi_lock: task_work_cancel_match", "0.0", "10.0"},
      {"interrupts off", "10.0", "10.0"}, {"hold pi_lock: task_work_cancel_match", "10.0", "10.0"},
      {"interrupts off", "40.0", "0.4"},  {"hold pi_lock: try_to_wake_up", "40.0", "0.4"},
  };
  EXPECT_EQ(spans, expected);
  EXPECT_EQ(lengths, (std::vector<long long>{1000, 1000, 1000}));
  EXPECT_EQ(nodes, (std::vector<long long>{1000, 1000, 0}));  // in args, not in the name
}

TEST(TraceTest, AFifoStaysAFifoAndGetsTheTrace) {
  // --trace into a FIFO (as into /dev/stdout or /dev/null) writes through it;
  // it is not replaced by a regular file.
  ScratchDir dir("trace_fifo");
  const std::filesystem::path fifo = dir.path() / "t.fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string got;
  std::thread reader([&] { got = slurp(fifo); });
  const CliResult r = run_cli(
      "run " + test_data("trace_one_cpu.json") + " --quiet -o out --trace t.fifo", dir.path());
  if (r.status != 0) {
    // twsim failed before opening the FIFO: open it ourselves so that the
    // reader's open returns and the test fails instead of hanging.
    const int fd = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
    if (fd >= 0) ::close(fd);
  }
  reader.join();
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(got.find("traceEvents"), std::string::npos);
  struct stat st {};
  ASSERT_EQ(::lstat(fifo.c_str(), &st), 0);
  EXPECT_TRUE(S_ISFIFO(st.st_mode));
}

TEST(TraceTest, ATraceOverTheConfigOrAResultIsRefusedBeforeSimulating) {
  ScratchDir dir("trace_refused");
  const std::string config = (dir.path() / "c.json").string();
  std::filesystem::copy_file(test_data("trace_one_cpu.json"), config);
  const std::string before = slurp(config);
  CliResult r = run_cli("run c.json --quiet -o out --trace c.json", dir.path());
  EXPECT_TRUE(is_bad_input(r,
                           "twsim: error: run: --trace c.json: would overwrite c.json; give "
                           "another path\n"));
  EXPECT_EQ(slurp(config), before);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "out" / "points"));
  ASSERT_EQ(run_cli("run c.json --quiet -o out", dir.path()).status, 0);
  const std::string runs = slurp(dir.path() / "out" / "runs.csv");
  r = run_cli("run c.json --quiet -o out --trace out/runs.csv", dir.path());
  EXPECT_TRUE(is_bad_input(r,
                           "twsim: error: run: --trace out/runs.csv: would overwrite "
                           "out/runs.csv; give another path\n"));
  EXPECT_EQ(slurp(dir.path() / "out" / "runs.csv"), runs);
  r = run_cli("run c.json --quiet -o out --trace nodir/t.json", dir.path());
  EXPECT_TRUE(is_bad_input(r,
                           "twsim: error: run: --trace nodir/t.json: no such directory "
                           "nodir\n"));
}

TEST(ExplainTest, NamesTheCpuTheStretchAndTheReport) {
  // tests/data/explain_long_walk.json: one CPU, one walk of 201,000,000 nodes
  // at 100 ns = 20.1 s with interrupts off, nobody ahead; the perf detector
  // must report it (certain at >= 20 s).
  ScratchDir dir("explain");
  const CliResult r = run_cli("explain " + test_data("explain_long_walk.json"), dir.path());
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("(the first replication with a detector report; --replication picks "
                       "another)\nCPU 0 (the first CPU reported) was running the exiting "
                       "submitter in io_wq_cancel_tw_create"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("Its interrupts were off for 20.1 s"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("behind 0 holders"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("task_work_cancel_match_all, walking 201000000 nodes"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("had not moved since the previous check: hard lockup"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("watchdog: CPU0: Watchdog detected hard LOCKUP on cpu 0"), std::string::npos)
      << r.out;
}

TEST(ExplainTest, BadPointIsAUsageError) {
  ScratchDir dir("explain_bad");
  const CliResult r =
      run_cli("explain " + test_data("explain_long_walk.json") + " --point 3", dir.path());
  EXPECT_TRUE(is_bad_input(r, "twsim: error: explain: --point must be in [0, 0], got 3\n"));
}

}  // namespace
}  // namespace twsim
