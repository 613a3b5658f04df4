#include "openapi.hpp"

#include "regla/catalog.hpp"

namespace regla::serve {
namespace {

using json = nlohmann::json;

// The JSON Schema of a decision's value as output lines write it.
json value_schema(const DecisionEntry& decision) {
  json schema;
  switch (decision.value_type) {
    case DecisionType::boolean:
      schema = {{"type", "boolean"}};
      break;
    case DecisionType::integer:
    case DecisionType::days:
    case DecisionType::months:
    case DecisionType::years:
      schema = {{"type", "integer"}};
      break;
    case DecisionType::decimal:
    case DecisionType::money:
    case DecisionType::percent:
      schema = {{"type", "number"}};
      break;
    case DecisionType::text:
      schema = {{"type", "string"}};
      break;
    case DecisionType::enumeration:
      schema = {{"type", "string"}, {"enum", decision.enumeration_values}};
      break;
    case DecisionType::date:
      schema = {{"type", "string"}, {"format", "date"}};
      break;
    case DecisionType::month:
      schema = {{"type", "string"}, {"pattern", "^[0-9]{4}-[0-9]{2}$"}};
      break;
    case DecisionType::date_range:  // [first day, day after the last]
      schema = {{"type", "array"},
                {"items", {{"type", "string"}, {"format", "date"}}},
                {"minItems", 2},
                {"maxItems", 2}};
      break;
  }
  if (decision.optional) schema["type"] = json::array({schema["type"], "null"});
  std::string description = decision.type;
  for (const LabelText& label : decision.labels)
    if (label.language == "en") description = label.text + " (" + decision.type + ")";
  schema["description"] = description;
  return schema;
}

json decisions_schema(const RuleCatalog& catalog, bool about_members) {
  json properties = json::object();
  json required = json::array();
  for (const DecisionEntry& decision : catalog.decisions) {
    if (decision.about_members != about_members) continue;
    properties[decision.name] = value_schema(decision);
    required.push_back(decision.name);
  }
  return {{"type", "object"},
          {"properties", properties},
          {"required", required},
          {"additionalProperties", false}};
}

json reference(const std::string& schema) {
  return {{"$ref", "#/components/schemas/" + schema}};
}

json content(const std::string& media_type, const json& schema) {
  return {{media_type, {{"schema", schema}}}};
}

json error_responses(std::initializer_list<const char*> statuses) {
  json responses = json::object();
  for (const char* status : statuses)
    responses[status] = {{"description", "an error (see the code)"},
                         {"content", content("application/json", reference("Error"))}};
  return responses;
}

json operation(const std::string& summary, json responses) {
  return {{"summary", summary}, {"responses", std::move(responses)}};
}

json evaluation_parameters() {
  return json::array(
      {{{"name", "as_of"},
        {"in", "query"},
        {"description", "the evaluation date (default today)"},
        {"schema", {{"type", "string"}, {"format", "date"}}}},
       {{"name", "explain"},
        {"in", "query"},
        {"description",
         "note adds \"note\": the caseworker's note; full adds \"why\": the explanation of every "
         "decision"},
        {"schema", {{"type", "string"}, {"enum", {"none", "note", "full"}}, {"default", "none"}}}},
       {{"name", "lang"},
        {"in", "query"},
        {"description", "the language of explanations"},
        {"schema", {{"type", "string"}, {"enum", explanation_languages()}, {"default", "en"}}}}});
}

}  // namespace

json openapi_document(const RuleGeneration& rules, bool token_required) {
  RuleCatalog catalog = regla::catalog(rules.rules());
  json decided = {
      {"type", "object"},
      {"description", "the line regla eval writes for the record, with a decision_id"},
      {"required", {"household_id", "as_of", "rules", "decisions", "decision_id"}},
      {"properties",
       {{"household_id", {{"type", "string"}}},
        {"as_of", {{"type", "string"}, {"format", "date"}}},
        {"rules", {{"type", "string"}, {"pattern", "^sha256:[0-9a-f]{64}$"}}},
        {"decisions", decisions_schema(catalog, false)},
        {"members",
         {{"type", "object"},
          {"description", "each member's decisions, by the member's id"},
          {"additionalProperties", decisions_schema(catalog, true)}}},
        {"why", {{"type", "object"}, {"description", "with explain=full: why, per decision"}}},
        {"note", {{"type", "string"}, {"description", "with explain=note: the caseworker's note"}}},
        {"decision_id", {{"type", "string"}, {"format", "uuid"}}}}}};
  json error = {{"type", "object"},
                {"required", {"error"}},
                {"properties",
                 {{"error",
                   {{"type", "object"},
                    {"required", {"status", "code", "message"}},
                    {"properties",
                     {{"status", {{"type", "integer"}}},
                      {"code", {{"type", "string"}}},
                      {"message", {{"type", "string"}}}}}}},
                  {"rules", {{"type", "string"}}}}}};

  json evaluate = operation("decide one household record",
                            error_responses({"400", "401", "413", "422", "431", "503"}));
  evaluate["parameters"] = evaluation_parameters();
  evaluate["requestBody"] = {
      {"required", true},
      {"content", content("application/json", {{"type", "object"}})},
      {"description", "one household record, as a line of regla eval's input"}};
  evaluate["responses"]["200"] = {{"description", "the decisions"},
                                  {"content", content("application/json", reference("Decided"))}};

  json batch = operation("decide JSON Lines: one output line per input line, in order",
                         error_responses({"400", "401", "413", "431", "503"}));
  batch["parameters"] = evaluation_parameters();
  batch["requestBody"] = {{"required", true},
                          {"content", content("application/x-ndjson", {{"type", "string"}})}};
  batch["responses"]["200"] = {
      {"description", "the lines regla eval writes for the input, error lines included"},
      {"content", content("application/x-ndjson", {{"type", "string"}})}};

  json check =
      operation("check rule files: diagnostics as data", error_responses({"400", "401", "413"}));
  check["requestBody"] = {
      {"required", true},
      {"content",
       {{"text/plain", {{"schema", {{"type", "string"}}}}},
        {"application/json",
         {{"schema",
           {{"type", "object"},
            {"required", {"files"}},
            {"properties",
             {{"files",
               {{"type", "object"}, {"additionalProperties", {{"type", "string"}}}}}}}}}}}}}};
  check["responses"]["200"] = {{"description", "ok, errors, warnings, problems, text"},
                               {"content", content("application/json", {{"type", "object"}})}};

  auto json_answer = [&](const std::string& summary) {
    json answer = operation(summary, error_responses({"401"}));
    answer["responses"]["200"] = {{"description", summary},
                                  {"content", content("application/json", {{"type", "object"}})}};
    return answer;
  };
  json reload = json_answer("load the rule folder again; refused (422) if it has errors");
  reload["responses"]["422"] = error_responses({"422"})["422"];
  json ready = json_answer("ready for decisions");
  ready["responses"]["503"] = error_responses({"503"})["503"];
  json metrics = operation("Prometheus text", error_responses({"401"}));
  metrics["responses"]["200"] = {{"description", "the metrics"},
                                 {"content", content("text/plain", {{"type", "string"}})}};

  json document = {
      {"openapi", "3.1.0"},
      {"info",
       {{"title", "regla serve"},
        {"version", rules.hash()},
        {"description", "Eligibility decisions of the rules " + rules.hash() +
                            ". The decisions in the response schemas are those of these rules."}}},
      {"paths",
       {{"/v1/evaluate", {{"post", evaluate}}},
        {"/v1/evaluate/batch", {{"post", batch}}},
        {"/v1/check", {{"post", check}}},
        {"/v1/rules", {{"get", json_answer("the served rules: decisions, parameters, hash")}}},
        {"/v1/rules/reload", {{"post", reload}}},
        {"/v1/openapi.json", {{"get", json_answer("this document")}}},
        {"/health", {{"get", json_answer("the process answers")}}},
        {"/health/ready", {{"get", ready}}},
        {"/metrics", {{"get", metrics}}},
        {"/v1/metrics", {{"get", metrics}}}}},
      {"components", {{"schemas", {{"Decided", decided}, {"Error", error}}}}}};
  if (token_required) {
    document["components"]["securitySchemes"] = {
        {"bearer", {{"type", "http"}, {"scheme", "bearer"}}}};
    document["security"] = json::array({{{"bearer", json::array()}}});
  }
  return document;
}

}  // namespace regla::serve
