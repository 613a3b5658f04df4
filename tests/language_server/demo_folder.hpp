// A small rule folder for the language server's tests: a record shape and a program using it.
#pragma once

#include <string>
#include <vector>

#include "regla/rules.hpp"

namespace regla::testing {

inline const char* const demo_household = R"(shape household {
  household_id: text id
  members: list of member
}

shape member {
  person_id: text id
  birth_date: date
  sex: enum { F, M }
}
)";

inline const char* const demo_program = R"(program demo
  en "Demo program"
  es "Programa de demostración"

param age_limit
  = 14 years until 2014-01-01
  = 19 years from 2014-01-01
  en "age limit"
  es "edad límite"
  source "a test"

rule minor(person: member)
  en "a minor"
  es "un menor"
  = age_years(person.birth_date) < age_limit

decision eligible
  en "eligible"
  es "elegible"
  = any m in household.members: minor(m) and m.sex = "F"
)";

inline std::vector<RuleFile> demo_folder(std::string program = demo_program) {
  return {{"demo.regla", std::move(program)}, {"household.regla", demo_household}};
}

}  // namespace regla::testing
