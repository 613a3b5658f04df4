// rapidcheck generator of well-typed rule programs over the household schema of rules/
// household.regla: parameters, a table, rules and decisions built from every construct of the
// language (quantifiers, optional fields with `is present` and `otherwise`, dates and units, table
// lookups, rule calls, `applies when`, waivers, exceptions, validity, `with` values, calls of every
// built-in the table declares, with every argument type its signature accepts). It writes source
// text, so a program goes through the parser and the checker like any rule file.
#pragma once

#include <rapidcheck.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "engine/program/builtins.hpp"

namespace regla::testing {

class ProgramBuilder {
 public:
  std::string program() {
    std::string out = "program generated\n\n";
    out += "param limit = " + std::to_string(*rc::gen::inRange(0, 20)) + "\n";
    out += "param ceiling = " + std::to_string(*rc::gen::inRange(0, 5000)) + " PEN\n";
    out += "param share = " + std::to_string(*rc::gen::inRange(0, 101)) + "%\n";
    out += "param grace = " + std::to_string(*rc::gen::inRange(0, 400)) + " days\n";
    out += "param start\n  = 2005-04-01 until 2014-01-01\n  = 2014-01-01 from 2014-01-01\n";
    out += "param age_limit\n  = 14 years until 2014-01-01\n  = 19 years from 2014-01-01\n\n";
    out +=
        "table places\n  file \"places.csv\"\n  key ubigeo: text\n  column entry_date: date\n  "
        "column weight: integer\n\n";
    out += "rule period: interval = [start_of_month(as_of) - 2 months, start_of_month(as_of))\n\n";
    int rules = *rc::gen::inRange(1, 7);
    for (int r = 0; r < rules; ++r)
      out += rule(r);
    out +=
        "decision any_rule\n  en \"a\"\n  es \"a\"\n  = " + bool_expr(household_scope(), 2) + "\n";
    return out;
  }

  static std::string places_csv() {
    return "ubigeo,entry_date,weight\n010402,2005-04-01,3\n150101,2010-01-01,-2\n060409,2027-01-01,"
           "0\n";
  }

 private:
  struct Variable {
    std::string name;
    std::string shape;  // member, health_event, attendance_month, enrollment, places
  };
  struct Scope {
    std::vector<Variable> variables;
    int next = 0;
  };

  struct RuleInfo {
    std::string name;
    std::string type;  // bool, integer, date
    bool per_member;
  };
  std::vector<RuleInfo> rules_;

  static Scope household_scope() { return {}; }

  std::string fresh(Scope& scope, const std::string& shape) {
    std::string name = "v" + std::to_string(scope.next++);
    scope.variables.push_back({name, shape});
    return name;
  }

  // The name of a variable of `shape` in scope (a copy: the scope may grow afterwards).
  std::optional<std::string> pick(const Scope& scope, const std::string& shape) {
    std::vector<std::string> matching;
    for (const Variable& v : scope.variables) {
      if (v.shape == shape) matching.push_back(v.name);
    }
    if (matching.empty()) return std::nullopt;
    return matching[static_cast<std::size_t>(
        *rc::gen::inRange<int>(0, static_cast<int>(matching.size())))];
  }

  std::string rule(int index) {
    RuleInfo info{"r" + std::to_string(index),
                  *rc::gen::element<std::string>("bool", "bool", "integer", "date"),
                  *rc::gen::arbitrary<bool>()};
    Scope scope;
    std::string header =
        std::string(*rc::gen::arbitrary<bool>() ? "decision " : "rule ") + info.name;
    if (info.per_member) {
      scope.variables.push_back({"person", "member"});
      header += "(person: member)";
    }
    std::string out = header + "\n  en \"rule " + std::to_string(index) + "\"\n  es \"regla " +
                      std::to_string(index) + "\"\n";
    bool is_bool = info.type == "bool";
    if (is_bool && *rc::gen::inRange(0, 4) == 0) out += "  in force from " + date_literal() + "\n";
    // The value, clauses and with values; with values are named w0, w1 (integers).
    int withs = *rc::gen::inRange(0, 3);
    for (int w = 0; w < withs; ++w)
      scope.variables.push_back({"w" + std::to_string(w), "with"});
    out += "  = " +
           (is_bool                  ? bool_expr(scope, 3)
            : info.type == "integer" ? int_expr(scope, 3)
                                     : date_expr(scope, 3)) +
           "\n";
    if (is_bool) {
      if (*rc::gen::inRange(0, 3) == 0) out += "  applies when " + bool_expr(scope, 2) + "\n";
      int waivers = *rc::gen::inRange(0, 3);
      for (int w = 0; w < waivers; ++w)
        out += "  waived when " + bool_expr(scope, 2) + "\n";
      int exceptions = *rc::gen::inRange(0, 2);
      for (int e = 0; e < exceptions; ++e)
        out += "  except when " + bool_expr(scope, 2) + "\n";
    }
    Scope with_scope = scope;
    with_scope.variables.erase(
        std::remove_if(with_scope.variables.begin(), with_scope.variables.end(),
                       [](const Variable& v) { return v.shape == "with"; }),
        with_scope.variables.end());
    for (int w = 0; w < withs; ++w) {
      out += "  with w" + std::to_string(w) + " = " + int_expr(with_scope, 2) + "\n";
      with_scope.variables.push_back({"w" + std::to_string(w), "with"});
    }
    rules_.push_back(info);
    return out + "\n";
  }

  std::string call(const Scope& scope, const std::string& type) {
    std::vector<const RuleInfo*> callable;
    for (const RuleInfo& r : rules_) {
      if (r.type == type && (!r.per_member || pick(scope, "member"))) callable.push_back(&r);
    }
    if (callable.empty()) return "";
    const RuleInfo& r = *callable[static_cast<std::size_t>(
        *rc::gen::inRange<int>(0, static_cast<int>(callable.size())))];
    return r.per_member ? r.name + "(" + *pick(scope, "member") + ")" : r.name;
  }

  // A call of a built-in of the table, typed by its signature: every combination of argument
  // types this builder can write that the signature accepts, so a new built-in is drawn too.
  struct BuiltinCall {
    const builtins::Builtin* builtin;
    std::vector<Kind> arguments;
    Kind result;
  };

  static const std::vector<BuiltinCall>& builtin_calls() {
    static const std::vector<BuiltinCall> calls = [] {
      const std::vector<Kind> kinds = {Kind::boolean, Kind::integer, Kind::decimal, Kind::money,
                                       Kind::percent, Kind::days,    Kind::months,  Kind::years,
                                       Kind::text,    Kind::date,    Kind::month,   Kind::interval};
      std::vector<BuiltinCall> out;
      for (const builtins::Builtin& builtin : builtins::table()) {
        std::vector<std::vector<Kind>> tuples{{}};
        for (std::size_t i = 0; i < builtin.arity; ++i) {
          std::vector<std::vector<Kind>> longer;
          for (const auto& tuple : tuples) {
            for (Kind kind : kinds) {
              // Alike arguments are written of one type (the checker would reconcile others).
              if (builtin.arguments_alike && !tuple.empty() && kind != tuple[0]) continue;
              longer.push_back(tuple);
              longer.back().push_back(kind);
            }
          }
          tuples = std::move(longer);
        }
        for (const auto& tuple : tuples) {
          std::vector<Type> types;
          for (Kind kind : tuple)
            types.push_back(Type::of(kind));
          builtins::Typing typing = builtin.signature(builtin.name, types, [](const Type& type) {
            return std::string(kind_name(type.kind));
          });
          if (!typing.is_error()) out.push_back({&builtin, tuple, typing.result.kind});
        }
      }
      return out;
    }();
    return calls;
  }

  static bool has_builtin_call(Kind result) {
    const auto& calls = builtin_calls();
    return std::any_of(calls.begin(), calls.end(),
                       [&](const BuiltinCall& call) { return call.result == result; });
  }

  // A call of some built-in whose result is `result` (there must be one: has_builtin_call).
  // Deep down, only calls whose arguments value_of writes without a call (no months), so the
  // expression ends.
  std::string builtin_call(const Scope& scope, int depth, Kind result) {
    std::vector<const BuiltinCall*> matching;
    for (const BuiltinCall& call : builtin_calls()) {
      bool ends = std::find(call.arguments.begin(), call.arguments.end(), Kind::month) ==
                  call.arguments.end();
      if (call.result == result && (depth > 0 || ends)) matching.push_back(&call);
    }
    const BuiltinCall& call = *matching[static_cast<std::size_t>(
        *rc::gen::inRange<int>(0, static_cast<int>(matching.size())))];
    std::string out = std::string(call.builtin->name) + "(";
    for (std::size_t i = 0; i < call.arguments.size(); ++i)
      out += (i ? ", " : "") + value_of(scope, depth - 1, call.arguments[i]);
    return out + ")";
  }

  // A bool: a built-in's result compared with another value of its type.
  std::string builtin_comparison(const Scope& scope, int depth) {
    static const std::vector<Kind> ordered = {Kind::integer, Kind::decimal, Kind::money,
                                              Kind::percent, Kind::days,    Kind::months,
                                              Kind::years,   Kind::date,    Kind::month};
    Kind result = ordered[static_cast<std::size_t>(
        *rc::gen::inRange<int>(0, static_cast<int>(ordered.size())))];
    if (!has_builtin_call(result)) result = Kind::integer;
    return builtin_call(scope, depth, result) + " " +
           *rc::gen::element<std::string>("<", "<=", "=", "!=", ">", ">=") + " " +
           value_of(scope, depth - 1, result);
  }

  // An expression of `kind`, for a built-in's argument.
  std::string value_of(const Scope& scope, int depth, Kind kind) {
    std::optional<std::string> person = pick(scope, "member");
    switch (kind) {
      case Kind::boolean:
        return "(" + bool_expr(scope, depth) + ")";
      case Kind::integer:
        return int_expr(scope, depth);
      case Kind::decimal:
        return "(" + int_expr(scope, depth) + " / " +
               *rc::gen::element<std::string>("2", "3", "(limit - 5)") + ")";
      case Kind::money:
        if (person) return "(" + *person + ".employment.monthly_income otherwise 0 PEN)";
        return *rc::gen::element<std::string>("ceiling", "(ceiling - 2500 PEN)");
      case Kind::percent:
        return *rc::gen::element<std::string>("share", "(share - 50%)");
      case Kind::days:
        return *rc::gen::element<std::string>("grace", "(grace - 200 days)");
      case Kind::months:
        return std::to_string(*rc::gen::inRange(-30, 30)) + " months";
      case Kind::years:
        return "age_limit";
      case Kind::text:
        if (*rc::gen::arbitrary<bool>()) return "household.ubigeo";
        return *rc::gen::element<std::string>("\"15\"", "\"0104\"", "\"\"", "\"150101\"");
      case Kind::date:
        return date_expr(scope, depth);
      case Kind::interval:
        if (*rc::gen::arbitrary<bool>()) return "period";
        return "[" + date_expr(scope, depth) + ", " + date_expr(scope, depth) + ")";
      default:  // a month: only built-ins make one
        return builtin_call(scope, depth, kind);
    }
  }

  std::string date_literal() {
    return *rc::gen::element<std::string>("2005-04-01", "2007-01-01", "2014-01-01", "2024-02-29",
                                          "2026-09-01", "2026-11-01", "2026-11-02", "2011-12-31");
  }

  std::string bool_expr(Scope scope, int depth) {
    int choice = *rc::gen::inRange(0, depth <= 0 ? 6 : 16);
    std::optional<std::string> person = pick(scope, "member");
    switch (choice) {
      case 0:
        return int_expr(scope, depth - 1) + " " +
               *rc::gen::element<std::string>("<", "<=", "=", "!=", ">", ">=") + " " +
               int_expr(scope, depth - 1);
      case 1:
        return date_expr(scope, depth - 1) + " " +
               *rc::gen::element<std::string>("<", "<=", "=", ">") + " " +
               date_expr(scope, depth - 1);
      case 2:
        if (person)
          return *person + ".insurance " + *rc::gen::element<std::string>("=", "!=") +
                 " \"essalud\"";
        return "household.cse.level in {\"pobre\", \"pobre_extremo\"}";
      case 3:
        if (person)
          return *person + "." +
                 *rc::gen::element<std::string>("dni", "pregnancy", "school", "mother_id") +
                 " is " + *rc::gen::element<std::string>("present", "missing");
        return "household.residence_since is present and household.residence_since <= as_of - 6 "
               "months";
      case 4:
        return *rc::gen::element<std::string>("true", "false", "household.ubigeo in places",
                                              "household.ubigeo in {\"010402\", \"150101\"}");
      case 5: {
        std::string r = call(scope, "bool");
        if (!r.empty()) return r;
        return date_expr(scope, depth - 1) + " in period";
      }
      case 6:
      case 7:
        return "(" + bool_expr(scope, depth - 1) + ") " +
               *rc::gen::element<std::string>("and", "or") + " (" + bool_expr(scope, depth - 1) +
               ")";
      case 8:
        return "not (" + bool_expr(scope, depth - 1) + ")";
      case 9:
      case 10: {
        std::string kind = *rc::gen::element<std::string>("all", "any");
        std::string variable = fresh(scope, "member");
        return "(" + kind + " " + variable + " in household.members" + filter(scope, depth) + ": " +
               bool_expr(scope, depth - 1) + ")";
      }
      case 11: {
        if (!person)
          return "(any v in household.programs: v.name = \"juntos\" and v.since <= as_of)";
        std::string variable = fresh(scope, "health_event");
        return "(any " + variable + " in " + *person + ".health_events: " + variable +
               ".type = \"cred\" and " + variable + ".date in [" + date_expr(scope, depth - 1) +
               ", as_of))";
      }
      case 12:
        return "household.ubigeo in places and places[household.ubigeo].entry_date <= as_of";
      case 13:
        return "(if " + bool_expr(scope, depth - 1) + " then " + bool_expr(scope, depth - 1) +
               " else " + bool_expr(scope, depth - 1) + ")";
      case 14:
        if (person) return "(" + *person + ".employment.monthly_income otherwise 0 PEN) < ceiling";
        return builtin_call(scope, depth, Kind::boolean);
      default:
        if (person) {
          return "(" + *person + ".school.attendance is missing or (sum a in " + *person +
                 ".school.attendance where a.month in period: a.days_attended) >= (sum a in " +
                 *person + ".school.attendance: a.school_days) * share)";
        }
        return builtin_comparison(scope, depth);
    }
  }

  std::string filter(Scope& scope, int depth) {
    if (*rc::gen::arbitrary<bool>()) return "";
    return " where " + bool_expr(scope, depth - 1);
  }

  std::string int_expr(Scope scope, int depth) {
    int choice = *rc::gen::inRange(0, depth <= 0 ? 4 : 11);
    std::optional<std::string> person = pick(scope, "member");
    std::optional<std::string> with = pick(scope, "with");
    switch (choice) {
      case 0:
        return std::to_string(*rc::gen::inRange(-3, 30));
      case 1:
        return "limit";
      case 2:
        if (with) return *with;
        return "(count v in household.members)";
      case 3: {
        std::string r = call(scope, "integer");
        if (!r.empty()) return r;
        return "(count v in household.programs)";
      }
      case 4:
      case 5:
        return "(" + int_expr(scope, depth - 1) + " " +
               *rc::gen::element<std::string>("+", "-", "*") + " " + int_expr(scope, depth - 1) +
               ")";
      case 6: {
        std::string variable = fresh(scope, "member");
        return "(count " + variable + " in household.members" + filter(scope, depth) + ")";
      }
      case 7:
        if (person) {
          std::string variable = fresh(scope, "health_event");
          return "(count " + variable + " in " + *person + ".health_events where " + variable +
                 ".type = \"" + *rc::gen::element<std::string>("cred", "prenatal", "counseling") +
                 "\" and " + variable + ".date in period)";
        }
        return "(places[household.ubigeo].weight otherwise 0)";
      case 8:
        if (person)
          return "(sum a in " + *person + ".school.attendance: a.days_attended - a.school_days)";
        return "(count v in household.programs where v.since <= " + date_expr(scope, depth - 1) +
               ")";
      case 9:
        return builtin_call(scope, depth, Kind::integer);
      case 10:
        return "(if " + bool_expr(scope, depth - 1) + " then " + int_expr(scope, depth - 1) +
               " else " + int_expr(scope, depth - 1) + ")";
      default:
        return "floor(days_between(" + date_expr(scope, depth - 1) + ", " +
               date_expr(scope, depth - 1) + ") / grace)";
    }
  }

  std::string date_expr(Scope scope, int depth) {
    int choice = *rc::gen::inRange(0, depth <= 0 ? 4 : 9);
    std::optional<std::string> person = pick(scope, "member");
    switch (choice) {
      case 0:
        return "as_of";
      case 1:
        return date_literal();
      case 2:
        if (person) return *person + ".birth_date";
        return "start";
      case 3: {
        std::string r = call(scope, "date");
        if (!r.empty()) return r;
        return "period.start";
      }
      case 4:
        return "(" + date_expr(scope, depth - 1) + " " + *rc::gen::element<std::string>("+", "-") +
               " " + std::to_string(*rc::gen::inRange(0, 40)) + " " +
               *rc::gen::element<std::string>("days", "months", "years") + ")";
      case 5:
      case 6:
        return builtin_call(scope, depth, Kind::date);
      case 7:
        if (person) return "(" + *person + ".pregnancy.started_on otherwise as_of)";
        return "(household.residence_since otherwise 2010-01-01)";
      case 8:
        return "(household.cse.assessed_on otherwise as_of) + grace";
      default:
        return "(if " + bool_expr(scope, depth - 1) + " then " + date_expr(scope, depth - 1) +
               " else " + date_expr(scope, depth - 1) + ")";
    }
  }
};

inline rc::Gen<std::string> arbitrary_program() {
  return rc::gen::exec([] { return ProgramBuilder().program(); });
}

}  // namespace regla::testing
