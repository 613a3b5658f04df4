// The page `regla impact --html` writes, opened in headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core): it renders with no request leaving the file, its script runs, every
// number it shows is the JSON report's, its charts add up to the report's groups, it shows the first
// changed households; a screenshot is kept in the build tree.
// Usage: node impact_page_test.mjs REGLA SOURCE_DIR ARTIFACT_DIR
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const [regla, source, artifacts] = process.argv.slice(2);
mkdirSync(artifacts, { recursive: true });
const page_file = path.join(artifacts, 'impact.html');
const report_file = path.join(artifacts, 'impact.json');
const households_file = path.join(artifacts, 'households.jsonl');
execFileSync(regla, ['impact', '--base', 'rules/', '--set', 'juntos.age_limit=14 years',
                     '--as-of', '2026-11-01', '--group-by', 'ubigeo', '--html', page_file,
                     '--report', report_file, '--households', households_file,
                     'rules/samples/households.jsonl'],
             { cwd: source, stdio: ['ignore', 'ignore', 'inherit'] });
const report = JSON.parse(readFileSync(report_file, 'utf8'));
const changed_households = readFileSync(households_file, 'utf8').split('\n').filter(Boolean);

const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
                                        args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const errors = [];
  page.on('pageerror', error => errors.push(error.message));
  page.on('console', message => { if (message.type() === 'error') errors.push(message.text()); });
  const outside = [];
  await page.route('**/*', route => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    outside.push(url);
    return route.abort();
  });
  await page.goto('file://' + page_file);
  check(errors.length === 0, 'errors on the page: ' + errors.join('; '));
  check(outside.length === 0, 'requests outside the file: ' + outside.join(', '));
  check((await page.textContent('h1')) === 'What the rule change does', 'the heading');

  // Every number shown is the report's, exactly (data-value) and as shown (the text).
  const shown = await page.$$eval('[data-key]', elements =>
    elements.map(e => ({ key: e.dataset.key, value: e.dataset.value, text: e.textContent })));
  check(shown.length > 10, `only ${shown.length} numbers on the page`);
  for (const { key, value, text } of shown) {
    const expected = key.split('/').reduce((json, part) => json?.[part], report);
    check(typeof expected === 'number', `${key}: not a number of the report`);
    if (typeof expected !== 'number') continue;
    check(Number(value) === expected, `${key}: ${value} on the page, ${expected} in the report`);
    const as_text = Number.isInteger(expected) && !key.includes('total') &&
                    !key.endsWith('difference') ? String(expected) : expected.toFixed(2);
    check(text === as_text, `${key}: shown as '${text}', the report says ${as_text}`);
  }
  const bool_decisions = Object.values(report.decisions).filter(d => 'gained' in d).length;
  check((await page.$$('#transitions tbody tr')).length === bool_decisions,
        'a row per bool decision');
  check((await page.$$('#conditions tbody tr')).length === Object.keys(report.conditions).length,
        'a row per changed condition');

  // The chart by district: a bar pair per district that moved, with the report's counts.
  const bars = await page.$$eval('#groups-chart g.group', groups => groups.map(g => ({
    group: g.dataset.group,
    gained: Number(g.querySelector('rect.gain').dataset.gained),
    lost: Number(g.querySelector('rect.loss').dataset.lost),
  })));
  const moved = report.groups.map(g => ({
    group: g.group,
    gained: Object.values(g.decisions).reduce((sum, d) => sum + (d.gained ?? 0), 0),
    lost: Object.values(g.decisions).reduce((sum, d) => sum + (d.lost ?? 0), 0),
  })).filter(g => g.gained + g.lost > 0);
  check(bars.length === moved.length && bars.length > 0,
        `${bars.length} districts in the chart, ${moved.length} moved in the report`);
  for (const bar of bars) {
    const group = moved.find(g => g.group === bar.group);
    check(group && group.gained === bar.gained && group.lost === bar.lost,
          `district ${bar.group}: +${bar.gained}/-${bar.lost} in the chart`);
  }
  // The budget chart: each amount's total before, after, and the difference, as in the report.
  const budget_bars = await page.$$eval('#budget-chart rect', bars => bars.map(b => Number(b.dataset.value)));
  const amounts = Object.values(report.decisions).filter(d => 'total_before' in d);
  check(JSON.stringify(budget_bars) ===
        JSON.stringify(amounts.flatMap(d => [d.total_before, d.total_after, d.difference])),
        'budget bars: ' + budget_bars.join(','));

  // The first changed households, with their reasons.
  const households = await page.$$eval('.household h3', titles => titles.map(t => t.textContent));
  const first = changed_households.slice(0, 20).map(line => JSON.parse(line).household_id);
  check(JSON.stringify(households) === JSON.stringify(first),
        `households on the page: ${households.join(',')}; changed: ${first.join(',')}`);
  check((await page.textContent('.household')).includes('age_years(person.birth_date) < age_limit'),
        'the first household shows the comparison that flipped');

  // The script sorts a table by the column clicked: the most lost first.
  await page.click('#transitions th:nth-child(6)');
  const lost = await page.$$eval('#transitions tbody tr td:nth-child(6)',
                                 cells => cells.map(c => Number(c.dataset.value)));
  check(lost.every((n, i) => i === 0 || lost[i - 1] >= n), 'sorted by lost: ' + lost.join(','));

  await page.screenshot({ path: path.join(artifacts, 'impact.png'), fullPage: true });
} finally {
  await browser.close();
}
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log(`impact page: ok (screenshot in ${artifacts}/impact.png)`);
