// Standard output and standard error as the commands use them, with every write checked. A write
// that fails is remembered with its reason, so that a run whose output was lost says so and exits
// with exit_io instead of claiming success.
#pragma once

#include <string>

namespace regla::cli {

// Routes std::cout and std::cerr through buffers that check every write.
void check_standard_streams();

// The exit code of a command that returned `exit_code`, once its output is flushed: exit_io when
// some of it could not be written (said on standard error, unless that is what failed).
int finish_standard_streams(const std::string& command, int exit_code);

}  // namespace regla::cli
