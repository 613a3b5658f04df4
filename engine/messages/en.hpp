// The engine's words in English. To add a language, copy this file (README, "Languages").
#pragma once

#include "engine/messages/message.hpp"

namespace regla::messages {

inline constexpr Language english{
    "en",
    {
        {Message::no, "no"},
        {Message::does_not_apply, "does not apply"},
        {Message::not_in_force, "not in force on"},
        {Message::granted_by, "granted by"},
        {Message::refused_by, "refused"},
        {Message::also, "also: "},
        {Message::cannot_evaluate, "could not be evaluated"},
        {Message::every, "for every one of"},
        {Message::at_least_one, "for at least one of"},
        {Message::one_of, "one of these holds:"},
        {Message::applies_when, "applies when"},
        {Message::waiver, "waived when"},
        {Message::exception, "except when"},
        {Message::values, "values"},
        {Message::needs_more, "needs {0} more"},
        {Message::too_many, "{0} too many"},
        {Message::needs_at_least, "needs at least"},
        {Message::needs_at_most, "needs at most"},
        {Message::not_word, "not:"},
        {Message::none, "(none)"},
        {Message::yes, "yes"},
        {Message::missing, "missing"},
        {Message::recorded, "recorded"},
        {Message::empty_interval, "empty"},
        {Message::interval, "{0} to {1}"},
        {Message::items, "{0} items"},
        {Message::one_day, "{0} day"},
        {Message::days, "{0} days"},
        {Message::one_month, "{0} month"},
        {Message::months, "{0} months"},
        {Message::one_year, "{0} year"},
        {Message::years, "{0} years"},
        {Message::evaluation_date, "the evaluation date"},
        {Message::household_heading, "Household {0}, evaluated on {1} (rules {2}…)"},
        {Message::member_heading, "Member {0}"},
        {Message::record_rejected, "Record rejected (line {0}): {1}"},
        {Message::explanation_stops, "The explanation stops: the record {0}"},
        {Message::budget_exceeded,
         "needs more than {0} steps (rules evaluated and list elements visited), the evaluation "
         "budget"},
    }};

}  // namespace regla::messages
