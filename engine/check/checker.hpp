// Syntax trees to a checked program: resolves every name, types every expression against the
// declared record shape, loads data tables, and reports every problem it finds (unknown names with
// suggestions, type and unit mismatches, values that may be missing, cycles, unused parameters).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "dsl/diagnostics.hpp"
#include "engine/check/table_files.hpp"
#include "engine/program/program.hpp"
#include "regla/rules.hpp"

namespace regla {

// The program is returned even when there are errors (for tools that want partial results); it is
// only fit to evaluate when `diagnostics` has no errors. With `timings`, the time of each stage is
// noted there, in the order the stages ran.
std::unique_ptr<CheckedProgram> check_program(std::shared_ptr<SourceSet> sources,
                                              const std::vector<ast::Module>& modules,
                                              const TableFileReader& read_table,
                                              DiagnosticSink& diagnostics,
                                              std::vector<StageTiming>* timings = nullptr);

// How deep evaluation may nest: an expression is one level deeper than its deepest operand, a rule
// call one level deeper than the deeper of its arguments and the called rule, and a rule as deep
// as its deepest expression (so a chain r0 = r1, r1 = r2, ... is one level per rule). The compiler,
// both evaluators and explanations recurse once per level, so a deeper program is an error here
// and never reaches them; 500 levels stay within an 8 MiB stack even under AddressSanitizer.
constexpr std::uint32_t max_evaluation_depth = 500;
// How deep shapes may nest (a shape with no object or list field is 1 deep), for the same reason:
// the record reader and the record generator of `regla test` recurse once per level.
constexpr std::uint32_t max_shape_depth = 64;

// The closest candidate to `name` by edit distance, if close enough to be a likely typo.
std::optional<std::string> closest_name(const std::string& name,
                                        const std::vector<std::string>& candidates);

}  // namespace regla
