#include "served_rules.hpp"

namespace regla::serve {

std::variant<std::shared_ptr<const CompiledRules>, std::string> RuleGeneration::compiled(
    const EvaluationOptions& options) const {
  OptionsKey key{options.as_of, options.explain, options.note, options.language, options.max_steps};
  {
    std::lock_guard lock(mutex_);
    if (auto found = compilations_.find(key); found != compilations_.end()) return found->second;
  }
  // Compiled outside the lock: two requests may compile the same options at once, and both
  // results are the same.
  CompileResult result = compile(rules_, options);
  if (!result.rules) return result.error;
  auto compiled = std::make_shared<const CompiledRules>(*result.rules);
  std::lock_guard lock(mutex_);
  if (compilations_.size() >= max_compilations) compilations_.clear();
  compilations_.emplace(key, compiled);
  return compiled;
}

ServedRules::Loaded ServedRules::reload() {
  std::lock_guard reloading(reload_mutex_);
  RuleSet rules = RuleSet::load({folder_});
  if (rules.has_errors()) return rules;
  auto generation = std::make_shared<const RuleGeneration>(std::move(rules));
  std::lock_guard lock(mutex_);
  current_ = generation;
  return generation;
}

std::shared_ptr<const RuleGeneration> ServedRules::current() const {
  std::lock_guard lock(mutex_);
  return current_;
}

}  // namespace regla::serve
