// `regla impact` as a process: unreadable input and unwritable outputs are said precisely with a
// non-zero exit; an over-long line is counted and said; the report is the same whatever the
// number of threads and the JSON reader; --max-steps bounds both sides; --group-by, --households
// and --csv write what the README shows.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/cli/regla_process.hpp"

namespace regla::testing {
namespace {

constexpr int exit_ok = 0, exit_usage = 2, exit_rejected = 3, exit_io = 4;
const std::string registry = "rules/samples/households.jsonl";
// The age limit of Juntos lowered from 19 to 14 years, compared with the shipped rules.
const std::vector<std::string> lower_age_limit = {
    "impact", "--base", "rules/", "--set", "juntos.age_limit=14 years", "--as-of=2026-11-01"};

std::vector<std::string> impact(std::vector<std::string> more) {
  std::vector<std::string> arguments = lower_age_limit;
  arguments.insert(arguments.end(), more.begin(), more.end());
  return arguments;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(CliImpact, AnInputThatCannotBeReadIsSaid) {
  Finished run = run_regla(impact({"/nonexistent.jsonl"}));
  EXPECT_EQ(run.exit_code, exit_usage);
  EXPECT_TRUE(contains(run.err, "cannot open input file '/nonexistent.jsonl': No such file"))
      << run.err;
  run = run_regla(impact({"rules/"}));
  EXPECT_EQ(run.exit_code, exit_usage);
  EXPECT_TRUE(contains(run.err, "regla impact: 'rules/' is a folder, not a file of records"))
      << run.err;
  Process closed;
  closed.input.closed = true;
  run = run_regla(impact({}), closed);
  EXPECT_EQ(run.exit_code, exit_io);
  EXPECT_TRUE(contains(run.err, "regla impact: cannot read standard input: Bad file descriptor"))
      << run.err;
}

TEST(CliImpact, AReportThatCannotBeWrittenIsSaid) {
  Finished run = run_regla(impact({"--report", "/nonexistent/report.json", registry}));
  EXPECT_EQ(run.exit_code, exit_io);
  EXPECT_TRUE(contains(run.err,
                       "regla impact: cannot write the report to '/nonexistent/report.json': No "
                       "such file or directory"))
      << run.err;
  run = run_regla(impact({"--report", "/dev/full", registry}));
  EXPECT_EQ(run.exit_code, exit_io);
  EXPECT_TRUE(contains(run.err, "cannot write the report to '/dev/full': No space left on device"))
      << run.err;
}

TEST(CliImpact, HouseholdsAndTablesThatCannotBeWrittenAreSaid) {
  Finished run = run_regla(impact({"--households", "/dev/full", registry}));
  EXPECT_EQ(run.exit_code, exit_io);
  EXPECT_TRUE(contains(run.err,
                       "regla impact: cannot write the households to '/dev/full': No "
                       "space left on device"))
      << run.err;
  TemporaryFolder folder;
  std::string file = folder.write("a-file", "");
  run = run_regla(impact({"--csv", file + "/tables", registry}));
  EXPECT_EQ(run.exit_code, exit_io);
  EXPECT_TRUE(
      contains(run.err, "regla impact: cannot make the folder '" + file + "/tables' for --csv: "))
      << run.err;
}

TEST(CliImpact, AnOverLongLineIsCountedAndSaid) {
  TemporaryFolder folder;
  std::string registry_text = read_text_file(registry);
  std::string good = registry_text.substr(0, registry_text.find('\n') + 1);
  std::string input =
      folder.write("long.jsonl", good + std::string((64u << 20) + 1, 'x') + "\n" + good);
  std::string report = folder.path() + "/report.json";
  Finished run = run_regla(impact({"--threads", "2", "--report", report, input}));
  EXPECT_EQ(run.exit_code, exit_rejected);
  EXPECT_TRUE(contains(run.err, "regla impact: '" + input +
                                    "' line 2: the line is longer than 67108864 bytes and was "
                                    "not read\n"))
      << run.err;
  nlohmann::json json = nlohmann::json::parse(read_text_file(report));
  EXPECT_EQ(json["records"], 3);
  EXPECT_EQ(json["rejected"]["by_both"], 1);
  EXPECT_EQ(json["unread_lines"], nlohmann::json::array({2}));
}

TEST(CliImpact, TheReportIsTheSameWhateverTheNumberOfThreads) {
  TemporaryFolder folder;
  std::string one = folder.path() + "/one", two = folder.path() + "/two";
  Finished run = run_regla(impact({"--threads", "1", "--group-by", "ubigeo", "--report",
                                   one + ".json", "--households", one + ".jsonl", registry}));
  ASSERT_EQ(run.exit_code, exit_ok) << run.err;
  run = run_regla(impact({"--threads", "2", "--group-by", "ubigeo", "--report", two + ".json",
                          "--households", two + ".jsonl", registry}));
  ASSERT_EQ(run.exit_code, exit_ok) << run.err;
  EXPECT_EQ(read_text_file(one + ".json"), read_text_file(two + ".json"));
  EXPECT_EQ(read_text_file(one + ".jsonl"), read_text_file(two + ".jsonl"));
  // And whatever the JSON reader (both read every record alike).
  run = run_regla(impact(
      {"--json-reader", "nlohmann", "--group-by", "ubigeo", "--report", two + ".json", registry}));
  ASSERT_EQ(run.exit_code, exit_ok) << run.err;
  EXPECT_EQ(read_text_file(one + ".json"), read_text_file(two + ".json"));
}

// --base-set changes the base as --set the changed rules: the folder against itself with the age
// limit lowered on the base side is the report of lowering it, read the other way round.
TEST(CliImpact, BaseSetIsSetTheOtherWayRound) {
  TemporaryFolder folder;
  std::string lowered = folder.path() + "/lowered.json", raised = folder.path() + "/raised.json";
  Finished run = run_regla(impact({"--report", lowered, registry}));
  ASSERT_EQ(run.exit_code, exit_ok) << run.err;
  run = run_regla({"impact", "--base", "rules/", "--base-set", "juntos.age_limit=14 years",
                   "--as-of=2026-11-01", "--report", raised, registry});
  ASSERT_EQ(run.exit_code, exit_ok) << run.err;
  nlohmann::json down = nlohmann::json::parse(read_text_file(lowered));
  nlohmann::json up = nlohmann::json::parse(read_text_file(raised));
  EXPECT_EQ(down["base_rules"], up["changed_rules"]);
  EXPECT_EQ(down["changed_rules"], up["base_rules"]);
  int changes = 0;
  for (const auto& [name, decision] : down["decisions"].items()) {
    if (!decision.contains("gained")) continue;
    EXPECT_EQ(decision["gained"], up["decisions"][name]["lost"]) << name;
    EXPECT_EQ(decision["lost"], up["decisions"][name]["gained"]) << name;
    changes += decision["gained"].get<int>() + decision["lost"].get<int>();
  }
  EXPECT_GT(changes, 0);  // the change moves some decisions on the sample
  run = run_regla({"impact", "--base", "rules/", "--base-set", "juntos.age_limit", registry});
  EXPECT_EQ(run.exit_code, exit_usage);
  EXPECT_TRUE(contains(run.err, "--base-set needs program.parameter=VALUE")) << run.err;
}

TEST(CliImpact, MaxStepsBoundsEachRecordOnBothSides) {
  Finished run = run_regla(impact({"--max-steps", "10", registry}));
  ASSERT_EQ(run.exit_code, exit_ok) << run.err;
  EXPECT_TRUE(contains(run.out, "rejected: 300 by both, 0 by the base only")) << run.out;
}

TEST(CliImpact, GroupByNamesDistrictsFromTheRuleTables) {
  TemporaryFolder folder;
  std::string report = folder.path() + "/report.json";
  Finished run = run_regla(impact({"--group-by", "ubigeo", "--report", report, registry}));
  ASSERT_EQ(run.exit_code, exit_ok) << run.err;
  nlohmann::json json = nlohmann::json::parse(read_text_file(report));
  EXPECT_EQ(json["group_by"], "ubigeo");
  std::uint64_t records = 0, gained = 0;
  for (const nlohmann::json& group : json["groups"]) {
    records += group["records"].get<std::uint64_t>();
    gained += group["decisions"]["juntos.compliant"]["gained"].get<std::uint64_t>();
    if (group["group"] == "150113") {
      EXPECT_EQ(group["name"], "JESUS MARIA");
    }
  }
  EXPECT_EQ(records, 300u);  // every household decided by both is in one district
  EXPECT_EQ(gained, json["decisions"]["juntos.compliant"]["gained"]);
  EXPECT_TRUE(contains(run.out, "  150113 JESUS MARIA (3 records):\n")) << run.out;

  run = run_regla(impact({"--group-by", "no_such_field", registry}));
  EXPECT_EQ(run.exit_code, exit_usage);
  EXPECT_TRUE(contains(run.err, "the household has no field 'no_such_field'")) << run.err;
}

TEST(CliImpact, HouseholdsSayWhyInTheLanguageAsked) {
  TemporaryFolder folder;
  std::string households = folder.path() + "/households.jsonl";
  Finished run = run_regla(impact({"--lang", "es", "--households", households, registry}));
  ASSERT_EQ(run.exit_code, exit_ok) << run.err;
  std::string text = read_text_file(households);
  ASSERT_FALSE(text.empty());
  nlohmann::json first = nlohmann::json::parse(text.substr(0, text.find('\n')));
  // H00000035: a member of 15 is no longer below the age limit (19 years before, 14 after).
  EXPECT_EQ(first["household_id"], "H00000035");
  EXPECT_EQ(first["decisions"]["juntos.eligible"],
            nlohmann::json::parse(R"({"before":true,"after":false})"));
  bool compared_age = false;
  for (const nlohmann::json& condition : first["conditions"]) {
    if (condition["condition"] != "juntos.target_member") continue;
    EXPECT_NE(condition["label"].get<std::string>().find("edad límite"), std::string::npos)
        << condition["label"];
    for (const nlohmann::json& comparison : condition["after"]["compared"]) {
      if (comparison["condition"] == "age_years(person.birth_date) < age_limit") {
        EXPECT_EQ(comparison["values"], nlohmann::json::parse("[15,14]"));
        compared_age = true;
      }
    }
  }
  EXPECT_TRUE(compared_age) << first.dump();
}

TEST(CliImpact, CsvTablesAreRfc4180) {
  TemporaryFolder folder;
  std::string tables = folder.path() + "/tables";
  Finished run = run_regla(impact({"--group-by", "ubigeo", "--csv", tables, registry}));
  ASSERT_EQ(run.exit_code, exit_ok) << run.err;
  for (const char* name : {"decisions.csv", "conditions.csv", "records.csv", "groups.csv"})
    EXPECT_TRUE(std::filesystem::exists(tables + "/" + name)) << name;
  std::string decisions = read_text_file(tables + "/decisions.csv");
  EXPECT_EQ(decisions.substr(0, decisions.find("\r\n")),
            "decision,per_member,compared,stayed_true,stayed_false,gained,lost,total_before,"
            "total_after,difference,changed");
  EXPECT_TRUE(contains(decisions, "\r\njuntos.eligible,false,300,77,220,0,3,,,,\r\n")) << decisions;
  EXPECT_TRUE(contains(decisions,
                       "\r\njuntos.transfer_amount,false,300,,,,,10200.0,11400.0,"
                       "1200.0,6\r\n"))
      << decisions;
}

}  // namespace
}  // namespace regla::testing
