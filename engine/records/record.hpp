// One household record, loaded: for each record shape, the rows of its objects, holding only the
// fields the rules use. Storage is reused from record to record, so steady-state loading does not
// allocate.
#pragma once

#include <vector>

#include "engine/program/program.hpp"

namespace regla {

struct Record {
  std::vector<ObjectRows> objects;  // by shape id; the household is row 0 of its shape

  void prepare(const CheckedProgram& program) {
    objects.assign(program.shapes.size(), ObjectRows());
    for (std::uint32_t s = 0; s < program.shapes.size(); ++s)
      objects[s].reset(program.shapes[s].width);
  }
  void clear() {
    for (ObjectRows& rows : objects)
      rows.clear();
  }
};

}  // namespace regla
