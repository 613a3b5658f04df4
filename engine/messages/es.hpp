// The engine's words in Spanish.
#pragma once

#include "engine/messages/message.hpp"

namespace regla::messages {

inline constexpr Language spanish{
    "es",
    {
        {Message::no, "no"},
        {Message::does_not_apply, "no aplica"},
        {Message::not_in_force, "no está vigente al"},
        {Message::granted_by, "otorgado por"},
        {Message::refused_by, "denegado"},
        {Message::also, "además: "},
        {Message::cannot_evaluate, "no se pudo evaluar"},
        {Message::every, "para cada uno de"},
        {Message::at_least_one, "para al menos uno de"},
        {Message::one_of, "se cumple una de estas:"},
        {Message::applies_when, "aplica cuando"},
        {Message::waiver, "se exime cuando"},
        {Message::exception, "excepto cuando"},
        {Message::values, "valores"},
        {Message::needs_more, "faltan {0}"},
        {Message::too_many, "sobran {0}"},
        {Message::needs_at_least, "se requiere al menos"},
        {Message::needs_at_most, "se requiere como máximo"},
        {Message::not_word, "no:"},
        {Message::none, "(ninguno)"},
        {Message::yes, "sí"},
        {Message::missing, "sin dato"},
        {Message::recorded, "registrado"},
        {Message::empty_interval, "vacío"},
        {Message::interval, "{0} al {1}"},
        {Message::items, "{0} elementos"},
        {Message::one_day, "{0} día"},
        {Message::days, "{0} días"},
        {Message::one_month, "{0} mes"},
        {Message::months, "{0} meses"},
        {Message::one_year, "{0} año"},
        {Message::years, "{0} años"},
        {Message::evaluation_date, "la fecha de evaluación"},
        {Message::household_heading, "Hogar {0}, evaluado al {1} (reglas {2}…)"},
        {Message::member_heading, "Miembro {0}"},
        {Message::record_rejected, "Registro rechazado (línea {0}): {1}"},
        {Message::explanation_stops, "La explicación se detiene: el registro {0}"},
        {Message::budget_exceeded,
         "necesita más de {0} pasos (reglas evaluadas y elementos de listas recorridos), el "
         "presupuesto de evaluación"},
    }};

}  // namespace regla::messages
