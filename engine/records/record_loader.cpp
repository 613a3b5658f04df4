// The two JSON readers behind RecordLoader: simdjson On-Demand (fast: the line is checked whole by
// JsonSyntax, then values are parsed only when a rule needs them) and nlohmann/json (a DOM per
// record; the simple reference). Both describe an invalid line with JsonSyntax.
#include "engine/records/record_loader.hpp"

#include <simdjson.h>

#include <bit>
#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>

#include "engine/records/json_syntax.hpp"
#include "engine/records/record_walker.hpp"

namespace regla {
namespace {

// The kind of a token of a valid line, from its first byte.
inline JsonKind kind_of_token(char first) {
  switch (first) {
    case '{':
      return JsonKind::object;
    case '[':
      return JsonKind::array;
    case '"':
      return JsonKind::string;
    case 't':
    case 'f':
      return JsonKind::boolean;
    case 'n':
      return JsonKind::null;
    default:
      return JsonKind::number;
  }
}

class SimdjsonReader {
 public:
  using Value = simdjson::ondemand::value;

  // The line is valid JSON (JsonSyntax checked it whole before simdjson reads it: simdjson checks
  // a value only as far as reading it needs, and ends a loop at some errors as if at its end).
  // `end`: the end of the line, in simdjson's padded buffer; `escapes`: whether any string in the
  // line holds an escape (almost no line does: then every string is read in place unscanned).
  SimdjsonReader(JsonSyntax& syntax, const char* end, bool escapes)
      : syntax_(syntax), end_(end), escapes_(escapes) {}

  // Asked of every value read. Inlined, it costs a few instructions instead of a call.
  [[gnu::always_inline]] JsonKind kind(Value& value) {
    return kind_of_token(*value.raw_json_token().data());
  }
  // In place when the string has no escapes, as almost every key and value in a registry
  // (simdjson's unescaping copy was the largest single cost of loading).
  bool text(Value& value, std::string_view& out) {
    if (!escapes_) {
      // The token runs from the opening quote to the next bracket, comma or colon.
      std::string_view token = value.raw_json_token();
      std::size_t size = token.size();
      while (is_whitespace(token[size - 1]))
        --size;
      out = token.substr(1, size - 2);
      return true;
    }
    const char* token = value.raw_json_token().data();
    bool escaped = false;
    const char* end = syntax_.skip_string(token, end_, escaped);
    if (!escaped) {
      out = std::string_view(token + 1, static_cast<std::size_t>(end - token - 2));
      return true;
    }
    return value.get_string().get(out) == simdjson::SUCCESS;
  }
  bool integer(Value& value, std::int64_t& out) {
    return value.get_int64().get(out) == simdjson::SUCCESS;
  }
  bool decimal(Value& value, double& out) {
    return value.get_double().get(out) == simdjson::SUCCESS;
  }
  bool boolean(Value& value, bool& out) { return value.get_bool().get(out) == simdjson::SUCCESS; }
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
    if (value.get_object().get(object) != simdjson::SUCCESS) return false;
    for (auto each : object) {
      if (each.error() != simdjson::SUCCESS) return false;
      // A reference into `each`, not a copy: copying simdjson's iterators stalls on the stores
      // that just built them.
      simdjson::ondemand::field&& field = std::move(each).value_unsafe();
      const char* name = field.key().raw();  // after the opening quote
      std::string_view key;
      if (!escapes_) {
        // The name ends at the quote before the ':' before the value.
        const char* p = field.value().raw_json_token().data() - 1;
        while (is_whitespace(*p))
          --p;
        for (--p; is_whitespace(*p); --p) {
        }
        key = std::string_view(name, static_cast<std::size_t>(p - name));
      } else {
        bool escaped = false;
        const char* name_end = syntax_.skip_string(name - 1, end_, escaped);
        key = std::string_view(name, static_cast<std::size_t>(name_end - name - 1));
        if (escaped && field.unescaped_key().get(key) != simdjson::SUCCESS) return false;
      }
      if (!on_field(key, field.value())) return false;
    }
    return true;
  }

  template <typename OnElement>
  bool elements(Value& value, OnElement&& on_element) {
    simdjson::ondemand::array array;
    if (value.get_array().get(array) != simdjson::SUCCESS) return false;
    for (auto element : array) {
      Value element_value;
      if (element.get(element_value) != simdjson::SUCCESS) return false;
      if (!on_element(element_value)) return false;
    }
    return true;
  }

 private:
  static bool is_whitespace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

  JsonSyntax& syntax_;
  const char* end_;
  bool escapes_;
};

// Objects whose fields keep the order of their last occurrence: a field given twice counts once,
// with its last value, and is met where that value is (nlohmann's own maps keep the first place).
template <class Key, class T, class Less = std::less<Key>,
          class Allocator = std::allocator<std::pair<const Key, T>>>
struct LastOccurrenceMap : nlohmann::ordered_map<Key, T, Less, Allocator> {
  using Base = nlohmann::ordered_map<Key, T, Less, Allocator>;
  using Base::Base;
  // What nlohmann's parser calls for each field name it reads.
  T& operator[](const Key& key) {
    Base::erase(key);
    return Base::emplace(key, T{}).first->second;
  }
};
using LastOccurrenceJson = nlohmann::basic_json<LastOccurrenceMap>;

class NlohmannReader {
 public:
  using Value = const LastOccurrenceJson;

  JsonKind kind(Value& value) {
    using Type = LastOccurrenceJson::value_t;
    switch (value.type()) {
      case Type::object:
        return JsonKind::object;
      case Type::array:
        return JsonKind::array;
      case Type::string:
        return JsonKind::string;
      case Type::boolean:
        return JsonKind::boolean;
      case Type::null:
        return JsonKind::null;
      case Type::number_integer:
      case Type::number_unsigned:
      case Type::number_float:
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
    std::optional<LoadError> error = reader_ == JsonReader::simdjson
                                         ? load_with_simdjson(line, record, household_id)
                                         : load_with_nlohmann(line, record, household_id);
    if (error && error->message.empty()) {
      // Not valid JSON: nothing in the line counts, and the error is described the same way
      // whichever reader found it.
      household_id = {};
      error = syntax_.first_error(line);
      if (!error) error = LoadError{"", "not valid JSON"};  // the readers disagree: see fuzz_loader
    }
    return error;
  }

 private:
  // An error with an empty message: the line is not valid JSON.
  static LoadError not_json() { return LoadError{}; }

  std::optional<LoadError> load_with_simdjson(std::string_view line, Record& record,
                                              std::string_view& household_id) {
    std::string_view text = without_byte_order_mark(line);
    // simdjson reads a few bytes past the end of its input: copy into a padded buffer.
    if (buffer_.size() < text.size() + simdjson::SIMDJSON_PADDING) {
      buffer_.resize(text.size() + simdjson::SIMDJSON_PADDING);
    }
    std::memcpy(buffer_.data(), text.data(), text.size());
    // The padding after the line must not hold the previous record's bytes: where simdjson
    // notices a truncated record would depend on them, and a record's result on its predecessor.
    std::memset(buffer_.data() + text.size(), 0, simdjson::SIMDJSON_PADDING);
    if (!syntax_.valid(std::string_view(buffer_.data(), text.size()))) return not_json();
    simdjson::ondemand::document document;
    simdjson::ondemand::value root;
    if (parser_.iterate(buffer_.data(), text.size(), buffer_.size()).get(document) ||
        document.get_value().get(root)) {
      // simdjson does not take a scalar for a value: the line holds one, and is no record.
      return LoadError{"", "a record must be a JSON object, not " +
                               std::string(json_kind_name(scalar_kind(text)))};
    }
    SimdjsonReader reader(syntax_, buffer_.data() + text.size(), syntax_.escapes_seen());
    RecordWalker<SimdjsonReader> walker(program_, plan_, reader, record, seen_fields_);
    bool ok = walker.load_root(root);
    if (walker.syntax_error()) return not_json();  // simdjson refused what JsonSyntax took
    household_id = walker.household_id();
    if (!ok) return walker.error();
    return std::nullopt;
  }

  // The kind of the scalar that is the whole of a valid line.
  static JsonKind scalar_kind(std::string_view line) {
    return kind_of_token(line[line.find_first_not_of(" \t\r\n")]);
  }

  std::optional<LoadError> load_with_nlohmann(std::string_view line, Record& record,
                                              std::string_view& household_id) {
    // Nesting is limited as the other reader limits it (JsonSyntax): the parser calls this at
    // the start of every array and object, with the number of those around it.
    struct TooDeep {};
    auto limit_depth = [](int depth, nlohmann::json::parse_event_t event, LastOccurrenceJson&) {
      bool opens = event == nlohmann::json::parse_event_t::object_start ||
                   event == nlohmann::json::parse_event_t::array_start;
      if (opens && static_cast<std::size_t>(depth) >= max_json_depth) throw TooDeep{};
      return true;
    };
    std::string_view text = without_byte_order_mark(line);
    // nlohmann/json would skip a second byte order mark, and it ends its input at a NUL byte
    // (which is valid nowhere in JSON: outside strings it is no token, inside it must be escaped).
    if (text.starts_with("\xEF\xBB\xBF") || text.find('\0') != std::string_view::npos)
      return not_json();
    try {
      document_ = LastOccurrenceJson::parse(text, limit_depth);
    } catch (const nlohmann::json::exception&) {
      return not_json();
    } catch (const TooDeep&) {
      return not_json();
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
  JsonSyntax syntax_;
  simdjson::ondemand::parser parser_;
  std::vector<char> buffer_;
  LastOccurrenceJson document_;
  std::vector<std::uint8_t> seen_fields_;  // the walker's scratch
};

RecordLoader::RecordLoader(const CheckedProgram& program, JsonReader reader)
    : implementation_(std::make_unique<Implementation>(program, reader)) {}
RecordLoader::~RecordLoader() = default;

std::optional<LoadError> RecordLoader::load(std::string_view line, Record& record) {
  return implementation_->load(line, record, household_id_);
}

}  // namespace regla
