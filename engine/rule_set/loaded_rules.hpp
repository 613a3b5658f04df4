// What a RuleSet holds: the sources, their syntax trees, the checked program and its diagnostics.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "dsl/diagnostics.hpp"
#include "engine/program/program.hpp"
#include "regla/rules.hpp"

namespace regla::detail {

struct LoadedRules {
  std::shared_ptr<SourceSet> sources = std::make_shared<SourceSet>();
  std::vector<ast::Module> modules;
  std::unique_ptr<CheckedProgram> program;
  DiagnosticSink diagnostics;
  std::vector<StageTiming> check_timings;
  std::string hash;
};

}  // namespace regla::detail
