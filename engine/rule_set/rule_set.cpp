// Loading a rule set: find the files, parse each, check them together, hash what was read.
#include <openssl/sha.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "dsl/formatter.hpp"
#include "dsl/parser.hpp"
#include "engine/check/checker.hpp"
#include "engine/check/table_files.hpp"
#include "engine/rule_set/loaded_rules.hpp"

namespace regla {
namespace {
namespace fs = std::filesystem;

std::optional<std::string> read_whole_file(const std::string& path) {
  std::error_code error;
  if (!fs::is_regular_file(path, error)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return text.str();
}

// Where a rule file lies: the rule folder it was found in (empty for files handed over in
// memory) and its path inside that folder.
struct RuleFileLocation {
  fs::path folder;
  fs::path path_in_folder;
};

std::string sha256_hex(std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  static const char digits[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char byte : digest) {
    hex += digits[byte >> 4];
    hex += digits[byte & 15];
  }
  return hex;
}

// The rules hash: the SHA-256 of the `sha256sum` listing ("<hex>  <path>\n") of every file the
// rule set read, by path inside the rule folder, sorted bytewise, so that it does not depend on
// how the folder was named and `sha256sum` can recompute it (README).
std::string rules_hash(std::vector<std::pair<std::string, std::string>> path_and_digest) {
  std::sort(path_and_digest.begin(), path_and_digest.end());
  path_and_digest.erase(std::unique(path_and_digest.begin(), path_and_digest.end()),
                        path_and_digest.end());
  std::string listing;
  for (const auto& [path, digest] : path_and_digest)
    listing += digest + "  " + path + "\n";
  return "sha256:" + sha256_hex(listing);
}

// The declaration of parameter `name` ("program.parameter") in `modules`, or null.
ast::ParamDecl* find_parameter(std::vector<ast::Module>& modules, const std::string& name,
                               std::vector<std::string>& known) {
  for (ast::Module& module : modules) {
    std::string program;
    for (ast::Declaration& declaration : module.declarations) {
      if (auto* declared = std::get_if<ast::ProgramDecl>(&declaration.node)) {
        program = declared->name.name;
      } else if (auto* parameter = std::get_if<ast::ParamDecl>(&declaration.node)) {
        std::string qualified = program + "." + parameter->name.name;
        if (qualified == name) return parameter;
        known.push_back(qualified);
      }
    }
  }
  return nullptr;
}

// Gives the parameter of `setting` its value on every day. The value is read from a file of its
// own ("--set PARAMETER"), so that a problem with it is shown there, with a caret.
void apply_setting(detail::LoadedRules& loaded, const ParameterSetting& setting) {
  const std::string lead = "param setting = ";
  FileId file = loaded.sources->add("--set " + setting.parameter, lead + setting.value + "\n");
  ast::Module parsed = parse_module(*loaded.sources, file, loaded.diagnostics);
  std::vector<std::string> known;
  ast::ParamDecl* target = find_parameter(loaded.modules, setting.parameter, known);
  if (!target) {
    std::string message = "no parameter '" + setting.parameter + "' to set";
    if (auto close = closest_name(setting.parameter, known))
      message += "; did you mean '" + *close + "'?";
    loaded.diagnostics.error(DiagnosticCode::unknown_name,
                             {file, 0, static_cast<std::uint32_t>(lead.size() - 3)}, message);
    return;
  }
  for (ast::Declaration& declaration : parsed.declarations) {
    auto* given = std::get_if<ast::ParamDecl>(&declaration.node);
    if (!given) continue;
    if (given->values.size() != 1 || given->values[0].from || given->values[0].until ||
        !given->values[0].value) {
      loaded.diagnostics.error(DiagnosticCode::invalid_literal,
                               {file, static_cast<std::uint32_t>(lead.size()),
                                static_cast<std::uint32_t>(lead.size() + setting.value.size())},
                               "a setting is one value for every day, with no dates");
      return;
    }
    target->values = std::move(given->values);
    return;
  }
}

std::shared_ptr<const detail::LoadedRules> build(
    const std::vector<RuleFile>& files, const std::vector<RuleFileLocation>& locations,
    const TableFileReader& read_table,
    const std::vector<std::pair<std::string, ReadProblem>>& unreadable,
    const std::vector<ParameterSetting>& settings = {}) {
  auto loaded = std::make_shared<detail::LoadedRules>();
  // Rule files first, so that a rule file's FileId is its index in `files` and `locations`.
  std::vector<std::pair<std::string, std::string>> hashed;  // path in folder, SHA-256
  for (std::size_t i = 0; i < files.size(); ++i) {
    hashed.emplace_back(locations[i].path_in_folder.generic_string(), sha256_hex(files[i].text));
    FileId id = loaded->sources->add(files[i].name, files[i].text);
    loaded->modules.push_back(parse_module(*loaded->sources, id, loaded->diagnostics));
  }
  for (const auto& [name, problem] : unreadable) {
    FileId file = loaded->sources->add(name, "");
    loaded->diagnostics.error(problem.code, {file, 0, 0}, problem.message);
  }
  for (const ParameterSetting& setting : settings) {
    apply_setting(*loaded, setting);
    // Hashed like a file, by a path no file of a rule folder can have.
    hashed.emplace_back("--set " + setting.parameter, sha256_hex(setting.value));
  }
  TableFileReader read_and_hash = [&](FileId rule_file, const std::string& written) {
    TableFileRead read = read_table(rule_file, written);
    if (const TableFile* table = std::get_if<TableFile>(&read))
      hashed.emplace_back(table->path_in_folder, sha256_hex(table->text));
    return read;
  };
  loaded->program = check_program(loaded->sources, loaded->modules, read_and_hash,
                                  loaded->diagnostics, &loaded->check_timings);
  loaded->hash = rules_hash(std::move(hashed));
  return loaded;
}

}  // namespace

const detail::LoadedRules& detail::loaded_rules(const RuleSet& rules) {
  return *rules.loaded_;
}

FileReader read_from_disk() {
  return read_whole_file;
}

RuleSet RuleSet::load(const std::vector<std::string>& paths) {
  return load(paths, {});
}

RuleSet RuleSet::load(const std::vector<std::string>& paths,
                      const std::vector<ParameterSetting>& settings) {
  std::vector<RuleFile> files;
  std::vector<RuleFileLocation> locations;
  std::vector<std::pair<std::string, ReadProblem>> unreadable;  // path, why
  for (const std::string& path : paths) {
    std::error_code error;
    std::vector<fs::path> names;
    // The rule folder: the folder given, or the folder of the file given.
    fs::path folder = fs::path(path).parent_path();
    if (fs::is_directory(path, error)) {
      folder = path;
      for (auto it = fs::recursive_directory_iterator(path, error);
           !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
        if (!it->is_regular_file(error) || it->path().extension() != ".regla") continue;
        if (resolves_inside(folder, it->path())) {
          names.push_back(it->path());
        } else {
          unreadable.emplace_back(
              it->path().generic_string(),
              ReadProblem{DiagnosticCode::outside_rule_folder,
                          "a symbolic link that leads outside the rule folder; not read"});
        }
      }
      std::sort(names.begin(), names.end());
    } else {
      names.push_back(path);
    }
    if (folder.empty()) folder = ".";
    if (names.empty()) {
      unreadable.emplace_back(path, ReadProblem{DiagnosticCode::no_rule_files,
                                                "no rule files (*.regla) in this folder"});
    }
    for (const fs::path& name : names) {
      if (std::optional<std::string> text = read_whole_file(name.generic_string())) {
        files.push_back({name.generic_string(), std::move(*text)});
        locations.push_back({folder, name.lexically_relative(folder)});
      } else {
        unreadable.emplace_back(
            name.generic_string(),
            ReadProblem{DiagnosticCode::unreadable_file,
                        "cannot read this file (it does not exist or is not readable)"});
      }
    }
  }
  TableFileReader read_table = [&](FileId rule_file, const std::string& written) -> TableFileRead {
    const RuleFileLocation& location = locations[rule_file];
    auto inside = table_path_in_folder(location.path_in_folder, written);
    if (const ReadProblem* problem = std::get_if<ReadProblem>(&inside)) return *problem;
    std::string name = (fs::path(files[rule_file].name).parent_path() / written).generic_string();
    return read_table_in_folder(location.folder, std::get<fs::path>(inside), written, name);
  };
  return RuleSet(build(files, locations, read_table, unreadable, settings));
}

RuleSet RuleSet::from_files(std::vector<RuleFile> files, FileReader read_file) {
  std::vector<RuleFileLocation> locations;
  for (const RuleFile& file : files)
    locations.push_back({fs::path(), fs::path(file.name).lexically_normal()});
  if (!read_file) read_file = read_whole_file;
  TableFileReader read_table = [&](FileId rule_file, const std::string& written) -> TableFileRead {
    auto inside = table_path_in_folder(locations[rule_file].path_in_folder, written);
    if (const ReadProblem* problem = std::get_if<ReadProblem>(&inside)) return *problem;
    std::string name = (fs::path(files[rule_file].name).parent_path() / written).generic_string();
    std::optional<std::string> text = read_file(name);
    if (!text)
      return ReadProblem{DiagnosticCode::unreadable_file,
                         "cannot read table file " + in_quotes(name)};
    if (text->size() > max_table_bytes) return table_too_long(written);
    return TableFile{name, std::get<fs::path>(inside).generic_string(), std::move(*text)};
  };
  return RuleSet(build(files, locations, read_table, {}));
}

bool RuleSet::has_errors() const {
  return loaded_->diagnostics.has_errors();
}
std::size_t RuleSet::error_count() const {
  return loaded_->diagnostics.error_count();
}
std::size_t RuleSet::warning_count() const {
  return loaded_->diagnostics.all().size() - loaded_->diagnostics.error_count();
}
std::string RuleSet::diagnostics_text() const {
  return render_diagnostics(*loaded_->sources, loaded_->diagnostics.all());
}

std::string RuleSet::diagnostics_text(const std::string& first_file) const {
  const SourceSet& sources = *loaded_->sources;
  fs::path first = fs::path(first_file).lexically_normal();
  std::string in_first, in_others;
  for (const Diagnostic* diagnostic : in_reading_order(loaded_->diagnostics.all())) {
    bool is_first =
        fs::path(sources.file(diagnostic->range.file).name()).lexically_normal() == first;
    (is_first ? in_first : in_others) += render_diagnostic(sources, *diagnostic);
  }
  return in_first + in_others;
}

std::vector<Problem> RuleSet::problems() const {
  const SourceSet& sources = *loaded_->sources;
  auto point = [](const SourceFile& file, std::uint32_t offset) {
    LineColumn at = file.line_column(offset);
    return SourcePoint{at.line, at.column};
  };
  std::vector<Problem> problems;
  for (const Diagnostic* diagnostic : in_reading_order(loaded_->diagnostics.all())) {
    const SourceFile& file = sources.file(diagnostic->range.file);
    Problem& problem = problems.emplace_back();
    problem.severity = diagnostic->severity == Severity::error ? Problem::Severity::error
                                                               : Problem::Severity::warning;
    problem.code = code_name(diagnostic->code);
    problem.file = file.name();
    if (!file.text().empty()) {  // as diagnostics_text(): an empty file stands for a whole path
      problem.begin = point(file, diagnostic->range.begin);
      problem.end = point(file, diagnostic->range.end);
    }
    problem.message = diagnostic->message;
    for (const DiagnosticNote& note : diagnostic->notes) {
      const SourceFile& note_file = sources.file(note.range.file);
      problem.notes.push_back({note_file.name(), point(note_file, note.range.begin), note.message});
    }
  }
  return problems;
}
const std::string& RuleSet::hash() const {
  return loaded_->hash;
}

const std::vector<StageTiming>& RuleSet::check_timings() const {
  return loaded_->check_timings;
}

std::vector<std::string> RuleSet::household_decisions() const {
  std::vector<std::string> names;
  for (const DecisionOutput& d : loaded_->program->household_decisions)
    names.push_back(d.key);
  return names;
}
std::vector<std::string> RuleSet::member_decisions() const {
  std::vector<std::string> names;
  for (const DecisionOutput& d : loaded_->program->member_decisions)
    names.push_back(d.key);
  return names;
}

FormatResult format_rules(const RuleFile& file) {
  SourceSet sources;
  FileId id = sources.add(file.name, file.text);
  DiagnosticSink diagnostics;
  ast::Module module = parse_module(sources, id, diagnostics);
  if (diagnostics.has_errors()) return {false, "", render_diagnostics(sources, diagnostics.all())};
  return {true, format_module(module, sources.file(id)), ""};
}

}  // namespace regla
