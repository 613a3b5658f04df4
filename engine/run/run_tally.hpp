// Counting a run as it goes, for RunSummary: per decision, per district. Counters are vectors
// indexed by decision, and maps by reason, so tallying a household allocates only for a district's
// first household and a reason's first failure.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/program/program.hpp"
#include "engine/trace/failure_reasons.hpp"
#include "regla/evaluation.hpp"

namespace regla {

class RunTally {
 public:
  explicit RunTally(const CheckedProgram& program);

  // A record was read; `group` is its district ("" when unknown). Its decisions follow.
  void record(std::string_view group, bool rejected);
  // Why a failed decision failed when no rule of its own can say so.
  enum class FailedWithoutReasons {
    no,
    not_in_force,   // the decision's rule is not in force on the evaluation date
    beyond_budget,  // finding the rules it failed on needs more than the evaluation budget
  };
  // Decision `decision` (household decisions first, then member decisions) of the last record
  // came out `value`; `failed_on` lists what it failed on.
  void decision(std::size_t decision, const Value& value,
                const std::vector<FailureReason>& failed_on, FailedWithoutReasons without);

  RunSummary summary() const;

 private:
  struct Counts {
    std::uint64_t evaluated = 0;
    std::uint64_t holds = 0;
    double total = 0;
    std::uint64_t not_in_force = 0;
    std::uint64_t beyond_budget = 0;
    std::map<FailureReason, std::uint64_t> failed_on;
  };
  struct Group {
    std::uint64_t records = 0;
    std::uint64_t rejected = 0;
    std::vector<Counts> decisions;
  };
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
      return std::hash<std::string_view>()(text);
    }
  };

  Group& group(std::string_view name);
  void fill(RunSummary::Group& out, const Group& group) const;

  const CheckedProgram& program_;
  std::vector<const DecisionOutput*> decisions_;
  Group overall_;
  Group* current_group_ = nullptr;  // the last record's district
  std::unordered_map<std::string, Group, Hash, std::equal_to<>> groups_;
};

}  // namespace regla
