// regla gen --households N [--seed S] [--as-of DATE]: a synthetic registry in the shape of
// the household records of rules/household.regla, the same for the same seed on every machine.
// Shapes (see docs/performance.md): 1 to 9 members; a head, often a spouse, children, sometimes
// grandchildren and a parent; monthly school attendance for the school-aged; 'cred' visits over
// each young child's life, prenatal visits in pregnancies, counseling for mothers of infants.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <limits>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "commands.hpp"
#include "shipped_districts.hpp"
#include "whole_number.hpp"

namespace regla::cli {
namespace {

constexpr std::uint64_t max_households = 1'000'000'000'000;

// splitmix64: tiny, fast and identical everywhere (unlike std:: distributions).
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  int between(int low, int high) {  // inclusive
    return low + static_cast<int>(next() % static_cast<std::uint64_t>(high - low + 1));
  }
  bool chance(int percent) { return between(1, 100) <= percent; }

 private:
  std::uint64_t state_;
};

// Days since 1970-01-01 and back (H. Hinnant's civil calendar).
long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}
std::string civil(long days) {
  days += 719468;
  long era = (days >= 0 ? days : days - 146096) / 146097;
  long doe = days - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = yoe + era * 400;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  long d = doy - (153 * mp + 2) / 5 + 1;
  long m = mp < 10 ? mp + 3 : mp - 9;
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04ld-%02ld-%02ld", y + (m <= 2), m, d);
  return buffer;
}

// "YYYY-MM-DD" as days since 1970-01-01; nullopt when it is no calendar date.
std::optional<long> parse_date(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  int month = std::stoi(text.substr(5, 2));
  if (month < 1 || month > 12) return std::nullopt;
  long day = days_from_civil(std::stoi(text.substr(0, 4)), month, std::stoi(text.substr(8, 2)));
  // A day past the month's end (2026-02-30) lands in the next month.
  return civil(day) == text ? std::optional<long>(day) : std::nullopt;
}

// The district codes of a table's text (a header, then a code in the first six characters of each
// row).
std::vector<std::string> district_codes(std::string_view table) {
  std::vector<std::string> codes;
  std::size_t start = table.find('\n');  // after the header
  while (start != std::string_view::npos && start + 1 < table.size()) {
    std::size_t end = table.find('\n', start + 1);
    std::string_view row = table.substr(
        start + 1, end == std::string_view::npos ? std::string_view::npos : end - start - 1);
    if (row.size() >= 6) codes.emplace_back(row.substr(0, 6));
    start = end;
  }
  return codes;
}

// The text of a table file; nullopt when it cannot be read.
std::optional<std::string> table_text(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return text.str();
}

struct Generator {
  Random random;
  long as_of;
  std::vector<std::string> juntos, crecer;
  std::string out;

  void date_field(const char* key, long day) {
    out += std::string(",\"") + key + "\":\"" + civil(day) + "\"";
  }

  void events(long birth, bool young_child, const std::vector<long>& prenatal_months,
              bool counseling) {
    out += ",\"health_events\":[";
    bool first = true;
    auto event = [&](long day, const char* type) {
      if (!first) out += ',';
      first = false;
      out += "{\"date\":\"" + civil(day) + "\",\"type\":\"" + type + "\"}";
    };
    if (young_child) {
      int diligence = random.between(60, 100);
      // Visits in the first month, monthly in the first year, then every few months.
      for (long day = birth + 7; day < as_of + 30; day += day < birth + 30    ? 14
                                                          : day < birth + 365 ? 45
                                                                              : 110) {
        if (random.chance(diligence)) event(day + random.between(-3, 3), "cred");
      }
      for (int v = 0; v < 3; ++v)
        event(birth + random.between(0, static_cast<int>(std::max(1L, as_of - birth))),
              "vaccination");
    }
    for (long day : prenatal_months)
      event(day, "prenatal");
    if (counseling) {
      for (int v = 0; v < random.between(0, 3); ++v)
        event(as_of - random.between(1, 120), "counseling");
    }
    if (random.chance(20)) event(as_of - random.between(1, 700), "other");
    out += "]";
  }

  void school(int age) {
    out += ",\"school\":{\"enrolled\":";
    out += random.chance(90) ? "true" : "false";
    out += ",\"completed_secondary\":";
    out += age >= 17 && random.chance(30) ? "true" : "false";
    out += ",\"attendance\":[";
    bool diligent = random.chance(80);
    // The twelve months before the evaluation month; January and February are school holidays.
    std::string today = civil(as_of);
    int year = std::stoi(today.substr(0, 4));
    int month = std::stoi(today.substr(5, 2));
    for (int back = 12; back >= 1; --back) {
      int m = month - back, y = year;
      while (m < 1) {
        m += 12;
        --y;
      }
      int school_days = (m == 1 || m == 2) ? 0 : random.between(18, 22);
      int attended = school_days == 0 ? 0
                     : diligent       ? random.between(school_days * 9 / 10, school_days)
                                      : random.between(school_days / 2, school_days * 84 / 100);
      char buffer[96];
      std::snprintf(buffer, sizeof buffer,
                    "%s{\"month\":\"%04d-%02d\",\"days_attended\":%d,\"school_days\":%d}",
                    back == 12 ? "" : ",", y, m, attended, school_days);
      out += buffer;
    }
    out += "]}";
  }

  struct Person {
    long birth;
    bool female;
    std::string relationship;
  };

  void household(std::uint64_t index) {
    char id[32];
    std::snprintf(id, sizeof id, "H%08llu", static_cast<unsigned long long>(index));
    out += "{\"household_id\":\"" + std::string(id) + "\",\"ubigeo\":\"";
    int place = random.between(1, 100);
    if (place <= 55 && !juntos.empty()) {
      out += juntos[random.next() % juntos.size()];
    } else if (place <= 75 && !crecer.empty()) {
      out += crecer[random.next() % crecer.size()];
    } else {
      char code[8];
      std::snprintf(code, sizeof code, "1501%02d", random.between(1, 43));  // Lima
      out += code;
    }
    out += "\",\"area\":\"";
    out += random.chance(60) ? "rural" : "urban";
    out += "\"";
    if (random.chance(70)) date_field("residence_since", as_of - random.between(0, 7300));
    if (random.chance(85)) {
      static const char* levels[] = {"pobre_extremo", "pobre", "no_pobre"};
      int level = random.between(1, 100);
      out += ",\"cse\":{\"level\":\"" +
             std::string(levels[level <= 30   ? 0
                                : level <= 70 ? 1
                                              : 2]) +
             "\"";
      date_field("assessed_on", as_of - random.between(-30, 1800));
      out += "}";
    }
    out += ",\"programs\":[";
    bool juntos_member = random.chance(40);
    if (juntos_member)
      out += "{\"name\":\"juntos\",\"since\":\"" + civil(as_of - random.between(-20, 6000)) + "\"}";
    if (random.chance(50))
      out += std::string(juntos_member ? "," : "") + "{\"name\":\"sis\",\"since\":\"" +
             civil(as_of - random.between(0, 6000)) + "\"}";
    out += "],\"members\":[";

    std::vector<Person> people;
    people.push_back({as_of - random.between(18 * 365, 70 * 365), random.chance(50), "head"});
    if (random.chance(60))
      people.push_back({as_of - random.between(18 * 365, 60 * 365), !people[0].female, "spouse"});
    int children = random.between(0, 5);
    for (int c = 0; c < children; ++c)
      people.push_back({as_of - random.between(0, 18 * 365), random.chance(50), "child"});
    if (random.chance(15))
      people.push_back({as_of - random.between(0, 5 * 365), random.chance(50), "grandchild"});
    if (random.chance(10) && people.size() < 9)
      people.push_back({as_of - random.between(60 * 365, 85 * 365), random.chance(50), "parent"});
    if (people.size() > 9) people.resize(9);
    int mother = -1;
    for (std::size_t p = 0; p < people.size() && p < 2; ++p) {
      if (people[p].female) mother = static_cast<int>(p);
    }

    for (std::size_t p = 0; p < people.size(); ++p) {
      const Person& person = people[p];
      long age_days = as_of - person.birth;
      int age = static_cast<int>(age_days / 365);
      char person_id[64];
      std::snprintf(person_id, sizeof person_id, "%s-%02zu", id, p + 1);
      out += p ? ",{" : "{";
      out += "\"person_id\":\"" + std::string(person_id) + "\"";
      bool has_dni = age_days < 90 ? random.chance(40) : random.chance(95);
      if (has_dni) {
        char dni[16];
        std::snprintf(dni, sizeof dni, "%08d", random.between(10000000, 79999999));
        out += ",\"dni\":\"" + std::string(dni) + "\"";
      } else if (random.chance(50)) {
        out += ",\"dni\":null";
      }
      date_field("birth_date", person.birth);
      out += std::string(",\"sex\":\"") + (person.female ? "F" : "M") + "\"";
      out += ",\"relationship\":\"" + person.relationship + "\"";
      bool is_child = person.relationship == "child" || person.relationship == "grandchild";
      if (is_child && mother >= 0 && person.relationship == "child") {
        char mother_id[64];
        std::snprintf(mother_id, sizeof mother_id, "%s-%02d", id, mother + 1);
        out += ",\"mother_id\":\"" + std::string(mother_id) + "\"";
      }
      if (age >= 18) {
        int sector = random.between(1, 100);
        const char* name = sector <= 20 ? "formal" : sector <= 70 ? "informal" : "none";
        out += ",\"employment\":{\"sector\":\"" + std::string(name) + "\"";
        if (sector <= 70) out += ",\"monthly_income\":" + std::to_string(random.between(300, 4500));
        out += "}";
      }
      int insurance = random.between(1, 100);
      out += ",\"insurance\":\"";
      out += insurance <= 50   ? "sis"
             : insurance <= 70 ? "essalud"
             : insurance <= 95 ? "none"
                               : "other";
      out += "\"";
      std::vector<long> prenatal;
      if (person.female && age >= 15 && age <= 45 && random.chance(12)) {
        long started = as_of - random.between(10, 270);
        out += ",\"pregnancy\":{\"started_on\":\"" + civil(started) + "\"";
        bool ended = random.chance(25);
        out += ended ? ",\"ended_on\":\"" + civil(started + random.between(200, 280)) + "\"}"
                     : ",\"ended_on\":null}";
        for (long day = started + 30; day < as_of; day += random.between(25, 45))
          prenatal.push_back(day);
      }
      if (age >= 5 && age <= 18) school(age);
      bool infant_mother = false;
      for (const Person& other : people) {
        if (&other != &person && person.female && as_of - other.birth < 365 &&
            other.relationship == "child")
          infant_mother = true;
      }
      events(person.birth, age < 6, prenatal, infant_mother);
      out += "}";
    }
    out += "]}\n";
  }
};

struct GenArguments {
  std::string households;  // required; checked here, to say what a count is
  std::string seed = "20261101";
  std::string as_of = "2026-11-01";
  std::optional<std::string> districts;  // default: the shipped tables, built in
};

int run_gen(const GenArguments& given) {
  std::optional<std::uint64_t> households = parse_whole_number(given.households, 1, max_households);
  if (!households)
    return usage_error("gen", "--households needs a whole number from 1 to 1000000000000");
  std::optional<std::uint64_t> seed =
      parse_whole_number(given.seed, 0, std::numeric_limits<std::uint64_t>::max());
  if (!seed) return usage_error("gen", "--seed needs a whole number of at most 19 digits");
  std::optional<long> as_of = parse_date(given.as_of);
  if (!as_of) return usage_error("gen", "--as-of needs a calendar date, YYYY-MM-DD");
  std::vector<std::string> tables[2];
  if (given.districts) {
    const char* const table_names[2] = {"/juntos_districts.csv", "/crecer_districts.csv"};
    for (int t = 0; t < 2; ++t) {
      std::optional<std::string> text = table_text(*given.districts + table_names[t]);
      if (!text) {
        return usage_error("gen", "cannot read the district table '" + *given.districts +
                                      table_names[t] + "' (--districts DIR)");
      }
      tables[t] = district_codes(*text);
    }
  } else {
    tables[0] = district_codes(shipped_juntos_districts());
    tables[1] = district_codes(shipped_crecer_districts());
  }
  Generator generator{Random(*seed), *as_of, tables[0], tables[1], {}};
  for (std::uint64_t i = 1; i <= *households; ++i) {
    generator.household(i);
    if (generator.out.size() > (1 << 20) || i == *households) {
      // A write that failed (a full disk, a closed pipe) ends the run: the rest would be lost too.
      if (!std::cout.write(generator.out.data(),
                           static_cast<std::streamsize>(generator.out.size())))
        return exit_io;
      generator.out.clear();
    }
  }
  return exit_ok;
}

}  // namespace

RunCommand add_gen(CLI::App& regla) {
  CLI::App& gen =
      *regla.add_subcommand("gen", "generate a synthetic registry (for samples and benchmarks)");
  set_help_footer(gen,
                  "Writes N synthetic household records (JSON Lines) to standard output: the\n"
                  "same records for the same seed, on any machine. Districts are drawn from the\n"
                  "shipped Juntos and Crecer district tables (or those in --districts DIR) and\n"
                  "from Lima, so it needs no rule folder. Dates are around --as-of.\n");
  auto given = std::make_shared<GenArguments>();
  gen.add_option("--households", given->households,
                 "the number of households to write, from 1 to " + std::to_string(max_households) +
                     " (required)")
      ->type_name("N");
  gen.add_option("--seed", given->seed, "the seed of the random draws")
      ->type_name("S")
      ->capture_default_str();
  gen.add_option("--as-of", given->as_of, "the date the records are around, YYYY-MM-DD")
      ->type_name("DATE")
      ->capture_default_str();
  gen.add_option("--districts", given->districts,
                 "a folder of district tables (juntos_districts.csv, crecer_districts.csv) to "
                 "draw from instead of the shipped ones, which are built in")
      ->type_name("DIR");
  return [given] { return run_gen(*given); };
}

}  // namespace regla::cli
