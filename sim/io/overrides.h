// --set KEY=VALUE overrides (rules in json_io.h), applied to the parsed
// document before it is checked. Part of sim/io's experiment reader.
#ifndef TWSIM_IO_OVERRIDES_H_
#define TWSIM_IO_OVERRIDES_H_

#include <string>
#include <vector>

#include "sim/io/json_check.h"

namespace twsim {

// Applies `overrides` in order to `doc` (an object) and records in `at` the
// pointers they set, so that errors in those values name "--set". Throws
// InputError (file "--set") for a malformed override or an unknown key.
void apply_overrides(const std::vector<std::string>& overrides, Json* doc, Locator* at);

}  // namespace twsim

#endif  // TWSIM_IO_OVERRIDES_H_
