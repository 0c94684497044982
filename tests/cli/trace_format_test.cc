// `twsim run --trace` checked against Google's "Trace Event Format" document
// (the JSON Object Format that Perfetto and chrome://tracing load): the
// fields each phase requires and their types, microsecond timestamps,
// integer pid/tid, flow events bound by bind_id with flow_out/flow_in, and
// metadata events by their documented names.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "sim/cli/chrome_trace.h"
#include "sim/model/teardown.h"
#include "tests/cli/cli_test_util.h"
#include "tests/model/model_test_util.h"

namespace twsim {
namespace {

using Json = nlohmann::json;

// Every event against the format: returns the first problem, or "".
std::string format_problem(const Json& trace) {
  if (!trace.is_object() || !trace["traceEvents"].is_array()) return "no traceEvents array";
  const std::string unit = trace.value("displayTimeUnit", "ms");
  if (unit != "ms" && unit != "ns") return "displayTimeUnit is " + unit;
  for (const Json& e : trace["traceEvents"]) {
    const std::string at = e.dump().substr(0, 160);
    if (!e["ph"].is_string() || !e["name"].is_string()) return "ph or name missing: " + at;
    if (!e["pid"].is_number_integer() || e["pid"].get<long long>() <= 0) return "pid: " + at;
    const std::string ph = e["ph"];
    if (ph == "M") {
      static const std::set<std::string> kNames = {"process_name", "thread_name",
                                                   "thread_sort_index"};
      if (kNames.count(e["name"]) == 0 || !e["args"].is_object()) return "metadata: " + at;
      if (e["name"] != "process_name" && !e["tid"].is_number_integer()) return "tid: " + at;
      continue;
    }
    if (!e["tid"].is_number_integer() || e["tid"].get<long long>() <= 0) return "tid: " + at;
    if (!e["ts"].is_number() || e["ts"].get<double>() < 0) return "ts: " + at;
    if (ph == "X") {
      if (!e["dur"].is_number() || e["dur"].get<double>() < 0) return "dur: " + at;
      if (e.contains("bind_id") && !e["bind_id"].is_number_integer()) return "bind_id: " + at;
    } else if (ph == "i") {
      const std::string s = e.value("s", "t");
      if (s != "g" && s != "p" && s != "t") return "instant scope: " + at;
    } else if (ph == "C") {
      if (!e["args"].is_object() || e["args"].empty()) return "counter args: " + at;
      for (const auto& [k, v] : e["args"].items()) {
        if (!v.is_number()) return "counter value " + k + ": " + at;
      }
    } else {
      return "unexpected phase: " + at;
    }
  }
  return "";
}

Json traced(const std::string& options, const std::string& dir_name) {
  ScratchDir dir(dir_name);
  const CliResult r = run_cli("run " + test_data("cli_tiny.json") +
                                  " -o out --quiet --trace t.json --trace-point 1 " + options,
                              dir.path());
  EXPECT_EQ(r.status, 0) << r.err;
  return Json::parse(slurp(dir.path() / "t.json"));
}

TEST(TraceFormatTest, EveryEventHasTheFieldsItsPhaseRequires) {
  const Json trace = traced("", "trace_format");
  EXPECT_EQ(format_problem(trace), "");
  // tids are unique across processes (one process per algorithm) and never 0.
  std::map<long long, long long> pid_of_tid;
  std::set<std::string> slice_names;
  for (const Json& e : trace["traceEvents"]) {
    if (!e.contains("tid")) continue;
    const auto [it, fresh] = pid_of_tid.emplace(e["tid"], e["pid"]);
    EXPECT_EQ(it->second, e["pid"].get<long long>()) << e.dump();
    if (e["ph"] == "X") slice_names.insert(e["name"]);
  }
  // Stable names: kind and call site only (4 sites x spin/hold, interrupts
  // off, the hand-over), whatever the node counts.
  EXPECT_LE(slice_names.size(), 10u);
  for (const std::string& n : slice_names) EXPECT_EQ(n.find("nodes"), std::string::npos) << n;
}

TEST(TraceFormatTest, EachHandOverIsAFlowFromTheReleaseToTheNextHolder) {
  // cli_tiny point 1: 4 CPUs on one socket, 8 workers exiting at once, so the
  // lock is handed on; lock.handoff_ns = 100, so each hand-over slice starts
  // at the holder's release (the end of its hold) and lasts 0.1 us.
  const Json trace = traced("", "trace_flows");
  std::map<long long, const Json*> out, in;
  for (const Json& e : trace["traceEvents"]) {
    if (!e.contains("bind_id")) continue;
    ASSERT_EQ(e["ph"], "X") << e.dump();
    auto& side = e.value("flow_out", false) ? out : in;
    EXPECT_TRUE(e.value("flow_out", false) != e.value("flow_in", false)) << e.dump();
    EXPECT_TRUE(side.emplace(e["bind_id"].get<long long>(), &e).second) << "id used twice";
  }
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out.size(), in.size());
  for (const auto& [id, from] : out) {
    ASSERT_EQ(in.count(id), 1u) << id;
    const Json& to = *in[id];
    EXPECT_EQ((*from)["cat"], "hold");
    EXPECT_EQ(to["name"], "pi_lock hand-over");
    EXPECT_EQ((*from)["pid"], to["pid"]);
    EXPECT_NE((*from)["tid"], to["tid"]);
    const double release = (*from)["ts"].get<double>() + (*from)["dur"].get<double>();
    EXPECT_NEAR(to["ts"].get<double>(), release, 1e-6) << id;
    EXPECT_NEAR(to["dur"].get<double>(), 0.1, 1e-9) << id;
  }
}

TEST(TraceFormatTest, ACpuFilterKeepsThoseTracksAndSaysHowManyWereLeftOut) {
  const Json trace = traced("--trace-cpus 0,2-3", "trace_cpus");
  EXPECT_EQ(format_problem(trace), "");
  for (const Json& e : trace["traceEvents"]) {
    if (e["ph"] == "M" && e["name"] == "thread_name") {
      EXPECT_NE(e["args"]["name"], "CPU 1");
    }
    if (e.contains("tid") && e["ph"] != "M") {
      EXPECT_NE(e["tid"].get<long long>() % kTidsPerProcess, 2) << e.dump();  // CPU 1
    }
  }
  EXPECT_EQ(trace["otherData"]["left_out_old"]["cpus_not_drawn"], 1);
}

TEST(TraceFormatTest, BadCpuListsAreRefusedBeforeSimulating) {
  ScratchDir dir("trace_cpus_bad");
  const std::string run = "run " + test_data("cli_tiny.json") + " -o out --quiet --trace t.json ";
  CliResult r = run_cli(run + "--trace-cpus 3-1", dir.path());
  EXPECT_TRUE(is_bad_input(
      r, "twsim: error: run: --trace-cpus '3-1' is not a range from low to high, got '3-1'\n"));
  r = run_cli(run + "--trace-cpus 0,2", dir.path());  // point 0 has 2 CPUs
  EXPECT_TRUE(is_bad_input(
      r, "twsim: error: run: --trace-cpus CPU 2 is not below machine.cpus = 2, got '0,2'\n"));
  r = run_cli(run + "--trace-cpus 1,x", dir.path());
  EXPECT_TRUE(is_bad_input(
      r, "twsim: error: run: --trace-cpus 'x' is not a CPU number or a range N-M, got '1,x'\n"));
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "out" / "points"));
}

TEST(TraceFormatTest, ThinnedTracesSayWhatWasLeftOutInTheTraceItself) {
  // The seed point's old teardown capped at 50 events of each kind: the
  // "trace thinned" process instant and otherData carry the same counts.
  const ScenarioConfig s = seed_reproducer_scenario();
  const RunDetail run = simulate_teardown_detailed(s, Algorithm::kOld, 1, 0);
  const Timeline t = build_timeline(run, s, 1, 0, TimelineLimits{50, 50, 50, {}});
  std::ostringstream text;
  write_chrome_trace(text, {{Algorithm::kOld, t}}, s, "thinned");
  const Json trace = Json::parse(text.str());
  EXPECT_EQ(format_problem(trace), "");
  const Json& left = trace["otherData"]["left_out_old"];
  EXPECT_EQ(left["spans"], t.omitted_spans);
  EXPECT_EQ(left["ticks"], t.omitted_ticks);
  EXPECT_GT(t.omitted_ticks, 0);
  int notes = 0;
  for (const Json& e : trace["traceEvents"]) {
    if (e["name"] != "trace thinned") continue;
    ++notes;
    EXPECT_EQ(e["ph"], "i");
    EXPECT_EQ(e["s"], "p");
    EXPECT_EQ(e["args"]["ticks"], t.omitted_ticks);
    EXPECT_EQ(e["args"]["spans"], t.omitted_spans);
  }
  EXPECT_EQ(notes, 1);
}

}  // namespace
}  // namespace twsim
