// What names a member in a caseworker's note, besides their id.
#pragma once

#include <string_view>

namespace regla {

// The member fields a caseworker's note names a member by ("P-3, son, 7 years old"): their
// relationship to the head, their sex (F or M, for the word's gender) and their birth date. The
// record stores them when the member shape has them, whether or not a rule reads them.
inline constexpr std::string_view member_description_fields[] = {"relationship", "sex",
                                                                 "birth_date"};

}  // namespace regla
