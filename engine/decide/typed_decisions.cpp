// From evaluator values to the API's typed decisions.
#include "engine/decide/typed_decisions.hpp"

#include <algorithm>
#include <stdexcept>

namespace regla {
namespace {

constexpr calendar::DayNumber day_number_of_1970_01_01 = 2440588;

// Assigns `decided` to `slot`, reusing a string `slot` already holds.
void assign(DecidedValue& slot, DecidedValue&& decided) {
  std::string* held = std::get_if<std::string>(&slot);
  const std::string* text = std::get_if<std::string>(&decided);
  if (held && text) {
    held->assign(*text);
  } else {
    slot = std::move(decided);
  }
}

void fill_decisions(const CheckedProgram& program, const std::vector<DecisionOutput>& outputs,
                    const Value* values, std::vector<Decision>& out) {
  out.resize(outputs.size());
  for (std::size_t d = 0; d < outputs.size(); ++d) {
    const Type& type = program.rules[outputs[d].rule].type;
    out[d].name = outputs[d].key;
    out[d].type = decision_type(type.kind);
    assign(out[d].value, decided_value(program, type, values[d]));
  }
}

const Decision* find_decision(const std::vector<Decision>& decisions, std::string_view name) {
  auto found = std::ranges::find(decisions, name, &Decision::name);
  return found == decisions.end() ? nullptr : &*found;
}

}  // namespace

Date date_of(calendar::DayNumber day) {
  return Date{std::chrono::sys_days{std::chrono::days{day - day_number_of_1970_01_01}}};
}

calendar::DayNumber day_number_of(const Date& date) {
  return static_cast<calendar::DayNumber>(std::chrono::sys_days(date).time_since_epoch().count() +
                                          day_number_of_1970_01_01);
}

DecisionType decision_type(Kind kind) {
  switch (kind) {
    case Kind::boolean:
      return DecisionType::boolean;
    case Kind::integer:
      return DecisionType::integer;
    case Kind::decimal:
      return DecisionType::decimal;
    case Kind::money:
      return DecisionType::money;
    case Kind::percent:
      return DecisionType::percent;
    case Kind::days:
      return DecisionType::days;
    case Kind::months:
      return DecisionType::months;
    case Kind::years:
      return DecisionType::years;
    case Kind::text:
      return DecisionType::text;
    case Kind::enumeration:
      return DecisionType::enumeration;
    case Kind::date:
      return DecisionType::date;
    case Kind::month:
      return DecisionType::month;
    case Kind::interval:
      return DecisionType::date_range;
    case Kind::error:
    case Kind::object:
    case Kind::list:
      break;
  }
  // The checker gives decisions only the types above.
  throw std::logic_error(std::string("a decision of type ") + kind_name(kind));
}

DecidedValue decided_value(const CheckedProgram& program, const Type& type, const Value& value) {
  if (!value.present) return std::monostate{};
  switch (decision_type(type.kind)) {
    case DecisionType::boolean:
      return value.as_bool();
    case DecisionType::integer:
    case DecisionType::days:
    case DecisionType::months:
    case DecisionType::years:
      return value.integer;
    case DecisionType::decimal:
    case DecisionType::money:
    case DecisionType::percent:
      return value.decimal;
    case DecisionType::text:
      return std::string(value.as_text());
    case DecisionType::enumeration:
      return program.enumerations[type.id].values[static_cast<std::size_t>(value.integer)];
    case DecisionType::date:
      return date_of(static_cast<calendar::DayNumber>(value.integer));
    case DecisionType::month: {
      auto month = static_cast<calendar::MonthNumber>(value.integer);
      return Month{std::chrono::year{month / 12}, std::chrono::month{unsigned(month % 12) + 1}};
    }
    case DecisionType::date_range:
      return DateRange{date_of(value.interval.start), date_of(value.interval.end)};
  }
  return std::monostate{};
}

void fill_evaluation(const CheckedProgram& program, const Record& record,
                     const HouseholdDecisions& decisions, Evaluation& out) {
  out.error = decisions.rejection;
  if (decisions.rejection) {
    out.household.clear();
    out.members.clear();
    return;
  }
  fill_decisions(program, program.household_decisions, decisions.household.data(), out.household);
  out.members.resize(decisions.member_rows.size());
  std::size_t count = program.member_decisions.size();
  for (std::size_t m = 0; m < decisions.member_rows.size(); ++m) {
    out.members[m].member_id = member_id_text(program, record, decisions.member_rows[m]);
    fill_decisions(program, program.member_decisions, decisions.members.data() + m * count,
                   out.members[m].decisions);
  }
}

const Decision* Evaluation::find(std::string_view decision, std::string_view member_id) const {
  if (member_id.empty()) return find_decision(household, decision);
  auto member = std::ranges::find(members, member_id, &MemberDecisions::member_id);
  return member == members.end() ? nullptr : find_decision(member->decisions, decision);
}

}  // namespace regla
