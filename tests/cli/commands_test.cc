// End to end: dispatch, help and usage errors of the twsim binary.
#include <gtest/gtest.h>

#include "tests/cli/cli_test_util.h"

namespace twsim {
namespace {

class CommandsTest : public CliTest {
 protected:
  CommandsTest() : CliTest("commands_test") {}
};

TEST_F(CommandsTest, UnknownCommandSuggestsTheClosest) {
  const CliResult r = twsim("rnu");
  EXPECT_TRUE(is_bad_input(r, "twsim: error: unknown command 'rnu'; did you mean 'run'?\n"));
  EXPECT_EQ(r.out, "");
}

TEST_F(CommandsTest, UnknownCommandWithNothingClose) {
  const CliResult r = twsim("frobnicate");
  EXPECT_TRUE(is_bad_input(r, "twsim: error: unknown command 'frobnicate'; see 'twsim help'\n"));
}

TEST_F(CommandsTest, UnknownOptionNamesTheCommand) {
  const CliResult r = twsim("run " + config_ + " --frob");
  EXPECT_TRUE(is_bad_input(r, "twsim: error: run: unrecognised option '--frob'\n"));
}

TEST_F(CommandsTest, UnknownOptionOfValidate) {
  const CliResult r = twsim("validate --frob");
  EXPECT_TRUE(is_bad_input(r, "twsim: error: validate: unrecognised option '--frob'\n"));
}

TEST_F(CommandsTest, MissingConfigArgument) {
  const CliResult r = twsim("run");
  EXPECT_TRUE(is_bad_input(r,
                           "twsim: error: run: missing CONFIG; usage: twsim run CONFIG [-o DIR] "
                           "[--set KEY=VALUE]... [-j N] [--shard I/N] [--quiet] [--trace FILE] "
                           "[--trace-point N] [--trace-replication R] [--trace-cpus LIST] "
                           "[--lock-stat] [--uptime S]\n"));
}

TEST_F(CommandsTest, TooManyArguments) {
  const CliResult r = twsim("validate a.json b.json");
  EXPECT_TRUE(
      is_bad_input(r,
                   "twsim: error: validate: too many positional options have been specified on the "
                   "command line\n"));
}

TEST_F(CommandsTest, NoCommandPrintsUsageAndFails) {
  const CliResult r = twsim("");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err.rfind("usage: twsim COMMAND [options]\n", 0), 0u) << r.err;
}

TEST_F(CommandsTest, HelpListsEveryCommand) {
  const CliResult r = twsim("help");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.err, "");
  // One line per command: its name, padding to a common column, its summary.
  const auto listed = [&](const std::string& name, const std::string& summary) {
    const std::size_t at = r.out.find("\n  " + name + " ");
    if (at == std::string::npos) return false;
    const std::string line = r.out.substr(at + 1, r.out.find('\n', at + 1) - at - 1);
    return line.find(summary) == line.find_first_not_of(' ', 2 + name.size());
  };
  EXPECT_TRUE(listed("run", "simulate an experiment")) << r.out;
  EXPECT_TRUE(listed("validate", "check a config")) << r.out;
  EXPECT_TRUE(listed("threshold", "find, per point, where a detector")) << r.out;
  EXPECT_TRUE(listed("merge", "join the directories of sharded runs")) << r.out;
  EXPECT_TRUE(listed("help", "list the commands")) << r.out;
  EXPECT_EQ(twsim("--help").out, r.out);
}

TEST_F(CommandsTest, HelpForOneCommandShowsItsOptions) {
  const CliResult r = twsim("help run");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out.rfind("usage: twsim run CONFIG [-o DIR]", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("--output"), std::string::npos);
  EXPECT_NE(r.out.find("--set"), std::string::npos);
  EXPECT_NE(r.out.find("--quiet"), std::string::npos);
  EXPECT_EQ(twsim("run --help").out, r.out);
}

TEST_F(CommandsTest, HelpForUnknownCommand) {
  const CliResult r = twsim("help valdate");
  EXPECT_TRUE(
      is_bad_input(r, "twsim: error: unknown command 'valdate'; did you mean 'validate'?\n"));
}

TEST_F(CommandsTest, VersionNamesTheBuild) {
  const CliResult r = twsim("--version");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out.rfind("twsim ", 0), 0u) << r.out;
}

}  // namespace
}  // namespace twsim
