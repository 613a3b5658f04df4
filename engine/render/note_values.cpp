// Values and members as a caseworker's note shows them: dates and months in words, money in soles,
// shares as percentages, a member by id, relationship and age.
#include <cmath>
#include <cstdio>

#include "engine/program/member_description.hpp"
#include "engine/program/operations.hpp"
#include "engine/render/caseworker_note.hpp"

namespace regla {
namespace {

using messages::Message;

const messages::Language& words(const RenderContext& context) {
  return messages::language(context.language);
}

std::string month_name(const RenderContext& context, int month) {
  return std::string(
      words(context)[static_cast<Message>(static_cast<int>(Message::month_1) + month - 1)]);
}

std::string long_date(const RenderContext& context, calendar::DayNumber day) {
  calendar::YearMonthDay date = calendar::split(day);
  return messages::fill(
      words(context)[Message::date],
      {std::to_string(date.day), month_name(context, date.month), std::to_string(date.year)});
}

// A share with no more digits than a person needs: 85%, 71.4%.
std::string percent(double share) {
  double hundredths = share * 100;
  char buffer[32];
  if (std::fabs(hundredths - std::round(hundredths)) < 0.05) {
    std::snprintf(buffer, sizeof buffer, "%.0f%%", std::round(hundredths));
  } else {
    std::snprintf(buffer, sizeof buffer, "%.1f%%", hundredths);
  }
  return buffer;
}

// The member's field `name` if the record stores it.
const Value* member_field(const RenderContext& context, std::uint32_t row, std::string_view name) {
  const Shape& member = context.program.shapes[context.program.member_shape];
  int field = member.field_index(name);
  if (field < 0 || !member.fields[field].used) return nullptr;
  const Value& value =
      context.record.objects[context.program.member_shape].at(row, member.fields[field].slot);
  return value.present ? &value : nullptr;
}

// "son" or "daughter" for the relationship `value` (an enum value) of a member of `sex`.
std::optional<Message> relationship_word(std::string_view value, bool female) {
  static constexpr std::pair<std::string_view, Message> male_words[] = {
      {"head", Message::head_male},     {"spouse", Message::spouse_male},
      {"child", Message::child_male},   {"grandchild", Message::grandchild_male},
      {"parent", Message::parent_male}, {"other", Message::other_male},
  };
  for (auto [name, message] : male_words) {
    // Each relationship's female word follows its male one in the catalog.
    if (name == value)
      return female ? static_cast<Message>(static_cast<int>(message) + 1) : message;
  }
  return std::nullopt;
}

std::string enum_value(const RenderContext& context, std::string_view field, const Value& value) {
  const Shape& member = context.program.shapes[context.program.member_shape];
  const Type& type = member.fields[member.field_index(field)].type;
  if (type.kind != Kind::enumeration) return "";
  return context.program.enumerations[type.id].values.at(static_cast<std::size_t>(value.integer));
}

// "7 years old"; a baby's age in months, a newborn's in days.
std::string age(const RenderContext& context, calendar::DayNumber born) {
  std::int64_t months = calendar::completed_months(born, context.as_of);
  std::int64_t years = operations::completed_years(months);
  auto said = [&](std::int64_t count, Message one, Message many) {
    return messages::fill(words(context)[count == 1 ? one : many], {std::to_string(count)});
  };
  if (years >= 1) return said(years, Message::age_one_year, Message::age_years);
  if (months >= 1) return said(months, Message::age_one_month, Message::age_months);
  return said(context.as_of - born, Message::age_one_day, Message::age_days);
}

}  // namespace

std::string note_value(const RenderContext& context, const Type& type, const Value& value) {
  if (!value.present) return format_value(context, type, value);
  switch (type.kind) {
    case Kind::money: {
      char buffer[64];
      std::snprintf(buffer, sizeof buffer, "%.2f", value.decimal);
      return messages::fill(words(context)[Message::money], {buffer});
    }
    case Kind::percent:
      return percent(value.decimal);
    case Kind::text:
      return std::string(value.as_text());
    case Kind::date:
      return long_date(context, static_cast<calendar::DayNumber>(value.integer));
    case Kind::month: {
      auto month = static_cast<calendar::MonthNumber>(value.integer);
      return messages::fill(words(context)[Message::month],
                            {month_name(context, month % 12 + 1), std::to_string(month / 12)});
    }
    case Kind::interval:
      if (value.interval.end <= value.interval.start) break;
      return messages::fill(
          words(context)[Message::interval],
          {long_date(context, value.interval.start), long_date(context, value.interval.end - 1)});
    case Kind::object:
      if (type.id == context.program.member_shape && !context.program.shapes[type.id].table)
        return describe_member(context, static_cast<std::uint32_t>(value.integer));
      break;
    default:
      break;
  }
  return format_value(context, type, value);
}

std::string describe_member(const RenderContext& context, std::uint32_t row) {
  std::string text = describe_element(context, context.program.member_shape, row);
  const Value* sex = member_field(context, row, member_description_fields[1]);
  bool female = sex && enum_value(context, member_description_fields[1], *sex) == "F";
  if (const Value* relationship = member_field(context, row, member_description_fields[0])) {
    std::string value = enum_value(context, member_description_fields[0], *relationship);
    std::optional<Message> said = relationship_word(value, female);
    text += ", " + (said ? std::string(words(context)[*said]) : value);
  }
  if (const Value* born = member_field(context, row, member_description_fields[2]))
    text += ", " + age(context, static_cast<calendar::DayNumber>(born->integer));
  return text;
}

}  // namespace regla
