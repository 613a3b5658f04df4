// fork + exec with the child's descriptors set up before exec (only async-signal-safe calls run
// in the child: the test process has threads). Standard output and error are captured in files,
// not pipes, so that a chatty process can never block on a full pipe.
#include "tests/cli/regla_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace regla::testing {
namespace {

// The descriptor a child's stream gets: a file to capture into, or the path the test named.
int open_output(const Output& output, const std::string& capture) {
  const std::string& path = output.path ? *output.path : capture;
  int descriptor = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (descriptor < 0) throw std::runtime_error("cannot open " + path);
  return descriptor;
}

[[noreturn]] void run_child(const std::vector<char*>& argv, const Process& process, int input,
                            int output, int error) {
  if (process.input.closed) {
    ::close(STDIN_FILENO);
  } else {
    ::dup2(input, STDIN_FILENO);
  }
  // Captured or not, both get a descriptor: closing one here keeps the code the same either way.
  ::dup2(output, STDOUT_FILENO);
  ::dup2(error, STDERR_FILENO);
  if (process.output.closed) ::close(STDOUT_FILENO);
  if (process.error.closed) ::close(STDERR_FILENO);
  ::signal(SIGPIPE, process.ignore_sigpipe ? SIG_IGN : SIG_DFL);
  if (process.file_size_limit) {
    ::signal(SIGXFSZ, SIG_IGN);  // an oversized write then fails with EFBIG
    rlimit limit{static_cast<rlim_t>(*process.file_size_limit),
                 static_cast<rlim_t>(*process.file_size_limit)};
    ::setrlimit(RLIMIT_FSIZE, &limit);
  }
  ::execv(argv[0], argv.data());
  ::_exit(127);
}

}  // namespace

Finished run_regla(const std::vector<std::string>& arguments, const Process& process) {
  TemporaryFolder folder;
  std::vector<std::string> words{REGLA_BINARY};
  words.insert(words.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (std::string& word : words)
    argv.push_back(word.data());
  argv.push_back(nullptr);

  std::string input_path = process.input.path.value_or("/dev/null");
  if (process.input.text) input_path = folder.write("stdin", *process.input.text);
  int input = ::open(input_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (input < 0) throw std::runtime_error("cannot open " + input_path);
  int pipe_ends[2] = {-1, -1};
  int output;
  if (process.output.pipe_closed_after_first_line) {
    if (::pipe2(pipe_ends, O_CLOEXEC) != 0) throw std::runtime_error("cannot make a pipe");
    output = pipe_ends[1];
  } else {
    output = open_output(process.output, folder.path() + "/stdout");
  }
  int error = open_output(process.error, folder.path() + "/stderr");

  pid_t child = ::fork();
  if (child < 0) throw std::runtime_error("cannot fork");
  if (child == 0) run_child(argv, process, input, output, error);
  ::close(input);
  ::close(output);
  ::close(error);

  Finished finished;
  if (process.output.pipe_closed_after_first_line) {
    char byte;
    while (::read(pipe_ends[0], &byte, 1) == 1) {
      finished.out += byte;
      if (byte == '\n') break;
    }
    ::close(pipe_ends[0]);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  finished.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  if (!process.output.pipe_closed_after_first_line && !process.output.path &&
      !process.output.closed) {
    finished.out = read_text_file(folder.path() + "/stdout");
  }
  if (!process.error.path && !process.error.closed)
    finished.err = read_text_file(folder.path() + "/stderr");
  return finished;
}

TemporaryFolder::TemporaryFolder() {
  std::string pattern = (std::filesystem::temp_directory_path() / "regla-cli-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("cannot make a temporary folder");
  path_ = pattern;
}

TemporaryFolder::~TemporaryFolder() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string TemporaryFolder::write(const std::string& name, const std::string& text) const {
  std::string path = path_ + "/" + name;
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out.flush()) throw std::runtime_error("cannot write " + path);
  return path;
}

}  // namespace regla::testing
