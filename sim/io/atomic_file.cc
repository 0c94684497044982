#include "sim/io/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

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

}  // namespace

std::filesystem::path temp_path_for(const std::filesystem::path& path) {
  return path.parent_path() / ("." + path.filename().string() + ".tmp");
}

bool stage_file(const std::filesystem::path& path, std::string_view contents, std::string* err) {
  const std::filesystem::path tmp = temp_path_for(path);
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return fail(tmp, err);
  const char* p = contents.data();
  std::size_t left = contents.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int saved = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      errno = saved;
      return fail(tmp, err);
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  int error = ::fsync(fd) == 0 ? 0 : errno;
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error != 0) {
    ::unlink(tmp.c_str());
    errno = error;
    return fail(tmp, err);
  }
  return true;
}

bool commit_file(const std::filesystem::path& path, std::string* err) {
  if (std::rename(temp_path_for(path).c_str(), path.c_str()) != 0) return fail(path, err);
  sync_directory(path.parent_path());
  return true;
}

bool write_file_atomically(const std::filesystem::path& path, std::string_view contents,
                           std::string* err) {
  return stage_file(path, contents, err) && commit_file(path, err);
}

}  // namespace twsim
