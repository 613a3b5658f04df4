#include "tables/csv.hpp"

#include <cerrno>
#include <cstring>

namespace regla::tables {

CsvReader::CsvReader(std::FILE* file, std::string name) : file_(file), name_(std::move(name)) {}

int CsvReader::get() {
  if (!pending_.empty()) {
    int c = pending_.front();
    pending_.erase(pending_.begin());
    if (c == '\n') ++line_;
    return c;
  }
  // Unlocked: a reader is used by one thread, and the locking getc costs a third of the reading.
  int c = getc_unlocked(file_);
  if (c == '\n') ++line_;
  return c;
}

std::optional<CsvRecord> CsvReader::fail(std::uint64_t line, const std::string& message) {
  error_ = name_ + ":" + std::to_string(line) + ": " + message;
  return std::nullopt;
}

std::optional<CsvRecord> CsvReader::next() {
  if (error_) return std::nullopt;
  if (at_start_) {
    at_start_ = false;
    // A byte order mark is skipped; any other first bytes are the first field's.
    for (int i = 0; i < 3; ++i) {
      int c = std::getc(file_);
      if (c == EOF) break;
      pending_.push_back(c);
      if (static_cast<unsigned char>("\xEF\xBB\xBF"[i]) != c) break;
    }
    if (pending_.size() == 3 && pending_[2] == 0xBF) pending_.clear();
  }
  CsvRecord record;
  record.line = line_;
  std::size_t bytes = 0;
  CsvField field;
  enum class State { field_start, unquoted, quoted, after_quote } state = State::field_start;
  for (;;) {
    int c = get();
    if (c == EOF) {
      if (std::ferror(file_)) {
        return fail(line_, std::string("cannot be read: ") + std::strerror(errno));
      }
      if (state == State::quoted) return fail(record.line, "a quoted field is not closed");
      if (state == State::field_start && record.fields.empty()) return std::nullopt;  // the end
      record.fields.push_back(std::move(field));
      return record;
    }
    if (++bytes > max_record_bytes) return fail(record.line, "a row longer than 64 MiB");
    switch (state) {
      case State::field_start:
      case State::unquoted:
        if (c == ',' || c == '\n') {
          record.fields.push_back(std::move(field));
          field = {};
          if (c == '\n') return record;
          state = State::field_start;
        } else if (c == '\r') {
          int after = get();
          if (after != '\n') {
            return fail(line_, "a carriage return that does not end a row (quote the field)");
          }
          record.fields.push_back(std::move(field));
          return record;
        } else if (c == '"') {
          if (state == State::unquoted) {
            return fail(line_,
                        "a quote inside a field that does not start with one (quote the "
                        "whole field and double the quote)");
          }
          field.quoted = true;
          state = State::quoted;
        } else {
          field.text += static_cast<char>(c);
          state = State::unquoted;
        }
        break;
      case State::quoted:
        if (c == '"') {
          state = State::after_quote;
        } else {
          field.text += static_cast<char>(c);
        }
        break;
      case State::after_quote:
        if (c == '"') {
          field.text += '"';
          state = State::quoted;
        } else if (c == ',' || c == '\n') {
          record.fields.push_back(std::move(field));
          field = {};
          if (c == '\n') return record;
          state = State::field_start;
        } else if (c == '\r') {
          if (get() != '\n') {
            return fail(line_, "a carriage return that does not end a row (quote the field)");
          }
          record.fields.push_back(std::move(field));
          return record;
        } else {
          return fail(line_,
                      "a character after a quoted field's closing quote (a quote inside "
                      "a quoted field is written twice)");
        }
        break;
    }
  }
}

void append_csv_field(std::string& out, std::string_view text, bool quote_empty) {
  bool quote =
      (quote_empty && text.empty()) || text.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote) {
    out += text;
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace regla::tables
