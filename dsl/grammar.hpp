// The regla language as a PEGTL grammar (private to the parser). One struct per production, read
// top to bottom like docs/language.md. Expectation failures (`must<>`) name what was expected in
// one table at the end, so every syntax error message is written once.
#pragma once

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

#include "dsl/lexical.hpp"

namespace regla::grammar {

namespace pegtl = tao::pegtl;
using pegtl::at;
using pegtl::eolf;
using pegtl::list;
using pegtl::must;
using pegtl::not_at;
using pegtl::not_one;
using pegtl::one;
using pegtl::opt;
using pegtl::plus;
using pegtl::rep;
using pegtl::seq;
using pegtl::sor;
using pegtl::star;
using pegtl::until;

// ---------------------------------------------------------------------------------------------
// Lexical structure
// ---------------------------------------------------------------------------------------------

struct line_comment : seq<one<'#'>, until<eolf>> {};
struct blank : sor<pegtl::space, line_comment> {};
struct sep : star<blank> {};

// A character of a name (lexical.hpp, name_character_length): one that may start it, or any.
template <bool First>
struct name_character {
  using rule_t = name_character;
  using subs_t = pegtl::empty_list;
  template <typename ParseInput>
  static bool match(ParseInput& in) {
    std::string_view rest(in.current(), static_cast<std::size_t>(in.end() - in.current()));
    std::size_t length = name_character_length(rest, 0, First);
    if (length == 0) return false;
    in.bump(length);
    return true;
  }
};
struct identifier_first : name_character<true> {};
struct identifier_other : name_character<false> {};
struct word : seq<identifier_first, star<identifier_other>> {};

#define REGLA_KEYWORD(name, text) \
  struct kw_##name : seq<TAO_PEGTL_STRING(text), not_at<identifier_other>, sep> {}

REGLA_KEYWORD(program, "program");
REGLA_KEYWORD(use, "use");
REGLA_KEYWORD(shape, "shape");
REGLA_KEYWORD(param, "param");
REGLA_KEYWORD(table, "table");
REGLA_KEYWORD(rule, "rule");
REGLA_KEYWORD(decision, "decision");
REGLA_KEYWORD(reject, "reject");
REGLA_KEYWORD(optional, "optional");
REGLA_KEYWORD(list, "list");
REGLA_KEYWORD(of, "of");
REGLA_KEYWORD(enum, "enum");
REGLA_KEYWORD(id, "id");
REGLA_KEYWORD(at, "at");
REGLA_KEYWORD(least, "least");
REGLA_KEYWORD(most, "most");
REGLA_KEYWORD(from, "from");
REGLA_KEYWORD(until, "until");
REGLA_KEYWORD(file, "file");
REGLA_KEYWORD(key, "key");
REGLA_KEYWORD(column, "column");
REGLA_KEYWORD(source, "source");
REGLA_KEYWORD(force, "force");
REGLA_KEYWORD(with, "with");
REGLA_KEYWORD(applies, "applies");
REGLA_KEYWORD(waived, "waived");
REGLA_KEYWORD(except, "except");
REGLA_KEYWORD(when, "when");
REGLA_KEYWORD(and, "and");
REGLA_KEYWORD(or, "or");
REGLA_KEYWORD(not, "not");
REGLA_KEYWORD(in, "in");
REGLA_KEYWORD(is, "is");
REGLA_KEYWORD(present, "present");
REGLA_KEYWORD(missing, "missing");
REGLA_KEYWORD(otherwise, "otherwise");
REGLA_KEYWORD(if, "if");
REGLA_KEYWORD(then, "then");
REGLA_KEYWORD(else, "else");
REGLA_KEYWORD(all, "all");
REGLA_KEYWORD(any, "any");
REGLA_KEYWORD(count, "count");
REGLA_KEYWORD(sum, "sum");
REGLA_KEYWORD(where, "where");
REGLA_KEYWORD(true, "true");
REGLA_KEYWORD(false, "false");
#undef REGLA_KEYWORD

// Words that cannot name a rule, parameter, table or variable (they may still name a field).
struct reserved_word
    : seq<sor<TAO_PEGTL_STRING("program"), TAO_PEGTL_STRING("use"), TAO_PEGTL_STRING("shape"),
              TAO_PEGTL_STRING("param"), TAO_PEGTL_STRING("table"), TAO_PEGTL_STRING("rule"),
              TAO_PEGTL_STRING("decision"), TAO_PEGTL_STRING("reject"), TAO_PEGTL_STRING("with"),
              TAO_PEGTL_STRING("applies"), TAO_PEGTL_STRING("waived"), TAO_PEGTL_STRING("except"),
              TAO_PEGTL_STRING("when"), TAO_PEGTL_STRING("and"), TAO_PEGTL_STRING("or"),
              TAO_PEGTL_STRING("not"), TAO_PEGTL_STRING("in"), TAO_PEGTL_STRING("is"),
              TAO_PEGTL_STRING("otherwise"), TAO_PEGTL_STRING("if"), TAO_PEGTL_STRING("then"),
              TAO_PEGTL_STRING("else"), TAO_PEGTL_STRING("all"), TAO_PEGTL_STRING("any"),
              TAO_PEGTL_STRING("count"), TAO_PEGTL_STRING("sum"), TAO_PEGTL_STRING("where"),
              TAO_PEGTL_STRING("true"), TAO_PEGTL_STRING("false")>,
          not_at<identifier_other>> {};

struct identifier : seq<not_at<reserved_word>, word> {};
struct name : seq<identifier, sep> {};
// Field names may be any word, so records can have fields called `type` or `count`.
struct field_name : seq<word, sep> {};

template <char... Cs>
struct token : seq<pegtl::string<Cs...>, sep> {};
struct open_paren : token<'('> {};
struct close_paren : token<')'> {};
struct open_bracket : token<'['> {};
struct close_bracket : token<']'> {};
struct open_brace : token<'{'> {};
struct close_brace : token<'}'> {};
struct comma : token<','> {};
struct colon : token<':'> {};
struct dot : token<'.'> {};
struct equals : seq<one<'='>, sep> {};

// ---------------------------------------------------------------------------------------------
// Literals
// ---------------------------------------------------------------------------------------------

struct digit : pegtl::digit {};
struct date_literal : seq<rep<4, digit>, one<'-'>, rep<2, digit>, one<'-'>, rep<2, digit>,
                          not_at<identifier_other>> {};
struct month_literal
    : seq<rep<4, digit>, one<'-'>, rep<2, digit>, not_at<sor<identifier_other, one<'-'>>>> {};
struct number_digits : seq<plus<digit>, opt<one<'.'>, plus<digit>>> {};
// Durations also in Spanish (`65 años`, `6 meses`, `28 días`); the formatter writes them in
// English.
struct unit_word
    : sor<TAO_PEGTL_STRING("days"), TAO_PEGTL_STRING("day"), TAO_PEGTL_STRING("months"),
          TAO_PEGTL_STRING("month"), TAO_PEGTL_STRING("years"), TAO_PEGTL_STRING("year"),
          TAO_PEGTL_STRING("PEN"), TAO_PEGTL_STRING("percent"), TAO_PEGTL_STRING("días"),
          TAO_PEGTL_STRING("día"), TAO_PEGTL_STRING("meses"), TAO_PEGTL_STRING("mes"),
          TAO_PEGTL_STRING("años"), TAO_PEGTL_STRING("año")> {};
struct unit : sor<one<'%'>, seq<unit_word, not_at<identifier_other>>> {};
struct number_literal : seq<number_digits, not_at<identifier_first>, opt<star<blank>, unit>> {};

struct string_end : one<'"'> {};
struct escape_code : one<'"', '\\', 'n', 't'> {};
struct escape : seq<one<'\\'>, must<escape_code>> {};
struct string_char : sor<escape, not_one<'"', '\\', '\n', '\r'>> {};
struct string_content : star<string_char> {};
struct string_literal : seq<one<'"'>, string_content, must<string_end>> {};

struct true_literal : kw_true {};
struct false_literal : kw_false {};

// ---------------------------------------------------------------------------------------------
// Expressions, loosest first
// ---------------------------------------------------------------------------------------------

struct expression;

// Targets of must<>: each names what the parser expected at that point (see `errors` below).
struct expect_expression : seq<expression> {};
struct expect_close_paren : seq<close_paren> {};
struct expect_close_bracket : seq<close_bracket> {};
struct interval_end_excluded : seq<one<')'>, sep> {};
struct interval_end_included : seq<one<']'>, sep> {};
struct expect_interval_end : sor<interval_end_excluded, interval_end_included> {};
struct expect_comma : seq<comma> {};
struct expect_close_brace : seq<close_brace> {};
struct expect_field_name : seq<field_name> {};
struct expect_variable : seq<name> {};
struct expect_in : seq<kw_in> {};
struct expect_colon : seq<colon> {};
struct expect_then : seq<kw_then> {};
struct expect_else : seq<kw_else> {};
struct present_word : kw_present {};
struct missing_word : kw_missing {};
struct expect_presence : sor<present_word, missing_word> {};

struct paren_expression : seq<open_paren, must<expect_expression>, must<expect_close_paren>> {};
struct interval_literal : seq<open_bracket, must<expect_expression>, must<expect_comma>,
                              must<expect_expression>, must<expect_interval_end>> {};
struct set_literal : seq<open_brace, must<expect_expression>, star<comma, must<expect_expression>>,
                         must<expect_close_brace>> {};
struct conditional : seq<kw_if, must<expect_expression>, must<expect_then>, must<expect_expression>,
                         must<expect_else>, must<expect_expression>> {};

struct quantifier_collection;
struct quantifier_filter : seq<kw_where, must<expect_expression>> {};
struct quantifier_body : seq<colon, must<expect_expression>> {};
struct quantifier_body_required : seq<must<expect_colon>, must<expect_expression>> {};
struct all_quantifier
    : seq<kw_all, must<expect_variable>, must<expect_in>, must<quantifier_collection>,
          opt<quantifier_filter>, quantifier_body_required> {};
struct any_quantifier
    : seq<kw_any, must<expect_variable>, must<expect_in>, must<quantifier_collection>,
          opt<quantifier_filter>, quantifier_body_required> {};
struct count_quantifier : seq<kw_count, must<expect_variable>, must<expect_in>,
                              must<quantifier_collection>, opt<quantifier_filter>> {};
struct sum_quantifier
    : seq<kw_sum, must<expect_variable>, must<expect_in>, must<quantifier_collection>,
          opt<quantifier_filter>, quantifier_body_required> {};

// A date written day first (19/10/2011) is a syntax error with a hint (dsl/habits.cpp), not a
// division of numbers.
struct day_first_date : seq<pegtl::rep_min_max<1, 2, digit>, one<'/'>,
                            pegtl::rep_min_max<1, 2, digit>, one<'/'>, rep<4, digit>> {};
// Only raised, never matched: must_if raises a rule with a message wherever it fails.
struct date_written_day_first : pegtl::failure {};
struct day_first_date_habit : seq<at<day_first_date>, pegtl::raise<date_written_day_first>> {};

struct literal
    : sor<day_first_date_habit, seq<date_literal, sep>, seq<month_literal, sep>,
          seq<number_literal, sep>, seq<string_literal, sep>, true_literal, false_literal> {};

struct primary : sor<paren_expression, interval_literal, set_literal, conditional, all_quantifier,
                     any_quantifier, count_quantifier, sum_quantifier, literal, name> {};

struct call_arguments : seq<open_paren, opt<expression, star<comma, must<expect_expression>>>,
                            must<expect_close_paren>> {};
struct field_suffix : seq<dot, must<expect_field_name>> {};
struct index_suffix : seq<open_bracket, must<expect_expression>, must<expect_close_bracket>> {};
struct postfix : seq<primary, star<sor<field_suffix, index_suffix, call_arguments>>> {};
struct quantifier_collection : seq<postfix> {};

struct negation;
struct unary : sor<negation, postfix> {};
struct minus_sign : seq<one<'-'>, sep> {};
struct expect_negated : seq<unary> {};
struct negation : seq<minus_sign, must<expect_negated>> {};

struct multiply_op : seq<one<'*'>, sep> {};
struct divide_op : seq<one<'/'>, sep> {};
struct multiplicative_operand : seq<unary> {};
struct expect_multiplicative_operand : seq<multiplicative_operand> {};
struct multiplicative
    : seq<multiplicative_operand,
          star<sor<multiply_op, divide_op>, must<expect_multiplicative_operand>>> {};

struct add_op : seq<one<'+'>, sep> {};
struct subtract_op : seq<one<'-'>, sep> {};
struct additive_operand : seq<multiplicative> {};
struct expect_additive_operand : seq<additive_operand> {};
struct additive
    : seq<additive_operand, star<sor<add_op, subtract_op>, must<expect_additive_operand>>> {};

struct otherwise_operand : seq<additive> {};
struct expect_otherwise_operand : seq<otherwise_operand> {};
struct otherwise_expression
    : seq<otherwise_operand, star<kw_otherwise, must<expect_otherwise_operand>>> {};

struct less_equal_op : seq<TAO_PEGTL_STRING("<="), sep> {};
struct greater_equal_op : seq<TAO_PEGTL_STRING(">="), sep> {};
struct not_equal_op : seq<TAO_PEGTL_STRING("!="), sep> {};
struct less_op : seq<one<'<'>, sep> {};
struct greater_op : seq<one<'>'>, sep> {};
struct equal_op : seq<one<'='>, sep> {};
struct not_in_op : seq<kw_not, kw_in> {};
struct in_op : seq<kw_in> {};
struct comparison_op : sor<less_equal_op, greater_equal_op, not_equal_op, less_op, greater_op,
                           equal_op, not_in_op, in_op> {};
struct comparison_operand : seq<otherwise_expression> {};
struct expect_comparison_operand : seq<comparison_operand> {};
struct presence_test : seq<kw_is, must<expect_presence>> {};
struct comparison
    : seq<comparison_operand,
          opt<sor<seq<comparison_op, must<expect_comparison_operand>>, presence_test>>> {};

struct logical_not;
struct not_operand : sor<logical_not, comparison> {};
struct expect_not_operand : seq<not_operand> {};
struct logical_not : seq<kw_not, must<expect_not_operand>> {};

struct and_operand : seq<not_operand> {};
struct expect_and_operand : seq<and_operand> {};
struct and_expression : seq<and_operand, star<kw_and, must<expect_and_operand>>> {};
struct or_operand : seq<and_expression> {};
struct expect_or_operand : seq<or_operand> {};
struct or_expression : seq<or_operand, star<kw_or, must<expect_or_operand>>> {};
struct expression : seq<or_expression> {};

// ---------------------------------------------------------------------------------------------
// Declarations
// ---------------------------------------------------------------------------------------------

struct expect_name : seq<name> {};
struct expect_open_brace : seq<open_brace> {};
struct expect_type : seq<struct type_expression> {};
struct expect_string : seq<string_literal, sep> {};
struct expect_when : seq<kw_when> {};
struct expect_of : seq<kw_of> {};
struct expect_equals : seq<equals> {};
struct expect_enum_value : seq<field_name> {};
struct expect_date_reference : sor<seq<date_literal, sep>, name> {};
struct expect_force : seq<kw_force> {};

struct language_tag
    : seq<pegtl::ranges<'a', 'z'>, pegtl::ranges<'a', 'z'>, not_at<identifier_other>> {};
struct label : seq<language_tag, star<blank>, at<one<'"'>>, must<expect_string>> {};
struct source_note : seq<kw_source, must<expect_string>> {};
struct description_clause : sor<label, source_note> {};

struct optional_type : seq<kw_optional, must<expect_type>> {};
struct list_type : seq<kw_list, must<expect_of>, must<expect_type>> {};
struct enum_type : seq<kw_enum, must<expect_open_brace>, must<expect_enum_value>,
                       star<comma, must<expect_enum_value>>, must<expect_close_brace>> {};
struct type_name : seq<name> {};
struct type_expression : sor<optional_type, list_type, enum_type, type_name> {};

struct program_declaration : seq<kw_program, must<expect_name>, star<description_clause>> {};
struct use_declaration : seq<kw_use, must<expect_name>> {};

struct id_marker : kw_id {};
// Constraints on a field's values: `at least 0 PEN`, `at most 20 characters`, `6 digits`.
struct least_word : kw_least {};
struct most_word : kw_most {};
struct expect_least_or_most : sor<least_word, most_word> {};
struct bound_minus : one<'-'> {};
struct characters_word : seq<sor<TAO_PEGTL_STRING("characters"), TAO_PEGTL_STRING("character")>,
                             not_at<identifier_other>, sep> {};
struct constraint_bound : seq<opt<bound_minus, sep>, number_literal, sep, opt<characters_word>> {};
struct expect_constraint_bound : seq<constraint_bound> {};
struct bound_constraint : seq<kw_at, must<expect_least_or_most>, must<expect_constraint_bound>> {};
struct digit_count : seq<plus<digit>, not_at<identifier_other>> {};
struct digits_word : seq<sor<TAO_PEGTL_STRING("digits"), TAO_PEGTL_STRING("digit")>,
                         not_at<identifier_other>, sep> {};
struct expect_digits_word : seq<digits_word> {};
struct digits_constraint : seq<digit_count, sep, must<expect_digits_word>> {};
struct expect_constraint : sor<bound_constraint, digits_constraint> {};
struct field_constraint : seq<comma, must<expect_constraint>> {};
struct field_declaration : seq<field_name, must<expect_colon>, must<expect_type>, opt<id_marker>,
                               star<field_constraint>> {};
struct shape_declaration : seq<kw_shape, must<expect_name>, must<expect_open_brace>,
                               star<field_declaration>, must<expect_close_brace>> {};

struct from_clause : seq<kw_from, must<expect_date_reference>> {};
struct until_clause : seq<kw_until, must<expect_date_reference>> {};
struct negative_number : seq<minus_sign, number_literal, sep> {};
struct param_literal : sor<interval_literal, set_literal, negative_number, literal> {};
// `= no value until 2027-03-01`: a period in which the parameter deliberately has no value.
struct no_value : seq<TAO_PEGTL_STRING("no"), not_at<identifier_other>, sep,
                      TAO_PEGTL_STRING("value"), not_at<identifier_other>, sep> {};
struct expect_param_literal : sor<no_value, param_literal> {};
struct param_value : seq<equals, must<expect_param_literal>, opt<from_clause>, opt<until_clause>> {
};
struct expect_param_value : seq<param_value> {};
struct param_declaration : seq<kw_param, must<expect_name>, must<expect_param_value>,
                               star<param_value>, star<description_clause>> {};

struct file_clause : seq<kw_file, must<expect_string>> {};
// A column's constraints: those of shape fields, and `in TABLE` (every value is a key of TABLE).
struct key_table : seq<name, opt<dot, must<expect_name>>> {};
struct expect_key_table : seq<key_table> {};
struct keys_of_constraint : seq<kw_in, must<expect_key_table>> {};
struct expect_column_constraint : sor<bound_constraint, digits_constraint, keys_of_constraint> {};
struct column_constraint : seq<comma, must<expect_column_constraint>> {};
struct key_column : seq<kw_key, must<expect_name>, must<expect_colon>, must<expect_type>,
                        star<column_constraint>> {};
struct plain_column : seq<kw_column, must<expect_name>, must<expect_colon>, must<expect_type>,
                          star<column_constraint>> {};
struct table_declaration
    : seq<kw_table, must<expect_name>,
          star<sor<file_clause, key_column, plain_column, description_clause>>> {};

struct rule_param : seq<name, must<expect_colon>, must<expect_name>> {};
struct expect_rule_param : seq<rule_param> {};
struct rule_params : seq<open_paren, must<expect_rule_param>, star<comma, must<expect_rule_param>>,
                         must<expect_close_paren>> {};
struct declared_type : seq<colon, must<expect_type>> {};
struct in_force_clause : seq<kw_in, must<expect_force>, opt<from_clause>, opt<until_clause>> {};
struct with_clause
    : seq<kw_with, must<expect_name>, must<expect_equals>, must<expect_expression>, star<label>> {};
struct applies_clause : seq<kw_applies, must<expect_when>, must<expect_expression>, star<label>> {};
struct rule_body : seq<equals, must<expect_expression>> {};
struct expect_rule_body : seq<rule_body> {};
struct waiver_clause : seq<kw_waived, must<expect_when>, must<expect_expression>, star<label>> {};
struct exception_clause : seq<kw_except, must<expect_when>, must<expect_expression>, star<label>> {
};
struct decision_keyword : kw_decision {};
struct rule_keyword : kw_rule {};
struct rule_declaration : seq<sor<rule_keyword, decision_keyword>, must<expect_name>,
                              opt<rule_params>, opt<declared_type>, star<description_clause>,
                              opt<in_force_clause>, must<expect_rule_body>, opt<applies_clause>,
                              star<waiver_clause>, star<exception_clause>, star<with_clause>> {};

struct reject_declaration
    : seq<kw_reject, opt<rule_params>, must<expect_when>, must<expect_expression>, star<label>> {};

struct declaration : sor<program_declaration, use_declaration, shape_declaration, param_declaration,
                         table_declaration, rule_declaration, reject_declaration> {};
struct expect_declaration : seq<declaration> {};

// After a syntax error in a declaration, what can still be read of its start: the keyword and the
// name and, for a rule, its parameters and declared type. The declaration then stays known by its
// name, so that its uses are not reported as unknown names.
struct program_header : seq<kw_program, name> {};
struct param_header : seq<kw_param, name> {};
struct table_header : seq<kw_table, name> {};
struct shape_header : seq<kw_shape, name> {};
struct rule_header
    : seq<sor<rule_keyword, decision_keyword>, name, opt<rule_params>, opt<declared_type>> {};
struct declaration_header
    : sor<program_header, param_header, table_header, shape_header, rule_header> {};
// When even a rule's parameters or type do not parse: its name alone.
struct rule_name_header : seq<sor<rule_keyword, decision_keyword>, name> {};

// One declaration at a time: the parser loops over them so that it can recover after an error.
struct next_declaration : seq<must<expect_declaration>, sep> {};
struct leading_blanks : sep {};

// ---------------------------------------------------------------------------------------------
// Error messages for must<> failures
// ---------------------------------------------------------------------------------------------

template <typename Rule>
struct error_message {
  static constexpr const char* text = nullptr;
};
#define REGLA_EXPECTED(rule, message)            \
  template <>                                    \
  struct error_message<rule> {                   \
    static constexpr const char* text = message; \
  }

REGLA_EXPECTED(
    expect_declaration,
    "expected a declaration: program, use, shape, param, table, rule, decision or reject");
REGLA_EXPECTED(expect_name, "expected a name");
REGLA_EXPECTED(date_written_day_first, "dates are written YYYY-MM-DD");
REGLA_EXPECTED(expect_expression, "expected an expression");
REGLA_EXPECTED(expect_negated, "expected a value after '-'");
REGLA_EXPECTED(expect_multiplicative_operand, "expected a value after '*' or '/'");
REGLA_EXPECTED(expect_additive_operand, "expected a value after '+' or '-'");
REGLA_EXPECTED(expect_otherwise_operand,
               "expected the value to use when missing, after 'otherwise'");
REGLA_EXPECTED(expect_comparison_operand, "expected a value to compare with");
REGLA_EXPECTED(expect_not_operand, "expected a condition after 'not'");
REGLA_EXPECTED(expect_and_operand, "expected a condition after 'and'");
REGLA_EXPECTED(expect_or_operand, "expected a condition after 'or'");
REGLA_EXPECTED(expect_close_paren, "expected ')'");
REGLA_EXPECTED(expect_close_bracket, "expected ']' after the key");
REGLA_EXPECTED(expect_interval_end,
               "expected ')' (end excluded) or ']' (end included) to close the interval");
REGLA_EXPECTED(expect_comma, "expected ',' between the start and the end of the interval");
REGLA_EXPECTED(expect_close_brace, "expected '}'");
REGLA_EXPECTED(expect_open_brace, "expected '{'");
REGLA_EXPECTED(expect_field_name, "expected a field name after '.'");
REGLA_EXPECTED(expect_variable,
               "expected a variable name, as in 'all m in household.members: ...'");
REGLA_EXPECTED(expect_in,
               "expected 'in' after the variable, as in 'all m in household.members: ...'");
REGLA_EXPECTED(quantifier_collection, "expected the list to go through after 'in'");
REGLA_EXPECTED(expect_colon, "expected ':'");
REGLA_EXPECTED(expect_then, "expected 'then' after the condition of 'if'");
REGLA_EXPECTED(expect_else, "expected 'else': an 'if' must say what holds otherwise");
REGLA_EXPECTED(expect_presence, "expected 'present' or 'missing' after 'is'");
REGLA_EXPECTED(expect_type,
               "expected a type: bool, integer, decimal, money, percent, text, date, month, days, "
               "months, years, interval, enum { ... }, list of ..., optional ..., or a shape name");
REGLA_EXPECTED(expect_string, "expected text in double quotes");
REGLA_EXPECTED(string_end, "unterminated text: add the closing '\"' on the same line");
REGLA_EXPECTED(escape_code, "unknown escape: use \\\" \\\\ \\n or \\t");
REGLA_EXPECTED(expect_when, "expected 'when'");
REGLA_EXPECTED(expect_of, "expected 'of', as in 'list of member'");
REGLA_EXPECTED(expect_equals, "expected '='");
REGLA_EXPECTED(expect_enum_value, "expected an enum value");
REGLA_EXPECTED(expect_date_reference,
               "expected a date (YYYY-MM-DD) or the name of a date parameter");
REGLA_EXPECTED(expect_constraint,
               "expected a constraint after ',': 'at least ...', 'at most ...' or 'N digits'");
REGLA_EXPECTED(expect_column_constraint,
               "expected a constraint after ',': 'at least ...', 'at most ...', 'N digits' or 'in "
               "TABLE'");
REGLA_EXPECTED(expect_key_table,
               "expected the table whose keys the column holds, as in 'in "
               "districts' or 'in inei.districts'");
REGLA_EXPECTED(expect_least_or_most, "expected 'least' or 'most' after 'at'");
REGLA_EXPECTED(
    expect_constraint_bound,
    "expected a number, as in 'at least 0 PEN', 'at least 1' or 'at most 20 characters'");
REGLA_EXPECTED(expect_digits_word, "expected 'digits', as in 'ubigeo: text, 6 digits'");
REGLA_EXPECTED(expect_force, "expected 'force', as in 'in force from 2007-01-01'");
REGLA_EXPECTED(expect_param_literal,
               "expected a value: a number with its unit, a date, a month, text, true or false, an "
               "interval [a, b) or a set {a, b}; or 'no value'");
REGLA_EXPECTED(expect_param_value, "expected '= value' after the parameter's name");
REGLA_EXPECTED(expect_rule_param, "expected a parameter, as in 'person: member'");
REGLA_EXPECTED(expect_rule_body,
               "expected '= <expression>' giving the rule's value (only labels, source and 'in "
               "force' come before it; 'applies when', 'waived when', 'except when' and 'with' "
               "come after it)");
#undef REGLA_EXPECTED

struct errors {
  template <typename Rule>
  static constexpr const char* message = error_message<Rule>::text;
};

}  // namespace regla::grammar

// For PEGTL's grammar analysis: a name character consumes input, as `any` does.
template <typename Name, bool First>
struct tao::pegtl::analyze_traits<Name, regla::grammar::name_character<First>>
    : analyze_any_traits<> {};
