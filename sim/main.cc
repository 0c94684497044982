// twsim: a discrete-event simulator of io_uring io-wq teardown. main() only
// dispatches; the commands are in sim/cli/.
#include "sim/cli/commands.h"

int main(int argc, char** argv) { return static_cast<int>(twsim::run_twsim(argc, argv)); }
