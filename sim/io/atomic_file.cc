#include "sim/io/atomic_file.h"

#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <streambuf>

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

// An output stream buffer over a file descriptor that remembers the first
// write error (errno), so that a full disk is reported with its reason.
class FdBuffer : public std::streambuf {
 public:
  explicit FdBuffer(int fd) : fd_(fd) { setp(buf_, buf_ + sizeof buf_); }
  int error() const { return error_; }

 protected:
  int_type overflow(int_type c) override {
    if (!flush_buffer()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return flush_buffer() ? 0 : -1; }

 private:
  bool flush_buffer() {
    const std::string_view pending(pbase(), static_cast<std::size_t>(pptr() - pbase()));
    setp(buf_, buf_ + sizeof buf_);
    if (error_ != 0) return false;
    if (!write_all(fd_, pending)) error_ = errno;
    return error_ == 0;
  }

  int fd_;
  int error_ = 0;
  char buf_[1 << 16];
};

// The name /proc gives an open file descriptor of this process.
std::string self_fd_path(int fd) { return "/proc/self/fd/" + std::to_string(fd); }

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
    abandon();
    path_ = std::move(other.path_);
    temp_ = std::move(other.temp_);
    durable_ = other.durable_;
    fd_ = other.fd_;
    other.temp_.clear();
    other.fd_ = -1;
  }
  return *this;
}

StagedFile::~StagedFile() { abandon(); }

void StagedFile::abandon() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!temp_.empty()) ::unlink(temp_.c_str());
  temp_.clear();
}

bool StagedFile::begin(const std::filesystem::path& path, std::string* err, bool durable) {
  abandon();
  path_ = path;
  durable_ = durable;
  const std::filesystem::path dir = path.parent_path().empty() ? "." : path.parent_path();
  fd_ = ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
  // end() names it through /proc/self/fd: without /proc (a bare chroot) it
  // could not, after a whole run's work, so it is not used.
  if (fd_ >= 0 && ::access(self_fd_path(fd_).c_str(), F_OK) == 0) return true;
  if (fd_ >= 0) ::close(fd_);
  // No O_TMPFILE here (NFS, older kernels): a named private temporary.
  const std::filesystem::path tmp = private_temp_for(path);
  fd_ = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd_ < 0) return fail(tmp, err);
  temp_ = tmp;
  return true;
}

bool StagedFile::give_up(const std::filesystem::path& where, std::string* err) {
  const int error = errno;
  abandon();
  errno = error;
  return fail(where, err);
}

bool StagedFile::append(std::string_view text, std::string* err) {
  if (!write_all(fd_, text)) return give_up(temp_.empty() ? path_ : temp_, err);
  // Start writing it out now, without waiting: end()'s fsync then has
  // little left to do (a file made during a run is flushed as it grows).
  if (durable_) ::sync_file_range(fd_, 0, 0, SYNC_FILE_RANGE_WRITE);
  return true;
}

bool StagedFile::end(std::string* err) {
  if (durable_ && ::fsync(fd_) != 0) return give_up(temp_.empty() ? path_ : temp_, err);
  if (temp_.empty()) {
    // Unnamed until now: give it its private temporary's name.
    const std::filesystem::path tmp = private_temp_for(path_);
    if (::linkat(AT_FDCWD, self_fd_path(fd_).c_str(), AT_FDCWD, tmp.c_str(), AT_SYMLINK_FOLLOW) !=
        0) {
      return give_up(tmp, err);
    }
    temp_ = tmp;
  }
  const std::filesystem::path where = temp_;
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) return give_up(where, err);
  return true;
}

bool StagedFile::stage(const std::filesystem::path& path, std::string_view contents,
                       std::string* err, bool durable) {
  return stage_stream(
      path, [contents](std::ostream& out) { out << contents; }, err, durable);
}

bool StagedFile::stage_stream(const std::filesystem::path& path,
                              const std::function<void(std::ostream&)>& write, std::string* err,
                              bool durable) {
  path_ = path;
  durable_ = durable;
  const std::filesystem::path tmp = private_temp_for(path);
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return fail(tmp, err);
  FdBuffer buffer(fd);
  {
    std::ostream out(&buffer);
    write(out);
    out.flush();
  }
  int error = buffer.error();
  if (error == 0 && durable && ::fsync(fd) != 0) error = errno;
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error != 0) {
    ::unlink(tmp.c_str());
    errno = error;
    return fail(tmp, err);
  }
  temp_ = tmp;
  return true;
}

bool StagedFile::rename_into_place(std::string* err) {
  if (std::rename(temp_.c_str(), path_.c_str()) != 0) return fail(path_, err);
  temp_.clear();
  return true;
}

bool StagedFile::commit(std::string* err) {
  if (!rename_into_place(err)) return false;
  if (durable_) sync_directory(path_.parent_path());
  return true;
}

bool commit_all(std::span<StagedFile> files, std::string* err) {
  bool durable = false;
  for (StagedFile& f : files) {
    if (!f.rename_into_place(err)) return false;
    durable = durable || f.durable_;
  }
  if (durable && !files.empty()) sync_directory(files.front().path_.parent_path());
  return true;
}

bool write_file_atomically(const std::filesystem::path& path, std::string_view contents,
                           std::string* err, bool durable) {
  StagedFile file;
  return file.stage(path, contents, err, durable) && file.commit(err);
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
