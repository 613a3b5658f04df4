// A bound on the work one record may take (as CEL's cost limits bound an expression): every rule
// evaluated and every list element visited is a step, and an evaluation that needs more steps than
// the budget stops with EvaluationBudgetExceeded. Rules without lists are bounded by the program's
// size, so these two kinds of step bound the time a record takes, however large it is.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "engine/messages/catalog.hpp"

namespace regla {

// Not an EvaluationError: the places that tolerate an error in a part the verdict did not need must
// not go on spending once the budget is gone.
struct EvaluationBudgetExceeded {
  std::uint64_t steps;  // the budget that was exceeded

  // What the record needs, to follow "the record " in the language with this code.
  std::string message(std::string_view language = "en") const {
    return messages::fill(messages::language(language)[messages::Message::budget_exceeded],
                          {std::to_string(steps)});
  }
};

class EvaluationBudget {
 public:
  static constexpr std::uint64_t unlimited = std::numeric_limits<std::uint64_t>::max();

  explicit EvaluationBudget(std::uint64_t steps = unlimited) : steps_(steps), left_(steps) {}

  // A new pass over a record starts with the whole budget.
  void renew() { left_ = steps_; }
  void spend() {
    if (left_ == 0) throw EvaluationBudgetExceeded{steps_};
    --left_;
  }
  std::uint64_t steps() const { return steps_; }

 private:
  std::uint64_t steps_;
  std::uint64_t left_;
};

}  // namespace regla
