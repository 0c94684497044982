// End to end: twsim validate on tests/data/cli_tiny.json (machine.cpus swept
// over 2 and 4, 2 workers per CPU, old and new, 2 replications).
#include <gtest/gtest.h>

#include "tests/cli/cli_test_util.h"

namespace twsim {
namespace {

class ValidateTest : public CliTest {
 protected:
  ValidateTest() : CliTest("validate_test") {}
};

TEST_F(ValidateTest, PrintsPointsAndRunCount) {
  const CliResult r = twsim("validate " + config_);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_NE(r.out.find("experiment 'cli_tiny', seed 1\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("point  machine.cpus  cpus  workers\n"
                       "    0             2     2        4\n"
                       "    1             4     4        8\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\n2 points x 2 algorithms x 2 replications = 8 runs\n"), std::string::npos)
      << r.out;
}

TEST_F(ValidateTest, ZipLabelsAreAColumn) {
  // configs/debug-vs-production.json names its zip rows production, debug
  // (node visits of 100 and 400 ns).
  const CliResult r =
      twsim("validate '" + std::string(TWSIM_SOURCE_DIR) + "/configs/debug-vs-production.json'");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("costs.worker_exit_ns  label       cpus"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("300                 20000  production    64"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2000                 50000  debug         64"), std::string::npos) << r.out;
}

TEST_F(ValidateTest, SetOverridesAKey) {
  const CliResult r = twsim("validate " + config_ + " --set replications=5");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("2 points x 2 algorithms x 5 replications = 20 runs\n"), std::string::npos)
      << r.out;
}

TEST_F(ValidateTest, BadValueIsOneLineNamingThePointer) {
  const CliResult r = twsim("validate " + config_ + " --set replications=0");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err.rfind("twsim: error: ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("/replications"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "one line: " << r.err;
  EXPECT_EQ(r.out, "");
}

TEST_F(ValidateTest, MissingFileIsBadInput) {
  const CliResult r = twsim("validate no_such_config.json");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err.rfind("twsim: error: no_such_config.json", 0), 0u) << r.err;
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "one line: " << r.err;
}

}  // namespace
}  // namespace twsim
