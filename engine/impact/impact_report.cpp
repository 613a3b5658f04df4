// The impact report for people, as JSON and as CSV tables.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "regla/impact.hpp"

namespace regla {
namespace {

using Json = nlohmann::ordered_json;

std::string number(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

std::string signed_number(double value) {
  return (value >= 0 ? "+" : "") + number(value);
}

std::string counted(std::uint64_t count) {
  return std::to_string(count);
}

std::string subject(bool per_member) {
  return per_member ? "members" : "households";
}

bool changed(const DecisionImpact& d) {
  return d.gained + d.lost + d.changed > 0;
}

// "juntos.eligible: 4213 -> 4407 of 20000 households hold; 194 gained, 0 lost"
std::string transition_text(const DecisionImpact& d) {
  std::string out = d.decision + (d.per_member ? " (per member)" : "") + ": ";
  if (d.type == DecisionType::boolean) {
    std::uint64_t before = d.stayed_true + d.lost, after = d.stayed_true + d.gained;
    return out + counted(before) + " -> " + counted(after) + " of " + counted(d.compared) + " " +
           subject(d.per_member) + " hold; " + counted(d.gained) + " gained, " + counted(d.lost) +
           " lost";
  }
  return out + "total " + number(d.total_before) + " -> " + number(d.total_after) + " (" +
         signed_number(d.total_after - d.total_before) + "); " + counted(d.changed) + " of " +
         counted(d.compared) + " " + subject(d.per_member) + " changed";
}

Json transitions_json(const std::vector<DecisionImpact>& decisions) {
  Json out = Json::object();
  for (const DecisionImpact& d : decisions) {
    Json& row = out[d.decision];
    row["per_member"] = d.per_member;
    row["compared"] = d.compared;
    if (d.type == DecisionType::boolean) {
      row["stayed_true"] = d.stayed_true;
      row["stayed_false"] = d.stayed_false;
      row["gained"] = d.gained;
      row["lost"] = d.lost;
    } else {
      row["total_before"] = d.total_before;
      row["total_after"] = d.total_after;
      row["difference"] = d.total_after - d.total_before;
      row["changed"] = d.changed;
    }
  }
  return out;
}

// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text)
    out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string csv_row(const std::vector<std::string>& fields) {
  std::string out;
  for (const std::string& field : fields)
    out += (out.empty() ? "" : ",") + csv_field(field);
  return out + "\r\n";
}

std::string csv_decimal(double value) {
  return Json(value).dump();  // the JSON report's digits
}

const std::vector<std::string> transition_columns = {
    "decision", "per_member",   "compared",    "stayed_true", "stayed_false", "gained",
    "lost",     "total_before", "total_after", "difference",  "changed"};

std::vector<std::string> transition_fields(const DecisionImpact& d) {
  bool boolean = d.type == DecisionType::boolean;
  auto whole = [&](std::uint64_t n) { return boolean ? counted(n) : std::string(); };
  auto money = [&](double v) { return boolean ? std::string() : csv_decimal(v); };
  return {d.decision,
          d.per_member ? "true" : "false",
          counted(d.compared),
          whole(d.stayed_true),
          whole(d.stayed_false),
          whole(d.gained),
          whole(d.lost),
          money(d.total_before),
          money(d.total_after),
          money(d.total_after - d.total_before),
          boolean ? std::string() : counted(d.changed)};
}

}  // namespace

std::string ImpactReport::text() const {
  std::string out = counted(records) + " records as of " + as_of + "\n  base    " + base_rules +
                    "\n  changed " + changed_rules + "\n";
  out += "decisions (" +
         counted(records - rejected_by_both - rejected_by_base_only - rejected_by_changed_only) +
         " records decided by both):\n";
  for (const DecisionImpact& d : decisions)
    out += "  " + transition_text(d) + "\n";
  for (const std::string& name : only_in_base)
    out += "  " + name + ": removed by the change\n";
  for (const std::string& name : only_in_changed)
    out += "  " + name + ": added by the change\n";
  out += "conditions whose verdict changed:";
  if (conditions.empty()) out += " none";
  out += "\n";
  for (const ConditionImpact& c : conditions) {
    out += "  " + c.condition + ": " + counted(c.became_true) + " " + subject(c.per_member) +
           " now hold, " + counted(c.became_false) + " now fail\n";
  }
  out += "rejected: " + counted(rejected_by_both) + " by both, " + counted(rejected_by_base_only) +
         " by the base only, " + counted(rejected_by_changed_only) + " by the changed rules only\n";
  if (!unread_lines.empty()) {
    out += "not read (too long): " + counted(unread_lines.size()) + " lines\n";
  }
  if (!group_by.empty()) {
    std::string changed_groups;
    std::size_t count = 0;
    for (const GroupImpact& group : groups) {
      std::string lines;
      for (const DecisionImpact& d : group.decisions) {
        if (changed(d)) lines += "    " + transition_text(d) + "\n";
      }
      if (lines.empty()) continue;
      ++count;
      changed_groups += "  " + group.group + (group.name.empty() ? "" : " " + group.name) + " (" +
                        counted(group.records) + " records):\n" + lines;
    }
    out += "by " + group_by + ": " + counted(count) + " of " + counted(groups.size()) + " changed" +
           (count ? ":\n" : "\n") + changed_groups;
  }
  return out;
}

std::string ImpactReport::json() const {
  Json out = {{"as_of", as_of},
              {"base_rules", base_rules},
              {"changed_rules", changed_rules},
              {"records", records},
              {"rejected",
               {{"by_both", rejected_by_both},
                {"by_base_only", rejected_by_base_only},
                {"by_changed_only", rejected_by_changed_only}}},
              {"unread_lines", unread_lines},
              {"decisions", transitions_json(decisions)},
              {"only_in_base", only_in_base},
              {"only_in_changed", only_in_changed}};
  Json& flipped = out["conditions"] = Json::object();
  for (const ConditionImpact& c : conditions) {
    flipped[c.condition] = {{"per_member", c.per_member},
                            {"became_true", c.became_true},
                            {"became_false", c.became_false}};
  }
  if (!group_by.empty()) {
    out["group_by"] = group_by;
    Json& by_group = out["groups"] = Json::array();
    for (const GroupImpact& group : groups) {
      by_group.push_back({{"group", group.group},
                          {"name", group.name},
                          {"records", group.records},
                          {"decisions", transitions_json(group.decisions)}});
    }
  }
  return out.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::vector<std::pair<std::string, std::string>> ImpactReport::csv_tables() const {
  std::string transitions = csv_row(transition_columns);
  for (const DecisionImpact& d : decisions)
    transitions += csv_row(transition_fields(d));
  std::string flipped = csv_row({"condition", "per_member", "became_true", "became_false"});
  for (const ConditionImpact& c : conditions) {
    flipped += csv_row({c.condition, c.per_member ? "true" : "false", counted(c.became_true),
                        counted(c.became_false)});
  }
  std::string rejected = csv_row({"records", "rejected_by_both", "rejected_by_base_only",
                                  "rejected_by_changed_only", "unread_lines"});
  rejected += csv_row({counted(records), counted(rejected_by_both), counted(rejected_by_base_only),
                       counted(rejected_by_changed_only), counted(unread_lines.size())});
  std::vector<std::pair<std::string, std::string>> tables = {
      {"decisions.csv", transitions}, {"conditions.csv", flipped}, {"records.csv", rejected}};
  if (!group_by.empty()) {
    std::vector<std::string> columns = {group_by, "name", "records"};
    columns.insert(columns.end(), transition_columns.begin(), transition_columns.end());
    std::string by_group = csv_row(columns);
    for (const GroupImpact& group : groups) {
      for (const DecisionImpact& d : group.decisions) {
        std::vector<std::string> fields = {group.group, group.name, counted(group.records)};
        std::vector<std::string> transition = transition_fields(d);
        fields.insert(fields.end(), transition.begin(), transition.end());
        by_group += csv_row(fields);
      }
    }
    tables.emplace_back("groups.csv", by_group);
  }
  return tables;
}

}  // namespace regla
