// Reading case files (*.cases; docs/administrators.md, "Test cases"). Each case is read on its
// own: a malformed line is a problem of the case it is in, never dropped and never allowed to hide
// the cases after it.
#pragma once

#include <string>
#include <vector>

namespace regla {

struct Expectation {
  enum class Kind {
    value,       // SUBJECT = VALUE
    fails_on,    // SUBJECT fails on REASON
    refused_by,  // SUBJECT refused by EXCEPTION
    waived_by,   // SUBJECT waived by WAIVER
    error,       // error "part of the message"
  };
  Kind kind = Kind::value;
  int line = 0;
  std::string member;   // `member ID`: the subject is about that member
  std::string subject;  // a decision or a rule: "juntos.compliant"
  std::string text;     // the value as written, the reason, the clause, or the message part
};

struct Case {
  std::string file;
  int line = 0;  // of `case`
  std::string name;
  std::string as_of;
  int household_line = 0;
  std::string household;  // one JSON line, as a registry would send it
  std::vector<Expectation> expectations;
  std::vector<std::string> problems;  // "line 12: ..." the case cannot be run as written
};

// The cases of one file. A problem before the first case (a file that does not start with one)
// goes to `file_problems` as "FILE:LINE: ...".
std::vector<Case> read_cases(const std::string& file, const std::string& text,
                             std::vector<std::string>& file_problems);

}  // namespace regla
