// Runs the built twsim binary (TWSIM_BINARY) with a command line and captures
// its exit status, stdout and stderr, for the end-to-end CLI tests.
#ifndef TWSIM_TESTS_CLI_CLI_TEST_UTIL_H_
#define TWSIM_TESTS_CLI_CLI_TEST_UTIL_H_

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace twsim {

struct CliResult {
  int status = -1;
  std::string out, err;
};

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A fresh scratch directory per test, removed by the destructor.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& tag)
      : path_(std::filesystem::temp_directory_path() /
              ("twsim_" + tag + "_" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The absolute path of a file under tests/data/.
inline std::string test_data(const std::string& name) {
  return std::string(TWSIM_SOURCE_DIR) + "/tests/data/" + name;
}

// Runs `cd CWD && twsim ARGS` through the shell (ARGS is shell text, so quote
// paths with spaces). stdin is /dev/null; stdout and stderr go to files.
inline CliResult run_cli(const std::string& args, const std::filesystem::path& cwd) {
  const std::filesystem::path out = cwd / ".cli_stdout", err = cwd / ".cli_stderr";
  const std::string command = "cd '" + cwd.string() + "' && '" + TWSIM_BINARY + "' " + args +
                              " </dev/null >'" + out.string() + "' 2>'" + err.string() + "'";
  const int raw = std::system(command.c_str());
  CliResult r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return r;
}

}  // namespace twsim

#endif  // TWSIM_TESTS_CLI_CLI_TEST_UTIL_H_
