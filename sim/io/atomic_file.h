// Crash-safe file replacement. A file is first written in full to a hidden
// temporary beside it (DIR/.NAME.tmp) and flushed to disk, then renamed over
// DIR/NAME, so a reader (or a rerun after a kill) sees either the old file or
// the new one, never a half-written one. The two steps are separate so that a
// writer of several files can stage them all before committing any.
// Not safe for two processes writing the same path at once.
#ifndef TWSIM_IO_ATOMIC_FILE_H_
#define TWSIM_IO_ATOMIC_FILE_H_

#include <filesystem>
#include <string>
#include <string_view>

namespace twsim {

// The temporary that stages `path`: same directory, name ".NAME.tmp".
std::filesystem::path temp_path_for(const std::filesystem::path& path);

// Writes `contents` to temp_path_for(path) and fsyncs it. On failure returns
// false, sets *err to "PATH: reason" and removes the temporary.
bool stage_file(const std::filesystem::path& path, std::string_view contents, std::string* err);

// Renames the staged temporary over `path` and fsyncs the directory.
// REQUIRES: stage_file(path, ...) succeeded. On failure returns false and
// sets *err; `path` then still holds its previous contents.
bool commit_file(const std::filesystem::path& path, std::string* err);

// stage_file then commit_file.
bool write_file_atomically(const std::filesystem::path& path, std::string_view contents,
                           std::string* err);

}  // namespace twsim

#endif  // TWSIM_IO_ATOMIC_FILE_H_
