// The CSV routes of the `regla` command, run as a process: a generated registry exported as
// tables is decided as its JSON Lines are, line for line; --output csv says the same decisions;
// bad tables and bad arguments get located errors and their exit codes.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <map>
#include <random>
#include <sstream>

#include "tables/csv.hpp"
#include "tests/cli/regla_process.hpp"

namespace regla::testing {
namespace {

constexpr int exit_ok = 0, exit_usage = 2, exit_rejected = 3, exit_io = 4;
const std::string as_of = "--as-of=2026-11-01";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The rows of a CSV file, each as field texts, the header first.
std::vector<std::vector<std::string>> csv_rows(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  EXPECT_TRUE(file) << path;
  std::vector<std::vector<std::string>> rows;
  if (!file) return rows;
  tables::CsvReader reader(file, path);
  while (std::optional<tables::CsvRecord> record = reader.next()) {
    std::vector<std::string> row;
    for (tables::CsvField& field : record->fields)
      row.push_back(std::move(field.text));
    rows.push_back(std::move(row));
  }
  EXPECT_FALSE(reader.error()) << *reader.error();
  std::fclose(file);
  return rows;
}

// A JSON value as a CSV cell says it: texts bare, no value empty.
std::string as_cell(const nlohmann::json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

// The property: on registries of several seeds, the tables route answers every household with
// the very line the JSON Lines route writes, and the CSV output carries the same decisions.
TEST(TablesRoute, DecidesAGeneratedRegistryExportedAsTablesAsItsJsonLines) {
  for (std::string seed : {"1", "2", "3", "4", "5"}) {
    SCOPED_TRACE("seed " + seed);
    TemporaryFolder folder;
    Finished generated = run_regla({"gen", "--households", "250", "--seed", seed, as_of});
    ASSERT_EQ(generated.exit_code, exit_ok) << generated.err;
    std::string registry = folder.write("registry.jsonl", generated.out);
    std::string tables = folder.path() + "/tables";
    Finished exported = run_regla({"export-tables", "--to", tables, registry});
    ASSERT_EQ(exported.exit_code, exit_ok) << exported.err;
    EXPECT_TRUE(contains(exported.err, "250 records written")) << exported.err;

    Finished from_lines = run_regla({"eval", as_of, "--threads", "1", registry});
    Finished from_tables = run_regla({"eval", as_of, "--tables", tables});
    EXPECT_EQ(from_tables.exit_code, from_lines.exit_code) << from_tables.err;
    EXPECT_EQ(from_tables.out, from_lines.out);
    // The summaries agree but for the time taken.
    auto counts = [](const std::string& err) { return err.substr(err.find('\n')); };
    EXPECT_EQ(counts(from_tables.err), counts(from_lines.err));

    std::string members = folder.path() + "/members.csv";
    Finished as_csv = run_regla(
        {"eval", as_of, "--tables", tables, "--output", "csv", "--members-output", members});
    ASSERT_EQ(as_csv.exit_code, from_lines.exit_code) << as_csv.err;
    std::string households = folder.write("households.csv", as_csv.out);
    std::vector<std::vector<std::string>> household_rows = csv_rows(households);
    std::vector<std::vector<std::string>> member_rows = csv_rows(members);
    std::istringstream lines(from_lines.out);
    std::string line;
    std::size_t h = 1, m = 1;
    while (std::getline(lines, line)) {
      nlohmann::json decided = nlohmann::json::parse(line);
      ASSERT_LT(h, household_rows.size());
      const std::vector<std::string>& row = household_rows[h++];
      EXPECT_EQ(row[0], decided["household_id"]);
      EXPECT_EQ(row[1], decided["as_of"]);
      EXPECT_EQ(row[2], decided["rules"]);
      EXPECT_EQ(row[3], decided.value("error", ""));
      for (std::size_t column = 4; column < household_rows[0].size(); ++column) {
        EXPECT_EQ(row[column], as_cell(decided["decisions"][household_rows[0][column]]));
      }
      for (auto& [person, decisions] : decided["members"].items()) {
        ASSERT_LT(m, member_rows.size());
        const std::vector<std::string>& member = member_rows[m++];
        EXPECT_EQ(member[0], decided["household_id"]);
        EXPECT_EQ(member[1], person);
        for (std::size_t column = 4; column < member_rows[0].size(); ++column) {
          EXPECT_EQ(member[column], as_cell(decisions[member_rows[0][column]]));
        }
      }
    }
    EXPECT_EQ(h, household_rows.size());
    EXPECT_EQ(m, member_rows.size());
  }
}

// Tables in any order, with --sort-tables, are decided as the same tables sorted.
TEST(TablesRoute, UnsortedTablesAreSortedFirstAndDecidedAsSortedOnes) {
  TemporaryFolder folder;
  Finished generated = run_regla({"gen", "--households", "300", "--seed", "11", as_of});
  ASSERT_EQ(generated.exit_code, exit_ok) << generated.err;
  std::string registry = folder.write("registry.jsonl", generated.out);
  std::string sorted = folder.path() + "/sorted";
  ASSERT_EQ(run_regla({"export-tables", "--to", sorted, registry}).exit_code, exit_ok);
  std::string shuffled = folder.path() + "/shuffled";
  std::filesystem::create_directory(shuffled);
  std::mt19937 random(20261101);
  for (const auto& entry : std::filesystem::directory_iterator(sorted)) {
    // Households in a random order; a household's rows keep theirs, which is its lists' order.
    std::vector<std::vector<std::string>> rows = csv_rows(entry.path().string());
    std::map<std::string, std::uint32_t> place;
    for (auto row = rows.begin() + 1; row != rows.end(); ++row)
      place.emplace(row->front(), static_cast<std::uint32_t>(random()));
    std::stable_sort(rows.begin() + 1, rows.end(), [&](const auto& a, const auto& b) {
      return place[a.front()] < place[b.front()];
    });
    std::string text;
    for (const std::vector<std::string>& row : rows) {
      for (std::size_t f = 0; f < row.size(); ++f) {
        if (f > 0) text += ',';
        tables::append_csv_field(text, row[f]);
      }
      text += '\n';
    }
    folder.write("shuffled/" + entry.path().filename().string(), text);
  }
  Finished from_sorted = run_regla({"eval", as_of, "--tables", sorted});
  Finished refused = run_regla({"eval", as_of, "--tables", shuffled});
  EXPECT_EQ(refused.exit_code, exit_io);
  EXPECT_TRUE(contains(refused.err, "sort the files by household id")) << refused.err;
  Finished from_shuffled = run_regla({"eval", as_of, "--tables", shuffled, "--sort-tables"});
  EXPECT_EQ(from_shuffled.exit_code, from_sorted.exit_code) << from_shuffled.err;
  EXPECT_TRUE(from_shuffled.out == from_sorted.out) << "the decisions differ";
  Finished without_tables = run_regla({"eval", as_of, "--sort-tables", registry});
  EXPECT_EQ(without_tables.exit_code, exit_usage);
  EXPECT_TRUE(contains(without_tables.err, "--sort-tables sorts the --tables"))
      << without_tables.err;
}

TEST(TablesRoute, JsonLinesInCsvOutMatchesTheTablesRoute) {
  TemporaryFolder folder;
  std::string tables = folder.path() + "/tables";
  ASSERT_EQ(
      run_regla({"export-tables", "--to", tables, "rules/samples/households.jsonl"}).exit_code,
      exit_ok);
  std::string from_lines = folder.path() + "/lines-members.csv";
  std::string from_tables = folder.path() + "/tables-members.csv";
  Finished lines = run_regla({"eval", as_of, "--output=csv", "--members-output", from_lines,
                              "rules/samples/households.jsonl"});
  Finished table = run_regla(
      {"eval", as_of, "--output=csv", "--members-output", from_tables, "--tables", tables});
  EXPECT_EQ(lines.exit_code, exit_ok) << lines.err;
  EXPECT_EQ(lines.out, table.out);
  EXPECT_EQ(read_file(from_lines), read_file(from_tables));
  EXPECT_TRUE(contains(lines.out, "household_id,as_of,rules,error,crecer.priority_district,"));
}

TEST(TablesRoute, ABadRowGetsItsHouseholdAnErrorLineAndTheRunGoesOnWithExitThree) {
  TemporaryFolder folder;
  std::string tables = folder.path() + "/tables";
  ASSERT_EQ(
      run_regla({"export-tables", "--to", tables, "rules/samples/households.jsonl"}).exit_code,
      exit_ok);
  // The second member of H00000002 gets a birth date that is no calendar date.
  std::string members = read_file(tables + "/members.csv");
  std::size_t row = members.find("H00000002,H00000002-02,");
  ASSERT_NE(row, std::string::npos);
  std::size_t birth_date = row;  // the fourth field: household_id,person_id,dni,birth_date
  for (int comma = 0; comma < 3; ++comma)
    birth_date = members.find(',', birth_date) + 1;
  members.replace(birth_date, members.find(',', birth_date) - birth_date, "1990-02-30");
  std::size_t line =
      1 + static_cast<std::size_t>(std::count(members.begin(), members.begin() + row, '\n'));
  folder.write("tables/members.csv", members);
  Finished run = run_regla({"eval", as_of, "--tables", tables});
  EXPECT_EQ(run.exit_code, exit_rejected) << run.err;
  EXPECT_TRUE(
      contains(run.out, "\"household_id\":\"H00000002\",\"as_of\":\"2026-11-01\",\"rules\""));
  EXPECT_TRUE(contains(run.out, tables + "/members.csv:" + std::to_string(line) +
                                    ": birth_date: '1990-02-30' is not a calendar date"))
      << run.out.substr(0, 2000);
  EXPECT_TRUE(contains(run.err, "300 records as of 2026-11-01, 1 rejected")) << run.err;
  EXPECT_EQ(std::count(run.out.begin(), run.out.end(), '\n'), 300);
}

TEST(TablesRoute, TablesOutOfOrderStopTheRunWithALocatedErrorAndExitFour) {
  TemporaryFolder folder;
  std::filesystem::create_directory(folder.path() + "/t");
  folder.write("t/households.csv",
               "household_id,ubigeo,area,residence_since,cse.level,cse.assessed_on\n"
               "H-1,010402,,,,\nH-3,010402,,,,\nH-2,010402,,,,\n");
  folder.write("t/members.csv",
               "household_id,person_id,dni,birth_date,sex,relationship,mother_id,"
               "employment.sector,employment.monthly_income,insurance,pregnancy.started_on,"
               "pregnancy.ended_on,school.enrolled,school.completed_secondary\n"
               "H-1,P-1,,1990-03-10,F,,,,,,,,,\n");
  for (std::string table : {"programs", "attendance", "health_events"}) {
    std::string header = table == "programs"     ? "household_id,name,since\n"
                         : table == "attendance" ? "household_id,person_id,month,days_attended,"
                                                   "school_days\n"
                                                 : "household_id,person_id,date,type\n";
    folder.write("t/" + table + ".csv", header);
  }
  std::string tables = folder.path() + "/t";
  Finished run = run_regla({"eval", as_of, "--tables", tables});
  EXPECT_EQ(run.exit_code, exit_io);
  EXPECT_TRUE(contains(run.err, tables + "/households.csv:4: household 'H-2' comes after 'H-3'; "
                                         "sort the files by household id; the 2 records before "
                                         "it were answered"))
      << run.err;
  EXPECT_EQ(std::count(run.out.begin(), run.out.end(), '\n'), 2);
}

TEST(TablesRoute, ArgumentsThatCannotWorkTogetherAreUsageErrors) {
  Finished both =
      run_regla({"eval", as_of, "--tables", "rules/", "rules/samples/households.jsonl"});
  EXPECT_EQ(both.exit_code, exit_usage);
  EXPECT_TRUE(contains(both.err, "records come from --tables or from INPUT, not both"));
  Finished no_members =
      run_regla({"eval", as_of, "--output", "csv", "rules/samples/households.jsonl"});
  EXPECT_EQ(no_members.exit_code, exit_usage);
  EXPECT_TRUE(contains(no_members.err, "give --members-output FILE")) << no_members.err;
  Finished missing = run_regla({"eval", as_of, "--tables", "no/such/folder"});
  EXPECT_EQ(missing.exit_code, exit_usage);
  EXPECT_TRUE(contains(missing.err, "'no/such/folder' is not a folder of tables")) << missing.err;
  Finished unknown = run_regla({"eval", as_of, "--tables", "households=a.csv,people=b.csv"});
  EXPECT_EQ(unknown.exit_code, exit_usage);
  EXPECT_TRUE(contains(unknown.err,
                       "there is no table 'people'; the tables are households, "
                       "programs, members, attendance, health_events"))
      << unknown.err;
  Finished threads = run_regla({"eval", as_of, "--tables", "rules/", "--threads", "2"});
  EXPECT_EQ(threads.exit_code, exit_usage);
}

TEST(TablesRoute, AnAnswerThatCannotBeWrittenStopsTheRunWithExitFourAndSaysWhere) {
  TemporaryFolder folder;
  std::string tables = folder.path() + "/tables";
  ASSERT_EQ(run_regla({"eval", as_of, "--tables", tables}).exit_code, exit_usage);
  ASSERT_EQ(
      run_regla({"export-tables", "--to", tables, "rules/samples/households.jsonl"}).exit_code,
      exit_ok);
  Process full_output;
  full_output.output.path = "/dev/full";
  Finished households = run_regla({"eval", as_of, "--tables", tables}, full_output);
  EXPECT_EQ(households.exit_code, exit_io);
  EXPECT_TRUE(contains(households.err,
                       "cannot write standard output: No space left on device; "
                       "the run stopped: 0 records were written"))
      << households.err;
  Finished members = run_regla(
      {"eval", as_of, "--tables", tables, "--output", "csv", "--members-output", "/dev/full"});
  EXPECT_EQ(members.exit_code, exit_io);
  EXPECT_TRUE(contains(members.err, "cannot write '/dev/full': No space left on device"))
      << members.err;
}

TEST(TablesRoute, ExportSkipsAndNamesLinesThatAreNotRecordsOfTheShapes) {
  TemporaryFolder folder;
  Finished run =
      run_regla({"export-tables", "--to", folder.path() + "/t", "rules/samples/defects.jsonl"});
  EXPECT_EQ(run.exit_code, exit_rejected);
  EXPECT_TRUE(contains(run.err,
                       "line 6: members[0].birth_date: expected a text, found a number; "
                       "skipped"))
      << run.err;
}

}  // namespace
}  // namespace regla::testing
