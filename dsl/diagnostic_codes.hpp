// Every kind of problem regla reports about rule files and tables, one code each. A diagnostic
// shows its code after its severity (`error[unit-mismatch]: ...`), so that tools, tests and people
// can tell problems apart without matching message text. Codes are stable: a code names a kind of
// problem, not the place in the checker that finds it. docs/language.md ("Diagnostic codes") lists
// them all with an example each, and tests/golden/check has a case producing each one.
//
// The list is the one place codes are spelled: DiagnosticCode, code_name() and
// every_diagnostic_code are all made from it, so a code cannot be used without being listed here.
#pragma once

#include <string_view>

#define REGLA_DIAGNOSTIC_CODES(CODE)                                                               \
  /* Reading the rule folder */                                                                    \
  CODE(unreadable_file, "unreadable-file")         /* a rule file or table cannot be read */       \
  CODE(outside_rule_folder, "outside-rule-folder") /* a file named or linked outside the folder */ \
  CODE(not_a_regular_file, "not-a-regular-file")   /* a table that is a folder, device or pipe */  \
  CODE(no_rule_files, "no-rule-files")             /* a folder without any *.regla file */         \
  CODE(invalid_text, "invalid-text")               /* a NUL byte, or bytes that are not UTF-8 */   \
  CODE(limit_exceeded, "limit-exceeded") /* past a limit on names, nesting, table size */          \
  /* Syntax and literals */                                                                        \
  CODE(syntax_error, "syntax-error")       /* the text does not follow the grammar */              \
  CODE(invalid_literal, "invalid-literal") /* a number, date or month that cannot be a value */    \
  /* Programs */                                                                                   \
  CODE(missing_program, "missing-program") /* rules in a file that declares no program */          \
  CODE(second_program, "second-program")   /* a file that declares a second program */             \
  CODE(self_use, "self-use")               /* a program that uses itself */                        \
  CODE(unknown_program, "unknown-program") /* 'use' of a program no file declares */               \
  CODE(missing_use, "missing-use")         /* another program's rule named without 'use' */        \
  /* Names */                                                                                      \
  CODE(unknown_name, "unknown-name")             /* a name nothing declares */                     \
  CODE(unknown_field, "unknown-field")           /* a field its shape, table or interval lacks */  \
  CODE(unknown_type, "unknown-type")             /* a type that is neither built in nor a shape */ \
  CODE(unknown_enum_value, "unknown-enum-value") /* text that is not one of the enum's values */   \
  CODE(misused_name, "misused-name")     /* a program, function or value used as another thing */  \
  CODE(duplicate_name, "duplicate-name") /* a name declared twice in one place */                  \
  CODE(reserved_name, "reserved-name")   /* a declaration named like a built-in name or type */    \
  CODE(duplicate_label, "duplicate-label")   /* two labels in one language */                      \
  CODE(unknown_language, "unknown-language") /* a label in a language explanations lack */         \
  /* Types and units */                                                                            \
  CODE(type_mismatch, "type-mismatch")       /* an expression of a type that does not fit */       \
  CODE(unit_mismatch, "unit-mismatch")       /* quantities of different units combined */          \
  CODE(type_not_allowed, "type-not-allowed") /* a declared type that cannot be used there */       \
  CODE(maybe_missing, "maybe-missing")       /* a value that may be missing, used as a value */    \
  CODE(wrong_argument_count, "wrong-argument-count") /* a call with too many or too few */         \
  CODE(not_a_literal, "not-a-literal") /* a computed value where a value is written out */         \
  /* Declarations */                                                                               \
  CODE(rule_cycle, "rule-cycle")         /* rules that depend on themselves */                     \
  CODE(shape_cycle, "shape-cycle")       /* a shape that contains itself */                        \
  CODE(invalid_period, "invalid-period") /* 'in force', 'from', 'until' giving no period */        \
  CODE(overlapping_periods,                                                                        \
       "overlapping-periods")            /* two values of a parameter in force at once */          \
  CODE(missing_period, "missing-period") /* days on which a dated parameter has no value */        \
  CODE(invalid_key,                                                                                \
       "invalid-key") /* an id field or key column: two, not text or integer, optional */          \
  CODE(missing_key, "missing-key")               /* a table looked up, without a key column */     \
  CODE(table_without_file, "table-without-file") /* a table declared without 'file "..."' */       \
  CODE(invalid_decision, "invalid-decision") /* a decision whose value or subject is not output */ \
  /* The record contract: the shapes every record is read through */                               \
  CODE(missing_household, "missing-household")     /* no 'shape household' */                      \
  CODE(missing_id_field, "missing-id-field")       /* household or member shape without an id */   \
  CODE(missing_member_list, "missing-member-list") /* member decisions, no list of members */      \
  CODE(ambiguous_member_list, "ambiguous-member-list") /* two lists of the member shape */         \
  CODE(mixed_member_shapes, "mixed-member-shapes") /* member decisions about different shapes */   \
  CODE(invalid_constraint, "invalid-constraint")   /* a constraint that does not suit its field */ \
  CODE(repeated_constraint, "repeated-constraint") /* two constraints of one kind on a field */    \
  CODE(contradictory_constraints, "contradictory-constraints") /* no value can meet them */        \
  /* Tables */                                                                                     \
  CODE(csv_syntax, "csv-syntax")               /* a quoted cell never closed */                    \
  CODE(missing_column, "missing-column")       /* a declared column the header does not name */    \
  CODE(wrong_field_count, "wrong-field-count") /* a row longer or shorter than the header */       \
  CODE(missing_value, "missing-value") /* an empty cell in a column that is not optional */        \
  CODE(invalid_cell, "invalid-cell")   /* a cell that is not a value of its column's type */       \
  CODE(duplicate_key, "duplicate-key") /* a key in two rows of one table */                        \
  CODE(unknown_key, "unknown-key") /* a cell that must be a key of another table, and is not */    \
  /* Warnings */                                                                                   \
  CODE(unused, "unused")               /* a parameter, table, rule or 'with' never used */         \
  CODE(never_missing, "never-missing") /* 'otherwise' or 'is present' on a value always there */   \
  CODE(missing_label, "missing-label") /* a rule or parameter without a label in a language */     \
  CODE(bare_number, "bare-number")     /* a number without a unit next to a value in a unit */

namespace regla {

enum class DiagnosticCode : unsigned char {
#define REGLA_CODE_ENUMERATOR(identifier, name) identifier,
  REGLA_DIAGNOSTIC_CODES(REGLA_CODE_ENUMERATOR)
#undef REGLA_CODE_ENUMERATOR
};

// The code as diagnostics show it, as in "unit-mismatch".
constexpr std::string_view code_name(DiagnosticCode code) {
  switch (code) {
#define REGLA_CODE_NAME(identifier, name) \
  case DiagnosticCode::identifier:        \
    return name;
    REGLA_DIAGNOSTIC_CODES(REGLA_CODE_NAME)
#undef REGLA_CODE_NAME
  }
  return "";
}

inline constexpr DiagnosticCode every_diagnostic_code[] = {
#define REGLA_CODE_LISTED(identifier, name) DiagnosticCode::identifier,
    REGLA_DIAGNOSTIC_CODES(REGLA_CODE_LISTED)
#undef REGLA_CODE_LISTED
};

}  // namespace regla
