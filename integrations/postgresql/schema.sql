-- A social registry in normalized tables, as regla's record shapes make them (rules/household.regla;
-- `regla export-tables` writes these tables as CSV, in this column order), and the tables that
-- hold regla's decisions. Codes (ubigeo, dni, ids) are text, so their leading zeros are kept.

CREATE TABLE households (
  household_id    text PRIMARY KEY,
  ubigeo          text NOT NULL,
  area            text,
  residence_since date,
  cse_level       text,
  cse_assessed_on date
);

CREATE TABLE programs (
  household_id text NOT NULL REFERENCES households,
  name         text NOT NULL,
  since        date NOT NULL
);
CREATE INDEX programs_by_household ON programs (household_id);

CREATE TABLE members (
  household_id               text NOT NULL REFERENCES households,
  person_id                  text NOT NULL,
  dni                        text,
  birth_date                 date NOT NULL,
  sex                        text NOT NULL,
  relationship               text,
  mother_id                  text,
  employment_sector          text,
  employment_monthly_income  numeric,
  insurance                  text,
  pregnancy_started_on       date,
  pregnancy_ended_on         date,
  school_enrolled            boolean,
  school_completed_secondary boolean,
  PRIMARY KEY (household_id, person_id)
);

-- A member's school attendance, a row per month.
CREATE TABLE attendance (
  household_id  text NOT NULL,
  person_id     text NOT NULL,
  month         text NOT NULL,  -- YYYY-MM
  days_attended integer NOT NULL,
  school_days   integer NOT NULL,
  FOREIGN KEY (household_id, person_id) REFERENCES members
);
CREATE INDEX attendance_by_member ON attendance (household_id, person_id);

CREATE TABLE health_events (
  household_id text NOT NULL,
  person_id    text NOT NULL,
  date         date NOT NULL,
  type         text NOT NULL,
  FOREIGN KEY (household_id, person_id) REFERENCES members
);
CREATE INDEX health_events_by_member ON health_events (household_id, person_id);

-- Each household as the JSON line `regla eval` reads: the objects of the shapes nested, the lists
-- aggregated (json_build_object, json_agg). Read it sorted by household_id.
CREATE VIEW regla_households_jsonl AS
SELECT h.household_id,
       json_build_object(
         'household_id', h.household_id,
         'ubigeo', h.ubigeo,
         'area', h.area,
         'residence_since', h.residence_since,
         'cse', CASE WHEN h.cse_level IS NOT NULL OR h.cse_assessed_on IS NOT NULL THEN
                  json_build_object('level', h.cse_level, 'assessed_on', h.cse_assessed_on) END,
         'programs', (SELECT json_agg(json_build_object('name', p.name, 'since', p.since)
                                      ORDER BY p.since, p.name)
                      FROM programs p WHERE p.household_id = h.household_id),
         'members', (SELECT json_agg(json_build_object(
                       'person_id', m.person_id,
                       'dni', m.dni,
                       'birth_date', m.birth_date,
                       'sex', m.sex,
                       'relationship', m.relationship,
                       'mother_id', m.mother_id,
                       'employment',
                         CASE WHEN m.employment_sector IS NOT NULL
                                OR m.employment_monthly_income IS NOT NULL THEN
                           json_build_object('sector', m.employment_sector,
                                             'monthly_income', m.employment_monthly_income) END,
                       'insurance', m.insurance,
                       'pregnancy',
                         CASE WHEN m.pregnancy_started_on IS NOT NULL
                                OR m.pregnancy_ended_on IS NOT NULL THEN
                           json_build_object('started_on', m.pregnancy_started_on,
                                             'ended_on', m.pregnancy_ended_on) END,
                       'school',
                         CASE WHEN m.school_enrolled IS NOT NULL
                                OR m.school_completed_secondary IS NOT NULL
                                OR a.months IS NOT NULL THEN
                           json_build_object('enrolled', m.school_enrolled,
                                             'completed_secondary', m.school_completed_secondary,
                                             'attendance', a.months) END,
                       'health_events', e.events)
                     ORDER BY m.person_id)
                     FROM members m
                     LEFT JOIN LATERAL (
                       SELECT json_agg(json_build_object('month', t.month,
                                                         'days_attended', t.days_attended,
                                                         'school_days', t.school_days)
                                       ORDER BY t.month) AS months
                       FROM attendance t
                       WHERE t.household_id = m.household_id AND t.person_id = m.person_id) a
                       ON true
                     LEFT JOIN LATERAL (
                       SELECT json_agg(json_build_object('date', v.date, 'type', v.type)
                                       ORDER BY v.date, v.type) AS events
                       FROM health_events v
                       WHERE v.household_id = m.household_id AND v.person_id = m.person_id) e
                       ON true
                     WHERE m.household_id = h.household_id)
       )::text AS line
FROM households h;

-- regla's decisions, as `regla eval --output csv` writes them for the shipped rules (a column per
-- decision, in the rules' order), and the members' (--members-output).
CREATE TABLE decisions (
  household_id             text NOT NULL,
  as_of                    date NOT NULL,
  rules                    text NOT NULL,
  error                    text,  -- the record was rejected: why
  crecer_priority_district boolean,
  juntos_eligible          boolean,
  juntos_compliant         boolean,
  juntos_transfer_amount   numeric
);

CREATE TABLE member_decisions (
  household_id         text NOT NULL,
  person_id            text NOT NULL,
  as_of                date NOT NULL,
  rules                text NOT NULL,
  sis_subsidized       boolean,
  sis_semicontributory boolean
);
