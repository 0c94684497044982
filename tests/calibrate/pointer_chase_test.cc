#include "sim/calibrate/pointer_chase.h"

#include <gtest/gtest.h>

namespace twsim {
namespace {

TEST(PointerChaseTest, ChaseAndProbeMeasurePositiveLatencies) {
  // Given a 16 KiB and a 4 MiB working set, dense and page-stride (the probe's
  // 4 MiB span is 1024 pages, 64 KiB of lines), then every latency is
  // positive and the larger set is not faster by more than noise.
  PointerChase chase(4 << 20, 64, 1);
  const std::chrono::milliseconds budget(10);
  const double small = chase.measure(16 << 10, budget);
  const double large = chase.measure(4 << 20, budget);
  EXPECT_GT(small, 0);
  EXPECT_GT(large, 0.8 * small);
  const double narrow = chase.measure_page_stride(16 << 10, budget);
  const double wide = chase.measure_page_stride(4 << 20, budget);
  EXPECT_GT(narrow, 0);
  EXPECT_GT(wide, 0.8 * narrow);
}

}  // namespace
}  // namespace twsim
