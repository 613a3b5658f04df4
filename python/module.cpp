// regla._regla: the typed public API (include/regla) as a Python module. Rule sets are loaded and
// checked (their problems as Diagnostic objects), compiled for an evaluation date, and records
// (dicts or JSON text) evaluated into dicts of typed decisions. Evaluating releases the GIL, so
// that evaluators on several Python threads run in parallel; an Evaluator is used by one thread
// at a time (each thread makes its own with Compiled.evaluator()).
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cerrno>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "byte_range_file.hpp"
#include "decided_values.hpp"
#include "regla/evaluation.hpp"
#include "regla/rules.hpp"

namespace py = pybind11;

namespace regla::python {
namespace {

// One problem of a rule set, flattened for Python: where it is, what it is, what to look at.
struct Diagnostic {
  std::string severity;  // "error" or "warning"
  std::string code;      // "unknown-field" (docs/language.md, "Diagnostic codes")
  std::string file;
  std::optional<std::uint32_t> line, column, end_line, end_column;  // none for a whole file
  std::string message;
  // The notes diagnostics_text() prints under the problem ("file:14:7: shape 'member' declared
  // here"), one a line; none when it has none.
  std::optional<std::string> hint;

  std::string text() const {
    std::string where = file;
    if (line) where += ":" + std::to_string(*line) + ":" + std::to_string(*column);
    return where + ": " + severity + "[" + code + "]: " + message;
  }
};

Diagnostic diagnostic_of(const Problem& problem) {
  Diagnostic diagnostic;
  diagnostic.severity = problem.severity == Problem::Severity::error ? "error" : "warning";
  diagnostic.code = problem.code;
  diagnostic.file = problem.file;
  if (problem.begin) {
    diagnostic.line = problem.begin->line;
    diagnostic.column = problem.begin->column;
  }
  if (problem.end) {
    diagnostic.end_line = problem.end->line;
    diagnostic.end_column = problem.end->column;
  }
  diagnostic.message = problem.message;
  for (const Problem::Note& note : problem.notes) {
    std::string text = note.file + ":" + std::to_string(note.at.line) + ":" +
                       std::to_string(note.at.column) + ": " + note.message;
    diagnostic.hint = diagnostic.hint ? *diagnostic.hint + "\n" + text : text;
  }
  return diagnostic;
}

// The rules compiled for one evaluation date and language, and how they were asked for (to
// compile them again in another language for explain()).
struct Compiled {
  RuleSet rules;
  EvaluationOptions options;
  CompiledRules compiled;
};

py::object exception_type(const char* name) {
  return py::module_::import("regla._regla").attr(name);
}

[[noreturn]] void raise_rules_error(const std::string& message, const RuleSet& rules) {
  py::object error = exception_type("RulesError")(message);
  py::list diagnostics;
  for (const Problem& problem : rules.problems())
    diagnostics.append(diagnostic_of(problem));
  error.attr("diagnostics") = diagnostics;
  PyErr_SetObject(error.get_type().ptr(), error.ptr());
  throw py::error_already_set();
}

std::shared_ptr<const Compiled> compile_rules(const RuleSet& rules, EvaluationOptions options) {
  CompileResult result = compile(rules, options);
  if (!result.rules) raise_rules_error(result.error, rules);
  return std::make_shared<const Compiled>(Compiled{rules, options, *result.rules});
}

// A record as the JSON line regla reads: text as given, anything else through Python's json
// (ASCII escapes, so that a lone surrogate reaches regla's reader and is refused there), with
// dates as ISO text and numpy scalars and arrays as Python numbers and lists.
std::string record_json(py::handle record) {
  if (py::isinstance<py::str>(record) || py::isinstance<py::bytes>(record))
    return record.cast<std::string>();
  // Kept for the life of the process: a static py::object would be released after Python ends.
  static py::handle dumps = py::object(py::module_::import("json").attr("dumps")).release();
  static py::handle as_json =
      py::cpp_function([](py::handle value) -> py::object {
        for (const char* conversion : {"isoformat", "item", "tolist"})
          if (py::hasattr(value, conversion)) return value.attr(conversion)();
        throw py::type_error("a record holds a " +
                             py::str(value.get_type().attr("__name__")).cast<std::string>() +
                             ", which is not a JSON value");
      }).release();
  return dumps(record, py::arg("ensure_ascii") = true, py::arg("allow_nan") = false,
               py::arg("separators") = py::make_tuple(",", ":"), py::arg("default") = as_json)
      .cast<std::string>();
}

[[noreturn]] void raise_record_error(const Evaluation& evaluation) {
  py::object error = exception_type("RecordError")(*evaluation.error);
  error.attr("line") = evaluation.line;
  error.attr("household_id") =
      evaluation.household_id ? py::cast(*evaluation.household_id) : py::none();
  error.attr("message") = *evaluation.error;
  PyErr_SetObject(error.get_type().ptr(), error.ptr());
  throw py::error_already_set();
}

// An Evaluator called while another thread is using it (EvaluatorBusy in Python).
struct EvaluatorInUse : std::runtime_error {
  EvaluatorInUse()
      : std::runtime_error(
            "this Evaluator is in use by another thread; give each thread its own "
            "(compiled.evaluator())") {}
};

// Evaluates records one at a time, for one thread at a time.
class Evaluator {
 public:
  explicit Evaluator(std::shared_ptr<const Compiled> compiled)
      : compiled_(std::move(compiled)), evaluator_(compiled_->compiled) {}

  py::dict evaluate(py::handle record, std::uint64_t line) {
    std::string json = record_json(record);
    std::unique_lock<std::mutex> claimed = claim();
    const Evaluation* result = nullptr;
    {
      py::gil_scoped_release released;
      result = &evaluator_.evaluate(json, line);
    }
    if (result->error) raise_record_error(*result);
    return python_evaluation(*result);
  }

  // Records are read in chunks, each evaluated with the GIL released, so that memory stays
  // bounded whatever the iterable's length. A rejected record gives a dict with "error".
  py::list evaluate_many(py::iterable records, std::uint64_t first_line) {
    std::unique_lock<std::mutex> claimed = claim();
    py::list out;
    std::vector<std::string> chunk;
    std::vector<Evaluation> decided;
    std::uint64_t line = first_line;
    auto evaluate_chunk = [&] {
      {
        py::gil_scoped_release released;
        for (const std::string& json : chunk)
          decided.push_back(evaluator_.evaluate(json, line++));
      }
      for (const Evaluation& evaluation : decided)
        out.append(python_evaluation(evaluation));
      chunk.clear();
      decided.clear();
    };
    for (py::handle record : records) {
      chunk.push_back(record_json(record));
      if (chunk.size() == chunk_size) evaluate_chunk();
    }
    evaluate_chunk();
    return out;
  }

  // The output line `regla eval` writes for the record (without the final newline).
  std::string json_line(py::handle record, std::uint64_t line) {
    std::string json = record_json(record);
    std::unique_lock<std::mutex> claimed = claim();
    std::string out;
    {
      py::gil_scoped_release released;
      evaluator_.evaluate(json, line, out);
    }
    if (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
  }

  std::string explain(py::handle record, const std::optional<std::string>& language,
                      std::uint64_t line) {
    std::string json = record_json(record);
    std::unique_lock<std::mutex> claimed = claim();
    HouseholdEvaluator& explainer = explainer_in(language.value_or(compiled_->options.language));
    py::gil_scoped_release released;
    return explainer.explain_text(json, line);
  }

  // What this evaluator has decided so far, as the `--summary` JSON of regla eval, read by json.
  py::object summary() {
    std::unique_lock<std::mutex> claimed = claim();
    return py::module_::import("json").attr("loads")(evaluator_.summary().json());
  }

 private:
  static constexpr std::size_t chunk_size = 256;

  std::unique_lock<std::mutex> claim() {
    std::unique_lock<std::mutex> claimed(busy_, std::try_to_lock);
    if (!claimed) throw EvaluatorInUse();
    return claimed;
  }

  HouseholdEvaluator& explainer_in(const std::string& language) {
    if (language == compiled_->options.language) return evaluator_;
    auto found = explainers_.find(language);
    if (found == explainers_.end()) {
      EvaluationOptions options = compiled_->options;
      options.language = language;
      std::shared_ptr<const Compiled> compiled = compile_rules(compiled_->rules, options);
      found =
          explainers_.emplace(language, Explainer{compiled, HouseholdEvaluator(compiled->compiled)})
              .first;
    }
    return found->second.evaluator;
  }

  // The rules compiled in another language, and an evaluator of them, for explain().
  struct Explainer {
    std::shared_ptr<const Compiled> compiled;
    HouseholdEvaluator evaluator;
  };

  std::shared_ptr<const Compiled> compiled_;
  HouseholdEvaluator evaluator_;
  std::map<std::string, Explainer> explainers_;
  std::mutex busy_;
};

[[noreturn]] void raise_os_error(int error, const std::string& path) {
  errno = error;
  PyErr_SetFromErrnoWithFilename(PyExc_OSError, path.c_str());
  throw py::error_already_set();
}

// A part of a registry, the bytes [start, end) of a JSON Lines file cut at line boundaries,
// evaluated as `regla eval --first-line FIRST_LINE` evaluates it (the same stream evaluation, so
// the same output lines), written to the file `output`. Returns the part's summary as `--summary`
// writes it.
std::string evaluate_range(const Compiled& compiled, const std::string& path, std::uint64_t start,
                           std::uint64_t end, const std::string& output, std::uint64_t first_line,
                           unsigned threads) {
  std::FILE* in = open_byte_range(path, start, end);
  if (!in) raise_os_error(errno, path);
  std::FILE* out = std::fopen(output.c_str(), "wb");
  if (!out) {
    int error = errno;
    std::fclose(in);
    raise_os_error(error, output);
  }
  StreamOptions stream;
  stream.threads = threads;
  stream.first_line = first_line;
  std::optional<StreamResult> result;
  {
    py::gil_scoped_release released;
    result.emplace(evaluate_stream(compiled.compiled, stream, in, out));
  }
  std::fclose(in);
  int closed = std::fclose(out) == 0 ? 0 : errno;
  if (result->read_error) raise_os_error(*result->read_error, path);
  if (result->write_error) raise_os_error(*result->write_error, output);
  if (closed != 0) raise_os_error(closed, output);
  return result->summary.json();
}

// The summaries of runs over the parts of a registry (each as `--summary` writes it) added up
// into the summary of the whole, as `regla summary merge` adds them. ValueError names the part
// that is no run summary, or is a run on another date.
std::string merge_summaries(const std::vector<std::string>& parts) {
  RunSummary merged;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    RunSummaryReading reading = RunSummary::from_json(parts[i]);
    if (!reading.summary)
      throw py::value_error("part " + std::to_string(i) +
                            " is not a run summary: " + reading.error);
    if (std::optional<std::string> refused = merged.add_part(*reading.summary))
      throw py::value_error("part " + std::to_string(i) + " cannot be added: " + *refused);
  }
  return merged.json();
}

// A run summary (as `--summary` writes it) for people, as `regla eval` prints it.
std::string summary_text(const std::string& summary) {
  RunSummaryReading reading = RunSummary::from_json(summary);
  if (!reading.summary) throw py::value_error("not a run summary: " + reading.error);
  return reading.summary->text();
}

std::vector<std::string> paths_of(py::handle given) {
  if (py::isinstance<py::str>(given) || py::hasattr(given, "__fspath__"))
    return {py::str(py::module_::import("os").attr("fspath")(given)).cast<std::string>()};
  std::vector<std::string> paths;
  for (py::handle path : given)
    paths.push_back(py::str(py::module_::import("os").attr("fspath")(path)).cast<std::string>());
  return paths;
}

}  // namespace
}  // namespace regla::python

PYBIND11_MODULE(_regla, module) {
  using namespace regla;
  using namespace regla::python;
  module.doc() = "regla's rule sets, checked, compiled and evaluated (the typed public API)";

  py::register_exception<EvaluatorInUse>(module, "EvaluatorBusy", PyExc_RuntimeError);
  py::object value_error = py::reinterpret_borrow<py::object>(PyExc_ValueError);
  py::object builtins = py::module_::import("builtins");
  module.attr("RulesError") = builtins.attr("type")(
      "RulesError", py::make_tuple(value_error),
      py::dict(py::arg("__doc__") = "The rule set cannot be compiled: it has errors "
                                    "(.diagnostics), or an option is not one it takes.",
               py::arg("__module__") = "regla"));
  module.attr("RecordError") = builtins.attr("type")(
      "RecordError", py::make_tuple(value_error),
      py::dict(py::arg("__doc__") = "A record was rejected: .message says where and why "
                                    "(members[2].birth_date: ...), .line and .household_id which.",
               py::arg("__module__") = "regla"));

  py::class_<Diagnostic>(module, "Diagnostic", "one problem of a rule set, where it is")
      .def_readonly("severity", &Diagnostic::severity)
      .def_readonly("code", &Diagnostic::code)
      .def_readonly("file", &Diagnostic::file)
      .def_readonly("line", &Diagnostic::line)
      .def_readonly("column", &Diagnostic::column)
      .def_readonly("end_line", &Diagnostic::end_line)
      .def_readonly("end_column", &Diagnostic::end_column)
      .def_readonly("message", &Diagnostic::message)
      .def_readonly("hint", &Diagnostic::hint)
      .def("__str__", &Diagnostic::text)
      .def("__repr__", [](const Diagnostic& d) { return "<regla.Diagnostic " + d.text() + ">"; });

  py::class_<Evaluator>(module, "Evaluator",
                        "evaluates records against compiled rules; one per thread")
      .def("evaluate", &Evaluator::evaluate, py::arg("record"), py::arg("line") = 1,
           "a record's decisions (a dict), or RecordError")
      .def("evaluate_many", &Evaluator::evaluate_many, py::arg("records"),
           py::arg("first_line") = 1,
           "the decisions of every record, in order; a rejected one is a dict with 'error'")
      .def("json_line", &Evaluator::json_line, py::arg("record"), py::arg("line") = 1,
           "the output line regla eval writes for the record")
      .def("explain", &Evaluator::explain, py::arg("record"), py::arg("lang") = py::none(),
           py::arg("line") = 1, "why each decision came out as it did, for a person to read")
      .def("summary", &Evaluator::summary, "what this evaluator has decided so far");

  py::class_<Compiled, std::shared_ptr<Compiled>>(module, "Compiled",
                                                  "rules compiled for one evaluation date")
      .def_property_readonly("as_of", [](const Compiled& c) { return c.options.as_of; })
      .def_property_readonly("lang", [](const Compiled& c) { return c.options.language; })
      .def_property_readonly("hash", [](const Compiled& c) { return c.rules.hash(); })
      .def_property_readonly("household_decisions",
                             [](const Compiled& c) { return c.compiled.household_decisions(); })
      .def_property_readonly("member_decisions",
                             [](const Compiled& c) { return c.compiled.member_decisions(); })
      .def(
          "evaluator",
          [](const std::shared_ptr<Compiled>& compiled) {
            return std::make_unique<Evaluator>(compiled);
          },
          "a new evaluator (one per thread)")
      .def("evaluate_range", &evaluate_range, py::arg("path"), py::arg("start"), py::arg("end"),
           py::arg("output"), py::kw_only(), py::arg("first_line") = 1, py::arg("threads") = 1,
           "the bytes [start, end) of a JSON Lines file evaluated as `regla eval --first-line` "
           "does, written to the file output; returns the part's summary (--summary's JSON)");

  py::class_<RuleSet>(module, "Rules", "a rule set, loaded and checked")
      .def_property_readonly("diagnostics",
                             [](const RuleSet& rules) {
                               std::vector<Diagnostic> out;
                               for (const Problem& problem : rules.problems())
                                 out.push_back(diagnostic_of(problem));
                               return out;
                             })
      .def_property_readonly("has_errors", &RuleSet::has_errors)
      .def_property_readonly("hash", &RuleSet::hash)
      .def_property_readonly("diagnostics_text",
                             [](const RuleSet& rules) { return rules.diagnostics_text(); })
      .def_property_readonly("household_decisions", &RuleSet::household_decisions)
      .def_property_readonly("member_decisions", &RuleSet::member_decisions)
      .def(
          "compile",
          [](const RuleSet& rules, const std::string& as_of, const std::string& lang,
             std::uint64_t max_steps, const std::string& group_by) {
            EvaluationOptions options{.as_of = as_of, .language = lang, .group_by = group_by};
            options.max_steps = max_steps;
            return std::const_pointer_cast<Compiled>(compile_rules(rules, options));
          },
          py::kw_only(), py::arg("as_of"), py::arg("lang") = "en",
          py::arg("max_steps") = EvaluationOptions{}.max_steps, py::arg("group_by") = "",
          "the rules compiled for the evaluation date as_of (YYYY-MM-DD), or RulesError");

  module.def(
      "load",
      [](py::handle paths, const std::map<std::string, std::string>& settings) {
        std::vector<ParameterSetting> given;
        for (const auto& [parameter, value] : settings)
          given.push_back({parameter, value});
        return RuleSet::load(paths_of(paths), given);
      },
      py::arg("paths"), py::arg("settings") = std::map<std::string, std::string>{},
      "the rule files in a folder (or files and folders), checked; problems in .diagnostics");
  module.def("merge_summaries", &merge_summaries, py::arg("parts"),
             "the run summaries of a registry's parts (--summary's JSON) added up");
  module.def("summary_text", &summary_text, py::arg("summary"),
             "a run summary (--summary's JSON) as regla eval prints it");
  module.def("explanation_languages", &explanation_languages);
}
