// A HouseholdEvaluator per server thread and compiled rules: an evaluator keeps what a record
// needs between records, so each thread reuses its own instead of making one per request.
#pragma once

#include <memory>

#include "regla/evaluation.hpp"

namespace regla::serve {

// This thread's evaluator for `rules`, made on first use. The few most recently used are kept;
// each keeps its compiled rules alive while it is kept.
HouseholdEvaluator& evaluator_for(const std::shared_ptr<const CompiledRules>& rules);

}  // namespace regla::serve
