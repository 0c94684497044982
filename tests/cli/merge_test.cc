// End to end: `twsim run --shard I/N` and `twsim merge`: shards merged give
// the files of a single run byte for byte; missing or foreign shards and bad
// --shard values are one-line errors with exit status 2.
#include <gtest/gtest.h>

#include <cinttypes>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "sim/core/word_checksum.h"
#include "tests/cli/cli_test_util.h"
#include "tests/cli/results_dir_util.h"

namespace twsim {
namespace {

namespace fs = std::filesystem;

class MergeTest : public CliTest {
 protected:
  MergeTest() : CliTest("merge_test", "--quiet") {}
};

TEST_F(MergeTest, TwoShardsMergeIntoTheFilesOfOneRun) {
  ASSERT_EQ(run_into("single").status, 0);
  ASSERT_EQ(run_into("s0", "--shard 0/2").status, 0);
  ASSERT_EQ(run_into("s1", "--shard 1/2").status, 0);
  const CliResult r = twsim("merge '" + out("s0") + "' '" + out("s1") + "' -o '" + out("m") + "'");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_NE(r.out.find("merged 2 points from 2 directories\nresults: " + out("m") + "/\n"),
            std::string::npos)
      << r.out;
  expect_same_results(out("single"), out("m"));
  // Read and written on three threads: the same files.
  const CliResult threads =
      twsim("merge '" + out("s0") + "' '" + out("s1") + "' -j 3 -o '" + out("m3") + "'");
  ASSERT_EQ(threads.status, 0) << threads.err;
  expect_same_results(out("single"), out("m3"));
  // The merged directory is a complete run: rerunning into it simulates nothing.
  const CliResult again = twsim("run " + config_ + " -o '" + out("m") + "'");
  EXPECT_NE(again.err.find("twsim: reused 2 of 2 points"), std::string::npos) << again.err;
}

TEST_F(MergeTest, ShardsSharingOneDirectoryMergeInPlace) {
  // Given five points split three ways into one shared directory (a cluster
  // filesystem) and merged onto itself; then the files equal a single run's.
  const std::string five = "--set 'sweep.grid.machine.cpus=[2,3,4,5,6]'";
  ASSERT_EQ(run_into("single", five).status, 0);
  for (const char* shard : {"2/3", "0/3", "1/3"}) {
    ASSERT_EQ(run_into("shared", five + " --shard " + shard).status, 0) << shard;
  }
  EXPECT_FALSE(fs::exists(out("shared") + "/runs.csv"));
  const CliResult r = twsim("merge '" + out("shared") + "' -o '" + out("shared") + "' --quiet");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "");
  expect_same_results(out("single"), out("shared"));
}

TEST_F(MergeTest, ShardRunSavesOnlyItsPoints) {
  const CliResult r = run_into("s1", "--shard 1/2");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "shard 1/2: 1 of 2 points saved in " + out("s1") +
                       "/points/\nwhen every shard has finished: twsim merge DIR... -o OUT\n");
  EXPECT_EQ(point_files(out("s1")).size(), 1u);
  EXPECT_FALSE(fs::exists(out("s1") + "/runs.csv"));
  EXPECT_NE(slurp(out("s1") + "/experiment.json").find("\"shard\": \"1/2\""), std::string::npos);
}

TEST_F(MergeTest, MissingShardIsNamed) {
  ASSERT_EQ(run_into("s0", "--shard 0/2").status, 0);
  const CliResult r = twsim("merge '" + out("s0") + "' -o '" + out("m") + "'");
  EXPECT_TRUE(is_bad_input(
      r,
      "twsim: error: merge: 1 of 2 points are missing; point 1 belongs to no directory "
      "given (missing shard 1/2)\n"));
  EXPECT_FALSE(fs::exists(out("m")));  // nothing written
}

TEST_F(MergeTest, UnfinishedShardIsNamed) {
  ASSERT_EQ(run_into("s0", "--shard 0/2").status, 0);
  ASSERT_EQ(run_into("s1", "--shard 1/2").status, 0);
  fs::remove(out("s1") + "/points/" + point_files(out("s1")).begin()->first);
  const CliResult r = twsim("merge '" + out("s0") + "' '" + out("s1") + "' -o '" + out("m") + "'");
  EXPECT_TRUE(is_bad_input(r, "twsim: error: merge: 1 of 2 points are missing; " + out("s1") +
                                  " (shard 1/2) has not finished point 1: rerun it to resume\n"));
}

TEST_F(MergeTest, DifferentExperimentsAreRefused) {
  ASSERT_EQ(run_into("s0", "--shard 0/2").status, 0);
  ASSERT_EQ(run_into("s1", "--shard 1/2 --set seed=2").status, 0);
  const CliResult r = twsim("merge '" + out("s0") + "' '" + out("s1") + "' -o '" + out("m") + "'");
  EXPECT_TRUE(is_bad_input(r, "twsim: error: merge: " + out("s1") +
                                  ": not the same experiment as " + out("s0") +
                                  " (their resolved configs differ at /seed)\n"));
}

TEST_F(MergeTest, DirectoryWithoutARunIsRefused) {
  fs::create_directories(out("empty"));
  const CliResult r = twsim("merge '" + out("empty") + "' -o '" + out("m") + "'");
  EXPECT_TRUE(
      is_bad_input(r, "twsim: error: merge: " + out("empty") +
                          ": no experiment.json; not a directory written by 'twsim run'\n"));
}

TEST_F(MergeTest, UsageErrors) {
  EXPECT_EQ(twsim("merge a").err,
            "twsim: error: merge: missing -o OUT; usage: twsim merge DIR... -o OUT [-j N] "
            "[--uptime S] [--quiet]\n");
  EXPECT_TRUE(is_bad_input(twsim("merge a -o x -j 0"),
                           "twsim: error: merge: --jobs must be >= 1, got 0\n"));
  const CliResult r = twsim("merge -o x");
  EXPECT_TRUE(is_bad_input(r,
                           "twsim: error: merge: missing DIR; usage: twsim merge DIR... -o OUT "
                           "[-j N] [--uptime S] [--quiet]\n"));
}

TEST_F(MergeTest, BadShardIsBadInputAndWritesNothing) {
  for (const char* bad : {"3/2", "2/2", "1/0", "x", "-1/2", "1/2/3", "1"}) {
    const CliResult r = run_into("a", std::string("--shard ") + bad);
    EXPECT_TRUE(is_bad_input(
        r,
        std::string("twsim: error: run: --shard must be I/N with 0 <= I < N, got '") + bad + "'\n"))
        << bad;
  }
  EXPECT_FALSE(fs::exists(out("a")));
}

TEST_F(MergeTest, DirectoriesThatDisagreeOnAPointAreRefused) {
  // Given two runs of one experiment, one of whose point files was rewritten
  // with another number and a checksum to match (so it reads as valid), then
  // merge refuses to choose between them, in either order.
  ASSERT_EQ(run_into("a").status, 0);
  ASSERT_EQ(run_into("b").status, 0);
  const auto files = point_files(out("b"));
  ASSERT_FALSE(files.empty());
  const fs::path path = fs::path(out("b")) / "points" / files.begin()->first;
  nlohmann::ordered_json doc = nlohmann::ordered_json::parse(slurp(path));
  doc["runs"]["old"][0]["teardown_ns"] = doc["runs"]["old"][0]["teardown_ns"].get<long>() + 1;
  doc.erase("checksum");
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016" PRIx64, word_checksum64(doc.dump()));
  doc["checksum"] = hex;
  std::ofstream(path) << doc.dump() << "\n";
  for (const auto& [x, y] : {std::pair{"a", "b"}, std::pair{"b", "a"}}) {
    const CliResult r = twsim("merge '" + out(x) + "' '" + out(y) + "' -o '" + out("m") + "'");
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_NE(r.err.find(" disagree on point "), std::string::npos) << r.err;
  }
  EXPECT_FALSE(fs::exists(fs::path(out("m")) / "runs.csv"));
}

TEST_F(MergeTest, AHandEditedPointFileIsSimulatedAgain) {
  // Given a point file with one digit changed (its checksum no longer
  // matches), then a rerun warns, simulates the point again and ends with the
  // files of the untouched run.
  ASSERT_EQ(run_into("a").status, 0);
  ASSERT_EQ(run_into("b").status, 0);
  const auto files = point_files(out("b"));
  const fs::path path = fs::path(out("b")) / "points" / files.begin()->first;
  std::string text = slurp(path);
  const std::size_t at = text.find("\"teardown_ns\":") + 14;
  text[at] = text[at] == '1' ? '2' : '1';
  std::ofstream(path) << text;
  const CliResult r = twsim("run " + config_ + " -o '" + out("b") + "'");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find(path.string() + ": checksum mismatch: the file was changed after twsim "
                                       "wrote it; simulating point "),
            std::string::npos)
      << r.err;
  expect_same_results(out("a"), out("b"));
}

}  // namespace
}  // namespace twsim