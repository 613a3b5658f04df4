// The names of a breakdown's groups, from the rule tables: a district code (ubigeo) is named by the
// table that lists the districts.
#pragma once

#include <string>
#include <string_view>

#include "engine/program/program.hpp"

namespace regla {

class GroupNames {
 public:
  // The tables keyed by a column named `field` with a text column beside the key; the largest
  // is asked first.
  GroupNames(const CheckedProgram& program, std::string_view field);
  // The first text column (after the key) of the first such table that has `group` as a key;
  // empty when none has.
  std::string name(std::string_view group) const;

 private:
  struct NamingTable {
    const Table* table;
    std::uint32_t name_slot;
  };
  std::vector<NamingTable> tables_;
};

}  // namespace regla
