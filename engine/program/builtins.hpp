// The built-in functions of the rule language, declared once, in one table (builtins.cpp): for
// each, its name, how many arguments it takes, how a call is typed, how it is evaluated, and its
// line in docs/language.md. The checker, both evaluators and the docs' test read only this table,
// so adding a built-in is adding an entry (and its examples and its line in the docs).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "engine/program/calendar.hpp"
#include "engine/program/types.hpp"
#include "engine/program/value.hpp"

namespace regla::builtins {

// Evaluates a call on its arguments, present and of the types the signature accepted. It may
// throw EvaluationError. The reference interpreter and the compiled evaluator both call it, so
// they cannot disagree on what a built-in computes.
using Evaluation = Value (*)(std::span<const Value> arguments, const calendar::SplitDay& as_of);

// What a signature says about a call: its type and how to evaluate it, or why it is wrong.
struct Typing {
  Type result;
  // Null when the call is its first argument unchanged (the floor of a whole number).
  Evaluation evaluation = nullptr;
  std::string error;  // set when the call is wrong: the checker reports it
  // The argument the error is about, for the checker to point at; none: the whole call.
  std::optional<std::size_t> culprit;

  bool is_error() const { return !error.empty(); }
};

// Names a type as the checker's messages do ("a date", "money", "enum { ... }").
using Describe = std::function<std::string(const Type&)>;

// Types a call from its arguments' types (present: the checker requires it, as many as the arity).
using Signature = Typing (*)(std::string_view name, std::span<const Type> arguments,
                             const Describe& describe);

struct Builtin {
  std::string_view name;
  std::size_t arity;
  // The arguments are first brought to one type, as a comparison's operands are (a bare number
  // takes the other's unit; an integer meeting a decimal becomes one); when they cannot be, the
  // checker reports "cannot compare ... and ...".
  bool arguments_alike;
  Signature signature;
  std::string_view usage;  // the call as docs/language.md writes it: "clamp(x, low, high)"
  std::string_view doc;    // what it computes, its one line in docs/language.md
};

// Every built-in, in the order docs/language.md lists them.
std::span<const Builtin> table();

// The built-in of that name, if any.
const Builtin* find(std::string_view name);

}  // namespace regla::builtins
