// The case file syntax, line by line. A household's JSON runs from `household` to the next line
// that starts with a keyword, so a mistyped bracket is an error of that case alone.
#include "engine/rule_tests/case_file.hpp"

#include <array>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string_view>

namespace regla {
namespace {

constexpr std::array<std::string_view, 4> keywords = {"case", "as_of", "household", "expect"};

std::string trim(std::string_view text) {
  std::size_t begin = text.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return "";
  std::size_t end = text.find_last_not_of(" \t\r");
  return std::string(text.substr(begin, end - begin + 1));
}

std::string first_word(const std::string& line) {
  return line.substr(0, line.find_first_of(" \t"));
}

bool starts_a_line_of_its_own(const std::string& trimmed) {
  if (!trimmed.empty() && trimmed[0] == '#') return true;
  std::string word = first_word(trimmed);
  for (std::string_view keyword : keywords) {
    if (word == keyword) return true;
  }
  return false;
}

std::string unquote(const std::string& text) {
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"')
    return text.substr(1, text.size() - 2);
  return text;
}

// Splits "SUBJECT <separator> REST"; false when `separator` is not there.
bool split_at(const std::string& text, std::string_view separator, std::string& subject,
              std::string& rest) {
  std::size_t at = text.find(separator);
  if (at == std::string::npos) return false;
  subject = trim(text.substr(0, at));
  rest = trim(text.substr(at + separator.size()));
  return true;
}

const char* const expect_forms =
    "expected 'expect [member ID] NAME = VALUE', 'expect [member ID] NAME fails on REASON', "
    "'... refused by EXCEPTION', '... waived by WAIVER' or 'expect error \"part of the message\"'";

// An `expect` line's text after the keyword; nullopt (and a problem) when it has no known form.
std::optional<Expectation> read_expectation(std::string rest, int line,
                                            std::vector<std::string>& problems) {
  Expectation expectation;
  expectation.line = line;
  auto problem = [&](const std::string& message) {
    problems.push_back("line " + std::to_string(line) + ": " + message);
    return std::nullopt;
  };
  if (first_word(rest) == "error") {
    expectation.kind = Expectation::Kind::error;
    expectation.text = unquote(trim(rest.substr(5)));
    if (expectation.text.empty()) return problem("expected the part of the message: error \"...\"");
    return expectation;
  }
  if (first_word(rest) == "member") {
    rest = trim(rest.substr(6));
    expectation.member = first_word(rest);
    rest = trim(rest.substr(expectation.member.size()));
    if (expectation.member.empty()) return problem("expected the member's id after 'member'");
  }
  struct Form {
    std::string_view separator;
    Expectation::Kind kind;
  };
  for (Form form :
       {Form{" fails on ", Expectation::Kind::fails_on},
        Form{" refused by ", Expectation::Kind::refused_by},
        Form{" waived by ", Expectation::Kind::waived_by}, Form{"=", Expectation::Kind::value}}) {
    if (split_at(" " + rest, form.separator, expectation.subject, expectation.text)) {
      expectation.kind = form.kind;
      if (expectation.subject.empty()) return problem("expected a decision or rule name: " + rest);
      if (expectation.text.empty())
        return problem("expected what " + expectation.subject + " should be after the '" +
                       trim(form.separator) + "'");
      if (form.kind == Expectation::Kind::value && expectation.text.rfind("=", 0) == 0)
        return problem("use one '=' to expect a value ('" + expectation.subject + " = ...')");
      return expectation;
    }
  }
  return problem(expect_forms);
}

// Line and column (1-based) of byte `offset` of `text`.
std::pair<int, int> line_and_column(const std::string& text, std::size_t offset) {
  int line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

// The household's JSON, made one line; a problem naming the file line and column where it breaks.
void read_household(Case& current, const std::string& json, int first_line, int first_column) {
  current.household_line = first_line;
  try {
    current.household = nlohmann::json::parse(json).dump();
  } catch (const nlohmann::json::parse_error& error) {
    std::size_t at = error.byte > 0 ? error.byte - 1 : 0;
    auto [line, column] = line_and_column(json, at);
    if (line == 1) column += first_column - 1;
    std::string message = error.what();
    // nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 9: ..."
    if (std::size_t colon = message.find(": "); colon != std::string::npos)
      message = message.substr(colon + 2);
    current.problems.push_back("line " + std::to_string(first_line + line - 1) + ", column " +
                               std::to_string(column) +
                               ": the household is not valid JSON: " + message);
  }
}

}  // namespace

std::vector<Case> read_cases(const std::string& file, const std::string& text,
                             std::vector<std::string>& file_problems) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  std::vector<Case> cases;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    int number = static_cast<int>(i) + 1;
    std::string line = trim(lines[i]);
    if (line.empty() || line[0] == '#') continue;
    std::string word = first_word(line);
    std::string rest = trim(line.substr(word.size()));
    if (word == "case") {
      cases.push_back({file, number, unquote(rest), "", 0, "", {}, {}});
      if (rest.empty())
        cases.back().problems.push_back("line " + std::to_string(number) +
                                        ": expected the case's name: case \"...\"");
      continue;
    }
    if (cases.empty()) {
      file_problems.push_back(file + ":" + std::to_string(number) +
                              ": a case file starts with: case \"what the case shows\"");
      continue;
    }
    Case& current = cases.back();
    auto problem = [&](const std::string& message) {
      current.problems.push_back("line " + std::to_string(number) + ": " + message);
    };
    if (word == "as_of") {
      if (!current.as_of.empty()) problem("a second as_of in one case");
      current.as_of = rest;
    } else if (word == "household") {
      if (current.household_line != 0) problem("a second household in one case");
      std::string json = rest;
      while (i + 1 < lines.size() && !starts_a_line_of_its_own(trim(lines[i + 1])))
        json += "\n" + lines[++i];
      int json_column = static_cast<int>(lines[number - 1].find(rest)) + 1;
      read_household(current, json, number, json_column);
    } else if (word == "expect") {
      if (auto expectation = read_expectation(rest, number, current.problems))
        current.expectations.push_back(std::move(*expectation));
    } else {
      problem("expected case, as_of, household or expect, not '" + word + "'");
    }
  }
  for (Case& test : cases) {
    auto missing = [&](const std::string& what) {
      test.problems.push_back("line " + std::to_string(test.line) + ": the case has no " + what);
    };
    if (test.as_of.empty()) missing("as_of date");
    if (test.household_line == 0) missing("household");
    if (test.expectations.empty() && test.problems.empty()) missing("expect line");
  }
  return cases;
}

}  // namespace regla
