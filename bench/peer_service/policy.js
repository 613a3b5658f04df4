// The benchmark policy of bench/policy/benchmark.regla, written as one JSON Logic rule evaluated
// per household: it maps over the members and gives, per member, [person_id, sis_subsidized,
// school_ok, cred_ok, prenatal_ok, dni_ok]; server.js assembles the answer from that.
// JSON Logic has no dates: age_days / age_months / age_years and is_string are added operators,
// and ISO dates compare correctly as strings with the built-in < and >=.
// json-logic-engine's loose == and != throw on object-vs-null and string-vs-undefined
// comparisons, so presence tests use !! and the insurance test uses the strict !==.
'use strict';
const AS_OF = '2026-11-01', M12 = '2025-11-01', D60 = '2026-09-02';
const M = (p) => ({ var: p });                 // current member (inside members map)
const H = (p) => ({ var: '../../' + p });      // household, from inside the members map
const list = (p) => ({ var: [p, []] });        // missing/null -> []
const ageD = { age_days: [M('birth_date'), AS_OF] };
const ageM = { age_months: [M('birth_date'), AS_OF] };
const ageY = { age_years: [M('birth_date'), AS_OF] };
const sumOf = (arr, field) => ({ reduce: [arr, { '+': [{ var: 'accumulator' }, { var: 'current.' + field }] }, 0] });
const countEvents = (type, lo) => ({ length: { filter: [list('health_events'), { and: [
  { '==': [M('type'), type] }, { '>=': [M('date'), lo] }, { '<': [M('date'), AS_OF] }] }] } });

const sis = { and: [{ '!==': [M('insurance'), 'essalud'] }, { or: [
  { in: [H('cse.level'), ['pobre', 'pobre_extremo']] },
  { in: [{ substr: [H('ubigeo'), -1] }, ['0', '1', '2']] },
  { '<': [ageD, 30] },
  { some: [{ var: ['../../programs', []] }, { '==': [M('name'), 'juntos'] }] }] }] };

const att = { filter: [list('school.attendance'), { in: [M('month'), ['2026-09', '2026-10']] }] };
const schoolOk = { or: [
  { '!': { and: [{ '>=': [ageY, 6] }, { '<': [ageY, 19] }, { '!==': [M('school.completed_secondary'), true] }] } },
  { and: [{ '===': [M('school.enrolled'), true] }, { or: [
    { '==': [sumOf(att, 'school_days'), 0] },
    { '>=': [{ '/': [sumOf(att, 'days_attended'), sumOf(att, 'school_days')] }, 0.85] }] }] }] };

const credSinceBirth = countEvents('cred', { var: '../../birth_date' });  // lower bound = member birth
const cred12 = countEvents('cred', M12);
const credOk = { if: [
  { '<': [ageM, 12] }, { '<=': [{ half_floor: [ageM] }, credSinceBirth] },
  { '<': [ageM, 48] }, { '>=': [cred12, 3] },
  { '<': [ageM, 72] }, { '>=': [cred12, 1] },
  true] };

const prenatalOk = { or: [
  { '!': { and: [{ '!!': M('pregnancy') }, { '!': M('pregnancy.ended_on') }, { '<=': [M('pregnancy.started_on'), D60] }] } },
  { some: [list('health_events'), { and: [{ '==': [M('type'), 'prenatal'] }, { '>=': [M('date'), D60] }, { '<': [M('date'), AS_OF] }] }] }] };

const dniOk = { or: [{ '<=': [ageD, 90] }, { is_string: [M('dni')] }] };

const rule = { map: [{ var: 'members' }, [M('person_id'), sis, schoolOk, credOk, prenatalOk, dniOk]] };

// ---- custom operators
const ymd = (s) => [+s.slice(0, 4), +s.slice(5, 7), +s.slice(8, 10)];
const methods = {
  age_days: ([b, a]) => { const x = ymd(b), y = ymd(a); return Math.round((Date.UTC(y[0], y[1] - 1, y[2]) - Date.UTC(x[0], x[1] - 1, x[2])) / 86400000); },
  age_months: ([b, a]) => { const x = ymd(b), y = ymd(a); return (y[0] - x[0]) * 12 + (y[1] - x[1]) - (y[2] < x[2] ? 1 : 0); },
  age_years: ([b, a]) => { const x = ymd(b), y = ymd(a); return y[0] - x[0] - ((y[1] < x[1] || (y[1] === x[1] && y[2] < x[2])) ? 1 : 0); },
  is_string: ([v]) => typeof v === 'string',
  // floor(x/2). Compiled-mode pitfall in json-logic-engine 5.0.7: a comparison compiles to
  // `(prev = LHS) >= compareCheck(RHS, prev)` and any {var} inside RHS reassigns `prev`, so
  // {'>=': [count, f(age_months(birth_date))]} throws NaN (interpreted mode is fine). The
  // operands are therefore ordered so that the var-reading side is on the left.
  half_floor: ([x]) => Math.floor(x / 2),
};
module.exports = { rule, methods };
