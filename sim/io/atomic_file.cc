#include "sim/io/atomic_file.h"

#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace twsim {
namespace {

bool fail(const std::filesystem::path& path, std::string* err) {
  *err = path.string() + ": " + std::strerror(errno);
  return false;
}

// Flushes the directory entry so that a completed rename survives a crash.
// Failure is ignored: some filesystems cannot fsync a directory, and the file
// itself is already complete.
void sync_directory(const std::filesystem::path& dir) {
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// Writes all of `contents` to `fd`; false with errno set on failure.
bool write_all(int fd, std::string_view contents) {
  const char* p = contents.data();
  std::size_t left = contents.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  return true;
}

// ".NAME.<host>.<pid>.<n>.tmp": unique per host, process and call.
std::filesystem::path private_temp_for(const std::filesystem::path& path) {
  static std::atomic<unsigned long> counter{0};
  char host[HOST_NAME_MAX + 1] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  std::string name = ".";
  name.append(path.filename().string()).append(".").append(host).append(".");
  name.append(std::to_string(::getpid())).append(".").append(std::to_string(counter++));
  name.append(".tmp");
  return path.parent_path() / name;
}

}  // namespace

StagedFile& StagedFile::operator=(StagedFile&& other) noexcept {
  if (this != &other) {
    if (!temp_.empty()) ::unlink(temp_.c_str());
    path_ = std::move(other.path_);
    temp_ = std::move(other.temp_);
    other.temp_.clear();
  }
  return *this;
}

StagedFile::~StagedFile() {
  if (!temp_.empty()) ::unlink(temp_.c_str());
}

bool StagedFile::stage(const std::filesystem::path& path, std::string_view contents,
                       std::string* err) {
  path_ = path;
  const std::filesystem::path tmp = private_temp_for(path);
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return fail(tmp, err);
  int error = write_all(fd, contents) && ::fsync(fd) == 0 ? 0 : errno;
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error != 0) {
    ::unlink(tmp.c_str());
    errno = error;
    return fail(tmp, err);
  }
  temp_ = tmp;
  return true;
}

bool StagedFile::commit(std::string* err) {
  if (std::rename(temp_.c_str(), path_.c_str()) != 0) return fail(path_, err);
  temp_.clear();
  sync_directory(path_.parent_path());
  return true;
}

bool write_file_atomically(const std::filesystem::path& path, std::string_view contents,
                           std::string* err) {
  StagedFile file;
  return file.stage(path, contents, err) && file.commit(err);
}

bool write_user_file(const std::filesystem::path& path, std::string_view contents,
                     std::string* err) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || S_ISREG(st.st_mode)) {
    struct stat link {};
    const bool symlink = ::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode);
    // A symlink to a regular file is replaced through its target's name, so
    // the link stays a link.
    if (!symlink) return write_file_atomically(path, contents, err);
    std::error_code ec;
    const std::filesystem::path target = std::filesystem::canonical(path, ec);
    if (ec) return write_file_atomically(path, contents, err);
    return write_file_atomically(target, contents, err);
  }
  // Not a regular file: write through it, as `>` would.
  const int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0) return fail(path, err);
  const bool ok = write_all(fd, contents);
  const int error = ok ? 0 : errno;
  ::close(fd);
  if (!ok) {
    errno = error;
    return fail(path, err);
  }
  return true;
}

}  // namespace twsim
