// PagedArray (sim/core/paged_array.h): pages made on first write, unwritten
// elements read as T{}, and for_each_made visits only the pages made, in
// index order and within size(); iteration reads every element.
#include "sim/core/paged_array.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <vector>

namespace twsim {
namespace {

struct Slot {
  int value = -1;  // a default that is not zero
};

TEST(PagedArrayTest, VisitsOnlyThePagesWrittenWithinSize) {
  // 2,500 elements in pages of 1,024: pages 0, 1 and a short page 2 (452).
  PagedArray<Slot> a(2'500);
  a[2'499].value = 7;
  a[5].value = 3;
  const PagedArray<Slot>& read = a;
  EXPECT_EQ(read[1'500].value, -1);  // page 1 never made: T{}
  EXPECT_EQ(read[6].value, -1);      // page 0 made, element never written
  std::vector<std::size_t> seen;
  int written = 0;
  a.for_each_made([&](std::size_t i, const Slot& s) {
    seen.push_back(i);
    if (s.value != -1) ++written;
  });
  ASSERT_EQ(seen.size(), 1'024u + 452u);  // page 0 whole, page 2 up to size()
  EXPECT_EQ(seen.front(), 0u);
  EXPECT_EQ(seen[1'023], 1'023u);
  EXPECT_EQ(seen[1'024], 2'048u);
  EXPECT_EQ(seen.back(), 2'499u);
  EXPECT_EQ(written, 2);
}

TEST(PagedArrayTest, IteratesEveryElementAndAppends) {
  // Iteration reads all of size(), unmade pages as T{}; push_back grows it.
  PagedArray<Slot> a(1'030);
  a[1'029].value = 4;
  a.push_back(Slot{9});
  ASSERT_EQ(a.size(), 1'031u);
  std::size_t count = 0;
  int sum = 0;
  for (const Slot& s : static_cast<const PagedArray<Slot>&>(a)) {
    ++count;
    sum += s.value;
  }
  EXPECT_EQ(count, 1'031u);
  EXPECT_EQ(sum, -1'029 + 4 + 9);  // 1,029 defaults of -1, then 4 and 9
}

TEST(PagedArrayTest, AShortLastPageGrowsWithTheArray) {
  // 6 elements: one page of 6. Grown to 1,030 by appends, element by
  // element: the first page fills to 1,024 and a second is made; all kept.
  PagedArray<Slot> a(6);
  for (int i = 0; i < 6; ++i) a[i].value = i;
  for (int i = 6; i < 1'030; ++i) a.push_back(Slot{i});
  ASSERT_EQ(a.size(), 1'030u);
  const PagedArray<Slot>& read = a;
  for (int i = 0; i < 1'030; ++i) ASSERT_EQ(read[i].value, i) << i;
  std::size_t made = 0;
  a.for_each_made([&](std::size_t, const Slot&) { ++made; });
  EXPECT_EQ(made, 1'030u);
}

}  // namespace
}  // namespace twsim
