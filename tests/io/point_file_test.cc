// points/ files (sim/io/point_file.h) and experiment.json
// (sim/io/experiment_file.h): exact round trips, keys that change with what
// the runs depend on, and refusal of files written for something else.
#include "sim/io/point_file.h"

#include <gtest/gtest.h>

#include <cctype>
#include <cinttypes>
#include <cstdio>

#include "sim/core/word_checksum.h"
#include "sim/io/experiment_file.h"
#include "sim/io/input_error.h"
#include "sim/io/json_document.h"
#include "sim/io/results_json.h"
#include "sim/scenario/run_fields.h"

namespace twsim {
namespace {

// A run with every field set to a distinct value that is not its default.
RunMetrics every_field_set(int salt) {
  RunMetrics m;
  m.teardown_ns = 1'000'000'007 + salt;
  m.teardown_complete = salt % 2 == 0;
  m.max_irqoff_ns = 9'000'000'001;
  m.max_irqoff_cpu = 138;
  m.max_irqoff_role = Role::kWorker;
  m.max_irqoff_wait_ns = 8'999'000'000;
  m.max_lock_wait_ns = 7'000'000'003;
  m.irqoff_cpu_ns = 667'000'000'000;
  m.irqoff_stretches = 961;
  m.irqoff_cpus_10ms = 192;
  m.irqoff_cpus_100ms = 190;
  m.irqoff_cpus_1s = 189;
  m.irqoff_p50_ns = 41;
  m.irqoff_p90_ns = 42;
  m.irqoff_p99_ns = 43;
  m.irqoff_histogram.counts[0] = 5;
  m.irqoff_histogram.counts[IrqOffHistogram::kBins - 1] = 7 + salt;
  m.lock_acquisitions = 1234;
  m.contended_acquisitions = 1200;
  m.nodes_visited = 987'654'321'012;
  m.cancel_hold_p50_ns = 11;
  m.cancel_hold_p99_ns = 12;
  m.cancel_hold_max_ns = 13;
  m.hard_lockups = 2;
  m.soft_lockups = 1;
  m.rcu_stalls = 1;
  m.first_hard_lockup_ns = 14;
  m.first_soft_lockup_ns = 15;
  m.first_rcu_stall_ns = 16;
  m.verdict = Verdict::kHard;
  m.lock_stat.acquisitions = 21;
  m.lock_stat.contentions = 22;
  m.lock_stat.wait_min_ns = 23;
  m.lock_stat.wait_max_ns = 24;
  m.lock_stat.wait_total_ns = 25;
  m.lock_stat.hold_min_ns = 26;
  m.lock_stat.hold_max_ns = 27;
  m.lock_stat.hold_total_ns = 28;
  for (int i = 0; i < kCallSites; ++i) m.lock_stat.contentions_by_site[i] = 30 + i;
  for (int i = 0; i < kCallSites; ++i) m.lock_stat.contending_by_site[i] = 40 + i;
  m.lock_stat.con_bounces = 17;
  m.lock_stat.acq_bounces = 19;
  for (int i = 0; i < kKernelFns; ++i) {
    m.lock_stat.by_caller[i] = {50 + i, 60 + i, 70 + i, 80 + i, 90 + i, 100 + i};
  }
  m.reports = {{ReportKind::kHardLockup, 14, 138, 138, 10'000'000'000, Role::kSubmitter,
                KernelFn::kIoWqCancelTwCreate},
               {ReportKind::kSoftLockup, 15, 3, 3, 22'000'000'000},
               {ReportKind::kRcuStall, 16, 5, -1, 26'000'000'000},
               {ReportKind::kHardLockup, 40, 7, 6, 12'000'000'000}};
  m.first_hard = {138, Role::kSubmitter, KernelFn::kIoWqCancelTwCreate};
  m.first_soft = {3, Role::kWorker, KernelFn::kIoWorkerExit};
  m.hard_lockups_submitter = 2;
  m.hard_lockups_worker = 1;
  m.events = 18'446'744'073'709'551'000ull;  // above INT64_MAX
  return m;
}

void expect_same_run(const RunMetrics& a, const RunMetrics& b) {
  EXPECT_EQ(a.teardown_ns, b.teardown_ns);
  EXPECT_EQ(a.teardown_complete, b.teardown_complete);
  EXPECT_EQ(a.max_irqoff_ns, b.max_irqoff_ns);
  EXPECT_EQ(a.max_irqoff_cpu, b.max_irqoff_cpu);
  EXPECT_EQ(a.max_irqoff_role, b.max_irqoff_role);
  EXPECT_EQ(a.max_irqoff_wait_ns, b.max_irqoff_wait_ns);
  EXPECT_EQ(a.max_lock_wait_ns, b.max_lock_wait_ns);
  EXPECT_EQ(a.lock_acquisitions, b.lock_acquisitions);
  EXPECT_EQ(a.contended_acquisitions, b.contended_acquisitions);
  EXPECT_EQ(a.nodes_visited, b.nodes_visited);
  EXPECT_EQ(a.cancel_hold_p50_ns, b.cancel_hold_p50_ns);
  EXPECT_EQ(a.cancel_hold_p99_ns, b.cancel_hold_p99_ns);
  EXPECT_EQ(a.cancel_hold_max_ns, b.cancel_hold_max_ns);
  EXPECT_EQ(a.hard_lockups, b.hard_lockups);
  EXPECT_EQ(a.soft_lockups, b.soft_lockups);
  EXPECT_EQ(a.rcu_stalls, b.rcu_stalls);
  EXPECT_EQ(a.first_hard_lockup_ns, b.first_hard_lockup_ns);
  EXPECT_EQ(a.first_soft_lockup_ns, b.first_soft_lockup_ns);
  EXPECT_EQ(a.first_rcu_stall_ns, b.first_rcu_stall_ns);
  EXPECT_EQ(a.verdict, b.verdict);
  EXPECT_EQ(a.lock_stat.acquisitions, b.lock_stat.acquisitions);
  EXPECT_EQ(a.lock_stat.contentions, b.lock_stat.contentions);
  EXPECT_EQ(a.lock_stat.wait_min_ns, b.lock_stat.wait_min_ns);
  EXPECT_EQ(a.lock_stat.wait_max_ns, b.lock_stat.wait_max_ns);
  EXPECT_EQ(a.lock_stat.wait_total_ns, b.lock_stat.wait_total_ns);
  EXPECT_EQ(a.lock_stat.hold_min_ns, b.lock_stat.hold_min_ns);
  EXPECT_EQ(a.lock_stat.hold_max_ns, b.lock_stat.hold_max_ns);
  EXPECT_EQ(a.lock_stat.hold_total_ns, b.lock_stat.hold_total_ns);
  for (int i = 0; i < kCallSites; ++i) {
    EXPECT_EQ(a.lock_stat.contentions_by_site[i], b.lock_stat.contentions_by_site[i]) << i;
    EXPECT_EQ(a.lock_stat.contending_by_site[i], b.lock_stat.contending_by_site[i]) << i;
  }
  EXPECT_EQ(a.lock_stat.con_bounces, b.lock_stat.con_bounces);
  EXPECT_EQ(a.lock_stat.acq_bounces, b.lock_stat.acq_bounces);
  for (int i = 0; i < kKernelFns; ++i) {
    const LockCaller &x = a.lock_stat.by_caller[i], &y = b.lock_stat.by_caller[i];
    EXPECT_EQ(x.acquisitions, y.acquisitions) << i;
    EXPECT_EQ(x.contentions, y.contentions) << i;
    EXPECT_EQ(x.wait_total_ns, y.wait_total_ns) << i;
    EXPECT_EQ(x.wait_max_ns, y.wait_max_ns) << i;
    EXPECT_EQ(x.hold_total_ns, y.hold_total_ns) << i;
    EXPECT_EQ(x.hold_max_ns, y.hold_max_ns) << i;
  }
  for (auto f : {&RunMetrics::first_hard, &RunMetrics::first_soft, &RunMetrics::first_rcu}) {
    EXPECT_EQ((a.*f).cpu, (b.*f).cpu);
    EXPECT_EQ((a.*f).role, (b.*f).role);
    EXPECT_EQ((a.*f).fn, (b.*f).fn);
  }
  EXPECT_EQ(a.hard_lockups_submitter, b.hard_lockups_submitter);
  EXPECT_EQ(a.hard_lockups_worker, b.hard_lockups_worker);
  for (const RunField& f : run_fields()) EXPECT_EQ(f.get(a), f.get(b)) << f.name;
  EXPECT_EQ(a.irqoff_histogram, b.irqoff_histogram);
  ASSERT_EQ(a.reports.size(), b.reports.size());
  for (std::size_t i = 0; i < a.reports.size(); ++i) {
    EXPECT_EQ(a.reports[i].kind, b.reports[i].kind);
    EXPECT_EQ(a.reports[i].at_ns, b.reports[i].at_ns);
    EXPECT_EQ(a.reports[i].cpu, b.reports[i].cpu);
    EXPECT_EQ(a.reports[i].checker_cpu, b.reports[i].checker_cpu);
    EXPECT_EQ(a.reports[i].stuck_ns, b.reports[i].stuck_ns);
    EXPECT_EQ(a.reports[i].role, b.reports[i].role);
    EXPECT_EQ(a.reports[i].fn, b.reports[i].fn);
  }
  EXPECT_EQ(a.events, b.events);
}

PointIdentity identity() {
  return PointIdentity{R"({"horizon_s":60.0,"machine":{"cpus":4}})",
                       7,
                       2,
                       {Algorithm::kOld, Algorithm::kNew},
                       "0.1.0 (abc)"};
}

PointRuns runs_of(const PointIdentity& id) {
  PointRuns runs;
  int salt = 0;
  for (std::size_t a = 0; a < id.algorithms.size(); ++a) {
    runs.runs.emplace_back();
    for (int r = 0; r < id.replications; ++r) runs.runs[a].push_back(every_field_set(salt++));
  }
  return runs;
}

TEST(PointFileTest, EveryFieldReadsBackExactly) {
  const PointIdentity id = identity();
  const PointRuns runs = runs_of(id);
  PointRuns back;
  std::string why;
  ASSERT_TRUE(read_point_file(point_file_text(id, runs), id, &back, &why)) << why;
  ASSERT_EQ(back.runs.size(), 2u);
  for (std::size_t a = 0; a < 2; ++a) {
    ASSERT_EQ(back.runs[a].size(), 2u);
    for (std::size_t r = 0; r < 2; ++r) expect_same_run(runs.runs[a][r], back.runs[a][r]);
  }
  EXPECT_EQ(point_file_text(id, back), point_file_text(id, runs));
}

TEST(PointFileTest, TextIsTheCompactDumpOfItsOwnDocument) {
  // The file is written as text (json_writer.h), not through a JSON tree;
  // parsing it and dumping the tree again (nlohmann) must give it back byte
  // for byte, or files of earlier binaries would not resume.
  const PointIdentity id = identity();
  const std::string text = point_file_text(id, runs_of(id));
  ASSERT_EQ(text.back(), '\n');
  const std::string body = text.substr(0, text.size() - 1);
  EXPECT_EQ(json_dump(parse_json_document(body, "point file")), body);
}

TEST(PointFileTest, KeyIsSixteenHexDigitsAndStable) {
  // Given the same identity twice; then the same key. The key is a
  // published file name: it must not change between builds or hosts.
  const std::string key = point_key(identity());
  EXPECT_EQ(key.size(), 16u);
  EXPECT_EQ(key.find_first_not_of("0123456789abcdef"), std::string::npos) << key;
  EXPECT_EQ(point_key(identity()), key);
}

TEST(PointFileTest, KeyChangesWithEverythingTheRunsDependOn) {
  const std::string key = point_key(identity());
  PointIdentity id = identity();
  id.scenario_json = R"({"horizon_s":60.0,"machine":{"cpus":8}})";
  EXPECT_NE(point_key(id), key);
  id = identity();
  id.seed = 8;
  EXPECT_NE(point_key(id), key);
  id = identity();
  id.replications = 3;
  EXPECT_NE(point_key(id), key);
  id = identity();
  id.algorithms = {Algorithm::kNew, Algorithm::kOld};
  EXPECT_NE(point_key(id), key);
  id = identity();
  id.twsim = "0.1.1 (abc)";
  EXPECT_NE(point_key(id), key);
}

TEST(PointFileTest, RefusesAFileWrittenForAnotherIdentity) {
  const PointIdentity id = identity();
  const std::string text = point_file_text(id, runs_of(id));
  PointRuns back;
  std::string why;
  PointIdentity other = id;
  other.seed = 8;
  EXPECT_FALSE(read_point_file(text, other, &back, &why));
  EXPECT_EQ(why, "key does not match its identity");
  EXPECT_TRUE(back.runs.empty());
}

TEST(PointFileTest, RefusesTruncatedAndForeignText) {
  const PointIdentity id = identity();
  const std::string text = point_file_text(id, runs_of(id));
  PointRuns back;
  std::string why;
  EXPECT_FALSE(read_point_file(text.substr(0, text.size() / 2), id, &back, &why));
  EXPECT_EQ(why, "cut short: it does not end with its checksum");
  EXPECT_FALSE(read_point_file("", id, &back, &why));
  EXPECT_EQ(why, "empty file");
  EXPECT_FALSE(read_point_file(R"({"format":"twsim-point/7"})", id, &back, &why));
  EXPECT_EQ(why, "cut short: it does not end with its checksum");
  EXPECT_FALSE(read_point_file(R"({"format":"twsim-point/8"})", id, &back, &why));
  EXPECT_EQ(why, "not a twsim point file (format twsim-point/7)");
  // Every shorter text (a crash may cut the file anywhere; the newline
  // alone is optional) is refused.
  for (std::size_t n = 0; n + 1 < text.size(); ++n) {
    EXPECT_FALSE(read_point_file(text.substr(0, n), id, &back, &why)) << n;
  }
  EXPECT_TRUE(back.runs.empty());
  EXPECT_TRUE(read_point_file(text.substr(0, text.size() - 1), id, &back, &why)) << why;
}

// `text` (a point file) with its checksum made anew for its content, as a
// file edited by someone who knew how would be.
std::string with_checksum_renewed(std::string text) {
  const std::string mark = ",\"checksum\":\"";
  const std::size_t at = text.rfind(mark);
  std::string body = text.substr(0, at) + "}";
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016" PRIx64, word_checksum64(body));
  return text.substr(0, at) + mark + hex + "\"}\n";
}

TEST(PointFileTest, RenewedChecksumsAreCheckedAgainstTheRealChecksum) {
  // The test's own checksum must be the one twsim writes, or the tests below
  // would pass for the wrong reason.
  const PointIdentity id = identity();
  const std::string text = point_file_text(id, runs_of(id));
  EXPECT_EQ(with_checksum_renewed(text), text);
}

TEST(PointFileTest, AFileThatKeepsItsChecksumButNotItsLayoutIsRefused) {
  // Given files whose checksum holds but whose content twsim would never
  // write; then each is refused with what was wrong and where.
  const PointIdentity id = identity();
  const std::string text = point_file_text(id, runs_of(id));
  const auto refusal = [&](const std::string& from, const std::string& to) {
    std::string changed = text;
    const std::size_t at = changed.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    changed.replace(at, from.size(), to);
    PointRuns back;
    std::string why;
    EXPECT_FALSE(read_point_file(with_checksum_renewed(changed), id, &back, &why)) << to;
    return why;
  };
  // Offsets count from the byte after {"format":"twsim-point/7" (25 bytes).
  const std::size_t events_at = text.find("\"events\":") + 9 - 25;
  EXPECT_EQ(refusal("\"events\":", "\"events\":-"),
            "corrupt: expected an integer at byte " + std::to_string(events_at));
  EXPECT_EQ(refusal("\"max_irqoff_role\":\"worker\"", "\"max_irqoff_role\":\"kworker\""),
            "corrupt: max_irqoff_role is not a known word");
  EXPECT_EQ(refusal("\"teardown_complete\":", "\"teardown_complete\":1,\"x\":"),
            "corrupt: expected true or false at byte " +
                std::to_string(text.find("\"teardown_complete\":") + 20 - 25));
  EXPECT_EQ(refusal("\"teardown_ns\":1000000007", "\"teardown_ns\":1000000007.5"),
            "corrupt: expected an integer at byte " +
                std::to_string(text.find("\"teardown_ns\":") + 14 + 10 - 25));
  EXPECT_EQ(refusal("\"teardown_ns\":1000000007", "\"teardown_ns\":99999999999999999999"),
            "corrupt: expected an integer that fits in 64 bits at byte " +
                std::to_string(text.find("\"teardown_ns\":") + 14 + 19 - 25));
  EXPECT_EQ(refusal("]}}", "],\"extra\":1}}"),
            "corrupt: expected '}' at byte " + std::to_string(text.find("]}}") + 1 - 25));
}

TEST(PointFileTest, OneChangedDigitIsCaughtByTheChecksum) {
  // Given a point file with one digit of one number changed (a hand edit or
  // a bit flip that still parses), then it is refused, not reused.
  const PointIdentity id = identity();
  std::string text = point_file_text(id, runs_of(id));
  const std::size_t at = text.find("\"teardown_ns\":") + std::string("\"teardown_ns\":").size();
  ASSERT_TRUE(std::isdigit(static_cast<unsigned char>(text[at])));
  text[at] = text[at] == '9' ? '8' : static_cast<char>(text[at] + 1);
  PointRuns back;
  std::string why;
  EXPECT_FALSE(read_point_file(text, id, &back, &why));
  EXPECT_EQ(why, "checksum mismatch: the file was changed after twsim wrote it");
  EXPECT_TRUE(back.runs.empty());
}

TEST(PointFileTest, RefusesARunListOfTheWrongLength) {
  PointIdentity id = identity();
  PointRuns runs = runs_of(id);
  runs.runs[1].pop_back();
  PointRuns back;
  std::string why;
  EXPECT_FALSE(read_point_file(point_file_text(id, runs), id, &back, &why));
  EXPECT_EQ(why, "corrupt: incomplete: \"runs\"/\"new\" must hold 2 runs");
}

TEST(PointFileTest, KeepsEveryReportOfEveryReplication) {
  // Given a later replication with more reports than results.json prints
  // (kReportsKept of replication 0), then every one of them reads back: the
  // points/ files are what reports.txt is rebuilt from.
  const PointIdentity id = identity();
  PointRuns runs = runs_of(id);
  RunMetrics& many = runs.runs[1][1];
  const DetectorReport soft{
      ReportKind::kSoftLockup,      26'000'000'000, 9, 9, Ns{22} << 30, Role::kSubmitter,
      KernelFn::kIoWqCancelTwCreate};
  many.reports.assign(kReportsKept + 5, soft);
  PointRuns back;
  std::string why;
  ASSERT_TRUE(read_point_file(point_file_text(id, runs), id, &back, &why)) << why;
  ASSERT_EQ(back.runs[1][1].reports.size(), static_cast<std::size_t>(kReportsKept + 5));
  expect_same_run(many, back.runs[1][1]);
}

TEST(PointFileTest, RefusesTheFormerFormat) {
  // Given a file of format /4 (which had no interrupts-off histogram;
  // /3 kept only replication 0's first reports), then it is refused.
  const PointIdentity id = identity();
  std::string text = point_file_text(id, runs_of(id));
  const std::string now = "\"format\":\"twsim-point/7\"";
  ASSERT_EQ(text.find(now), 1u);
  text.replace(1, now.size(), "\"format\":\"twsim-point/4\"");
  PointRuns back;
  std::string why;
  EXPECT_FALSE(read_point_file(text, id, &back, &why));
  EXPECT_EQ(why, "not a twsim point file (format twsim-point/7)");
}

TEST(ExperimentFileTest, RoundTrip) {
  const ExperimentFile f{"0.1.0 (abc)", "configs/x.json", "1/4",
                         R"({"name":"x","seed":1,"horizon_s":60.0})"};
  const ExperimentFile back = read_experiment_file(experiment_file_text(f), "e.json");
  EXPECT_EQ(back.twsim, f.twsim);
  EXPECT_EQ(back.config_file, f.config_file);
  EXPECT_EQ(back.shard, f.shard);
  EXPECT_EQ(back.config_json, f.config_json);  // canonical text survives exactly
}

TEST(ExperimentFileTest, WholeRunHasNoShard) {
  const ExperimentFile f{"v", "c.json", "", R"({"name":"x"})"};
  EXPECT_NE(experiment_file_text(f).find("\"shard\": null"), std::string::npos);
  EXPECT_EQ(read_experiment_file(experiment_file_text(f), "e.json").shard, "");
}

TEST(ExperimentFileTest, ForeignTextIsAnInputError) {
  try {
    read_experiment_file(R"({"name":"x"})", "d/experiment.json");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(),
                 "d/experiment.json: not a twsim experiment.json (format twsim-experiment/1)");
  }
}

TEST(ExperimentFileTest, FirstDifferenceNamesThePointer) {
  EXPECT_EQ(
      first_json_difference(R"({"a":1,"m":{"cpus":4,"s":1}})", R"({"a":1,"m":{"cpus":8,"s":2}})"),
      "/m/cpus");
  EXPECT_EQ(first_json_difference(R"({"a":[1,2]})", R"({"a":[1,3]})"), "/a/1");
  EXPECT_EQ(first_json_difference(R"({"a":1})", R"({"a":1,"b":2})"), "/b");
  EXPECT_EQ(first_json_difference(R"({"a":1})", R"({"a":1})"), "(none)");
  EXPECT_EQ(first_json_difference("1", "[1]"), "");
}

}  // namespace
}  // namespace twsim
