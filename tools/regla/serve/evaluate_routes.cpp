#include "evaluate_routes.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <variant>

#include "decision_log.hpp"
#include "evaluators.hpp"
#include "json_body.hpp"

namespace regla::serve {
namespace {

const std::vector<std::string> evaluation_parameters = {"as_of", "explain", "lang"};

// What a request's query asks of the evaluation, or the 400 answer saying what is wrong with it.
std::variant<EvaluationOptions, Response> requested_options(const Service& service,
                                                            const Target& target) {
  if (std::optional<std::string> unknown = unknown_parameter(target, evaluation_parameters)) {
    return error_response(
        http::status::bad_request, "unknown-parameter",
        "unknown query parameter '" + *unknown + "'; the parameters are as_of, explain and lang");
  }
  EvaluationOptions options;
  options.max_steps = service.limits.max_steps;
  options.failure_reasons = false;  // the service keeps no run summary, only its verdict counts
  auto given = [&](const std::string& name) -> const std::string* {
    auto found = target.query.find(name);
    return found == target.query.end() ? nullptr : &found->second;
  };
  options.as_of = given("as_of") ? *given("as_of") : today();
  if (const std::string* explain = given("explain")) {
    if (*explain != "none" && *explain != "full" && *explain != "note")
      return error_response(http::status::bad_request, "bad-parameter",
                            "explain must be none, note or full, not '" + *explain + "'");
    options.explain = *explain == "full";
    options.note = *explain == "note";
  }
  if (const std::string* language = given("lang")) {
    std::vector<std::string> languages = explanation_languages();
    if (std::ranges::find(languages, *language) == languages.end()) {
      std::string codes;
      for (const std::string& code : languages)
        codes += (codes.empty() ? "" : ", ") + code;
      return error_response(http::status::bad_request, "bad-parameter",
                            "lang must be one of " + codes + ", not '" + *language + "'");
    }
    options.language = *language;
  }
  return options;
}

// The generation and compiled rules a request is answered with, or the 400 answer when its
// options cannot be compiled (an as_of that is not a date).
struct RulesForRequest {
  std::shared_ptr<const RuleGeneration> generation;
  std::shared_ptr<const CompiledRules> compiled;
};
std::variant<RulesForRequest, Response> rules_for(const Service& service, const Target& target) {
  auto options = requested_options(service, target);
  if (Response* refused = std::get_if<Response>(&options)) return std::move(*refused);
  std::shared_ptr<const RuleGeneration> generation = service.rules.current();
  auto compiled = generation->compiled(std::get<EvaluationOptions>(options));
  if (std::string* error = std::get_if<std::string>(&compiled))
    return error_response(http::status::bad_request, "bad-parameter", *error,
                          {{"rules", generation->hash()}});
  return RulesForRequest{generation, std::get<std::shared_ptr<const CompiledRules>>(compiled)};
}

// A new decision id: 128 random bits as a UUID (version 4), unique per answer.
std::string new_decision_id() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("no random bytes for an id");
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  static constexpr char hex[] = "0123456789abcdef";
  std::string id;
  for (std::size_t i = 0; i < sizeof bytes; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) id += '-';
    id += hex[bytes[i] >> 4];
    id += hex[bytes[i] & 0x0f];
  }
  return id;
}

// `line` (one JSON object and its newline, as write_json_line writes it) with "decision_id" added
// as its last field.
void add_decision_id(std::string& line, const std::string& id) {
  line.resize(line.size() - 2);  // the closing brace and the newline
  line += ",\"decision_id\":\"" + id + "\"}\n";
}

// One answered record, for the metrics (its verdicts, or that it was rejected) and the decision
// log: `line` is what `regla eval` writes for `record`, which `evaluation` decided.
void account_for(Service& service, const std::string& decision_id, std::string_view record,
                 const Evaluation& evaluation, std::string_view line) {
  service.metrics.count_evaluation(evaluation);
  if (!service.decision_log) return;
  nlohmann::json answered = nlohmann::json::parse(line);
  nlohmann::json logged = {
      {"decision_id", decision_id},        {"time", utc_now()},
      {"rules", answered.at("rules")},     {"as_of", answered.at("as_of")},
      {"input_sha256", sha256_of(record)}, {"household_id", answered.at("household_id")}};
  for (const char* field : {"decisions", "members", "error"})
    if (answered.contains(field)) logged[field] = answered.at(field);
  service.decision_log->write(json_text(logged));
}

// The body without the line break that usually ends it.
std::string_view without_final_newline(std::string_view body) {
  if (body.ends_with('\n')) body.remove_suffix(1);
  if (body.ends_with('\r')) body.remove_suffix(1);
  return body;
}

}  // namespace

Response evaluate_one(Service& service, const Target& target, const Request& request) {
  auto chosen = rules_for(service, target);
  if (Response* refused = std::get_if<Response>(&chosen)) return std::move(*refused);
  const auto& [generation, compiled] = std::get<RulesForRequest>(chosen);
  std::string_view record = without_final_newline(request.body());
  // The line `regla eval` writes for the record, which is the answer; a rejected record's
  // error line gives the 422 its message, or the 400's when the body is not JSON at all.
  std::string line;
  HouseholdEvaluator& evaluator = evaluator_for(compiled);
  bool decided = evaluator.evaluate(record, 1, line);
  const Evaluation& evaluation = evaluator.last_evaluation();
  if (!decided) {
    if (std::optional<std::string> syntax = json_syntax_error(record)) {
      return error_response(http::status::bad_request, "invalid-json",
                            "the body is not JSON: " + *syntax, {{"rules", generation->hash()}});
    }
  }
  std::string decision_id = new_decision_id();
  account_for(service, decision_id, record, evaluation, line);
  if (!decided) {
    return error_response(
        http::status::unprocessable_entity, "record-rejected", *evaluation.error,
        {{"rules", generation->hash()},
         {"as_of", compiled->options().as_of},
         {"household_id", evaluation.household_id ? nlohmann::json(*evaluation.household_id)
                                                  : nlohmann::json(nullptr)}});
  }
  Response response{http::status::ok, 11};
  response.set(http::field::content_type, "application/json");
  add_decision_id(line, decision_id);
  response.body() = std::move(line);
  return response;
}

Response evaluate_batch(Service& service, const Target& target, const Request& request) {
  auto chosen = rules_for(service, target);
  if (Response* refused = std::get_if<Response>(&chosen)) return std::move(*refused);
  const auto& [generation, compiled] = std::get<RulesForRequest>(chosen);
  HouseholdEvaluator& evaluator = evaluator_for(compiled);
  Response response{http::status::ok, 11};
  response.set(http::field::content_type, "application/x-ndjson");
  std::string& out = response.body();
  // Lines as `regla eval` reads them: split at '\n', a '\r' before it dropped, the last line
  // answered even without a newline.
  std::string_view rest = request.body();
  std::uint64_t line_number = 0;
  std::uint64_t rejected = 0;
  // Each record's id in the decision log: the batch's id and its line.
  std::string batch_id = new_decision_id();
  while (!rest.empty()) {
    std::size_t newline = rest.find('\n');
    std::string_view line = rest.substr(0, newline);
    rest = newline == std::string_view::npos ? std::string_view{} : rest.substr(newline + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    std::size_t answer_start = out.size();
    if (!evaluator.evaluate(line, ++line_number, out)) ++rejected;
    account_for(service, batch_id + ":" + std::to_string(line_number), line,
                evaluator.last_evaluation(), std::string_view(out).substr(answer_start));
  }
  response.set("Regla-Records", std::to_string(line_number));
  response.set("Regla-Rejected", std::to_string(rejected));
  response.set("Regla-Rules", generation->hash());
  response.set("Regla-Decision-Id", batch_id);
  return response;
}

}  // namespace regla::serve
