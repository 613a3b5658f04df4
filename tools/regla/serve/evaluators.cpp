#include "evaluators.hpp"

#include <algorithm>
#include <list>

namespace regla::serve {
namespace {

struct KeptEvaluator {
  std::shared_ptr<const CompiledRules> rules;
  HouseholdEvaluator evaluator;
};

// Enough for the options a day's requests use (dates, languages, with and without explanations).
constexpr std::size_t kept_per_thread = 8;

}  // namespace

HouseholdEvaluator& evaluator_for(const std::shared_ptr<const CompiledRules>& rules) {
  thread_local std::list<KeptEvaluator> kept;  // most recently used first
  auto found =
      std::ranges::find_if(kept, [&](const KeptEvaluator& entry) { return entry.rules == rules; });
  if (found != kept.end()) {
    kept.splice(kept.begin(), kept, found);
  } else {
    if (kept.size() >= kept_per_thread) kept.pop_back();
    kept.emplace_front(KeptEvaluator{rules, HouseholdEvaluator(*rules)});
  }
  return kept.front().evaluator;
}

}  // namespace regla::serve
