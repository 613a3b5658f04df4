// Loading a rule set: find the files, parse each, check them together, hash what was read.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "dsl/formatter.hpp"
#include "dsl/parser.hpp"
#include "engine/checker.hpp"
#include "engine/loaded_rules.hpp"
#include "engine/sha256.hpp"

namespace regla {
namespace {

std::optional<std::string> read_whole_file(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return text.str();
}

}  // namespace

FileReader read_from_disk() {
  return read_whole_file;
}

RuleSet RuleSet::load(const std::vector<std::string>& paths) {
  std::vector<RuleFile> files;
  std::vector<std::pair<std::string, std::string>> unreadable;  // path, why
  for (const std::string& path : paths) {
    std::error_code error;
    std::vector<std::string> names;
    if (std::filesystem::is_directory(path, error)) {
      for (auto it = std::filesystem::recursive_directory_iterator(path, error);
           !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
        if (it->is_regular_file(error) && it->path().extension() == ".regla") {
          names.push_back(it->path().generic_string());
        }
      }
      std::sort(names.begin(), names.end());
    } else {
      names.push_back(path);
    }
    if (names.empty()) unreadable.emplace_back(path, "no rule files (*.regla) in this folder");
    for (const std::string& name : names) {
      if (std::optional<std::string> text = read_whole_file(name)) {
        files.push_back({name, std::move(*text)});
      } else {
        unreadable.emplace_back(name,
                                "cannot read this file (it does not exist or is not readable)");
      }
    }
  }
  return RuleSet(build(std::move(files), read_whole_file, unreadable));
}

RuleSet RuleSet::from_files(std::vector<RuleFile> files, FileReader read_file) {
  return RuleSet(build(std::move(files), std::move(read_file), {}));
}

std::shared_ptr<const detail::LoadedRules> RuleSet::build(
    std::vector<RuleFile> files, FileReader read_file,
    const std::vector<std::pair<std::string, std::string>>& unreadable) {
  auto loaded = std::make_shared<detail::LoadedRules>();
  for (const auto& [name, why] : unreadable) {
    FileId file = loaded->sources->add(name, "");
    loaded->diagnostics.error(DiagnosticCode::program_structure, {file, 0, 0}, why);
  }
  std::vector<std::pair<std::string, std::string>> hashed;
  for (RuleFile& file : files) {
    hashed.emplace_back(file.name, file.text);
    FileId id = loaded->sources->add(std::move(file.name), std::move(file.text));
    loaded->modules.push_back(parse_module(*loaded->sources, id, loaded->diagnostics));
  }
  // Tables are read while checking, so they are hashed from the sources afterwards.
  std::size_t rule_files = loaded->sources->size();
  FileReader reader = read_file ? std::move(read_file) : FileReader(read_whole_file);
  loaded->program = check_program(loaded->sources, loaded->modules, reader, loaded->diagnostics);
  for (std::size_t i = rule_files; i < loaded->sources->size(); ++i) {
    const SourceFile& table = loaded->sources->file(static_cast<FileId>(i));
    hashed.emplace_back(table.name(), table.text());
  }
  std::sort(hashed.begin(), hashed.end());
  Sha256 sha;
  for (const auto& [name, text] : hashed) {
    // Length-prefixed, so no two different sets of files hash the same input.
    sha.update(std::to_string(name.size()) + ":" + name + std::to_string(text.size()) + ":");
    sha.update(text);
  }
  loaded->hash = "sha256:" + sha.hex_digest();
  return loaded;
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
const std::string& RuleSet::hash() const {
  return loaded_->hash;
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
