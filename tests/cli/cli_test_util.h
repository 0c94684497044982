// Runs the built twsim binary (TWSIM_BINARY) with a command line and captures
// its exit status, stdout and stderr, for the end-to-end CLI tests.
#ifndef TWSIM_TESTS_CLI_CLI_TEST_UTIL_H_
#define TWSIM_TESTS_CLI_CLI_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "tests/io/scratch_dir.h"

namespace twsim {

struct CliResult {
  int status = -1;
  std::string out, err;
};

// The absolute path of a file under tests/data/.
inline std::string test_data(const std::string& name) {
  return std::string(TWSIM_SOURCE_DIR) + "/tests/data/" + name;
}

// Runs `cd CWD && PREFIX twsim ARGS` through the shell (ARGS is shell text, so
// quote paths with spaces; PREFIX runs first in the same shell: ulimit, say).
// stdin is /dev/null; stdout and stderr go to files.
inline CliResult run_cli(const std::string& args, const std::filesystem::path& cwd,
                         const std::string& prefix = "") {
  const std::filesystem::path out = cwd / ".cli_stdout", err = cwd / ".cli_stderr";
  const std::string command = "cd '" + cwd.string() + "' && " + prefix + " '" + TWSIM_BINARY +
                              "' " + args + " </dev/null >'" + out.string() + "' 2>'" +
                              err.string() + "'";
  const int raw = std::system(command.c_str());
  CliResult r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return r;
}

// Whether twsim exited with status 2 (bad input or usage) after printing
// exactly `err` on stderr.
inline ::testing::AssertionResult is_bad_input(const CliResult& r, const std::string& err) {
  if (r.status == 2 && r.err == err) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "status " << r.status << ", stderr:\n"
                                       << r.err << "want status 2, stderr:\n"
                                       << err;
}

// A fixture that runs twsim in a scratch directory of its own, with
// tests/data/cli_tiny.json at hand (2 points x 2 algorithms x 2 replications).
class CliTest : public ::testing::Test {
 protected:
  // `run_options` go on every run_into ("--quiet", say).
  explicit CliTest(const std::string& tag, const std::string& run_options = "")
      : dir_(tag), run_options_(run_options) {}

  CliResult twsim(const std::string& args) { return run_cli(args, dir_.path()); }
  CliResult twsim_under(const std::string& prefix, const std::string& args) {
    return run_cli(args, dir_.path(), prefix);
  }
  // `name` inside the scratch directory.
  std::string out(const std::string& name) const { return (dir_.path() / name).string(); }
  // twsim run of the tiny config into out(name).
  CliResult run_into(const std::string& name, const std::string& extra = "") {
    return twsim("run " + config_ + " " + run_options_ + " -o '" + out(name) + "' " + extra);
  }

  ScratchDir dir_;
  const std::string config_ = "'" + test_data("cli_tiny.json") + "'";  // quoted for the shell

 private:
  const std::string run_options_;
};

}  // namespace twsim

#endif  // TWSIM_TESTS_CLI_CLI_TEST_UTIL_H_
