// The exit codes of every command (README, `regla --help`).
#pragma once

namespace regla::cli {

// exit_io: an input could not be read to its end or some output could not be written; the
// message on standard error says which and why.
enum ExitCode {
  exit_ok = 0,
  exit_rule_errors = 1,
  exit_usage = 2,
  exit_rejected_records = 3,
  exit_io = 4
};

// The exit codes as every command's --help ends.
inline constexpr const char* exit_codes_help =
    "Exit codes: 0 success, 1 the rule files have errors (or a test case failed),\n"
    "            2 usage error (unknown option, missing file, a folder as INPUT),\n"
    "            3 some input records were rejected (all others were still answered),\n"
    "            4 an input could not be read or some output could not be written\n"
    "              (standard error says which and why).\n";

}  // namespace regla::cli
