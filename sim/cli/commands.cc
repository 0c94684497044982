#include "sim/cli/commands.h"

#include <cstdio>
#include <exception>
#include <iostream>

#include "sim/cli/diagnostics.h"
#include "sim/io/results_json.h"
#include "sim/io/spelling.h"

namespace twsim {
namespace {

constexpr Command kCommands[] = {
    {"run", "simulate an experiment and write results/<name>/",
     "twsim run CONFIG [-o DIR] [--set KEY=VALUE]... [-j N] [--shard I/N] [--quiet] "
     "[--trace FILE] [--trace-point N] [--trace-replication R] [--trace-cpus LIST] [--lock-stat] "
     "[--uptime S]",
     run_options, cmd_run},
    {"validate", "check a config; print its resolved points and run count",
     "twsim validate CONFIG [--set KEY=VALUE]...", validate_options, cmd_validate},
    {"threshold", "find, per point, where a detector starts to fire as one key grows",
     "twsim threshold CONFIG --param KEY [--target P] [--detector hard|soft|rcu|any] "
     "[--min X --max Y] [-o DIR] [-j N] [--quiet] [--set KEY=VALUE]...",
     threshold_options, cmd_threshold},
    {"sensitivity", "vary each input nobody can observe around one point, for each algorithm",
     "twsim sensitivity CONFIG [--point N] [--factor F] [--push-rate HZ] [-o DIR] [-j N] "
     "[--quiet] [--set KEY=VALUE]...",
     sensitivity_options, cmd_sensitivity},
    {"calibrate", "measure node-visit cost on this host; write a costs.node_visit_ns profile",
     "twsim calibrate [-o FILE] [--max-mib N] [--node-bytes B] [--ms-per-size MS] [--repeats N] "
     "[--base-pages]",
     calibrate_options, cmd_calibrate},
    {"merge", "join the directories of sharded runs into one set of results",
     "twsim merge DIR... -o OUT [-j N] [--uptime S] [--quiet]", merge_options, cmd_merge},
    {"explain", "say in words why the worst CPU of one run tripped",
     "twsim explain CONFIG [--set KEY=VALUE]... [--point N] [--replication R] [--algorithm "
     "ALGORITHM]",
     explain_options, cmd_explain},
    {"report", "write DIR/report.html: one self-contained page of a results directory",
     "twsim report DIR", report_options, cmd_report},
    {"help", "list the commands, or show one command's usage", "twsim help [COMMAND]", help_options,
     cmd_help},
};

// Whether everything written to stdout reached it (a full disk or a closed
// pipe must not pass silently, as perf's run_builtin checks).
bool stdout_ok() {
  std::cout.flush();
  return static_cast<bool>(std::cout) && std::fflush(stdout) == 0 && !std::ferror(stdout);
}

}  // namespace

std::span<const Command> commands() { return kCommands; }

const Command* find_command(std::string_view name) {
  for (const Command& c : kCommands) {
    if (name == c.name) return &c;
  }
  return nullptr;
}

ExitStatus unknown_command(std::string_view name) {
  std::vector<std::string_view> names;
  for (const Command& c : kCommands) names.emplace_back(c.name);
  // Two edits, case exact: unlike config words, command names are not folded.
  const std::string suggestion = closest_within(name, names, 2, LetterCase::kExact);
  std::string message = "unknown command '" + std::string(name) + "'";
  message += suggestion.empty() ? "; see 'twsim help'" : "; did you mean '" + suggestion + "'?";
  print_error(message);
  return ExitStatus::kBadInput;
}

ExitStatus run_twsim(int argc, char** argv) {
  if (argc < 2) {
    print_overview(std::cerr);
    return ExitStatus::kBadInput;
  }
  const std::string first = argv[1];
  std::vector<std::string> rest(argv + 2, argv + argc);
  ExitStatus status;
  if (first == "-h" || first == "--help") {
    status = cmd_help(rest);
  } else if (first == "--version") {
    const Provenance p = this_build_provenance();
    std::cout << "twsim " << p.version << " (" << p.git_commit << ", " << p.build_type << ")\n";
    status = ExitStatus::kOk;
  } else if (const Command* command = find_command(first)) {
    // Commands report their own errors; this only keeps an unexpected
    // exception (out of memory, say) from ending in std::terminate.
    try {
      status = command->run(rest);
    } catch (const std::exception& e) {
      print_error(std::string(first) + ": " + e.what());
      return ExitStatus::kSimulationFailed;
    }
  } else if (!first.empty() && first[0] == '-') {
    print_error("unrecognised option '" + first + "'; usage: twsim COMMAND [options]");
    return ExitStatus::kBadInput;
  } else {
    return unknown_command(first);
  }
  if (!stdout_ok()) {
    print_error("cannot write to standard output");
    if (status == ExitStatus::kOk) status = ExitStatus::kSimulationFailed;
  }
  return status;
}

}  // namespace twsim
