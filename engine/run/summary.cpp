// Run summaries: what a registry's run decided, at a glance.
#include <algorithm>
#include <cstdio>

#include "engine/render/json_writer.hpp"
#include "engine/trace/failure_reasons.hpp"
#include "regla/evaluation.hpp"

namespace regla {
namespace {

void merge_group(RunSummary::Group& into, const RunSummary::Group& from) {
  into.records += from.records;
  into.rejected += from.rejected;
  for (const auto& [name, tally] : from.decisions) {
    RunSummary::Tally& target = into.decisions[name];
    target.evaluated += tally.evaluated;
    target.holds += tally.holds;
    target.total += tally.total;
    for (const auto& [condition, count] : tally.failed_conditions)
      target.failed_conditions[condition] += count;
  }
}

std::string percent(std::uint64_t part, std::uint64_t whole) {
  if (whole == 0) return "0%";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.0f%%",
                100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return buffer;
}

bool is_bool(const RunSummary& summary, const std::string& name) {
  return std::find(summary.bool_decisions.begin(), summary.bool_decisions.end(), name) !=
         summary.bool_decisions.end();
}

void write_group(const RunSummary& summary, const RunSummary::Group& group, JsonWriter& json,
                 std::string& out) {
  out += '{';
  json.key("records");
  json.integer(static_cast<std::int64_t>(group.records));
  json.comma();
  json.key("rejected");
  json.integer(static_cast<std::int64_t>(group.rejected));
  json.comma();
  json.key("decisions");
  out += '{';
  bool first = true;
  for (const std::string& name : summary.decision_order) {
    auto found = group.decisions.find(name);
    if (found == group.decisions.end()) continue;
    const RunSummary::Tally& tally = found->second;
    if (!first) json.comma();
    first = false;
    json.key(name);
    out += '{';
    json.key("evaluated");
    json.integer(static_cast<std::int64_t>(tally.evaluated));
    json.comma();
    if (is_bool(summary, name)) {
      json.key("holds");
      json.integer(static_cast<std::int64_t>(tally.holds));
      json.comma();
      json.key("fails");
      json.integer(static_cast<std::int64_t>(tally.evaluated - tally.holds));
      json.comma();
      json.key("failed_conditions");
      out += '{';
      bool first_condition = true;
      for (const auto& [condition, count] : tally.failed_conditions) {
        if (!first_condition) json.comma();
        first_condition = false;
        json.key(condition);
        json.integer(static_cast<std::int64_t>(count));
      }
      out += '}';
    } else {
      json.key("total");
      json.decimal(tally.total);
    }
    out += '}';
  }
  out += "}}";
}

}  // namespace

void RunSummary::merge(const RunSummary& other) {
  if (as_of.empty()) as_of = other.as_of;
  merge_group(overall, other.overall);
  for (const auto& [name, group] : other.by_group)
    merge_group(by_group[name], group);
  // Each run's order is the rules' order of the decisions it counted, so a decision new here
  // goes after the one it follows in `other` (or first).
  auto after = decision_order.begin();
  for (const std::string& name : other.decision_order) {
    auto known = std::find(decision_order.begin(), decision_order.end(), name);
    if (known == decision_order.end()) {
      after = std::next(decision_order.insert(after, name));
      if (is_bool(other, name)) bool_decisions.push_back(name);
    } else {
      after = std::next(known);
    }
  }
}

std::optional<std::string> RunSummary::add_part(const RunSummary& part) {
  if (!as_of.empty() && part.as_of != as_of)
    return "runs on different dates do not add up: " + as_of + " and " + part.as_of;
  merge(part);
  seconds += part.seconds;
  return std::nullopt;
}

std::string RunSummary::text() const {
  char line[256];
  double rate = seconds > 0 ? static_cast<double>(overall.records) / seconds : 0;
  std::snprintf(line, sizeof line,
                "%llu records as of %s, %llu rejected, %.2f s (%.0f records/s)\n",
                static_cast<unsigned long long>(overall.records), as_of.c_str(),
                static_cast<unsigned long long>(overall.rejected), seconds, rate);
  std::string out = line;
  for (const std::string& name : decision_order) {
    auto found = overall.decisions.find(name);
    if (found == overall.decisions.end()) continue;
    const Tally& tally = found->second;
    if (!is_bool(*this, name)) {
      std::snprintf(line, sizeof line, "  %s: total %.2f over %llu\n", name.c_str(), tally.total,
                    static_cast<unsigned long long>(tally.evaluated));
      out += line;
      continue;
    }
    std::uint64_t fails = tally.evaluated - tally.holds;
    out += "  " + name + ": " + percent(fails, tally.evaluated) + " fail (" +
           std::to_string(fails) + " of " + std::to_string(tally.evaluated) + ")";
    std::vector<std::pair<std::uint64_t, std::string>> reasons;
    for (const auto& [condition, count] : tally.failed_conditions)
      reasons.emplace_back(count, condition);
    std::sort(reasons.begin(), reasons.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    for (std::size_t i = 0; i < reasons.size(); ++i) {
      std::string condition = reasons[i].second;
      if (auto dot = condition.find('.');
          dot != std::string::npos && condition.substr(0, dot) == name.substr(0, dot)) {
        condition = condition.substr(dot + 1);
      }
      out += (i ? ", " : "; ") + condition + " " + percent(reasons[i].first, fails);
    }
    out += "\n";
  }
  return out;
}

std::string RunSummary::json() const {
  std::string out;
  JsonWriter json(out);
  out += '{';
  json.key("as_of");
  json.string(as_of);
  json.comma();
  json.key("seconds");
  json.decimal(seconds);
  json.comma();
  json.key("failed_conditions_count");
  json.string(how_reasons_count);
  json.comma();
  json.key("overall");
  write_group(*this, overall, json, out);
  json.comma();
  json.key("by_district");
  out += '{';
  bool first = true;
  for (const auto& [name, group] : by_group) {
    if (!first) json.comma();
    first = false;
    json.key(name);
    write_group(*this, group, json, out);
  }
  out += "}}\n";
  return out;
}

}  // namespace regla
