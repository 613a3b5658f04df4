// Naming values and expressions in explanations.
#include <cmath>
#include <cstdio>

#include "engine/messages/catalog.hpp"
#include "engine/render/explanation_render.hpp"

namespace regla {
namespace {

using messages::Message;

const messages::Language& words(const RenderContext& context) {
  return messages::language(context.language);
}

std::string plain_number(double value) {
  if (std::floor(value) == value && std::fabs(value) < 1e15) {
    return std::to_string(static_cast<long long>(value));
  }
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.4f", value);
  std::string text = buffer;
  while (!text.empty() && text.back() == '0')
    text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

std::string duration(const RenderContext& context, std::int64_t count, Kind unit) {
  bool one = count == 1 || count == -1;
  Message message = unit == Kind::days     ? (one ? Message::one_day : Message::days)
                    : unit == Kind::months ? (one ? Message::one_month : Message::months)
                                           : (one ? Message::one_year : Message::years);
  return messages::fill(words(context)[message], {std::to_string(count)});
}

}  // namespace

std::string describe_element(const RenderContext& context, std::uint32_t shape, std::uint32_t row) {
  const Shape& s = context.program.shapes[shape];
  const ObjectRows& rows =
      s.table ? context.program.tables[*s.table].rows : context.record.objects[shape];
  if (s.table) {
    int named = s.field_index("name_" + std::string(context.language));
    if (named < 0) named = s.field_index("name_en");
    for (std::size_t f = 0; named < 0 && f < s.fields.size(); ++f) {
      if (s.fields[f].type.kind == Kind::text) named = static_cast<int>(f);
    }
    if (named >= 0) {
      const Value& value = rows.at(row, s.fields[static_cast<std::size_t>(named)].slot);
      if (value.present) return std::string(value.as_text());
    }
    return s.name + " #" + std::to_string(row + 1);
  }
  if (auto id = s.id_field(); id && s.fields[*id].used) {
    const Value& value = rows.at(row, s.fields[*id].slot);
    if (value.present) {
      return s.fields[*id].type.kind == Kind::text ? std::string(value.as_text())
                                                   : std::to_string(value.integer);
    }
  }
  // An object with no id of its own (a classification, a pregnancy) is simply there.
  return std::string(words(context)[Message::recorded]);
}

std::string format_value(const RenderContext& context, const Type& type, const Value& value) {
  if (!value.present) return std::string(words(context)[Message::missing]);
  switch (type.kind) {
    case Kind::boolean:
      return std::string(words(context)[value.as_bool() ? Message::yes : Message::no]);
    case Kind::integer:
      return std::to_string(value.integer);
    case Kind::decimal:
      return plain_number(value.decimal);
    case Kind::money:
      return plain_number(value.decimal) + " PEN";
    case Kind::percent:
      return plain_number(value.decimal * 100) + "%";
    case Kind::days:
    case Kind::months:
    case Kind::years:
      return duration(context, value.integer, type.kind);
    case Kind::text:
      return "\"" + std::string(value.as_text()) + "\"";
    case Kind::enumeration:
      return context.program.enumerations[type.id].values.at(
          static_cast<std::size_t>(value.integer));
    case Kind::date:
      return calendar::format_date(static_cast<calendar::DayNumber>(value.integer));
    case Kind::month:
      return calendar::format_month(static_cast<calendar::MonthNumber>(value.integer));
    case Kind::interval: {
      if (value.interval.end <= value.interval.start)
        return std::string(words(context)[Message::empty_interval]);
      return messages::fill(words(context)[Message::interval],
                            {calendar::format_date(value.interval.start),
                             calendar::format_date(value.interval.end - 1)});
    }
    case Kind::object:
      return describe_element(context, type.id, static_cast<std::uint32_t>(value.integer));
    case Kind::list:
      return messages::fill(words(context)[Message::items], {std::to_string(value.list.count)});
    default:
      return "?";
  }
}

std::string describe_node(const RenderContext& context, NodeId id, const Explanation* rule_node) {
  const CheckedProgram& program = context.program;
  const Node& node = program.nodes[id];
  switch (node.op) {
    case Op::with_value: {
      if (rule_node && rule_node->kind == Explanation::Kind::rule) {
        const WithBinding& with = program.rules[rule_node->rule].withs[node.index];
        std::string_view label = pick_label(with.labels, context.language);
        return label.empty() ? with.name : std::string(label);
      }
      return source_text(program, id);
    }
    case Op::parameter: {
      std::string_view label = pick_label(program.parameters[node.index].labels, context.language);
      return label.empty() ? program.parameters[node.index].name : std::string(label);
    }
    case Op::call: {
      std::string_view label = pick_label(program.rules[node.index].labels, context.language);
      return label.empty() ? program.rules[node.index].name : std::string(label);
    }
    case Op::as_of:
      return std::string(words(context)[Message::evaluation_date]);
    case Op::constant:
      return "";
    default:
      return source_text(program, id);
  }
}

}  // namespace regla
