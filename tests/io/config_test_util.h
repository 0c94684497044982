// Reading an experiment from inline text, as the config tests do: the file is
// called "t.json", so every expected message starts "t.json: ".
#ifndef TWSIM_TESTS_IO_CONFIG_TEST_UTIL_H_
#define TWSIM_TESTS_IO_CONFIG_TEST_UTIL_H_

#include <string>
#include <vector>

#include "sim/io/json_io.h"

namespace twsim {

inline ExperimentConfig parse_config(const std::string& text,
                                     const std::vector<std::string>& overrides = {}) {
  return parse_experiment(text, "t.json", overrides);
}

// The message parse_config throws for `text`, or "accepted".
inline std::string config_error(const std::string& text,
                                const std::vector<std::string>& overrides = {}) {
  try {
    parse_config(text, overrides);
  } catch (const InputError& e) {
    return e.what();
  }
  return "accepted";
}

}  // namespace twsim

#endif  // TWSIM_TESTS_IO_CONFIG_TEST_UTIL_H_
