// libFuzzer target for the point-file reader (sim/io/point_file.h): any bytes
// as a whole point file, and as the "runs" member of an otherwise valid file
// of a fixed identity whose checksum is made for them (so that the fuzzer
// reaches the cursor, sim/io/json_cursor.h, past the checksum), must be read
// or refused with a reason; never crash, hang or throw. The runs of a file
// read write a file that reads back as the same runs (the same bytes again):
// a forged file may hold what twsim never writes (a role for a report that
// did not happen), but nothing read is changed by a second round trip.
// Built with -DTWSIM_FUZZ=ON and clang (README).
#include <cinttypes>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "sim/core/word_checksum.h"
#include "sim/io/point_file.h"

namespace {

const twsim::PointIdentity& identity() {
  static const twsim::PointIdentity id{R"({"machine":{"cpus":2}})",
                                       1,
                                       1,
                                       {twsim::Algorithm::kOld, twsim::Algorithm::kNew},
                                       "0.1.0 (fuzz)"};
  return id;
}

// The file of identity() whose "runs" member is `runs`, with its checksum.
std::string file_around(const std::string& runs) {
  const twsim::PointIdentity& id = identity();
  std::string body = "{\"format\":\"twsim-point/7\",\"key\":\"" + twsim::point_key(id) +
                     "\",\"twsim\":\"" + id.twsim +
                     "\",\"seed\":1,\"replications\":1,\"algorithms\":[\"old\",\"new\"],"
                     "\"scenario\":" +
                     id.scenario_json + ",\"runs\":" + runs;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016" PRIx64, twsim::word_checksum64(body + "}"));
  return body + ",\"checksum\":\"" + hex + "\"}\n";
}

void read(const std::string& text) {
  twsim::PointRuns runs;
  std::string why;
  if (twsim::read_point_file(text, identity(), &runs, &why)) {
    const std::string written = twsim::point_file_text(identity(), runs);
    twsim::PointRuns again;
    if (!twsim::read_point_file(written, identity(), &again, &why)) std::abort();
    if (twsim::point_file_text(identity(), again) != written) std::abort();
  } else if (why.empty()) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  read(bytes);
  read(file_around(bytes));
  return 0;
}
