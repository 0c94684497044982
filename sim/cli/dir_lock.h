// Who may write a results directory at a time: one whole run or merge
// (exclusive), or any number of shards of one experiment together (shared:
// they write disjoint points, and a requeued shard writes the same points
// with the same bytes). The lock is an flock(2) on DIR/.twsim.lock, so it
// goes with the process however it ends (Ctrl-C, kill -9, a crash); the file
// says who took it last, for the message a refused process prints.
#ifndef TWSIM_CLI_DIR_LOCK_H_
#define TWSIM_CLI_DIR_LOCK_H_

#include <filesystem>
#include <optional>
#include <string>

namespace twsim {

class DirLock {
 public:
  enum class Mode { kExclusive, kShared };

  // Takes the lock on `dir` (which must exist) without waiting; `what` says
  // what this process is ("twsim run", "twsim run --shard 1/4"). On conflict
  // prints "DIR: in use by another twsim (pid P on HOST, WHAT, since TIME);
  // ..." and returns nullopt. On a filesystem that cannot lock it warns and
  // returns a lock that holds nothing.
  static std::optional<DirLock> take(const std::filesystem::path& dir, Mode mode,
                                     const std::string& what);

  DirLock(DirLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  DirLock& operator=(DirLock&&) = delete;
  DirLock(const DirLock&) = delete;
  ~DirLock();

 private:
  explicit DirLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace twsim

#endif  // TWSIM_CLI_DIR_LOCK_H_
