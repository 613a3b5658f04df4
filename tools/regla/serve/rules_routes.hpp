// The rules themselves: POST /v1/check (rule text in, diagnostics out), GET /v1/rules (what the
// served rules decide), POST /v1/rules/reload (load the folder again).
#pragma once

#include "query.hpp"
#include "service.hpp"

namespace regla::serve {

Response check_rules(const Target& target, const Request& request);
Response describe_rules(const Service& service);
Response reload_rules(Service& service);

// The problems of a rule set as JSON: {"errors":N,"warnings":N,"problems":[...],"text":"..."}.
nlohmann::json diagnostics_json(const RuleSet& rules);

}  // namespace regla::serve
