// JSON Lines to records. The loader walks a record following the declared shapes: it checks every
// declared field and reads the fields some rule uses straight into their slots; values of fields
// the shapes do not declare are skipped. A value of the wrong type or form, or outside its field's
// constraints, is an error naming its JSON path: members[2].birth_date: '2026-02-30' is not a
// calendar date.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "engine/program/program.hpp"
#include "engine/records/record.hpp"
#include "regla/evaluation.hpp"

namespace regla {

struct LoadError {
  std::string path;     // "members[2].birth_date", or "" for the record as a whole
  std::string message;  // "'2026-02-30' is not a calendar date"
  std::string text() const { return path.empty() ? message : path + ": " + message; }
};

class RecordLoader {
 public:
  RecordLoader(const CheckedProgram& program, JsonReader reader = JsonReader::simdjson);
  ~RecordLoader();
  RecordLoader(const RecordLoader&) = delete;
  RecordLoader& operator=(const RecordLoader&) = delete;

  // Fills `record` from one JSON line; on failure returns the error (and the record is unusable).
  // Text values in the record point into the loader's buffers: they stay valid until the next load.
  std::optional<LoadError> load(std::string_view line, Record& record);
  // The record's id, when it could be read (also after a failed load).
  std::string_view household_id() const { return household_id_; }

  class Implementation;

 private:
  std::unique_ptr<Implementation> implementation_;
  std::string_view household_id_;
};

}  // namespace regla
