// Run summaries read back from the JSON RunSummary::json() writes (`regla eval --summary FILE`),
// so that the summaries of the parts of a registry can be added up (`regla summary merge`). A
// summary is read strictly: every count must be there, whole and consistent with the others, so
// that a file edited by hand or cut short is refused at the place it goes wrong instead of adding
// up to a wrong total.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "engine/trace/failure_reasons.hpp"
#include "regla/evaluation.hpp"

namespace regla {
namespace {

using Json = nlohmann::ordered_json;

// Where a value is in the summary, as `overall.decisions["juntos.eligible"].holds`.
std::string member_path(const std::string& path, const std::string& key) {
  bool plain = !key.empty();
  for (char c : key)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) plain = false;
  if (plain) return path.empty() ? key : path + "." + key;
  return path + "[" + Json(key).dump() + "]";
}

struct SummaryError {
  std::string message;  // "PATH: what is wrong"
};

[[noreturn]] void fail(const std::string& path, const std::string& message) {
  throw SummaryError{(path.empty() ? "the summary" : path) + ": " + message};
}

const Json& field(const Json& object, const std::string& path, const std::string& key) {
  auto found = object.find(key);
  if (found == object.end()) fail(path, "'" + key + "' is missing");
  return *found;
}

void only_keys(const Json& object, const std::string& path,
               std::initializer_list<std::string_view> keys) {
  for (const auto& [key, value] : object.items()) {
    bool known = false;
    for (std::string_view name : keys)
      known = known || key == name;
    if (!known) fail(member_path(path, key), "not a field of a run summary");
  }
}

const Json& object_at(const Json& value, const std::string& path) {
  if (!value.is_object()) fail(path, "expected an object, found " + std::string(value.type_name()));
  return value;
}

std::uint64_t count_at(const Json& object, const std::string& path, const std::string& key) {
  const Json& value = field(object, path, key);
  if (!value.is_number_unsigned())
    fail(member_path(path, key),
         "expected a count (a whole number, 0 or more), found " +
             (value.is_number() || value.is_string() ? value.dump() : value.type_name()));
  return value.get<std::uint64_t>();
}

double number_at(const Json& object, const std::string& path, const std::string& key) {
  const Json& value = field(object, path, key);
  if (!value.is_number()) fail(member_path(path, key), "expected a number");
  return value.get<double>();
}

void no_more_than(std::uint64_t part, const std::string& part_path, std::uint64_t whole,
                  const std::string& whole_name) {
  if (part > whole)
    fail(part_path,
         std::to_string(part) + " is more than the " + std::to_string(whole) + " " + whole_name);
}

// A decision's tally; a bool decision has holds, fails and its failed conditions, a number
// decision its total.
RunSummary::Tally read_tally(const Json& value, const std::string& path, bool& is_bool) {
  const Json& object = object_at(value, path);
  RunSummary::Tally tally;
  tally.evaluated = count_at(object, path, "evaluated");
  is_bool = object.contains("holds");
  if (!is_bool) {
    only_keys(object, path, {"evaluated", "total"});
    tally.total = number_at(object, path, "total");
    return tally;
  }
  only_keys(object, path, {"evaluated", "holds", "fails", "failed_conditions"});
  tally.holds = count_at(object, path, "holds");
  no_more_than(tally.holds, member_path(path, "holds"), tally.evaluated, "evaluated");
  std::uint64_t fails = count_at(object, path, "fails");
  if (fails != tally.evaluated - tally.holds)
    fail(member_path(path, "fails"), std::to_string(fails) + " is not evaluated - holds (" +
                                         std::to_string(tally.evaluated - tally.holds) + ")");
  std::string conditions_path = member_path(path, "failed_conditions");
  const Json& conditions = object_at(field(object, path, "failed_conditions"), conditions_path);
  for (const auto& [condition, count] : conditions.items()) {
    tally.failed_conditions[condition] = count_at(conditions, conditions_path, condition);
    no_more_than(tally.failed_conditions[condition], member_path(conditions_path, condition), fails,
                 "fails");
  }
  return tally;
}

// One group (overall or a district); each decision's kind is checked against the kinds seen.
RunSummary::Group read_group(const Json& value, const std::string& path, RunSummary& summary) {
  const Json& object = object_at(value, path);
  only_keys(object, path, {"records", "rejected", "decisions"});
  RunSummary::Group group;
  group.records = count_at(object, path, "records");
  group.rejected = count_at(object, path, "rejected");
  no_more_than(group.rejected, member_path(path, "rejected"), group.records, "records");
  std::string decisions_path = member_path(path, "decisions");
  const Json& decisions = object_at(field(object, path, "decisions"), decisions_path);
  bool overall = summary.decision_order.empty() && path == "overall";
  for (const auto& [name, tally] : decisions.items()) {
    std::string decision_path = member_path(decisions_path, name);
    bool is_bool = false;
    group.decisions[name] = read_tally(tally, decision_path, is_bool);
    if (overall) {
      summary.decision_order.push_back(name);
      if (is_bool) summary.bool_decisions.push_back(name);
      continue;
    }
    auto known = summary.overall.decisions.find(name);
    if (known == summary.overall.decisions.end() ||
        known->second.evaluated < group.decisions[name].evaluated)
      fail(decision_path, "a decision that overall does not count");
    bool known_bool = std::find(summary.bool_decisions.begin(), summary.bool_decisions.end(),
                                name) != summary.bool_decisions.end();
    if (is_bool != known_bool)
      fail(decision_path, std::string("counted as a ") + (is_bool ? "yes/no" : "number") +
                              " decision here and as a " + (known_bool ? "yes/no" : "number") +
                              " decision overall");
  }
  return group;
}

bool is_iso_date(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  return true;
}

RunSummary read_summary(const Json& document) {
  const Json& object = object_at(document, "");
  only_keys(object, "", {"as_of", "seconds", "failed_conditions_count", "overall", "by_district"});
  RunSummary summary;
  const Json& as_of = field(object, "", "as_of");
  if (!as_of.is_string() || !is_iso_date(as_of.get<std::string>()))
    fail("as_of", "expected the evaluation date as \"YYYY-MM-DD\"");
  summary.as_of = as_of.get<std::string>();
  summary.seconds = number_at(object, "", "seconds");
  if (summary.seconds < 0) fail("seconds", "a run cannot take less than no time");
  const Json& counted = field(object, "", "failed_conditions_count");
  if (counted != Json(std::string(how_reasons_count)))
    fail("failed_conditions_count",
         "its reasons are counted otherwise than this version of regla counts them (\"" +
             std::string(how_reasons_count) + "\"), so they cannot be added up");
  summary.overall = read_group(field(object, "", "overall"), "overall", summary);
  const Json& districts = object_at(field(object, "", "by_district"), "by_district");
  for (const auto& [name, group] : districts.items()) {
    std::string path = member_path("by_district", name);
    summary.by_group[name] = read_group(group, path, summary);
    no_more_than(summary.by_group[name].records, member_path(path, "records"),
                 summary.overall.records, "records overall");
  }
  return summary;
}

}  // namespace

RunSummaryReading RunSummary::from_json(std::string_view text) {
  Json document;
  try {
    document = Json::parse(text);
  } catch (const Json::parse_error& error) {
    // nlohmann's message says the line and column: "[json.exception.parse_error.101] parse error
    // at line 3, column 14: syntax error ..."; its prefix means nothing to a reader.
    std::string message = error.what();
    if (auto prefix = message.find("] "); prefix != std::string::npos)
      message = message.substr(prefix + 2);
    return {std::nullopt, "not JSON: " + message};
  }
  try {
    return {read_summary(document), ""};
  } catch (const SummaryError& error) {
    return {std::nullopt, error.message};
  }
}

}  // namespace regla
