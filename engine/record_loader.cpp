// The two JSON readers behind RecordLoader: simdjson On-Demand (fast: values are parsed only when
// a rule needs them) and nlohmann/json (a DOM per record; the simple reference).
#include "engine/record_loader.hpp"

#include <simdjson.h>

#include <bit>
#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>

#include "engine/record_walker.hpp"

namespace regla {
namespace {

class SimdjsonReader {
 public:
  using Value = simdjson::ondemand::value;

  // Asked of every value read; inlined, it costs a few instructions instead of a call.
  [[gnu::always_inline]] JsonKind kind(Value& value) {
    simdjson::ondemand::json_type type;
    if (failed(value.type().get(type))) return JsonKind::invalid;
    switch (type) {
      case simdjson::ondemand::json_type::object:
        return JsonKind::object;
      case simdjson::ondemand::json_type::array:
        return JsonKind::array;
      case simdjson::ondemand::json_type::string:
        return JsonKind::string;
      case simdjson::ondemand::json_type::number:
        return JsonKind::number;
      case simdjson::ondemand::json_type::boolean:
        return JsonKind::boolean;
      case simdjson::ondemand::json_type::null:
        // type() only looks at the first byte; `nul` must not pass for null.
        bool is_null = false;
        if (failed(value.is_null().get(is_null)) || !is_null) return JsonKind::invalid;
        return JsonKind::null;
    }
    return JsonKind::invalid;
  }
  bool text(Value& value, std::string_view& out) {
    std::string_view token = value.raw_json_token();
    if (!token.empty() && token[0] == '"' && without_escapes(token.data() + 1, out)) return true;
    return !failed(value.get_string().get(out));
  }
  bool integer(Value& value, std::int64_t& out) {
    simdjson::error_code error = value.get_int64().get(out);
    last_error_ = simdjson::SUCCESS;  // not a JSON syntax problem: the walker explains it
    return error == simdjson::SUCCESS;
  }
  bool decimal(Value& value, double& out) {
    simdjson::error_code error = value.get_double().get(out);
    last_error_ = simdjson::SUCCESS;
    return error == simdjson::SUCCESS;
  }
  bool boolean(Value& value, bool& out) { return !failed(value.get_bool().get(out)); }
  std::string raw(Value& value) {
    std::string_view token = value.raw_json_token();
    while (!token.empty() && (token.back() == ' ' || token.back() == '\t' || token.back() == '\r' ||
                              token.back() == '\n')) {
      token.remove_suffix(1);
    }
    return std::string(token);
  }

  template <typename OnField>
  bool fields(Value& value, OnField&& on_field) {
    simdjson::ondemand::object object;
    if (failed(value.get_object().get(object))) return false;
    for (auto each : object) {
      if (failed(each.error())) return false;
      // A reference into `each`, not a copy: copying simdjson's iterators stalls on the stores
      // that just built them.
      simdjson::ondemand::field&& field = std::move(each).value_unsafe();
      std::string_view key;
      if (!without_escapes(field.key().raw(), key) && failed(field.unescaped_key().get(key)))
        return false;
      if (!on_field(key, field.value())) return false;
    }
    return true;
  }

  template <typename OnElement>
  bool elements(Value& value, OnElement&& on_element) {
    simdjson::ondemand::array array;
    if (failed(value.get_array().get(array))) return false;
    for (auto element : array) {
      Value element_value;
      if (failed(element.get(element_value))) return false;
      if (!on_element(element_value)) return false;
    }
    return true;
  }

  // A string's characters read in place when it has no escapes, as almost every key and value
  // in a registry: simdjson's unescaping copy was the largest single cost of loading a record.
  // `start` follows the opening quote; the string is known to be closed (simdjson checked the
  // document's structure), and its bytes are valid UTF-8 (checked with the whole document).
  static bool without_escapes(const char* start, std::string_view& out) {
    const char* end = next_quote_or_backslash(start);
    if (*end == '\\') return false;
    out = std::string_view(start, static_cast<std::size_t>(end - start));
    return true;
  }

  // The first '"' or '\\' at or after `p`, looked for eight bytes at a time (a byte at a time
  // it was a tenth of all the work of a run). Reading past the closing quote is safe: the line
  // is followed by simdjson's padding.
  static const char* next_quote_or_backslash(const char* p) {
    if constexpr (std::endian::native != std::endian::little) {
      while (*p != '"' && *p != '\\')
        ++p;
      return p;
    }
    constexpr std::uint64_t ones = 0x0101010101010101, high_bits = 0x8080808080808080;
    for (;; p += 8) {
      std::uint64_t word;
      std::memcpy(&word, p, sizeof word);
      std::uint64_t quotes = word ^ (ones * '"'), backslashes = word ^ (ones * '\\');
      // A byte of high_bits for each zero byte (and maybe after it, never before it).
      std::uint64_t found = ((quotes - ones) & ~quotes & high_bits) |
                            ((backslashes - ones) & ~backslashes & high_bits);
      if (found) return p + std::countr_zero(found) / 8;
    }
  }

  bool failed(simdjson::error_code error) {
    if (error == simdjson::SUCCESS) return false;
    last_error_ = error;
    return true;
  }
  std::string syntax_error() const {
    switch (last_error_) {
      case simdjson::TAPE_ERROR:
      case simdjson::INCOMPLETE_ARRAY_OR_OBJECT:
        return "the line ends before the JSON value does, or its brackets do not match";
      case simdjson::DEPTH_ERROR:
        return "nested too deeply";
      case simdjson::UTF8_ERROR:
        return "the text is not valid UTF-8";
      case simdjson::UNCLOSED_STRING:
        return "a string is not closed";
      case simdjson::TRAILING_CONTENT:
        return "there is more text after the record";
      case simdjson::EMPTY:
        return "the line is empty";
      case simdjson::SCALAR_DOCUMENT_AS_VALUE:
      case simdjson::INCORRECT_TYPE:
        return "the line is not a JSON object";
      case simdjson::T_ATOM_ERROR:
      case simdjson::F_ATOM_ERROR:
      case simdjson::N_ATOM_ERROR:
        return "a word that is not true, false or null";
      case simdjson::NUMBER_ERROR:
        return "a malformed number";
      case simdjson::STRING_ERROR:
        return "a malformed string";
      default:
        return simdjson::error_message(last_error_);
    }
  }
  void set_error(simdjson::error_code error) { last_error_ = error; }

 private:
  simdjson::error_code last_error_ = simdjson::SUCCESS;
};

class NlohmannReader {
 public:
  using Value = const nlohmann::json;

  JsonKind kind(Value& value) {
    switch (value.type()) {
      case nlohmann::json::value_t::object:
        return JsonKind::object;
      case nlohmann::json::value_t::array:
        return JsonKind::array;
      case nlohmann::json::value_t::string:
        return JsonKind::string;
      case nlohmann::json::value_t::boolean:
        return JsonKind::boolean;
      case nlohmann::json::value_t::null:
        return JsonKind::null;
      case nlohmann::json::value_t::number_integer:
      case nlohmann::json::value_t::number_unsigned:
      case nlohmann::json::value_t::number_float:
        return JsonKind::number;
      default:
        return JsonKind::invalid;
    }
  }
  bool text(Value& value, std::string_view& out) {
    out = value.get_ref<const std::string&>();
    return true;
  }
  bool integer(Value& value, std::int64_t& out) {
    if (value.is_number_integer() &&
        !(value.is_number_unsigned() && value.get<std::uint64_t>() > INT64_MAX)) {
      out = value.get<std::int64_t>();
      return true;
    }
    return false;
  }
  bool decimal(Value& value, double& out) {
    out = value.get<double>();
    return std::isfinite(out);
  }
  bool boolean(Value& value, bool& out) {
    out = value.get<bool>();
    return true;
  }
  std::string raw(Value& value) { return value.dump(); }
  template <typename OnField>
  bool fields(Value& value, OnField&& on_field) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (!on_field(std::string_view(it.key()), it.value())) return false;
    }
    return true;
  }
  template <typename OnElement>
  bool elements(Value& value, OnElement&& on_element) {
    for (const auto& element : value) {
      if (!on_element(element)) return false;
    }
    return true;
  }
  std::string syntax_error() const { return message_; }
  void set_error(std::string message) { message_ = std::move(message); }

 private:
  std::string message_;
};

}  // namespace

class RecordLoader::Implementation {
 public:
  Implementation(const CheckedProgram& program, JsonReader reader)
      : program_(program), plan_(program), reader_(reader) {}

  std::optional<LoadError> load(std::string_view line, Record& record,
                                std::string_view& household_id) {
    record.clear();
    household_id = {};
    return reader_ == JsonReader::simdjson ? load_with_simdjson(line, record, household_id)
                                           : load_with_nlohmann(line, record, household_id);
  }

 private:
  std::optional<LoadError> load_with_simdjson(std::string_view line, Record& record,
                                              std::string_view& household_id) {
    // simdjson reads a few bytes past the end of its input: copy into a padded buffer.
    if (buffer_.size() < line.size() + simdjson::SIMDJSON_PADDING) {
      buffer_.resize(line.size() + simdjson::SIMDJSON_PADDING);
    }
    std::memcpy(buffer_.data(), line.data(), line.size());
    // The padding after the line must not hold the previous record's bytes: where simdjson
    // notices a truncated record would depend on them, and a record's result on its predecessor.
    std::memset(buffer_.data() + line.size(), 0, simdjson::SIMDJSON_PADDING);
    SimdjsonReader reader;
    simdjson::ondemand::document document;
    simdjson::ondemand::value root;
    if (reader.failed(parser_.iterate(buffer_.data(), line.size(), buffer_.size()).get(document)) ||
        reader.failed(document.get_value().get(root))) {
      return LoadError{"", "not valid JSON: " + reader.syntax_error()};
    }
    RecordWalker<SimdjsonReader> walker(program_, plan_, reader, record, seen_fields_);
    bool ok = walker.load_root(root);
    household_id = walker.household_id();
    if (!ok) return walker.error();
    // Once the root object is consumed, any further token is content after the record.
    const char* rest = nullptr;
    if (document.current_location().get(rest) == simdjson::SUCCESS) {
      reader.set_error(simdjson::TRAILING_CONTENT);
      return LoadError{"", "not valid JSON: " + reader.syntax_error()};
    }
    return std::nullopt;
  }

  std::optional<LoadError> load_with_nlohmann(std::string_view line, Record& record,
                                              std::string_view& household_id) {
    try {
      document_ = nlohmann::json::parse(line);
    } catch (const nlohmann::json::exception& error) {
      std::string message = error.what();
      if (auto colon = message.find("] "); colon != std::string::npos)
        message = message.substr(colon + 2);
      return LoadError{"", "not valid JSON: " + message};
    }
    NlohmannReader reader;
    RecordWalker<NlohmannReader> walker(program_, plan_, reader, record, seen_fields_);
    bool ok = walker.load_root(document_);
    household_id = walker.household_id();
    if (!ok) return walker.error();
    return std::nullopt;
  }

  const CheckedProgram& program_;
  LoadPlan plan_;
  JsonReader reader_;
  simdjson::ondemand::parser parser_;
  std::vector<char> buffer_;
  nlohmann::json document_;
  std::vector<std::uint8_t> seen_fields_;  // the walker's scratch
};

RecordLoader::RecordLoader(const CheckedProgram& program, JsonReader reader)
    : implementation_(std::make_unique<Implementation>(program, reader)) {}
RecordLoader::~RecordLoader() = default;

std::optional<LoadError> RecordLoader::load(std::string_view line, Record& record) {
  return implementation_->load(line, record, household_id_);
}

}  // namespace regla
