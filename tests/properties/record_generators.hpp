// rapidcheck generators for household records (the shapes of rules/household.regla) as JSON lines:
// every optional field present, null or absent; dates near the edges that matter (leap days, month
// ends, births on the evaluation date, windows opening and closing around it); and corrupted
// variants. All choices shrink.
#pragma once

#include <rapidcheck.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

namespace regla::testing {

// Days since 1970-01-01 and back, for dates relative to one another.
inline long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}
inline std::string civil_date(long days) {
  days += 719468;
  long era = (days >= 0 ? days : days - 146096) / 146097;
  long doe = days - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  long d = doy - (153 * mp + 2) / 5 + 1;
  long m = mp < 10 ? mp + 3 : mp - 9;
  char buffer[80];
  std::snprintf(buffer, sizeof buffer, "%04ld-%02ld-%02ld", yoe + era * 400 + (m <= 2), m, d);
  return buffer;
}

class RecordBuilder {
 public:
  // Dates are generated around 2026-11-01, the as_of the properties use.
  std::string household_line() { return household().dump(); }

  nlohmann::json household() {
    nlohmann::json h;
    h["household_id"] = "H-" + std::to_string(*rc::gen::inRange(1, 1000));
    h["ubigeo"] = *rc::gen::element<std::string>("010103", "010105", "060409", "150101", "080101",
                                                 "211306", "030101", "999999");
    optional(h, "area",
             [&] { return nlohmann::json(*rc::gen::element<std::string>("urban", "rural")); });
    optional(h, "residence_since", [&] { return nlohmann::json(date_near_as_of(10)); });
    optional(h, "cse", [&] {
      return nlohmann::json{
          {"level", *rc::gen::element<std::string>("pobre_extremo", "pobre", "no_pobre")},
          {"assessed_on", date_near_as_of(5)}};
    });
    nlohmann::json programs = nlohmann::json::array();
    int count = *rc::gen::inRange(0, 3);
    for (int i = 0; i < count; ++i) {
      programs.push_back({{"name", *rc::gen::element<std::string>("juntos", "sis")},
                          {"since", date_near_as_of(20)}});
    }
    optional(h, "programs", [&] { return programs; });
    nlohmann::json members = nlohmann::json::array();
    int people = *rc::gen::inRange(1, 7);
    for (int i = 0; i < people; ++i)
      members.push_back(member(i, people));
    h["members"] = members;
    return h;
  }

  // A date within `years` of 2026-11-01, often on an edge: a leap day, a month's end, as_of itself.
  std::string date_near_as_of(int years) {
    switch (*rc::gen::inRange(0, 8)) {
      case 0:
        return "2026-11-01";
      case 1:
        return *rc::gen::element<std::string>("2024-02-29", "2020-02-29", "2016-02-29",
                                              "2012-02-29");
      case 2:
        return *rc::gen::element<std::string>("2026-10-31", "2026-09-01", "2026-08-31",
                                              "2026-11-02", "2025-11-01", "2025-11-02",
                                              "2026-01-31", "2025-12-31");
      default: {
        int year = 2026 - *rc::gen::inRange(0, years + 1);
        int month = *rc::gen::inRange(1, 13);
        int last = month == 2 ? (year % 4 == 0 ? 29 : 28)
                   : (month == 4 || month == 6 || month == 9 || month == 11) ? 30
                                                                             : 31;
        int day = *rc::gen::inRange(1, last + 1);
        char buffer[48];
        std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
        return buffer;
      }
    }
  }

 private:
  template <typename Make>
  void optional(nlohmann::json& object, const char* key, Make make) {
    switch (*rc::gen::inRange(0, 4)) {
      case 0:
        return;  // absent
      case 1:
        object[key] = nullptr;
        return;
      default:
        object[key] = make();
    }
  }

  nlohmann::json member(int index, int people) {
    nlohmann::json m;
    m["person_id"] = "P-" + std::to_string(index + 1);
    optional(m, "dni", [&] {
      return nlohmann::json(std::to_string(10000000 + *rc::gen::inRange(0, 89999999)));
    });
    // Mostly the young: that is where the co-responsibilities are.
    int age_group = *rc::gen::inRange(0, 4);
    std::string birth = age_group == 0   ? date_near_as_of(60)
                        : age_group == 1 ? date_near_as_of(19)
                                         : date_near_as_of(6);
    m["birth_date"] = birth;
    long born = days_from_civil(std::stoi(birth.substr(0, 4)), std::stoi(birth.substr(5, 2)),
                                std::stoi(birth.substr(8, 2)));
    long as_of = days_from_civil(2026, 11, 1);
    m["sex"] = *rc::gen::element<std::string>("F", "M");
    optional(m, "relationship", [&] {
      return nlohmann::json(*rc::gen::element<std::string>("head", "spouse", "child", "grandchild",
                                                           "parent", "other"));
    });
    optional(m, "mother_id", [&] {
      return nlohmann::json("P-" + std::to_string(*rc::gen::inRange(1, people + 1)));
    });
    optional(m, "employment", [&] {
      nlohmann::json e;
      optional(e, "sector", [&] {
        return nlohmann::json(*rc::gen::element<std::string>("formal", "informal", "none"));
      });
      optional(e, "monthly_income", [&] {
        return *rc::gen::arbitrary<bool>() ? nlohmann::json(*rc::gen::inRange(0, 6000))
                                           : nlohmann::json(*rc::gen::inRange(0, 600000) / 100.0);
      });
      return e;
    });
    optional(m, "insurance", [&] {
      return nlohmann::json(*rc::gen::element<std::string>("none", "sis", "essalud", "other"));
    });
    optional(m, "pregnancy", [&] {
      nlohmann::json p{{"started_on", date_near_as_of(1)}};
      optional(p, "ended_on", [&] { return nlohmann::json(date_near_as_of(1)); });
      return p;
    });
    optional(m, "school", [&] {
      nlohmann::json s;
      optional(s, "enrolled", [&] { return nlohmann::json(*rc::gen::arbitrary<bool>()); });
      optional(s, "completed_secondary",
               [&] { return nlohmann::json(*rc::gen::arbitrary<bool>()); });
      nlohmann::json attendance = nlohmann::json::array();
      int months = *rc::gen::inRange(0, 5);
      for (int i = 0; i < months; ++i) {
        int school_days = *rc::gen::inRange(0, 23);
        char month[32];
        std::snprintf(month, sizeof month, "2026-%02d", *rc::gen::inRange(6, 12));
        attendance.push_back({{"month", month},
                              {"days_attended", *rc::gen::inRange(0, school_days + 1)},
                              {"school_days", school_days}});
      }
      optional(s, "attendance", [&] { return attendance; });
      return s;
    });
    // Events across the person's life, mostly recent, a few after the evaluation date.
    nlohmann::json events = nlohmann::json::array();
    int count = *rc::gen::inRange(0, 16);
    long span = std::max(1L, std::min(as_of - born, 900L) + 20);
    for (int i = 0; i < count; ++i) {
      long day = as_of + 10 - *rc::gen::inRange(0L, span);
      events.push_back(
          {{"date", civil_date(day)},
           {"type", *rc::gen::element<std::string>("cred", "cred", "cred", "prenatal", "counseling",
                                                   "vaccination", "other")}});
    }
    optional(m, "health_events", [&] { return events; });
    return m;
  }
};

inline rc::Gen<std::string> arbitrary_household_line() {
  return rc::gen::exec([] { return RecordBuilder().household_line(); });
}

// A valid record damaged in one of the ways registries damage them: cut short, a wrong type, an
// impossible date, a missing id, a huge number, deep nesting, a value the shapes do not allow.
inline rc::Gen<std::string> corrupted_household_line() {
  return rc::gen::exec([] {
    RecordBuilder builder;
    nlohmann::json h = builder.household();
    std::string text = h.dump();
    switch (*rc::gen::inRange(0, 13)) {
      case 0:
        return text.substr(
            0, static_cast<std::size_t>(*rc::gen::inRange<int>(0, static_cast<int>(text.size()))));
      case 1:
        h["members"][0]["birth_date"] = "2026-02-30";
        return h.dump();
      case 2:
        h["members"][0].erase("person_id");
        return h.dump();
      case 3:
        h["members"][0]["birth_date"] = 20260101;
        return h.dump();
      case 4:
        h["members"][0]["school"] = {
            {"attendance",
             {{{"month", "2026-09"}, {"days_attended", 1e300}, {"school_days", 20}}}}};
        return h.dump();
      case 5:
        return std::string(*rc::gen::inRange(1, 5000), '[') + text;
      case 6:
        h["members"] = "not a list";
        return h.dump();
      case 7:
        h["members"][0]["birth_date"] = "2027-01-01";  // born after as_of
        return h.dump();
      // Breaks of the record contract, in fields rules read and fields no rule reads.
      case 8:
        h["members"] = nlohmann::json::array();
        return h.dump();
      case 9:
        h["members"][0]["sex"] = "Q";
        return h.dump();
      case 10:
        h["members"][0]["employment"] = {{"monthly_income", -5000}};
        return h.dump();
      case 11:
        h["ubigeo"] = std::string(*rc::gen::inRange(0, 20000), '1');
        return h.dump();
      default:
        return text + " trailing";
    }
  });
}

}  // namespace regla::testing
