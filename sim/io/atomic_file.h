// Crash-safe file replacement. A file is first written in full to a private
// temporary beside it (DIR/.NAME.<host>.<pid>.<n>.tmp, created exclusively, so
// two processes or threads writing the same file never share one) and
// flushed to disk, then renamed over DIR/NAME, so a reader (or a rerun after a
// kill) sees either the old file or a new one, never a half-written or mixed
// one. The two steps are separate so that a writer of several files can stage
// them all before committing any.
#ifndef TWSIM_IO_ATOMIC_FILE_H_
#define TWSIM_IO_ATOMIC_FILE_H_

#include <filesystem>
#include <functional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>

namespace twsim {

// A file written to its temporary and not yet renamed into place. Move-only;
// the temporary is removed unless commit() succeeded.
class StagedFile {
 public:
  StagedFile() = default;
  StagedFile(StagedFile&& other) noexcept { *this = std::move(other); }
  StagedFile& operator=(StagedFile&& other) noexcept;
  StagedFile(const StagedFile&) = delete;
  StagedFile& operator=(const StagedFile&) = delete;
  ~StagedFile();

  // Writes `contents` to a new private temporary beside `path` and, when
  // `durable`, fsyncs it (and commit() the directory). On failure returns
  // false, sets *err to "PATH: reason" and leaves no temporary.
  bool stage(const std::filesystem::path& path, std::string_view contents, std::string* err,
             bool durable = true);
  // The same, with the contents written by `write` straight into the
  // temporary (a large results file never needs to be whole in memory).
  bool stage_stream(const std::filesystem::path& path,
                    const std::function<void(std::ostream&)>& write, std::string* err,
                    bool durable = true);
  // Staging piece by piece, for a file made while other work goes on
  // (reports.txt while the points are simulated): begin() creates the
  // temporary, append() adds to it (one thread at a time), end() flushes it
  // (fsyncs it when `durable`); it is then staged as by stage_stream(). Where
  // the filesystem allows (O_TMPFILE), the temporary has no name until end(),
  // so a process killed meanwhile leaves nothing behind; elsewhere it is the
  // usual private temporary. Each returns false and sets *err to
  // "PATH: reason" on failure, after which the file is abandoned.
  bool begin(const std::filesystem::path& path, std::string* err, bool durable = true);
  bool append(std::string_view text, std::string* err);
  bool end(std::string* err);

  // Renames the temporary over the path and fsyncs the directory. On failure
  // returns false and sets *err; the path then still holds its previous
  // contents.
  bool commit(std::string* err);

  const std::filesystem::path& temp_path() const { return temp_; }

 private:
  friend bool commit_all(std::span<StagedFile> files, std::string* err);
  // commit() without the directory's fsync.
  bool rename_into_place(std::string* err);

  void abandon();  // closes and removes whatever begin() made
  bool give_up(const std::filesystem::path& where, std::string* err);  // abandon(), fail

  std::filesystem::path path_;
  std::filesystem::path temp_;  // empty once committed or removed, or while unnamed
  bool durable_ = true;
  int fd_ = -1;  // between begin() and end()
};

// Commits files staged in one directory, in order, then fsyncs the directory
// once (not once per file): each file's data is flushed once, by its stage,
// and one directory flush makes all the renames durable. Stops at the first
// failure, as commit() would.
bool commit_all(std::span<StagedFile> files, std::string* err);

// Stages then commits. Without `durable` nothing is fsynced: a file whose
// reader checks its content (a point file's checksum) needs only the rename's
// atomicity, and skipping two fsyncs per file makes a sweep of many small
// points several times faster.
bool write_file_atomically(const std::filesystem::path& path, std::string_view contents,
                           std::string* err, bool durable = true);

// For a file the user names (a trace, a calibration): a path that exists and
// is not a regular file (a FIFO, a device such as /dev/null, a symlink to
// one such as /dev/stdout) is written through, as the shell's `>` would;
// anything else is replaced atomically.
bool write_user_file(const std::filesystem::path& path, std::string_view contents,
                     std::string* err);

}  // namespace twsim

#endif  // TWSIM_IO_ATOMIC_FILE_H_
