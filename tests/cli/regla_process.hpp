// Runs the built `regla` binary as a real process, with its standard streams redirected, and
// collects what it wrote and how it exited: the CLI as users and scripts meet it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tests/text_file.hpp"

namespace regla::testing {

// Where standard input comes from (default: nothing, as from /dev/null).
struct Input {
  std::optional<std::string> text;  // these bytes
  std::optional<std::string> path;  // this file or folder, opened for reading
  bool closed = false;              // descriptor 0 closed
};

// Where standard output and standard error go (default: captured).
struct Output {
  std::optional<std::string> path;  // this file or device, opened for writing (/dev/full)
  // A pipe whose reader takes the first line and closes it, as `regla ... | head -1` does.
  bool pipe_closed_after_first_line = false;
  bool closed = false;  // the descriptor closed, as `regla ... >&-` runs it
};

struct Process {
  Input input;
  Output output;
  Output error;
  bool ignore_sigpipe = false;          // as a shell started with `trap '' PIPE` runs it
  std::optional<long> file_size_limit;  // RLIMIT_FSIZE in bytes, with SIGXFSZ ignored
};

struct Finished {
  int exit_code = -1;  // the exit status, or 128 + the signal that ended it
  std::string out;     // captured standard output (with a pipe: the line the reader took)
  std::string err;     // captured standard error
};

// Runs `regla ARGUMENTS...` in the current folder and waits for it.
Finished run_regla(const std::vector<std::string>& arguments, const Process& process = {});

// A fresh folder under the system's temporary folder, removed with everything in it at the end of
// its scope.
class TemporaryFolder {
 public:
  TemporaryFolder();
  ~TemporaryFolder();
  TemporaryFolder(const TemporaryFolder&) = delete;
  TemporaryFolder& operator=(const TemporaryFolder&) = delete;

  const std::string& path() const { return path_; }
  // Writes `text` to the file `name` in this folder; returns its path.
  std::string write(const std::string& name, const std::string& text) const;

 private:
  std::string path_;
};

}  // namespace regla::testing
