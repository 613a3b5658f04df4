// The rules a server answers with, and how they are replaced without stopping it.
//
// One RuleGeneration is one loading of the rule folder: checked, without errors, and compiled on
// demand for each set of evaluation options a request asks for (an evaluation date, a language,
// explanations). A request holds the generation it started with (a shared_ptr), so a reload never
// changes the rules under it; the hash in its answer says which rules decided it.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>
#include <variant>

#include "regla/evaluation.hpp"

namespace regla::serve {

class RuleGeneration {
 public:
  explicit RuleGeneration(RuleSet rules) : rules_(std::move(rules)) {}

  const RuleSet& rules() const { return rules_; }
  const std::string& hash() const { return rules_.hash(); }
  // The rules compiled for `options`, compiled once and then shared by every request asking the
  // same; the CompileResult's error when they cannot be (a date that is not one).
  std::variant<std::shared_ptr<const CompiledRules>, std::string> compiled(
      const EvaluationOptions& options) const;

 private:
  using OptionsKey = std::tuple<std::string, bool, bool, std::string, std::uint64_t>;
  // Enough for every date a day's requests use; beyond it the oldest compilations are dropped.
  static constexpr std::size_t max_compilations = 64;

  RuleSet rules_;
  mutable std::mutex mutex_;
  mutable std::map<OptionsKey, std::shared_ptr<const CompiledRules>> compilations_;
};

// The folder's rules as they are now, replaced only by rules that load without errors.
class ServedRules {
 public:
  // What loading the folder gave: the new generation, or the rule set whose errors refused it.
  using Loaded = std::variant<std::shared_ptr<const RuleGeneration>, RuleSet>;

  explicit ServedRules(std::string folder) : folder_(std::move(folder)) {}

  const std::string& folder() const { return folder_; }
  // Loads and checks the folder; when it has no errors its rules become the current ones.
  Loaded reload();
  // The generation requests start on now; null before the first successful load.
  std::shared_ptr<const RuleGeneration> current() const;

 private:
  std::string folder_;
  std::mutex reload_mutex_;  // one reload at a time, so the last one loaded is the one kept
  mutable std::mutex mutex_;
  std::shared_ptr<const RuleGeneration> current_;
};

}  // namespace regla::serve
