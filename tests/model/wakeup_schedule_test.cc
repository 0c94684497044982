#include "sim/model/wakeup_schedule.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/fast_forward.h"
#include "sim/model/teardown.h"
#include "tests/model/model_test_util.h"

namespace twsim {
namespace {

struct Log {
  RunContext* ctx;
  std::vector<std::string> fired;
};

void record(void* target, int worker, int kind) {
  auto* log = static_cast<Log*>(target);
  log->fired.push_back("w" + std::to_string(worker) + "k" + std::to_string(kind) + "@" +
                       std::to_string(log->ctx->now()));
  // An event a wake-up pushes for the same time goes after every event
  // pushed before it, scheduled ones included.
  if (worker == 1) {
    log->ctx->after(2, [log] { log->fired.push_back("C@" + std::to_string(log->ctx->now())); });
  }
}

TEST(WakeupScheduleTest, EventsPopWhereTheirEagerPushesWould) {
  // Given event A pushed for t=5, then three scheduled wake-ups added in the
  // order w0 (t=5), w1 (t=3), w2 (t=5), then event B for t=5, and w1 pushing
  // C for t=3+2=5 when it fires: eager pushes would pop by (time, push
  // order): w1@3, then at t=5 A, w0, w2, B (pushed in that order), then C
  // (pushed last, at t=3).
  ScenarioConfig s = hand_worked_scenario(1);
  RunContext ctx(s, Algorithm::kOld, 1, 0);
  Log log{&ctx, {}};
  ctx.after(5, [&] { log.fired.push_back("A@" + std::to_string(ctx.now())); });
  WakeupSchedule schedule(&ctx, &record, &log);
  schedule.add(5, 0, 0);
  schedule.add(3, 1, 1);
  schedule.add(5, 2, 0);
  schedule.commit();
  ctx.after(5, [&] { log.fired.push_back("B@" + std::to_string(ctx.now())); });
  ctx.run_until(100);
  EXPECT_EQ(log.fired,
            (std::vector<std::string>{"w1k1@3", "A@5", "w0k0@5", "w2k0@5", "B@5", "C@5"}));
}

TEST(WakeupScheduleTest, WakeupsBeforeAnythingQueuedFireFromOneEvent) {
  // Given wake-ups at t=1, 2, 3 and 20 and event A at t=10: with
  // fast-forward, those at 2 and 3 come before anything queued and fire from
  // the event of the one at 1 (counted as run, in closed form); A stops the
  // run, so the one at 20 is queued again. The order and count are stepping's.
  for (const bool on : {true, false}) {
    const bool was = fast_forward_enabled();
    set_fast_forward(on);
    const std::uint64_t before = fast_forwarded_events();
    ScenarioConfig s = hand_worked_scenario(1);
    std::vector<std::string> fired;
    std::uint64_t events = 0;
    {
      RunContext ctx(s, Algorithm::kOld, 1, 0);
      Log log{&ctx, {}};
      ctx.after(10, [&] { log.fired.push_back("A@" + std::to_string(ctx.now())); });
      WakeupSchedule schedule(&ctx, &record, &log);
      for (const int t : {1, 2, 3, 20}) schedule.add(t, 10 + t, 0);
      schedule.commit();
      ctx.run_until(100);
      fired = log.fired;
      events = ctx.events_run();
    }
    set_fast_forward(was);
    EXPECT_EQ(fired,
              (std::vector<std::string>{"w11k0@1", "w12k0@2", "w13k0@3", "A@10", "w30k0@20"}));
    EXPECT_EQ(events, 5u);
    EXPECT_EQ(fast_forwarded_events() - before, on ? 2u : 0u);
  }
}

TEST(WakeupScheduleTest, AnEmptyScheduleQueuesNothing) {
  ScenarioConfig s = hand_worked_scenario(1);
  RunContext ctx(s, Algorithm::kOld, 1, 0);
  Log log{&ctx, {}};
  WakeupSchedule schedule(&ctx, &record, &log);
  schedule.commit();
  ctx.run_until(100);
  EXPECT_TRUE(log.fired.empty());
  EXPECT_EQ(ctx.events_run(), 0u);
}

}  // namespace
}  // namespace twsim
