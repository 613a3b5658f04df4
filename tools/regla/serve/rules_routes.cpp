#include "rules_routes.hpp"

#include <filesystem>
#include <map>

#include "regla/catalog.hpp"

namespace regla::serve {
namespace {

nlohmann::json point_json(const std::optional<SourcePoint>& point) {
  if (!point) return nullptr;
  return {{"line", point->line}, {"column", point->column}};
}

// A rule file's name as the engine reads it, so that a table named beside it is found.
std::string normal_name(const std::string& name) {
  return std::filesystem::path(name).lexically_normal().generic_string();
}

}  // namespace

nlohmann::json diagnostics_json(const RuleSet& rules) {
  nlohmann::json problems = nlohmann::json::array();
  for (const Problem& problem : rules.problems()) {
    nlohmann::json notes = nlohmann::json::array();
    for (const Problem::Note& note : problem.notes) {
      notes.push_back({{"file", note.file},
                       {"line", note.at.line},
                       {"column", note.at.column},
                       {"message", note.message}});
    }
    problems.push_back(
        {{"severity", problem.severity == Problem::Severity::error ? "error" : "warning"},
         {"code", problem.code},
         {"file", problem.file},
         {"line", problem.begin ? nlohmann::json(problem.begin->line) : nlohmann::json()},
         {"column", problem.begin ? nlohmann::json(problem.begin->column) : nlohmann::json()},
         {"end", point_json(problem.end)},
         {"message", problem.message},
         {"notes", notes}});
  }
  return {{"errors", rules.error_count()},
          {"warnings", rules.warning_count()},
          {"problems", problems},
          {"text", rules.diagnostics_text()}};
}

Response check_rules(const Target& target, const Request& request) {
  if (std::optional<std::string> unknown = unknown_parameter(target, {"name"})) {
    return error_response(http::status::bad_request, "unknown-parameter",
                          "unknown query parameter '" + *unknown + "'; the parameter is name");
  }
  // The files to check: a JSON object {"files": {"name.regla": "text", "data/t.csv": "..."}}, or
  // the body as one rule file (named by ?name=, default request.regla).
  std::map<std::string, std::string> files;
  bool as_json = as_view(request[http::field::content_type]).starts_with("application/json");
  if (as_json) {
    nlohmann::json given = nlohmann::json::parse(request.body(), nullptr, false);
    if (given.is_discarded() || !given.is_object() || !given.contains("files") ||
        !given["files"].is_object()) {
      return error_response(http::status::bad_request, "bad-request",
                            "a JSON body must be {\"files\": {\"NAME.regla\": \"TEXT\", ...}}");
    }
    for (const auto& [name, text] : given["files"].items()) {
      if (!text.is_string()) {
        return error_response(http::status::bad_request, "bad-request",
                              "files." + name + ": the file's text must be a string");
      }
      files[normal_name(name)] = text.get<std::string>();
    }
  } else {
    auto name = target.query.find("name");
    files[normal_name(name == target.query.end() ? "request.regla" : name->second)] =
        request.body();
  }
  // Rule files are those named *.regla; every other file given is a table they may read. Nothing
  // is read from the server's disk.
  std::vector<RuleFile> rule_files;
  for (const auto& [name, text] : files)
    if (name.ends_with(".regla") || !as_json) rule_files.push_back({name, text});
  if (rule_files.empty()) {
    return error_response(http::status::bad_request, "bad-request",
                          "no rule file given (their names end in .regla)");
  }
  FileReader given_tables = [&files](const std::string& path) -> std::optional<std::string> {
    auto found = files.find(normal_name(path));
    if (found == files.end()) return std::nullopt;
    return found->second;
  };
  RuleSet rules = RuleSet::from_files(std::move(rule_files), given_tables);
  nlohmann::json answer = diagnostics_json(rules);
  answer["ok"] = !rules.has_errors();
  answer["rules"] = rules.hash();
  return json_response(http::status::ok, answer);
}

namespace {

nlohmann::json labels_json(const std::vector<LabelText>& labels) {
  nlohmann::json texts = nlohmann::json::object();
  for (const LabelText& label : labels)
    texts[label.language] = label.text;
  return texts;
}

nlohmann::json declared_json(const DeclaredAt& declared) {
  return {{"file", declared.file}, {"line", declared.at.line}, {"column", declared.at.column}};
}

}  // namespace

Response describe_rules(const Service& service) {
  std::shared_ptr<const RuleGeneration> generation = service.rules.current();
  const RuleSet& rules = generation->rules();
  RuleCatalog catalog = regla::catalog(rules);
  nlohmann::json decisions = nlohmann::json::array();
  for (const DecisionEntry& decision : catalog.decisions) {
    decisions.push_back({{"name", decision.name},
                         {"about", decision.about_members ? "member" : "household"},
                         {"type", decision.type},
                         {"labels", labels_json(decision.labels)},
                         {"source", decision.source},
                         {"declared", declared_json(decision.declared)}});
  }
  nlohmann::json parameters = nlohmann::json::array();
  for (const ParameterEntry& parameter : catalog.parameters) {
    nlohmann::json versions = nlohmann::json::array();
    for (const ParameterEntry::Version& version : parameter.versions) {
      versions.push_back({{"value", version.value},
                          {"from", version.from ? nlohmann::json(*version.from) : nullptr},
                          {"until", version.until ? nlohmann::json(*version.until) : nullptr}});
    }
    parameters.push_back({{"name", parameter.name},
                          {"type", parameter.type},
                          {"values", versions},
                          {"labels", labels_json(parameter.labels)},
                          {"source", parameter.source},
                          {"declared", declared_json(parameter.declared)}});
  }
  return json_response(http::status::ok, {{"rules", rules.hash()},
                                          {"folder", service.rules.folder()},
                                          {"programs", catalog.programs},
                                          {"household_decisions", rules.household_decisions()},
                                          {"member_decisions", rules.member_decisions()},
                                          {"decisions", decisions},
                                          {"parameters", parameters},
                                          {"warnings", diagnostics_json(rules)["problems"]}});
}

Response reload_rules(Service& service) {
  std::string before = service.rules.current()->hash();
  ServedRules::Loaded loaded = service.rules.reload();
  if (const RuleSet* refused = std::get_if<RuleSet>(&loaded)) {
    nlohmann::json context = {{"rules", before}, {"diagnostics", diagnostics_json(*refused)}};
    return error_response(http::status::unprocessable_entity, "rules-have-errors",
                          "the rule folder has " + std::to_string(refused->error_count()) +
                              " errors; the running rules (" + before + ") stay",
                          context);
  }
  const auto& generation = std::get<std::shared_ptr<const RuleGeneration>>(loaded);
  return json_response(http::status::ok, {{"rules", generation->hash()},
                                          {"previous", before},
                                          {"changed", generation->hash() != before}});
}

}  // namespace regla::serve
