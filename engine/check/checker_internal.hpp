// The checker's working state, shared by its two halves: declarations (checker.cpp) and
// expressions (checker_expressions.cpp). Private to the engine.
#pragma once

#include <map>
#include <set>
#include <unordered_map>

#include "engine/check/checker.hpp"
#include "engine/check/periods.hpp"
#include "engine/check/tables.hpp"

namespace regla::checking {

struct Entity {
  enum class Kind { parameter, table, rule } kind;
  std::uint32_t index;
  SourceRange range;
};

struct ModuleScope {
  std::string name;
  FileId file = 0;
  SourceRange range;
  std::map<std::string, SourceRange> uses;  // imported programs
  std::map<std::string, Entity> entities;   // parameters, tables and rules by name
};

struct Local {
  enum class Kind { parameter, variable, with } kind;
  std::string name;
  Type type;
  std::uint32_t index;  // slot for parameters and variables; with-binding index for withs
  SourceRange range;
};

// Where an expression is checked: which program's names are visible, which locals, and which
// values are known to be present (facts from `is present`, `is missing` and `key in table`).
struct Scope {
  static constexpr std::uint32_t no_module = UINT32_MAX;  // a rejection outside any program
  std::uint32_t module = no_module;
  std::optional<std::uint32_t> rule;  // with-bindings belong to this rule
  std::vector<Local> locals;
  std::vector<std::string> facts;  // canonical text of expressions known present
  std::uint32_t next_slot = 0;
};

class Checker {
 public:
  Checker(std::shared_ptr<SourceSet> sources, const std::vector<ast::Module>& modules,
          const TableFileReader& read_table, DiagnosticSink& diagnostics);
  // Runs every stage in order; with `timings`, notes the time each took.
  std::unique_ptr<CheckedProgram> run(std::vector<StageTiming>* timings);

 private:
  // A named pass over the modules and the program built so far (OPA's compiler stages are the
  // model): the name says which stage a timing, or a stage that fails, belongs to.
  struct Stage {
    const char* name;
    void (Checker::*run)();
  };
  static const std::vector<Stage>& stages();

  // --- declarations (checker.cpp) ---
  void collect_modules();
  void collect_shapes();
  void resolve_shape_fields();
  void check_shape_cycles();
  void collect_entities();
  void check_parameters();
  // Reports the days of the calendar none of a dated parameter's values covers.
  void report_gaps(const ast::ParamDecl& decl, const std::vector<Period>& periods);
  void declare_tables();
  void resolve_column_keys();
  void declare_rules();
  std::vector<std::uint32_t> rules_callees_first() const;
  void check_rules();
  void check_rule(std::uint32_t rule);
  void check_incomplete_rule(std::uint32_t rule);
  void check_rule_depths();
  void check_rejections();
  void choose_outputs();
  void assign_slots();
  void load_tables();
  void load_table(std::uint32_t table);
  void warn_unused();
  // Rules, decisions and parameters that explanations would show by name, for want of a label.
  void warn_missing_labels();

  std::optional<Type> resolve_type(const ast::TypeExpr& type, bool allow_shapes);
  // --- shape fields' constraints (checker_constraints.cpp) ---
  // A shape field or table column as its constraints see it.
  struct ConstrainedField {
    const std::string& name;
    bool is_id;
    const std::vector<ast::FieldConstraint>& constraints;
    std::uint64_t max_text_characters;  // unless a constraint says otherwise
  };
  FieldLimits field_limits(const ConstrainedField& field, const Type& type);
  bool apply_constraint(const ConstrainedField& field, const ast::FieldConstraint& constraint,
                        const Type& type, FieldLimits& limits);
  std::optional<calendar::DayNumber> constant_date(const ast::Expr& expr, Scope& scope);
  void add_entity(std::uint32_t module, const std::string& name, Entity entity);
  Labels labels_of(const std::vector<ast::Label>& labels) const;
  void check_clause_labels(const std::vector<ast::Label>& labels);

  // --- expressions (checker_expressions.cpp) ---
 public:
  NodeId check(const ast::Expr& expr, Scope& scope);
  NodeId check_condition(const ast::Expr& expr, Scope& scope, const char* role);

 private:
  NodeId check_literal(const ast::Expr& expr);
  NodeId check_name(const ast::Expr& expr, const ast::Name& name, Scope& scope);
  NodeId check_field(const ast::Expr& expr, const ast::FieldAccess& access, Scope& scope);
  NodeId check_index(const ast::Expr& expr, const ast::Index& index, Scope& scope);
  NodeId check_call(const ast::Expr& expr, const ast::Call& call, Scope& scope);
  NodeId check_builtin(const ast::Expr& expr, const builtins::Builtin& builtin,
                       const std::vector<ast::ExprPtr>& arguments, Scope& scope);
  void report_rule_cycle(std::uint32_t rule, SourceRange closing);
  NodeId check_rule_call(const ast::Expr& expr, std::uint32_t rule,
                         const std::vector<ast::ExprPtr>& arguments, Scope& scope);
  NodeId check_unary(const ast::Expr& expr, const ast::Unary& unary, Scope& scope);
  NodeId check_binary(const ast::Expr& expr, const ast::Binary& binary, Scope& scope);
  NodeId check_logical(const ast::Expr& expr, const ast::Binary& binary, Scope& scope);
  NodeId check_comparison(const ast::Expr& expr, const ast::Binary& binary, Scope& scope);
  NodeId check_membership(const ast::Expr& expr, const ast::Binary& binary, Scope& scope);
  NodeId check_arithmetic(const ast::Expr& expr, const ast::Binary& binary, Scope& scope);
  NodeId check_otherwise(const ast::Expr& expr, const ast::Binary& binary, Scope& scope);
  NodeId check_presence(const ast::Expr& expr, const ast::PresenceTest& test, Scope& scope);
  NodeId check_conditional(const ast::Expr& expr, const ast::Conditional& conditional,
                           Scope& scope);
  NodeId check_quantifier(const ast::Expr& expr, const ast::Quantifier& quantifier, Scope& scope);
  NodeId check_interval(const ast::Expr& expr, const ast::IntervalLiteral& interval, Scope& scope);

  // An entity named by `expr` (a name, or program.name), without reporting anything.
  std::optional<Entity> entity_named(const ast::Expr& expr, const Scope& scope) const;
  std::optional<std::uint32_t> module_named(const ast::Expr& expr, const Scope& scope) const;
  const Local* local_named(const std::string& name, const Scope& scope) const;

  // Makes two operands agree (integer to decimal, a bare number adopts the other side's unit);
  // reports and returns false when they cannot.
  bool reconcile(NodeId& left, NodeId& right, const ast::Expr& left_ast, const ast::Expr& right_ast,
                 SourceRange range, const char* verb);
  bool is_bare_number(const ast::Expr& expr) const;
  void warn_bare_number(const ast::Expr& number, Kind unit, const char* verb);
  bool report_unit_missing_at_parameter(NodeId number, Kind unit, SourceRange use,
                                        const char* verb);
  bool adopt_unit(NodeId literal, Kind kind);
  NodeId to_decimal(NodeId node);
  bool text_literal_to_enum(NodeId& node, const ast::Expr& expr, std::uint32_t enumeration);
  bool require_present(NodeId node, const ast::Expr& expr, const char* role);
  bool require_kind(NodeId node, const ast::Expr& expr, bool (*accept)(Kind), const char* wanted);

  NodeId add(Node node);
  NodeId error_node(SourceRange range);
  NodeId constant(SourceRange range, Type type, Value value);
  const Type& type_of(NodeId node) const { return program_->nodes[node].type; }
  bool failed(NodeId node) const { return type_of(node).kind == Kind::error; }
  std::string describe(const Type& type) const { return describe_type(*program_, type); }
  std::string text_of(const ast::Expr& expr) const;
  void narrow(NodeId node, const ast::Expr& expr, const Scope& scope);

  std::uint32_t add_local(Scope& scope, Local::Kind kind, const std::string& name, Type type,
                          SourceRange range);

  Diagnostic& error(DiagnosticCode code, SourceRange range, std::string message) {
    return diagnostics_.error(code, range, std::move(message));
  }

  std::shared_ptr<SourceSet> sources_;
  const std::vector<ast::Module>& modules_;
  const TableFileReader& read_table_;
  DiagnosticSink& diagnostics_;
  std::unique_ptr<CheckedProgram> program_;

  std::vector<ModuleScope> scopes_;                           // one per program, by index
  std::vector<std::optional<std::uint32_t>> module_of_file_;  // index into modules_ -> scopes_
  std::map<std::string, std::uint32_t> shape_ids_;
  std::vector<const ast::ShapeDecl*> shape_decls_;
  std::vector<const ast::ParamDecl*> parameter_decls_;
  std::vector<std::uint32_t> parameter_modules_;
  std::vector<const ast::TableDecl*> table_decls_;
  std::vector<std::uint32_t> table_modules_;
  std::vector<std::vector<ColumnKeys>> column_keys_;  // per table: its `in TABLE` columns
  std::vector<const ast::RuleDecl*> rule_decls_;
  std::vector<std::uint32_t> rule_modules_;
  std::vector<std::pair<const ast::RejectDecl*, std::optional<std::uint32_t>>> reject_decls_;
  enum class RuleState { unchecked, checking, checked };
  std::vector<RuleState> rule_states_;
  std::vector<std::uint32_t> rules_being_checked_;
  // The use of each rule being checked after the first by the one before it (so one fewer).
  std::vector<SourceRange> calls_being_checked_;
  // Rules checked inside one another's checking (only where a local hides a rule's name, see
  // rules_callees_first); each level is a recursion over a whole rule.
  static constexpr std::uint32_t max_rules_checked_on_demand = 16;
  std::vector<std::uint32_t> node_depths_;  // see max_evaluation_depth; parallel to the nodes
  std::vector<std::uint32_t> rule_depths_;  // 0 until checked
  std::vector<bool> called_by_too_deep_;    // reported through the rule that calls it
  // For each rule being checked, the depth of each of its with values so far.
  std::vector<std::vector<std::uint32_t>> with_depths_;
  std::vector<bool> rule_used_;
  std::vector<std::vector<bool>> with_used_;
  std::vector<bool> table_used_;
  bool household_referenced_ = false;
  // Declarations with a syntax error (ast::Declaration::incomplete): known by name, and every
  // check that would need the part of them that was not read is skipped. Parallel to rule_decls_,
  // parameter_decls_, table_decls_ and program_->shapes.
  std::vector<bool> rule_incomplete_;
  std::vector<bool> parameter_incomplete_;
  std::vector<bool> table_incomplete_;
  std::vector<bool> shape_incomplete_;
  // No error kept part of a file from being read (ast::Module::fully_read): only then can the
  // checker tell that a name is never used or that a label is missing.
  bool all_read_ = true;
  std::set<std::uint32_t> parameters_missing_unit_;  // reported at their declaration
};

// The canonical text of an expression, used to match facts (`x is present`) with later uses of x.
std::string canonical_text(const ast::Expr& expr);
void facts_when_true(const ast::Expr& expr, std::vector<std::string>& facts);
void facts_when_false(const ast::Expr& expr, std::vector<std::string>& facts);

}  // namespace regla::checking
