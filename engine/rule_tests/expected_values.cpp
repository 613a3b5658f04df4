// Reading an expected value and comparing it with a decided one.
#include "engine/rule_tests/expected_values.hpp"

#include <cmath>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>

#include "engine/render/output.hpp"

namespace regla {
namespace {

// The unit words a number may carry, and the decision type each means.
const std::map<std::string, DecisionType>& unit_words() {
  static const std::map<std::string, DecisionType> words = {
      {"PEN", DecisionType::money},    {"%", DecisionType::percent},
      {"day", DecisionType::days},     {"days", DecisionType::days},
      {"día", DecisionType::days},     {"días", DecisionType::days},
      {"month", DecisionType::months}, {"months", DecisionType::months},
      {"mes", DecisionType::months},   {"meses", DecisionType::months},
      {"year", DecisionType::years},   {"years", DecisionType::years},
      {"año", DecisionType::years},    {"años", DecisionType::years},
  };
  return words;
}

// What a value of `type` is, in a few words.
const char* type_words(DecisionType type) {
  switch (type) {
    case DecisionType::boolean:
      return "true or false";
    case DecisionType::integer:
      return "a whole number";
    case DecisionType::decimal:
      return "a number";
    case DecisionType::money:
      return "money";
    case DecisionType::percent:
      return "a percent";
    case DecisionType::days:
      return "days";
    case DecisionType::months:
      return "months";
    case DecisionType::years:
      return "years";
    case DecisionType::text:
      return "text";
    case DecisionType::enumeration:
      return "one of its values";
    case DecisionType::date:
      return "a date";
    case DecisionType::month:
      return "a month";
    case DecisionType::date_range:
      return "a date range";
  }
  return "a value";
}

bool is_number_type(DecisionType type) {
  switch (type) {
    case DecisionType::integer:
    case DecisionType::decimal:
    case DecisionType::money:
    case DecisionType::percent:
    case DecisionType::days:
    case DecisionType::months:
    case DecisionType::years:
      return true;
    default:
      return false;
  }
}

std::string plain_number(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.10g", value);
  return text;
}

std::optional<double> number_of(const DecidedValue& value) {
  if (const double* d = std::get_if<double>(&value)) return *d;
  if (const std::int64_t* i = std::get_if<std::int64_t>(&value)) return static_cast<double>(*i);
  return std::nullopt;
}

// The JSON text of a date, month or range, without the quotes of a lone string.
std::string unquoted_json(const DecidedValue& value) {
  std::string json = decided_value_json(value);
  if (json.size() >= 2 && json.front() == '"') return json.substr(1, json.size() - 2);
  return json;
}

}  // namespace

std::string case_text(DecisionType type, const DecidedValue& value) {
  if (std::holds_alternative<std::monostate>(value)) return "null (no value)";
  if (const bool* verdict = std::get_if<bool>(&value)) return *verdict ? "true" : "false";
  if (std::optional<double> number = number_of(value)) {
    switch (type) {
      case DecisionType::money:
        return plain_number(*number) + " PEN";
      case DecisionType::percent:
        return plain_number(*number * 100) + "%";
      case DecisionType::days:
        return plain_number(*number) + " days";
      case DecisionType::months:
        return plain_number(*number) + " months";
      case DecisionType::years:
        return plain_number(*number) + " years";
      default:
        return plain_number(*number);
    }
  }
  if (const std::string* text = std::get_if<std::string>(&value))
    return type == DecisionType::enumeration ? *text : nlohmann::json(*text).dump();
  return unquoted_json(value);
}

std::optional<std::string> differs_from_expected(DecisionType type, const DecidedValue& decided,
                                                 const std::string& written) {
  std::string shown = case_text(type, decided);
  auto differs = [&] { return shown + ", expected " + written; };
  auto wrong_kind = [&](const std::string& what) {
    return "'" + written + "' is " + what + ", but the value is " + type_words(type) + " (" +
           shown + ")";
  };
  static const std::regex number_with_unit(
      R"(^(-?[0-9]+(?:\.[0-9]+)?)\s*(PEN|%|days?|months?|years?|días?|mes|meses|años?)?$)");
  std::smatch parts;
  if (written == "null") {
    if (std::holds_alternative<std::monostate>(decided)) return std::nullopt;
    return differs();
  }
  if (written == "true" || written == "false" || written == "sí" || written == "si" ||
      written == "yes" || written == "no") {
    if (type != DecisionType::boolean) return wrong_kind("true or false");
    bool expected = written == "true" || written == "sí" || written == "si" || written == "yes";
    const bool* verdict = std::get_if<bool>(&decided);
    return verdict && *verdict == expected ? std::nullopt : std::optional(differs());
  }
  if (std::regex_match(written, parts, number_with_unit)) {
    if (!is_number_type(type)) return wrong_kind("a number");
    double expected = std::stod(parts[1].str());
    if (parts[2].matched) {
      DecisionType unit = unit_words().at(parts[2].str());
      if (unit != type) return wrong_kind(type_words(unit));
      if (unit == DecisionType::percent) expected /= 100;
    }
    std::optional<double> number = number_of(decided);
    // A percent written with % is divided by 100; compared within rounding of that division.
    bool same = number && (type == DecisionType::percent
                               ? std::fabs(*number - expected) <= 1e-12 * std::fabs(expected)
                               : *number == expected);
    return same ? std::nullopt : std::optional(differs());
  }
  std::string text = written;
  if (written.front() == '"' || written.front() == '[') {
    nlohmann::json json = nlohmann::json::parse(written, nullptr, false);
    if (json.is_discarded()) return "cannot read the expected value " + written;
    if (json.is_array())
      return json.dump() == decided_value_json(decided) ? std::nullopt : std::optional(differs());
    if (!json.is_string()) return "cannot read the expected value " + written;
    text = json.get<std::string>();
  }
  switch (type) {
    case DecisionType::text:
    case DecisionType::enumeration: {
      const std::string* held = std::get_if<std::string>(&decided);
      return held && *held == text ? std::nullopt : std::optional(differs());
    }
    case DecisionType::date:
    case DecisionType::month:
      return unquoted_json(decided) == text ? std::nullopt : std::optional(differs());
    default:
      return wrong_kind("text");
  }
}

}  // namespace regla
