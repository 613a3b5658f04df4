// The impact report as one self-contained HTML page an administrator can send on: styles, script
// and charts (SVG) inline, nothing loaded from the network. Every number shown carries its place
// in the JSON report (data-key) and its exact value (data-value), so that a test can check the
// page against it.
#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "regla/impact.hpp"

namespace regla {
namespace {

using Json = nlohmann::ordered_json;  // a household line's first key is its id

// Text from records and tables is untrusted: escaped wherever it goes.
std::string escaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string money(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

std::string exact(double value) {
  return Json(value).dump();
}

// An element `tag` showing `shown` for the report's value at `key` (a dotted path in the JSON
// report, its keys joined by "/").
std::string numbered(const std::string& tag, const std::string& key, const std::string& value,
                     const std::string& shown) {
  return "<" + tag + " class=\"n\" data-key=\"" + escaped(key) + "\" data-value=\"" +
         escaped(value) + "\">" + escaped(shown) + "</" + tag + ">";
}
std::string cell(const std::string& key, const std::string& value, const std::string& shown) {
  return numbered("td", key, value, shown);
}
std::string count_cell(const std::string& key, std::uint64_t n) {
  return cell(key, std::to_string(n), std::to_string(n));
}
std::string money_cell(const std::string& key, double value) {
  return cell(key, exact(value), money(value));
}

const char* style = R"(
body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:64em;color:#1b1b1b;padding:0 1em}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5em 0}td,th{padding:.25em .6em;border-bottom:1px solid #e3e3e3}
th{text-align:left;background:#f3f3f3;cursor:pointer}td.n{text-align:right;font-variant-numeric:tabular-nums}
.gain{fill:#2e7d32}.loss{fill:#c62828}.before{fill:#90a4ae}.after{fill:#1565c0}
svg text{font:12px system-ui,sans-serif}code{font-size:.9em}.meta{color:#555}
.household{border:1px solid #ddd;border-radius:4px;padding:.5em 1em;margin:.5em 0}
)";

// Sorts a table by the column whose header is clicked (numbers as numbers).
const char* script = R"(
document.querySelectorAll('table.sortable th').forEach((th, column) => {
  th.addEventListener('click', () => {
    const body = th.closest('table').tBodies[0];
    const value = row => { const c = row.cells[column]; return c.dataset.value ?? c.textContent; };
    const rows = [...body.rows].sort((a, b) => {
      const x = value(a), y = value(b), nx = parseFloat(x), ny = parseFloat(y);
      return isNaN(nx) || isNaN(ny) ? x.localeCompare(y) : ny - nx;
    });
    rows.forEach(row => body.appendChild(row));
  });
});
)";

std::string transitions_table(const std::vector<DecisionImpact>& decisions) {
  std::string out =
      "<table class=\"sortable\" id=\"transitions\"><thead><tr><th>decision</th><th>compared</th>"
      "<th>held before</th><th>held after</th><th>gained</th><th>lost</th></tr></thead><tbody>";
  for (const DecisionImpact& d : decisions) {
    if (d.type != DecisionType::boolean) continue;
    std::string key = "decisions/" + d.decision + "/";
    out += "<tr><td><code>" + escaped(d.decision) + "</code>" + (d.per_member ? " (members)" : "") +
           "</td>" + count_cell(key + "compared", d.compared) + "<td class=\"n\">" +
           std::to_string(d.stayed_true + d.lost) + "</td><td class=\"n\">" +
           std::to_string(d.stayed_true + d.gained) + "</td>" +
           count_cell(key + "gained", d.gained) + count_cell(key + "lost", d.lost) + "</tr>";
  }
  return out + "</tbody></table>";
}

std::string budget(const std::vector<DecisionImpact>& decisions) {
  std::string table =
      "<table id=\"budget\"><thead><tr><th>amount</th><th>total before</th><th>total after</th>"
      "<th>difference</th><th>values changed</th></tr></thead><tbody>";
  std::string chart;
  double largest = 1;
  for (const DecisionImpact& d : decisions) {
    if (d.type != DecisionType::boolean)
      largest = std::max({largest, std::abs(d.total_before), std::abs(d.total_after)});
  }
  int y = 0;
  for (const DecisionImpact& d : decisions) {
    if (d.type == DecisionType::boolean) continue;
    std::string key = "decisions/" + d.decision + "/";
    table += "<tr><td><code>" + escaped(d.decision) + "</code></td>" +
             money_cell(key + "total_before", d.total_before) +
             money_cell(key + "total_after", d.total_after) +
             money_cell(key + "difference", d.total_after - d.total_before) +
             count_cell(key + "changed", d.changed) + "</tr>";
    // A bar per total and one for the difference, green for more money and red for less.
    auto bar = [&](const std::string& what, const char* kind, double value, int row) {
      int width = static_cast<int>(400 * std::abs(value) / largest);
      chart += "<rect class=\"" + std::string(kind) + "\" x=\"200\" y=\"" + std::to_string(row) +
               "\" width=\"" + std::to_string(width) + "\" height=\"14\" data-value=\"" +
               exact(value) + "\"/><text x=\"" + std::to_string(205 + width) + "\" y=\"" +
               std::to_string(row + 11) + "\">" + what + " " + money(value) + "</text>";
    };
    double difference = d.total_after - d.total_before;
    chart +=
        "<text x=\"0\" y=\"" + std::to_string(y + 28) + "\">" + escaped(d.decision) + "</text>";
    bar("before", "before", d.total_before, y + 6);
    bar("after", "after", d.total_after, y + 22);
    bar("difference", difference < 0 ? "loss" : "gain", difference, y + 38);
    y += 60;
  }
  table += "</tbody></table>";
  if (y == 0) return table;
  return table + "<svg id=\"budget-chart\" role=\"img\" aria-label=\"totals before and after\" " +
         "width=\"720\" height=\"" + std::to_string(y + 4) + "\">" + chart + "</svg>";
}

// Per group, the households (or members) that gained and lost a bool decision, summed over the
// decisions; the groups where something moved, most movement first.
std::string groups_chart(const ImpactReport& report) {
  struct Moved {
    const GroupImpact* group;
    std::uint64_t gained = 0, lost = 0;
  };
  std::vector<Moved> moved;
  for (const GroupImpact& group : report.groups) {
    Moved m{&group};
    for (const DecisionImpact& d : group.decisions) {
      m.gained += d.gained;
      m.lost += d.lost;
    }
    if (m.gained + m.lost > 0) moved.push_back(m);
  }
  std::ranges::stable_sort(moved, std::greater<>(),
                           [](const Moved& m) { return m.gained + m.lost; });
  std::uint64_t largest = 1;
  for (const Moved& m : moved)
    largest = std::max({largest, m.gained, m.lost});
  std::string chart;
  int y = 0;
  for (const Moved& m : moved) {
    std::string label = m.group->group + (m.group->name.empty() ? "" : " " + m.group->name);
    int gain = static_cast<int>(200 * m.gained / largest),
        loss = static_cast<int>(200 * m.lost / largest);
    chart += "<g class=\"group\" data-group=\"" + escaped(m.group->group) +
             "\"><text x=\"0\" y=\"" + std::to_string(y + 12) + "\">" + escaped(label) +
             "</text><rect class=\"loss\" x=\"" + std::to_string(460 - loss) + "\" y=\"" +
             std::to_string(y + 2) + "\" width=\"" + std::to_string(loss) +
             "\" height=\"12\" data-lost=\"" + std::to_string(m.lost) +
             "\"/><rect class=\"gain\" x=\"460\" y=\"" + std::to_string(y + 2) + "\" width=\"" +
             std::to_string(gain) + "\" height=\"12\" data-gained=\"" + std::to_string(m.gained) +
             "\"/><text x=\"" + std::to_string(465 + gain) + "\" y=\"" + std::to_string(y + 12) +
             "\">+" + std::to_string(m.gained) + " / -" + std::to_string(m.lost) + "</text></g>";
    y += 18;
  }
  if (moved.empty()) return "<p>No " + escaped(report.group_by) + " gained or lost a decision.</p>";
  return "<svg id=\"groups-chart\" role=\"img\" aria-label=\"gains and losses by " +
         escaped(report.group_by) + "\" width=\"760\" height=\"" + std::to_string(y + 4) + "\">" +
         "<line x1=\"460\" x2=\"460\" y1=\"0\" y2=\"" + std::to_string(y) + "\" stroke=\"#999\"/>" +
         chart + "</svg>";
}

std::string conditions_table(const std::vector<ConditionImpact>& conditions) {
  if (conditions.empty()) return "<p>No condition changed its verdict.</p>";
  std::string out =
      "<table class=\"sortable\" id=\"conditions\"><thead><tr><th>condition</th><th>now hold</th>"
      "<th>now fail</th></tr></thead><tbody>";
  for (const ConditionImpact& c : conditions) {
    std::string key = "conditions/" + c.condition + "/";
    out += "<tr><td><code>" + escaped(c.condition) + "</code>" +
           (c.per_member ? " (members)" : "") + "</td>" +
           count_cell(key + "became_true", c.became_true) +
           count_cell(key + "became_false", c.became_false) + "</tr>";
  }
  return out + "</tbody></table>";
}

std::string comparisons(const Json& compared) {
  std::string out;
  for (const Json& comparison : compared) {
    std::string values;
    for (const Json& value : comparison["values"])
      values += (values.empty() ? "" : ", ") + value.dump();
    out += "<li><code>" + escaped(comparison["condition"].get<std::string>()) +
           "</code>: " + escaped(values) + " (" +
           (comparison["holds"] == true ? "holds" : "fails") + ")</li>";
  }
  return out.empty() ? "" : "<ul>" + out + "</ul>";
}

std::string household_section(const std::string& line) {
  Json change = Json::parse(line);
  std::string id = change.begin().value().is_string() ? change.begin().value().get<std::string>()
                                                      : "line " + change["line"].dump();
  std::string out = "<div class=\"household\"><h3>" + escaped(id) + "</h3>";
  for (const char* side : {"rejected_by_base", "rejected_by_changed"}) {
    if (change.contains(side))
      out += "<p>" + std::string(side) + ": " + escaped(change[side].get<std::string>()) + "</p>";
  }
  auto decisions = [&](const Json& changed, const std::string& whose) {
    for (const auto& [name, values] : changed.items()) {
      out += "<p><code>" + escaped(name) + "</code>" + whose + ": " +
             escaped(values["before"].dump()) + " &rarr; " + escaped(values["after"].dump()) +
             "</p>";
    }
  };
  if (change.contains("decisions")) decisions(change["decisions"], "");
  if (change.contains("members")) {
    for (const auto& [member, changed] : change["members"].items())
      decisions(changed, " of " + escaped(member));
  }
  if (change.contains("conditions")) {
    for (const Json& condition : change["conditions"]) {
      out +=
          "<p>" + escaped(condition["label"].get<std::string>()) +
          (condition.contains("member") ? " (" + escaped(condition["member"].dump()) + ")" : "") +
          ": " + (condition["before"]["holds"] == true ? "held" : "failed") + ", now " +
          (condition["after"]["holds"] == true ? "holds" : "fails") + "</p>";
      out += "before" + comparisons(condition["before"]["compared"]) + "after" +
             comparisons(condition["after"]["compared"]);
    }
  }
  return out + "</div>";
}

}  // namespace

std::string ImpactReport::html(const std::vector<std::string>& households) const {
  auto count = [](const std::string& key, std::uint64_t n) {
    return numbered("span", key, std::to_string(n), std::to_string(n));
  };
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<title>What the rule change does, as of " +
      escaped(as_of) + "</title><style>" + style +
      "</style></head><body>\n<h1>What the rule change does</h1>\n";
  out +=
      "<p class=\"meta\">" + count("records", records) + " records as of " + escaped(as_of) +
      ", each decided by the rules before the change (<code>" + escaped(base_rules) +
      "</code>) and after it (<code>" + escaped(changed_rules) +
      "</code>). Rejected by both: " + count("rejected/by_both", rejected_by_both) +
      "; by the rules before only: " + count("rejected/by_base_only", rejected_by_base_only) +
      "; by the rules after only: " + count("rejected/by_changed_only", rejected_by_changed_only) +
      ".</p>\n";
  out += "<h2>Decisions: who gains, who loses</h2>\n" + transitions_table(decisions) + "\n";
  for (const std::string& name : only_in_base)
    out += "<p><code>" + escaped(name) + "</code> is removed by the change.</p>\n";
  for (const std::string& name : only_in_changed)
    out += "<p><code>" + escaped(name) + "</code> is added by the change.</p>\n";
  out += "<h2>The budget</h2>\n" + budget(decisions) + "\n";
  if (!group_by.empty())
    out += "<h2>Gains and losses by " + escaped(group_by) + "</h2>\n" + groups_chart(*this) + "\n";
  out += "<h2>Conditions whose verdict changed</h2>\n" + conditions_table(conditions) + "\n";
  out += "<h2>The first households that changed, and why</h2>\n";
  if (households.empty()) out += "<p>No household changed.</p>";
  for (const std::string& line : households)
    out += household_section(line) + "\n";
  return out + "<script>" + script + "</script>\n</body></html>\n";
}

}  // namespace regla
