// The report's summary table and its choice of run, on hand-written CSVs in
// the layout README "How to read the output" gives.
#include "sim/cli/report_tables.h"

#include <gtest/gtest.h>

#include "sim/io/input_error.h"

namespace twsim {
namespace {

constexpr const char* kHead =
    "experiment,seed,config_hash,point,machine_cpus,algorithm,metric,n,mean,lo,hi,min,max,margin\n";

// The README's 192-CPU figures for old; new cut off at the horizon in half its runs.
const std::string kSummary =
    std::string(kHead) +
    "e,1,h,0,192,old,teardown_ns,40,30800000000,30700000000,30900000000,1,2,\n"
    "e,1,h,0,192,old,max_irqoff_ns,40,7680000000,7600000000,7700000000,1,2,\n"
    "e,1,h,0,192,old,irqoff_cpu_ns,40,5180000000000,5100000000000,5200000000000,1,2,\n"
    "e,1,h,0,192,old,p_hard,40,0.95,0.834961,0.986179,,,\n"
    "e,1,h,0,192,old,p_soft,40,0,0,0.087622,,,\n"
    "e,1,h,0,192,old,p_rcu,40,0,0,0.087622,,,\n"
    "e,1,h,0,192,old,p_any,40,0.95,0.834961,0.986179,,,\n"
    "e,1,h,0,192,old,p_complete,40,1,0.912378,1,,,\n"
    "e,1,h,0,192,old,hard_window_ns,40,,6000000000,20000000000,,,possible\n"
    "e,1,h,0,192,new,teardown_ns,40,109000000,108000000,110000000,1,2,\n"
    "e,1,h,0,192,new,max_irqoff_ns,40,109000000,108000000,110000000,1,2,\n"
    "e,1,h,0,192,new,p_hard,40,0,0,0.087622,,,\n"
    "e,1,h,0,192,new,p_any,40,0,0,0.087622,,,\n"
    "e,1,h,0,192,new,p_complete,40,0.5,0.35,0.65,,,\n"
    "e,1,h,0,192,new,hard_window_ns,40,,,,,,off\n";

TEST(SummaryReportTable, OneRowPerPointAndAlgorithmInTheCliWords) {
  const ReportTable t = summary_report_table(parse_csv(kSummary, "s.csv"), "s.csv");
  EXPECT_EQ(t.id, "summary-table");
  EXPECT_EQ(t.header,
            (std::vector<std::string>{"point", "machine_cpus", "algorithm", "runs", "P(hard)",
                                      "P(soft)", "P(rcu)", "worst irqoff (mean)", "margin",
                                      "hard window", "irqoff CPU time (mean)", "teardown (mean)"}));
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0],
            (std::vector<std::string>{"0", "192", "old", "40", "0.95 [0.83-0.99]",
                                      "0.00 [0.00-0.09]", "0.00 [0.00-0.09]", "7.68 s", "possible",
                                      "6.00 s - 20.0 s", "5180 s", "30.8 s"}));
  // Half the runs cut off: P is a lower bound; no p_soft row: "-"; detector off.
  EXPECT_EQ(t.rows[1], (std::vector<std::string>{"0", "192", "new", "40", ">=0.00 [0.00-0.09]", "-",
                                                 "-", "109 ms", "off", "off", "-", "109 ms"}));
}

TEST(SummaryReportTable, NamesTheMissingColumn) {
  try {
    summary_report_table(parse_csv("point,algorithm\n0,old\n", "s.csv"), "s.csv");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "s.csv: no column 'metric'");
  }
}

constexpr const char* kRunsHead =
    "point,machine_cpus,algorithm,replication,max_irqoff_ns,hard_lockups,soft_lockups,"
    "rcu_stalls\n";

TEST(MostInterestingRun, HighestPHardThenItsFirstReplicationWithAHardLockup) {
  const std::string runs = std::string(kRunsHead) +
                           "0,192,old,0,7000000000,0,0,0\n"
                           "0,192,new,0,9000000000,0,0,0\n"
                           "0,192,old,1,7600000000,2,0,0\n"
                           "0,192,old,2,7700000000,1,0,0\n";
  const InterestingRun pick = most_interesting_run(parse_csv(kSummary, "s.csv"), "s.csv",
                                                   parse_csv(runs, "r.csv"), "r.csv");
  EXPECT_EQ(pick.point, 0);
  EXPECT_EQ(pick.algorithm, "old");
  EXPECT_EQ(pick.replication, 1);
  EXPECT_EQ(pick.why,
            "the highest P(hard) of the experiment (0.95); its first replication with a hard "
            "LOCKUP report");
}

TEST(MostInterestingRun, WithoutReportsTheLongestWorstStretch) {
  const std::string summary = std::string(kHead) +
                              "e,1,h,0,2,old,max_irqoff_ns,2,480200,1,2,1,2,\n"
                              "e,1,h,0,2,old,p_hard,2,0,0,0.66,,,\n"
                              "e,1,h,1,4,new,max_irqoff_ns,2,960000,1,2,1,2,\n"
                              "e,1,h,1,4,new,p_hard,2,0,0,0.66,,,\n";
  const std::string runs = std::string(kRunsHead) +
                           "1,4,new,0,950000,0,0,0\n"
                           "1,4,new,1,970000,0,0,0\n"
                           "0,2,old,0,999000000,0,0,0\n";
  const InterestingRun pick =
      most_interesting_run(parse_csv(summary, "s.csv"), "s.csv", parse_csv(runs, "r.csv"), "r.csv");
  EXPECT_EQ(pick.point, 1);
  EXPECT_EQ(pick.algorithm, "new");
  EXPECT_EQ(pick.replication, 1);
  EXPECT_EQ(pick.why,
            "no detector report anywhere; the longest mean worst interrupts-off stretch (960 "
            "us); its replication with the longest worst stretch (970 us)");
}

}  // namespace
}  // namespace twsim
