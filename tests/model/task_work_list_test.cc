#include "sim/model/task_work_list.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

namespace twsim {
namespace {

TaskWorkList make(std::int64_t unrelated, CreateLayout layout, std::vector<int> owners) {
  RandomStream rng(1, 0, "layout");
  return TaskWorkList(TaskWorkList::make_layout(unrelated, layout, std::move(owners), rng));
}

TEST(TaskWorkListTest, NewestLayoutPutsCreatesAtTheHead) {
  TaskWorkList list = make(10, CreateLayout::kNewest, {0, 1, 2});
  EXPECT_EQ(list.length(), 13);
  auto first = list.first_create();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->depth, 1);
  auto all = list.all_creates();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[2].depth, 3);
}

TEST(TaskWorkListTest, OldestLayoutPutsCreatesBehindEveryUnrelatedNode) {
  // Given 10 unrelated nodes queued after 3 create_works, then the creates sit
  // at depths 11, 12, 13, and removing the first moves the others up by one.
  TaskWorkList list = make(10, CreateLayout::kOldest, {4, 5, 6});
  auto all = list.all_creates();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].depth, 11);
  EXPECT_EQ(all[1].depth, 12);
  EXPECT_EQ(all[2].depth, 13);
  list.remove(all[0].node);
  EXPECT_EQ(list.length(), 12);
  EXPECT_EQ(list.first_create()->depth, 11);
  EXPECT_EQ(list.create_of(all[2].owner)->depth, 12);
  EXPECT_FALSE(list.create_of(all[0].owner));
}

TEST(TaskWorkListTest, RemovingFromTheMiddleShiftsOnlyDeeperNodes) {
  TaskWorkList list = make(10, CreateLayout::kOldest, {0, 1, 2});
  auto all = list.all_creates();
  list.remove(all[1].node);
  EXPECT_EQ(list.create_of(all[0].owner)->depth, 11);
  EXPECT_EQ(list.create_of(all[2].owner)->depth, 12);
  EXPECT_EQ(list.pending_create(), 2);
}

TEST(TaskWorkListTest, HeadPushesMakeEveryNodeDeeper) {
  TaskWorkList list = make(10, CreateLayout::kNewest, {0});
  list.push_head(5);
  EXPECT_EQ(list.first_create()->depth, 6);
  EXPECT_EQ(list.length(), 16);
}

TEST(TaskWorkListTest, UniformLayoutIsDistinctInRangeAndUnbiased) {
  // Given 200 creates among 1,000,000 unrelated nodes, then the depths are
  // distinct, within [1, N], and their mean is (N + 1) / 2 within 5 sigma
  // (sigma of the mean of 200 uniform draws on [1, N] ~ N / sqrt(12 * 200)).
  std::vector<int> owners(200);
  for (int i = 0; i < 200; ++i) owners[i] = i;
  TaskWorkList list = make(1'000'000, CreateLayout::kUniform, owners);
  const double n = 1'000'200;
  std::set<std::int64_t> depths;
  double sum = 0;
  for (const auto& m : list.all_creates()) {
    ASSERT_GE(m.depth, 1);
    ASSERT_LE(m.depth, 1'000'200);
    depths.insert(m.depth);
    sum += static_cast<double>(m.depth);
  }
  EXPECT_EQ(depths.size(), 200u);
  EXPECT_NEAR(sum / 200, (n + 1) / 2, 5 * n / std::sqrt(12.0 * 200));
}

TEST(TaskWorkListTest, EveryOwnerGetsExactlyOneNode) {
  TaskWorkList list = make(50, CreateLayout::kUniform, {3, 9, 27});
  for (int owner : {3, 9, 27}) EXPECT_TRUE(list.create_of(owner));
  EXPECT_FALSE(list.create_of(4));
}

}  // namespace
}  // namespace twsim
