// Registries as CSV tables through the public API (include/regla/tables.hpp): the tables the
// shipped shapes make, CSV as RFC 4180 writes it, the join, and every bad table located.
#include <gtest/gtest.h>

#include <cstdio>
#include <memory>

#include "regla/tables.hpp"
#include "tests/cli/regla_process.hpp"

namespace regla {
namespace {

using testing::TemporaryFolder;

const RuleSet& shipped_rules() {
  static const RuleSet rules = RuleSet::load({"rules/"});
  return rules;
}

const std::string households_header =
    "household_id,ubigeo,area,residence_since,cse.level,cse.assessed_on\n";
const std::string members_header =
    "household_id,person_id,dni,birth_date,sex,relationship,mother_id,employment.sector,"
    "employment.monthly_income,insurance,pregnancy.started_on,pregnancy.ended_on,school.enrolled,"
    "school.completed_secondary\n";

// A registry's five tables in a temporary folder, each its header and the rows given.
struct Registry {
  TemporaryFolder folder;
  std::string households = households_header;
  std::string members = members_header;
  std::string programs = "household_id,name,since\n";
  std::string attendance = "household_id,person_id,month,days_attended,school_days\n";
  std::string health_events = "household_id,person_id,date,type\n";

  std::vector<RegistryTableFile> files() const {
    return {{"households", folder.write("households.csv", households)},
            {"members", folder.write("members.csv", members)},
            {"programs", folder.write("programs.csv", programs)},
            {"attendance", folder.write("attendance.csv", attendance)},
            {"health_events", folder.write("health_events.csv", health_events)}};
  }
};

// Every record the tables give, and why reading stopped early, if it did.
struct Read {
  std::vector<SourcedRecord> records;
  std::optional<std::string> stopped;
  std::string open_error;
};

Read read_all(const Registry& registry) {
  Read read;
  std::unique_ptr<RegistryTables> tables =
      RegistryTables::open(shipped_rules(), registry.files(), read.open_error);
  if (!tables) return read;
  SourcedRecord record;
  while (tables->next(record))
    read.records.push_back(record);
  read.stopped = tables->stop_reason();
  return read;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(RegistryTables, TheShippedShapesMakeATablePerList) {
  std::string error;
  std::vector<TableDescription> tables = registry_tables(shipped_rules(), error);
  ASSERT_EQ(tables.size(), 5u) << error;
  EXPECT_EQ(tables[0].name, "households");
  EXPECT_EQ(tables[1].name, "programs");
  EXPECT_EQ(tables[2].name, "members");
  EXPECT_EQ(tables[3].name, "attendance");
  EXPECT_EQ(tables[4].name, "health_events");
  EXPECT_EQ(tables[3].columns, (std::vector<std::string>{"household_id", "person_id", "month",
                                                         "days_attended", "school_days"}));
}

TEST(RegistryTables, JoinsTheRowsOfAHouseholdIntoItsRecordTypedByTheShapes) {
  Registry registry;
  registry.households += "H-1,010402,rural,,pobre,2025-01-10\n";
  registry.members +=
      "H-1,P-1,04000001,1990-03-10,F,head,,informal,850.5,sis,,,,\n"
      "H-1,P-2,,2020-01-01,M,child,P-1,,,,,,true,\n";
  registry.programs += "H-1,juntos,2019-01-01\n";
  registry.attendance += "H-1,P-2,2026-10,18,20\n";
  registry.health_events += "H-1,P-2,2021-05-01,cred\nH-1,P-1,2021-05-02,counseling\n";
  Read read = read_all(registry);
  ASSERT_EQ(read.records.size(), 1u) << read.open_error;
  EXPECT_FALSE(read.stopped);
  const SourcedRecord& record = read.records[0];
  EXPECT_FALSE(record.error);
  EXPECT_EQ(record.line, 2u);
  // Codes keep their leading zeros; numbers and booleans are JSON's; an empty cell is no value;
  // an object with no cell filled is absent.
  EXPECT_EQ(record.json_line,
            R"({"household_id":"H-1","ubigeo":"010402","area":"rural",)"
            R"("cse":{"level":"pobre","assessed_on":"2025-01-10"},)"
            R"("programs":[{"name":"juntos","since":"2019-01-01"}],)"
            R"("members":[{"person_id":"P-1","dni":"04000001","birth_date":"1990-03-10",)"
            R"("sex":"F","relationship":"head","employment":{"sector":"informal",)"
            R"("monthly_income":850.5},"insurance":"sis",)"
            R"("health_events":[{"date":"2021-05-02","type":"counseling"}]},)"
            R"({"person_id":"P-2","birth_date":"2020-01-01","sex":"M","relationship":"child",)"
            R"("mother_id":"P-1","school":{"enrolled":true,"attendance":[{"month":"2026-10",)"
            R"("days_attended":18,"school_days":20}]},)"
            R"("health_events":[{"date":"2021-05-01","type":"cred"}]}]})");
}

TEST(RegistryTables, ReadsQuotedFieldsWithCommasQuotesAndLineBreaks) {
  Registry registry;
  registry.households += "\"H,1\",\"010402\",,,,\r\n";
  registry.members +=
      "\"H,1\",P-1,,1990-03-10,F,,\"say \"\"hi\"\",\nthen\",,,,,,,\r\n"
      "\"H,1\",P-2,,1990-03-10,F,,\"\",,,,,,,\r\n";
  Read read = read_all(registry);
  ASSERT_EQ(read.records.size(), 1u) << read.open_error;
  EXPECT_EQ(read.records[0].household_id, "H,1");
  EXPECT_TRUE(contains(read.records[0].json_line, R"("mother_id":"say \"hi\",\u000athen")"))
      << read.records[0].json_line;
  // "" is an empty text, told from an empty cell.
  EXPECT_TRUE(contains(read.records[0].json_line,
                       R"("P-2","birth_date":"1990-03-10","sex":"F","mother_id":"")"))
      << read.records[0].json_line;
}

TEST(RegistryTables, AByteOrderMarkIsSkippedAndOtherFirstBytesAreKept) {
  Registry registry;
  registry.households = "\xEF\xBB\xBF" + households_header + "H-1,010402,,,,\n";
  registry.members = "\xEF\xBB" + members_header;
  Read read = read_all(registry);
  EXPECT_TRUE(contains(read.open_error, "members.csv:1: unknown column '\xEF\xBBhousehold_id'"))
      << read.open_error;
  registry.members = members_header;
  read = read_all(registry);
  ASSERT_EQ(read.records.size(), 1u) << read.open_error;
  EXPECT_EQ(read.records[0].household_id, "H-1");
}

TEST(RegistryTables, AHeaderWithAnUnknownOrAMissingColumnIsAnErrorNamingTheFile) {
  Registry unknown;
  unknown.members = "household_id,person_id,birthdate\n";
  Read read = read_all(unknown);
  EXPECT_TRUE(contains(read.open_error,
                       "members.csv:1: unknown column 'birthdate'; the columns "
                       "of members are household_id, person_id, dni"))
      << read.open_error;
  Registry missing;
  missing.programs = "household_id,name\n";
  read = read_all(missing);
  EXPECT_TRUE(contains(read.open_error, "programs.csv:1: missing column since (table programs)"))
      << read.open_error;
}

TEST(RegistryTables, EveryTableIsNeeded) {
  Registry registry;
  std::vector<RegistryTableFile> files = registry.files();
  files.pop_back();
  std::string error;
  EXPECT_FALSE(RegistryTables::open(shipped_rules(), files, error));
  EXPECT_TRUE(contains(error, "no file for the table health_events")) << error;
}

TEST(RegistryTables, ABadCellRejectsItsHouseholdAtItsFileLineAndColumnAndTheRunGoesOn) {
  Registry registry;
  registry.households += "H-1,010402,,,,\nH-2,010402,,,,\n";
  registry.members += "H-1,P-1,,1990-03-10,F,,,,1.5e,,,,,\nH-2,P-1,,1990-03-10,F,,,,,,,,yes,\n";
  Read read = read_all(registry);
  ASSERT_EQ(read.records.size(), 2u);
  EXPECT_EQ(
      read.records[0].error.value_or(""),
      registry.folder.path() + "/members.csv:2: employment.monthly_income: '1.5e' is not a number");
  EXPECT_TRUE(contains(read.records[1].error.value_or(""),
                       "members.csv:3: school.enrolled: 'yes' is not true or false"));
}

TEST(RegistryTables, ACellThatIsNotUtf8IsAnErrorAtItsRowAndColumn) {
  Registry registry;
  registry.households += "H-1,010402,,,,\n";
  registry.members += "H-1,P-1,,1990-03-10,F,,caf\xE9,,,,,,,\n";
  Read read = read_all(registry);
  ASSERT_EQ(read.records.size(), 1u);
  EXPECT_TRUE(contains(read.records[0].error.value_or(""),
                       "members.csv:2: mother_id: not valid UTF-8 (at byte 0xE9)"))
      << read.records[0].error.value_or("");
}

TEST(RegistryTables, RowsOfAHouseholdNotInHouseholdsCsvAreAnErrorLineOfTheirOwn) {
  Registry registry;
  registry.households += "H-2,010402,,,,\n";
  registry.members +=
      "H-1,P-1,,1990-03-10,F,,,,,,,,,\nH-1,P-2,,1990-03-10,F,,,,,,,,,\n"
      "H-2,P-1,,1990-03-10,F,,,,,,,,,\n";
  registry.health_events += "H-2,P-9,2021-05-01,cred\n";
  Read read = read_all(registry);
  ASSERT_EQ(read.records.size(), 2u);
  EXPECT_EQ(read.records[0].household_id, "H-1");
  EXPECT_TRUE(contains(read.records[0].error.value_or(""),
                       "members.csv:2: household 'H-1' is not in " + registry.folder.path() +
                           "/households.csv (2 rows of "))
      << read.records[0].error.value_or("");
  EXPECT_TRUE(contains(read.records[1].error.value_or(""),
                       "health_events.csv:2: no row of " + registry.folder.path() +
                           "/members.csv has household_id 'H-2', person_id 'P-9'"))
      << read.records[1].error.value_or("");
}

TEST(RegistryTables, FilesOutOfOrderStopTheReadingWhereTheOrderBreaks) {
  Registry registry;
  registry.households += "H-1,010402,,,,\nH-2,010402,,,,\nH-3,010402,,,,\n";
  registry.members +=
      "H-1,P-1,,1990-03-10,F,,,,,,,,,\nH-3,P-1,,1990-03-10,F,,,,,,,,,\n"
      "H-2,P-1,,1990-03-10,F,,,,,,,,,\n";
  // H-2 was answered (without the member that comes too late) before the order broke.
  Read read = read_all(registry);
  EXPECT_EQ(read.records.size(), 2u);
  EXPECT_TRUE(contains(read.stopped.value_or(""),
                       "members.csv:4: household 'H-2' comes after "
                       "'H-3'; sort the files by household id"))
      << read.stopped.value_or("");
  Registry twice;
  twice.households += "H-1,010402,,,,\nH-1,010402,,,,\n";
  read = read_all(twice);
  EXPECT_TRUE(contains(read.stopped.value_or(""),
                       "households.csv:3: household 'H-1' is given twice (also on line 2)"))
      << read.stopped.value_or("");
}

// Sorted in runs of a few rows, so that the rows come back from many runs merged: every
// household gets its rows in their file order, and an error names the row's line in its file.
TEST(RegistryTables, UnsortedFilesAreSortedInRunsAndKeepTheirLinesAndRowOrder) {
  Registry registry;
  registry.households += "H-3,010402,,,,\nH-1,010402,,,,\nH-2,010402,,,,\n";
  registry.members +=
      "H-2,P-1,,1990-03-10,F,,,,,,,,,\nH-1,P-2,,1991-03-10,M,,,,,,,,,\n"
      "H-3,P-1,,1990-02-30,F,,,,,,,,,\nH-1,P-1,,1990-03-10,F,,,,,,,,,\n";
  registry.programs += "H-1,juntos,2020-01-01\n\nH-1,sis,2021-01-01\n";
  std::string error;
  std::unique_ptr<RegistryTables> tables = RegistryTables::open(
      shipped_rules(), registry.files(), error, {.sorted = false, .sort_run_bytes = 100});
  ASSERT_TRUE(tables) << error;
  std::vector<SourcedRecord> records;
  SourcedRecord record;
  while (tables->next(record))
    records.push_back(record);
  EXPECT_FALSE(tables->stop_reason()) << *tables->stop_reason();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].household_id, "H-1");
  EXPECT_EQ(records[0].line, 3u);
  EXPECT_LT(records[0].json_line.find("\"P-2\""), records[0].json_line.find("\"P-1\""));
  EXPECT_LT(records[0].json_line.find("juntos"), records[0].json_line.find("\"sis\""));
  EXPECT_EQ(records[1].household_id, "H-2");
  EXPECT_EQ(records[2].household_id, "H-3");
  std::string located = records[2].locate("members[0].birth_date: not a calendar date");
  EXPECT_TRUE(contains(located, "members.csv:4: birth_date: not a calendar date")) << located;
}

TEST(RegistryTables, AnUnsortedFileThatCannotBeReadToItsEndIsRefusedBeforeAnyHousehold) {
  Registry registry;
  registry.households += "H-2,010402,,,,\n\"H-1,010402,,,,\n";
  std::string error;
  EXPECT_FALSE(RegistryTables::open(shipped_rules(), registry.files(), error, {.sorted = false}));
  EXPECT_TRUE(contains(error, "households.csv:3: a quoted field is not closed")) << error;
}

TEST(RegistryTables, AQuoteNeverClosedStopsTheReadingAtTheLineItOpens) {
  Registry registry;
  registry.households += "H-1,010402,,,,\n\"H-2,010402,,,,\nH-3,010402,,,,\n";
  Read read = read_all(registry);
  EXPECT_TRUE(contains(read.stopped.value_or(""),
                       "households.csv:3: a quoted field is not "
                       "closed"))
      << read.stopped.value_or("");
  Registry stray;
  stray.households += "H-1,01\"0402,,,,\n";
  read = read_all(stray);
  EXPECT_TRUE(contains(read.stopped.value_or(""), "households.csv:2: a quote inside a field"))
      << read.stopped.value_or("");
}

TEST(RegistryTables, ARowWithTooManyFieldsRejectsItsHousehold) {
  Registry registry;
  registry.households += "H-1,010402,,,,,extra\n";
  Read read = read_all(registry);
  ASSERT_EQ(read.records.size(), 1u);
  EXPECT_TRUE(contains(read.records[0].error.value_or(""),
                       "households.csv:2: 7 fields where the header has 6"));
}

TEST(RegistryTables, AHouseholdWithMoreRowsThanTheBoundIsAnErrorAndTheNextIsRead) {
  Registry registry;
  registry.households += "H-1,010402,,,,\nH-2,010402,,,,\n";
  registry.members += "H-1,P-1,,1990-03-10,F,,,,,,,,,\nH-2,P-1,,1990-03-10,F,,,,,,,,,\n";
  for (int event = 0; event < 100; ++event)
    registry.health_events += "H-1,P-1,2021-05-01,cred\n";
  registry.health_events += "H-2,P-1,2021-05-01,cred\n";
  std::string error;
  std::unique_ptr<RegistryTables> tables =
      RegistryTables::open(shipped_rules(), registry.files(), error, {.max_household_bytes = 1000});
  ASSERT_TRUE(tables) << error;
  SourcedRecord record;
  ASSERT_TRUE(tables->next(record));
  // The household's row and its member's hold 46 bytes (a separator counted per field), each
  // event 24: the 40th event, on line 41, passes 1000.
  EXPECT_TRUE(contains(record.error.value_or(""),
                       "health_events.csv:41: household 'H-1' has more than 1000 bytes of rows"))
      << record.error.value_or("");
  ASSERT_TRUE(tables->next(record));
  EXPECT_FALSE(record.error);
  EXPECT_EQ(record.household_id, "H-2");
  EXPECT_FALSE(tables->next(record));
  EXPECT_FALSE(tables->stop_reason());
}

TEST(JsonLinesRecords, ReadsLinesEndingInLfOrCrlfAndAnswersALineTooLongWithAnError) {
  std::FILE* in = std::tmpfile();
  std::string text = "{\"a\":1}\r\n" + std::string(100, 'x') + "\n{\"b\":2}";
  std::fwrite(text.data(), 1, text.size(), in);
  std::rewind(in);
  JsonLinesRecords lines(in, "records.jsonl", 50);
  SourcedRecord record;
  ASSERT_TRUE(lines.next(record));
  EXPECT_EQ(record.json_line, "{\"a\":1}");
  EXPECT_EQ(record.line, 1u);
  ASSERT_TRUE(lines.next(record));
  EXPECT_EQ(record.line, 2u);
  EXPECT_TRUE(record.json_line.empty());
  EXPECT_TRUE(
      contains(record.error.value_or(""), "the line is longer than 50 bytes; it was not read"))
      << *record.error;
  ASSERT_TRUE(lines.next(record));
  EXPECT_EQ(record.json_line, "{\"b\":2}");
  EXPECT_FALSE(lines.next(record));
  EXPECT_FALSE(lines.stop_reason());
  std::fclose(in);
}

// The evaluator's errors, said by JSON path, are said at the row the path leads to.
TEST(RegistryTables, RecordErrorsAreLocatedAtTheirRow) {
  Registry registry;
  registry.households += "H-1,010402,,,,\nH-2,0104,,,,\nH-3,010402,,,,\n";
  registry.members +=
      "H-1,P-1,,1990-02-30,F,,,,,,,,,\nH-2,P-1,,1990-03-10,F,,,,,,,,,\n"
      "H-3,P-1,,1990-03-10,F,,,,,,,,,\n";
  registry.attendance += "H-3,P-1,2026-10,21,20\n";
  std::string error;
  std::unique_ptr<RegistryTables> tables =
      RegistryTables::open(shipped_rules(), registry.files(), error);
  ASSERT_TRUE(tables) << error;
  CompileResult compiled = compile(shipped_rules(), {.as_of = "2026-11-01"});
  TemporaryFolder out;
  std::string path = out.path() + "/decisions.csv";
  std::FILE* file = std::fopen(path.c_str(), "w+");
  std::FILE* members = std::tmpfile();
  RecordsRun run =
      evaluate_records(compiled.value(), tables->reader(), [&] { return tables->stop_reason(); },
                       {RecordsOutput::Format::csv, file, members});
  EXPECT_TRUE(run.complete());
  EXPECT_EQ(run.summary.overall.records, 3u);
  EXPECT_EQ(run.summary.overall.rejected, 3u);
  std::rewind(file);
  std::string written;
  for (int c; (c = std::getc(file)) != EOF;)
    written += static_cast<char>(c);
  std::fclose(file);
  std::fclose(members);
  EXPECT_TRUE(contains(written, "members.csv:2: birth_date: '1990-02-30' is not a calendar date"))
      << written;
  EXPECT_TRUE(contains(written, "households.csv:3: ubigeo: ")) << written;
  EXPECT_TRUE(contains(written, "members.csv:4: (P-1): school attendance with more days"))
      << written;
}

}  // namespace
}  // namespace regla
