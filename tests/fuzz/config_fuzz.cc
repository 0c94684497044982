// libFuzzer target for the config reader: any bytes, as a config file and as
// a --set value, must either parse or raise one InputError; never crash, hang
// or throw anything else. Built with -DTWSIM_FUZZ=ON and clang (README).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "sim/io/input_error.h"
#include "sim/io/json_io.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    twsim::parse_experiment(text, "fuzz.json", {});
  } catch (const twsim::InputError&) {
  }
  try {
    twsim::parse_experiment("{}", "fuzz.json", {"machine.cpus=" + text});
  } catch (const twsim::InputError&) {
  }
  return 0;
}
