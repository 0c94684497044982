// io_wq_cancel_tw_create(wq) run by one thread on one CPU (docs/kernel-facts.md §2.6
// step 5.1, §1.7; torvalds/linux io_uring/io-wq.c): cancels every create_work
// of the wq still on the submitter's task_work list, under its pi_lock.
//  old: while ((cb = task_work_cancel_match(wq->task, io_task_work_match, wq)))
//         io_worker_cancel_cb(worker);
//       each call its own acquisition, walking from the head to the next
//       create_work; the last walks the whole list and finds none;
//  new: cb = task_work_cancel_match_all(...): one acquisition walking the
//       whole list, then io_worker_cancel_cb for each item it returned.
// Both return without the lock when task_work_pending() is false. Each
// io_worker_cancel_cb costs cancel_cb_ns outside the lock: it clears its
// worker's create_state bit and drops the reference the create held (a
// create_worker_cont's io_worker is kfreed too). The submitter runs it at
// teardown; a worker that queued its create_work as EXIT was set runs it too
// (§2.4 step 6).
#ifndef TWSIM_MODEL_CANCEL_TW_CREATE_H_
#define TWSIM_MODEL_CANCEL_TW_CREATE_H_

#include "sim/core/task.h"
#include "sim/model/run_context.h"

namespace twsim {

// The thread on `cpu`, of `role`, runs io_wq_cancel_tw_create; co_await it.
// `ctx` must outlive it.
Task io_wq_cancel_tw_create(RunContext* ctx, int cpu, Role role);

}  // namespace twsim

#endif  // TWSIM_MODEL_CANCEL_TW_CREATE_H_
