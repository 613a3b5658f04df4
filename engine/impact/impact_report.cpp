// The impact report for people and as JSON.
#include <cstdio>

#include "engine/render/json_writer.hpp"
#include "regla/impact.hpp"

namespace regla {
namespace {

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

}  // namespace

std::string ImpactReport::text() const {
  std::string out = counted(records) + " records as of " + as_of + "\n  base    " + base_rules +
                    "\n  changed " + changed_rules + "\n";
  out += "decisions (" +
         counted(records - rejected_by_both - rejected_by_base_only - rejected_by_changed_only) +
         " records decided by both):\n";
  for (const DecisionImpact& d : decisions) {
    out += "  " + d.decision + (d.per_member ? " (per member)" : "") + ": ";
    if (d.type == DecisionType::boolean) {
      std::uint64_t before = d.stayed_true + d.lost, after = d.stayed_true + d.gained;
      out += counted(before) + " -> " + counted(after) + " of " + counted(d.compared) + " " +
             subject(d.per_member) + " hold; " + counted(d.gained) + " gained, " + counted(d.lost) +
             " lost\n";
    } else {
      out += "total " + number(d.total_before) + " -> " + number(d.total_after) + " (" +
             signed_number(d.total_after - d.total_before) + "); " + counted(d.changed) + " of " +
             counted(d.compared) + " " + subject(d.per_member) + " changed\n";
    }
  }
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
  return out;
}

std::string ImpactReport::json() const {
  std::string out;
  JsonWriter json(out);
  auto field = [&](std::string_view key, auto write) {
    json.key(key);
    write();
  };
  auto whole = [&](std::uint64_t n) {
    return [&json, n] { json.integer(static_cast<std::int64_t>(n)); };
  };
  out += '{';
  field("as_of", [&] { json.string(as_of); });
  json.comma();
  field("base_rules", [&] { json.string(base_rules); });
  json.comma();
  field("changed_rules", [&] { json.string(changed_rules); });
  json.comma();
  field("records", whole(records));
  json.comma();
  field("rejected", [&] {
    out += '{';
    field("by_both", whole(rejected_by_both));
    json.comma();
    field("by_base_only", whole(rejected_by_base_only));
    json.comma();
    field("by_changed_only", whole(rejected_by_changed_only));
    out += '}';
  });
  json.comma();
  field("decisions", [&] {
    out += '{';
    for (std::size_t i = 0; i < decisions.size(); ++i) {
      const DecisionImpact& d = decisions[i];
      if (i) json.comma();
      field(d.decision, [&] {
        out += '{';
        field("per_member", [&] { json.boolean(d.per_member); });
        json.comma();
        field("compared", whole(d.compared));
        json.comma();
        if (d.type == DecisionType::boolean) {
          field("stayed_true", whole(d.stayed_true));
          json.comma();
          field("stayed_false", whole(d.stayed_false));
          json.comma();
          field("gained", whole(d.gained));
          json.comma();
          field("lost", whole(d.lost));
        } else {
          field("total_before", [&] { json.decimal(d.total_before); });
          json.comma();
          field("total_after", [&] { json.decimal(d.total_after); });
          json.comma();
          field("difference", [&] { json.decimal(d.total_after - d.total_before); });
          json.comma();
          field("changed", whole(d.changed));
        }
        out += '}';
      });
    }
    out += '}';
  });
  auto names = [&](const std::vector<std::string>& list) {
    return [&json, &out, &list] {
      out += '[';
      for (std::size_t i = 0; i < list.size(); ++i) {
        if (i) json.comma();
        json.string(list[i]);
      }
      out += ']';
    };
  };
  json.comma();
  field("only_in_base", names(only_in_base));
  json.comma();
  field("only_in_changed", names(only_in_changed));
  json.comma();
  field("conditions", [&] {
    out += '{';
    for (std::size_t i = 0; i < conditions.size(); ++i) {
      const ConditionImpact& c = conditions[i];
      if (i) json.comma();
      field(c.condition, [&] {
        out += '{';
        field("per_member", [&] { json.boolean(c.per_member); });
        json.comma();
        field("became_true", whole(c.became_true));
        json.comma();
        field("became_false", whole(c.became_false));
        out += '}';
      });
    }
    out += '}';
  });
  out += "}\n";
  return out;
}

}  // namespace regla
