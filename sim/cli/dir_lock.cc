#include "sim/cli/dir_lock.h"

#include <fcntl.h>
#include <limits.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

#include "sim/cli/diagnostics.h"

namespace twsim {
namespace {

// "pid 123 on host, twsim run, since 2026-12-01T14:00:00Z".
std::string holder_text(const std::string& what) {
  char host[HOST_NAME_MAX + 1] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  char when[32] = {};
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return "pid " + std::to_string(::getpid()) + " on " + host + ", " + what + ", since " + when;
}

// What the lock file says about its last holder (one line), or "".
std::string read_holder(int fd) {
  char buf[512] = {};
  const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
  if (n <= 0) return "";
  std::string text(buf, static_cast<std::size_t>(n));
  const std::size_t nl = text.find('\n');
  return nl == std::string::npos ? text : text.substr(0, nl);
}

}  // namespace

std::optional<DirLock> DirLock::take(const std::filesystem::path& dir, Mode mode,
                                     const std::string& what) {
  const std::filesystem::path path = dir / ".twsim.lock";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    print_error(path.string() + ": cannot open the directory's lock file: " + std::strerror(errno));
    return std::nullopt;
  }
  const int op = (mode == Mode::kExclusive ? LOCK_EX : LOCK_SH) | LOCK_NB;
  int rc;
  do {
    rc = ::flock(fd, op);
  } while (rc != 0 && errno == EINTR);
  if (rc != 0) {
    const int error = errno;
    const std::string holder = read_holder(fd);
    ::close(fd);
    if (error == EWOULDBLOCK) {
      print_error(dir.string() + ": in use by another twsim" +
                  (holder.empty() ? std::string() : " (" + holder + ")") +
                  "; wait for it to finish, or write elsewhere with -o");
      return std::nullopt;
    }
    // A filesystem without locks (an NFS mount with nolock, say): go on
    // unlocked, saying so; the private temporaries still keep every file whole.
    print_warning(path.string() + ": cannot lock (" + std::strerror(error) +
                  "); two runs into this directory at once would not be kept apart");
    return DirLock(-1);
  }
  const std::string line = holder_text(what) + "\n";
  if (::ftruncate(fd, 0) == 0) {
    // Who holds it is only for messages; a failed write loses nothing else.
    [[maybe_unused]] const ssize_t n = ::pwrite(fd, line.data(), line.size(), 0);
  }
  return DirLock(fd);
}

DirLock::~DirLock() {
  if (fd_ >= 0) ::close(fd_);  // closing drops the flock
}

}  // namespace twsim
