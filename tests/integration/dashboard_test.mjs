// The managers' dashboard in a real browser (issue 5, point 5).
//
// Starts `yhteisaika serve` on an ephemeral loopback port with a temporary
// database (the demo team is imported on first start), books a few joint
// meetings through the API, and drives Debian's headless Chromium with
// playwright-core (never a downloaded browser): signs in through the form with
// the keyboard, checks that every figure shown equals the API's for the same
// period, that the token never reaches the URL, the language switch, keyboard
// focus, labels and contrast, the CSV download, and saves a screenshot. Issue 10:
// past, current and future weeks apart with the headline over finished weeks,
// every hole counted (booked + released + open = available), the period named
// by the ISO weeks counted, English everywhere after the switch, no 404 while
// loading (the icon), and tables that fit 1280 px or scroll with their first
// column in view. Issue 13: the case table (holds, meetings by kind, days to the
// first joint meeting) equals the API.
//
//   node dashboard_test.mjs --binary build/src/app/yhteisaika --calendars calendars \
//        --browser-project tests/integration/browser --screenshot tests/artifacts/dashboard.png \
//        [--part sign-in|figures|language|accessibility]
//
// Prints one line per check and "N passed, N failed" at the end; exits 1 on failure.
import { spawn, execFileSync } from 'node:child_process';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const binary = path.resolve(args.binary || 'build/src/app/yhteisaika');
const calendars = path.resolve(args.calendars || path.join(here, '../../calendars'));
const browserProject = path.resolve(args['browser-project'] || path.join(here, 'browser'));
const screenshot = path.resolve(args.screenshot || path.join(here, '../artifacts/dashboard.png'));
const chromiumPath = args.chromium || '/usr/bin/chromium';
const OVERALL_TIMEOUT_MS = 150_000;

// --- the server ------------------------------------------------------------------

const workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'yhteisaika-dashboard-'));
const db = path.join(workdir, 'yhteisaika.db');
let server = null;
let context = null;
let launching = null;  // the browser being started

function cleanup() {
  if (server && server.exitCode === null) server.kill('SIGKILL');
  fs.rmSync(workdir, { recursive: true, force: true });
}
process.on('exit', cleanup);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(128 + 2));
const watchdog = setTimeout(() => {
  console.error(`dashboard_test: gave up after ${OVERALL_TIMEOUT_MS / 1000} s`);
  process.exit(1);
}, OVERALL_TIMEOUT_MS);
watchdog.unref();

function startServer() {
  return new Promise((resolve, reject) => {
    server = spawn(binary, ['serve', '--listen', '127.0.0.1:0', '--db', db, '--calendars', calendars], {
      cwd: workdir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let seen = '';
    // A bound on "did it start at all", not a timing check: generous, since the
    // browser starts at the same time on a shared machine. setImmediate lets
    // output that came in meanwhile be read first (timers run before I/O).
    const timer = setTimeout(() => setImmediate(() => reject(new Error(`server did not start:\n${seen}`))), 60_000);
    const onData = (chunk) => {
      seen += chunk.toString();
      const m = seen.match(/listening on (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', (chunk) => {
      seen += chunk.toString();
    });
    server.on('exit', (code) => reject(new Error(`server exited (${code}):\n${seen}`)));
  });
}

function createToken(role, name) {
  const out = execFileSync(binary, ['token', 'create', '--role', role, '--name', name, '--db', db], { cwd: workdir });
  return out.toString().trim().split(/\s+/).pop();
}

async function api(base, method, urlPath, token, body) {
  const res = await fetch(base + urlPath, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}

// --- checks ------------------------------------------------------------------------

let passed = 0;
let failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok - ${name}`);
  } catch (error) {
    failed++;
    console.log(`not ok - ${name}\n  ${String(error && error.stack ? error.stack : error).replace(/\n/g, '\n  ')}`);
    throw error;
  }
}

// A figure as the page shows it in Finnish ("30 %", "8,8", "–") -> a number or null.
function shownNumber(text) {
  const t = text.replace(/[\s\u00a0\u202f%]/g, '').replace('−', '-').replace(',', '.');
  if (t === '–' || t === '') return null;
  const n = Number(t);
  assert.ok(!Number.isNaN(n), `the page shows "${text}", not a number`);
  return n;
}

function field(row, name) {
  return name.split('.').reduce((o, k) => (o == null ? null : o[k]), row);
}

// Calendar arithmetic on 'YYYY-MM-DD' strings, worked out here rather than taken from the API.
function addDays(iso, n) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}
function mondayOf(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return addDays(iso, -((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7));
}
// ISO 8601 week: the year and number of the week's Thursday.
function isoWeekOf(iso) {
  const thursday = addDays(mondayOf(iso), 3);
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((Date.parse(thursday) - Date.parse(`${year}-01-01`)) / 86400000 / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
// Today in the deployment zone.
function helsinkiToday() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(new Date());
}
// A date as the Finnish page writes it: 5.10.2026.
function finnishDate(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d}.${m}.${y}`;
}

// The Finnish strings table of the page's script (STRINGS.fi in app.js), as
// the fragments between its "{name}" placeholders that hold at least two
// letters, each matched as whole words. Strings the same in English
// ("{booked} / {available}") are left out.
function finnishFragments(appJs) {
  const table = (lang) => {
    const start = appJs.indexOf(`    ${lang}: {`);
    const end = appJs.indexOf('\n    },', start);
    assert.ok(start > 0 && end > start, `no STRINGS.${lang} in app.js`);
    return Function(`"use strict"; return ({${appJs.slice(appJs.indexOf('{', start) + 1, end)}});`)();
  };
  const fi = table('fi');
  const en = table('en');
  assert.ok(Object.keys(fi).length > 50, 'the Finnish strings table is not where the test looks');
  const out = [];
  for (const [key, text] of Object.entries(fi)) {
    if (key === 'locale' || text === en[key]) continue;
    for (const fragment of text.split(/\{\w+\}/).map((f) => f.trim())) {
      if ((fragment.match(/\p{L}/gu) || []).length < 2) continue;
      const escaped = fragment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      out.push({ key, fragment, pattern: new RegExp(`(^|[^\\p{L}])${escaped}($|[^\\p{L}])`, 'u') });
    }
  }
  return out;
}

// Every text the page holds (text nodes anywhere, hidden or not, and the
// title, label and placeholder attributes), trimmed, with where each is;
// not <noscript>, shown only where the script (and so the switch) does not run.
async function pageTexts(page) {
  return page.evaluate(() => {
    const out = [{ text: document.title, where: 'document.title' }];
    const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || ['SCRIPT', 'STYLE'].includes(parent.tagName) || parent.closest('head, noscript')) continue;
      const text = node.textContent.trim();
      if (text) out.push({ text, where: `${parent.tagName.toLowerCase()}${parent.id ? `#${parent.id}` : ''}` });
    }
    for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], [alt]')) {
      for (const name of ['title', 'aria-label', 'placeholder', 'alt']) {
        const text = (el.getAttribute(name) || '').trim();
        if (text) out.push({ text, where: `${el.tagName.toLowerCase()}[${name}]` });
      }
    }
    return out;
  });
}

// The texts holding a fragment of the Finnish table, leaving out data (unit names).
function finnishLeft(texts, fragments, data) {
  const left = [];
  for (const { text, where } of texts) {
    if (data.has(text)) continue;
    const hit = fragments.find((f) => f.pattern.test(text));
    if (hit) left.push(`${where}: "${text}" has "${hit.fragment}" (STRINGS.fi.${hit.key})`);
  }
  return left;
}

const FIELDS = [
  'holes_available', 'holes_booked', 'holes_released', 'holes_open', 'utilisation_percent', 'meetings_in_hole',
  'meetings_outside_hole', 'cancelled', 'rescheduled', 'days_from_request.median', 'days_from_request.p90',
  'days_from_request.within_7_percent', 'days_from_request.within_14_percent',
];
const STATUSES = ['past', 'current', 'future'];

// The rows a table shows, in order: by week, each status's weeks and then (for
// finished and coming weeks) their subtotal; then the totals.
function expectedRows(answer) {
  if (answer.group_by !== 'week') return [...answer.rows, { ...answer.totals, key: 'total' }];
  const out = [];
  for (const status of STATUSES) {
    const weeks = answer.rows.filter((r) => r.week_status === status);
    if (weeks.length === 0) continue;
    out.push(...weeks);
    if (status !== 'current') out.push(answer.by_week_status[status]);
  }
  return [...out, { ...answer.totals, key: 'total' }];
}

// Every body row, subtotal and the totals row of a table equal the API's.
async function expectTableEquals(page, tableId, answer) {
  const shown = await page.$$eval(`#${tableId} tbody tr[data-key], #${tableId} tfoot tr`, (trs) =>
    trs.map((tr) => ({
      key: tr.dataset.key,
      status: tr.closest('tbody')?.dataset.status,
      header: tr.querySelector('th').textContent,
      cells: Object.fromEntries([...tr.querySelectorAll('td')].map((td) => [td.dataset.field, { text: td.textContent, value: td.dataset.value }])),
    })),
  );
  const expected = expectedRows(answer);
  assert.deepEqual(shown.map((r) => r.key), expected.map((r) => String(r.key)), `${tableId}: the rows shown are not the API's`);
  const fields = answer.totals.holes_unused > 0 ? [...FIELDS, 'holes_unused'] : FIELDS;
  for (let i = 0; i < expected.length; i++) {
    const want = expected[i];
    const got = shown[i];
    if (want.week_status && answer.group_by === 'week') {
      assert.equal(got.status, want.week_status, `${tableId}: row ${want.key} is not in the section of ${want.week_status} weeks`);
    }
    if (want.key !== 'total' && !STATUSES.includes(want.key)) {
      assert.equal(got.header, String(want.label), `${tableId}: row ${want.key} has the wrong label`);
    }
    for (const name of fields) {
      const apiValue = field(want, name);
      const cell = got.cells[name];
      assert.ok(cell, `${tableId}: row ${want.key} has no ${name} column`);
      const value = shownNumber(cell.text);
      if (apiValue === null || apiValue === undefined) {
        assert.equal(value, null, `${tableId}: row ${want.key} ${name} should be empty, shows "${cell.text}"`);
      } else {
        assert.ok(Math.abs(value - apiValue) <= 0.05 + 1e-9,
          `${tableId}: row ${want.key} ${name} shows "${cell.text}", the API says ${apiValue}`);
        assert.equal(Number(cell.value), apiValue, `${tableId}: row ${want.key} ${name} holds the wrong value`);
      }
    }
  }
}

// The case's figures of a row (issue 13), as the case table shows them.
const CASE_FIELDS = [
  'holds_held', 'holds_confirmed', 'holds_expired', 'meetings_by_kind.mapping', 'meetings_by_kind.joint',
  'meetings_by_kind.plan_update', 'meetings_by_kind.other', 'first_joint_from_identification.count',
  'first_joint_from_identification.median_days', 'first_joint_from_consent.count',
  'first_joint_from_consent.median_days',
];

// The case table: a row per week of the answer and the totals, each cell the API's.
async function expectCaseTableEquals(page, answer) {
  const shown = await page.$$eval('#case-table tbody tr[data-key], #case-table tfoot tr', (trs) =>
    trs.map((tr) => ({
      key: tr.dataset.key,
      cells: Object.fromEntries([...tr.querySelectorAll('td')].map((td) => [td.dataset.field, td.textContent])),
    })),
  );
  const expected = [...answer.rows, { ...answer.totals, key: 'total' }];
  assert.deepEqual(shown.map((r) => r.key), expected.map((r) => String(r.key)), 'case-table: the rows shown are not the API\'s');
  expected.forEach((want, i) => {
    for (const name of CASE_FIELDS) {
      const apiValue = field(want, name);
      assert.ok(apiValue !== undefined, `the API's row ${want.key} has no ${name}`);
      const value = shownNumber(shown[i].cells[name] ?? '');
      if (apiValue === null) assert.equal(value, null, `case-table: row ${want.key} ${name} should be empty`);
      else assert.ok(Math.abs(value - apiValue) <= 0.05 + 1e-9, `case-table: row ${want.key} ${name} shows ${value}, the API says ${apiValue}`);
    }
  });
}

// --- the run -----------------------------------------------------------------------

// --- the parts ---------------------------------------------------------------------
// A run may be limited to one part (--part), so that CTest runs each part as a
// short test of its own, with its own server, browser and sign-in: the page and
// signing in and out; the figures against the API; the English page and the
// layout; the keyboard, the labels, the contrast and the screenshot. Without
// --part, all of them in turn.
const PARTS = ['sign-in', 'figures', 'language', 'accessibility'];
const parts = args.part ? [args.part] : PARTS;

// Opens the page signed in with `token` (the form, unless this tab's session
// still holds a sign-in), once the figures are shown.
async function signIn(page, base, token) {
  await page.goto(`${base}/dashboard`);
  if (await page.isVisible('#sign-in-form')) {
    await page.fill('#token', token);
    await page.press('#token', 'Enter');
  }
  await page.waitForSelector('#weekly-table tbody tr[data-key]');
  await page.waitForFunction(() => /päivitetty|updated/i.test(document.getElementById('status').textContent));
}

// The API's weekly figures for the period the page shows.
async function weeksOfThePage(page, base, manager) {
  const from = await page.inputValue('#from');
  const to = await page.inputValue('#to');
  assert.match(from, /^\d{4}-\d{2}-\d{2}$/);
  const r = await api(base, 'GET', `/api/v1/utilisation?from=${from}&to=${to}&group_by=week`, manager);
  assert.equal(r.status, 200, r.text);
  return r.json();
}

// What the server sends, before any browser.
async function servedPart({ base }) {
  await check('the page, its script and its style are served with their types and the security headers', async () => {
    for (const [file, type] of [['/dashboard', 'text/html'], ['/dashboard/app.js', 'text/javascript'],
      ['/dashboard/app.css', 'text/css']]) {
      const res = await fetch(base + file);
      assert.equal(res.status, 200, file);
      assert.equal(res.headers.get('content-type'), `${type}; charset=utf-8`, file);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', file);
      assert.equal(res.headers.get('cache-control'), 'no-store', file);
      assert.match(res.headers.get('content-security-policy'), /form-action 'none'/, file);
      const body = await res.text();
      assert.ok(!/(https?:)?\/\/(?!www\.w3\.org\/2000\/svg)[a-z0-9.-]+\.[a-z]{2,}/i.test(body.replace(/^\s*\/\/.*$/gm, '')),
        `${file} refers to another origin`);
    }
    const html = await (await fetch(`${base}/dashboard`)).text();
    assert.ok(!/<script(?![^>]*\bsrc=)/i.test(html), 'the page has an inline script');
    assert.ok(!/<style|\sstyle=/i.test(html), 'the page has inline style');
  });
  await check('the page\'s icon and GET /favicon.ico are an SVG icon, not a 404', async () => {
    // Issue 10: every load of the page logged a 404 for /favicon.ico.
    for (const file of ['/favicon.ico', '/dashboard/icon.svg']) {
      const res = await fetch(base + file);
      assert.equal(res.status, 200, file);
      assert.equal(res.headers.get('content-type'), 'image/svg+xml', file);
      assert.match(await res.text(), /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/, file);
    }
  });
}

async function signInPart({ base, manager, coordinator, page, requested, notFound }) {
  await check('GET /dashboard is a Finnish page with a strict Content-Security-Policy', async () => {
    const res = await page.goto(`${base}/dashboard`);
    assert.equal(res.status(), 200);
    const h = res.headers();
    assert.equal(h['content-type'], 'text/html; charset=utf-8');
    assert.match(h['content-security-policy'], /default-src 'none'/);
    assert.match(h['content-security-policy'], /script-src 'self'(;|$)/);
    assert.equal(h['x-content-type-options'], 'nosniff');
    assert.equal(h['referrer-policy'], 'no-referrer');
    assert.equal(h['cache-control'], 'no-store');
    assert.equal(await page.getAttribute('html', 'lang'), 'fi');
    assert.match(await page.textContent('h1'), /Reikä kalenterissa/);
    assert.ok(await page.isVisible('#sign-in-form'), 'the sign-in form is not shown');
    assert.equal(await page.getAttribute('#token', 'type'), 'password');
  });
  await check('no request is answered 404 while the page loads (its icon included)', async () => {
    // Issue 10: the browser's own /favicon.ico was a 404 on every load.
    await page.reload({ waitUntil: 'networkidle' });
    assert.deepEqual(notFound, [], 'answered 404');
  });
  await check('a wrong token and a coordinator token get a clear message and stay at sign-in', async () => {
    for (const [token, message] of [['not-a-token', /Tunnus ei kelpaa/], [coordinator, /esihenkilön tunnus/]]) {
      await page.fill('#token', token);
      await page.press('#token', 'Enter');
      await page.waitForSelector('#sign-in-error:not([hidden])');
      assert.match(await page.textContent('#sign-in-error'), message);
      assert.match(await page.textContent('#status'), message);
      assert.ok(await page.isVisible('#sign-in-form'));
      assert.equal(await page.evaluate(() => sessionStorage.length), 0, 'a refused token was kept');
    }
  });
  await check('signing in with the manager token (keyboard: fill + Enter) shows the figures', async () => {
    await page.fill('#token', manager);
    await page.press('#token', 'Enter');
    await page.waitForSelector('#weekly-table tbody tr[data-key]');
    await page.waitForFunction(() => /päivitetty/.test(document.getElementById('status').textContent));
    assert.ok(await page.isHidden('#sign-in'));
    assert.equal(await page.inputValue('#token'), '', 'the token stays in the input');
  });
  await check('the token is in no URL, cookie or localStorage, only in sessionStorage', async () => {
    assert.ok(!page.url().includes(manager), `the page URL holds the token: ${page.url()}`);
    for (const url of requested) assert.ok(!url.includes(manager), `a request URL holds the token: ${url}`);
    assert.equal(await page.evaluate(() => document.cookie), '');
    assert.equal((await context.cookies()).length, 0);
    assert.ok(!(await page.evaluate(() => JSON.stringify(localStorage))).includes(manager));
    assert.equal(await page.evaluate(() => sessionStorage.getItem('yhteisaika.managerToken')), manager);
  });
  await check('signing out forgets the token and shows the sign-in form', async () => {
    await page.click('#sign-out');
    assert.ok(await page.isVisible('#sign-in-form'));
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);
    assert.equal(await page.$$eval('#weekly-table tr', (trs) => trs.length), 0);
    await page.reload();
    assert.ok(await page.isVisible('#sign-in-form'), 'after a reload the page is signed in again');
  });
}

async function figuresPart({ base, manager, page, requested }) {
  await signIn(page, base, manager);
  let weeks;
  await check('every week, its utilisation, holes and lead times, and the totals equal the API', async () => {
    weeks = await weeksOfThePage(page, base, manager);
    assert.ok(weeks.rows.length > 0, 'the API has no weeks for the default period');
    assert.ok(weeks.totals.holes_booked > 0, 'nothing booked: the charts would be empty');
    await expectTableEquals(page, 'weekly-table', weeks);
    const past = weeks.by_week_status.past;
    const summary = shownNumber(await page.textContent('#summary dd[data-field="past.utilisation_percent"]'));
    assert.ok(Math.abs(summary - past.utilisation_percent) <= 0.05 + 1e-9, 'the summary utilisation is wrong');
    const booked = await page.textContent('#summary dd[data-field="past.holes_booked"]');
    assert.equal(booked.replace(/\s/g, ''), `${past.holes_booked}/${past.holes_available}`);
  });
  await check('the period label names the ISO weeks counted, not the dates asked for', async () => {
    // Issue 10: the label showed the dates asked for while the figures cover whole ISO weeks.
    const from = await page.inputValue('#from');
    const to = await page.inputValue('#to');
    const first = isoWeekOf(from);
    const last = isoWeekOf(to);
    const firstDay = mondayOf(from);
    const lastDay = addDays(mondayOf(to), 6);
    assert.deepEqual(weeks.weeks, { first, last, first_day: firstDay, last_day: lastDay }, 'the API names other weeks');
    assert.notEqual(from, firstDay, 'the default period starts on a Monday: the test shows nothing');
    const label = await page.textContent('#period-label');
    for (const part of [first, last, finnishDate(firstDay), finnishDate(lastDay)]) {
      assert.ok(label.includes(part), `the period label "${label}" does not name ${part}`);
    }
    assert.ok(!label.includes(finnishDate(from)), `the period label "${label}" shows the date asked for`);
    const caption = await page.textContent('#weekly-table caption');
    assert.ok(caption.includes(`${first}–${last}`), `the weekly table's caption "${caption}" does not name the weeks`);
  });
  await check('past, current and future weeks are shown apart, and the headline counts finished weeks only', async () => {
    // Issue 10: the headline counted the unbooked holes of weeks still to come as
    // unused, and booked + released fell short of available with nothing naming the rest.
    const today = helsinkiToday();
    const statusOf = (row) => {
      if (addDays(row.week_start, 6) < today) return 'past';
      return row.week_start <= today ? 'current' : 'future';
    };
    assert.deepEqual(weeks.rows.map((r) => r.week_status), weeks.rows.map(statusOf), 'the API\'s week statuses');
    const rowsOf = (status) => weeks.rows.filter((r) => r.week_status === status);
    assert.ok(rowsOf('past').length > 0 && rowsOf('current').length === 1 && rowsOf('future').length > 0,
      'the default period has no past, current and future weeks');
    // The sections, in order, each with its weeks.
    const sections = await page.$$eval('#weekly-table tbody[data-status]', (bodies) => bodies.map((b) => ({
      status: b.dataset.status,
      heading: b.querySelector('tr.section-head-row th').textContent,
      weeks: [...b.querySelectorAll('tr.week-row')].map((tr) => tr.dataset.key),
    })));
    assert.deepEqual(sections.map((x) => [x.status, x.weeks]), STATUSES.map((st) => [st, rowsOf(st).map((r) => r.key)]));
    assert.match(sections[2].heading, /varattu tähän mennessä/);
    // The headline: booked over available in finished weeks, summed here from the week rows.
    const sum = (rows, name) => rows.reduce((n, r) => n + r[name], 0);
    const finished = 100 * sum(rowsOf('past'), 'holes_booked') / sum(rowsOf('past'), 'holes_available');
    const headline = shownNumber(await page.textContent('#summary dd[data-field="past.utilisation_percent"]'));
    assert.ok(Math.abs(headline - finished) <= 0.05 + 1e-9, `the headline shows ${headline} %, finished weeks are ${finished} %`);
    assert.ok(weeks.totals.holes_open > 0, 'no open holes in the coming weeks: the test shows nothing');
    assert.match(await page.textContent('#summary dt:has(+ dd[data-field="past.utilisation_percent"])'), /päättyneet viikot/);
    for (const status of ['current', 'future']) {
      const shown = await page.textContent(`#summary dd[data-field="${status}.holes_booked"]`);
      assert.equal(shown.replace(/\s/g, ''), `${sum(rowsOf(status), 'holes_booked')}/${sum(rowsOf(status), 'holes_available')}`,
        `the ${status} week(s) booked so far`);
    }
    // Every count adds up, and the page says how.
    for (const row of [...weeks.rows, weeks.totals, ...STATUSES.map((st) => weeks.by_week_status[st])]) {
      assert.equal(row.holes_available, row.holes_booked + row.holes_released + row.holes_open + row.holes_unused,
        `${row.key}: the holes do not add up`);
    }
    const balance = (await page.textContent('#hole-balance')).replace(/\s/g, ' ');
    const t = weeks.totals;
    assert.ok(balance.includes(`${t.holes_available} reikää: ${t.holes_booked} varattu, ${t.holes_released} vapautettu, ${t.holes_open} avoinna`),
      `the balance "${balance}" does not add up the holes`);
    // The chart tells the weeks apart too.
    const bars = await page.$$eval('#weekly-chart svg rect', (rs) => rs.map((r) => [r.dataset.key, r.dataset.status, r.getAttribute('class')]));
    assert.deepEqual(bars, weeks.rows.map((r) => [r.key, r.week_status, `bar bar-${r.week_status}`]));
    assert.ok(await page.isVisible('#weekly-legend li[data-status="future"]'));
  });
  await check('the weekly chart has a labelled bar per week, and the lead-time chart the API histogram', async () => {
    const chart = await page.$eval('#weekly-chart svg', (svg) => ({
      role: svg.getAttribute('role'),
      labelledBy: svg.getAttribute('aria-labelledby').split(' ').map((id) => document.getElementById(id)?.tagName),
      bars: [...svg.querySelectorAll('rect')].map((r) => ({ key: r.dataset.key, value: r.dataset.value })),
      labels: [...svg.querySelectorAll('text.value')].map((t) => t.textContent),
    }));
    assert.equal(chart.role, 'img');
    assert.deepEqual(chart.labelledBy, ['title', 'desc']);
    assert.deepEqual(chart.bars.map((b) => b.key), weeks.rows.map((r) => r.key));
    weeks.rows.forEach((row, i) => {
      assert.equal(Number(chart.bars[i].value), row.utilisation_percent, `bar ${row.key}`);
      assert.ok(Math.abs(shownNumber(chart.labels[i]) - row.utilisation_percent) <= 0.05 + 1e-9, `label ${row.key}`);
    });
    const total = weeks.lead_time_histogram.reduce((s, b) => s + b.count, 0);
    const lead = await page.$$eval('#lead-chart svg rect', (rs) => rs.map((r) => Number(r.dataset.value)));
    if (total > 0) assert.deepEqual(lead, weeks.lead_time_histogram.map((b) => b.count));
    else assert.ok(await page.isVisible('#lead-chart .empty'));
  });
  await check('the case table shows holds, meetings by kind and days to the first joint meeting per week, as the API', async () => {
    // Issue 13: the managers' figures gain the case's holds, meetings by kind and
    // the days from identification and from consent to the first joint meeting.
    const t = weeks.totals;
    assert.ok(t.holds_confirmed > 0 && t.holds_expired > 0, 'no confirmed or expired holds in the demo weeks: the table shows nothing');
    assert.ok(t.meetings_by_kind.mapping > 0 && t.meetings_by_kind.joint > 0, 'no mapping or joint meetings in the demo weeks');
    assert.ok(t.first_joint_from_consent.count > 0 && t.first_joint_from_consent.median_days > 0,
      'no first joint meeting with a consent time in the demo weeks');
    for (const row of [...weeks.rows, t]) {
      const kinds = row.meetings_by_kind;
      assert.equal(kinds.mapping + kinds.joint + kinds.plan_update + kinds.other, row.meetings_in_hole + row.meetings_outside_hole,
        `${row.key}: the meetings by kind do not add up`);
    }
    await expectCaseTableEquals(page, weeks);
    const heads = await page.$$eval('#case-table thead th', (ths) => ths.map((th) => th.textContent));
    assert.ok(heads.includes('Rauenneet varaukset') && heads.includes('Kartoitukset'), heads.join(' | '));
    assert.match(await page.textContent('#case-table caption'), new RegExp(`${weeks.weeks.first}–${weeks.weeks.last}`));
  });
  await check('the table per unit equals the API with group_by=unit over the finished weeks', async () => {
    const past = weeks.rows.filter((row) => row.week_status === 'past');
    const from = past[0].week_start;
    const to = addDays(past[past.length - 1].week_start, 6);
    const r = await api(base, 'GET', `/api/v1/utilisation?from=${from}&to=${to}&group_by=unit`, manager);
    assert.equal(r.status, 200, r.text);
    await expectTableEquals(page, 'group-table', r.json());
    const caption = await page.textContent('#group-table caption');
    assert.ok(caption.includes(`päättyneet viikot ${past[0].key}–${past[past.length - 1].key}`), caption);
    const units = await page.$$eval('#unit option', (os) => os.map((o) => o.value).filter(Boolean));
    assert.deepEqual(units, weeks.units);
    const scopes = await page.$$eval('#group-table thead th', (ths) => ths.map((th) => th.scope));
    assert.ok(scopes.every((s) => s === 'col'));
    assert.ok(await page.$('#group-table caption'));
    assert.equal(await page.$eval('#group-table td.num', (td) => getComputedStyle(td).textAlign), 'right');
  });
  await check('choosing a unit and a period shows that unit\'s figures, equal to the API', async () => {
    const unit = weeks.units.find((u) => /sosiaali/i.test(u)) || weeks.units[0];
    await page.selectOption('#unit', unit);
    await page.fill('#from', weeks.from);
    await page.press('#to', 'Enter');
    await page.waitForFunction((u) => document.querySelector('#weekly-table caption')?.textContent.includes(u), unit);
    const r = await api(base, 'GET',
      `/api/v1/utilisation?from=${weeks.from}&to=${weeks.to}&unit=${encodeURIComponent(unit)}&group_by=week`, manager);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json().unit, unit);
    await expectTableEquals(page, 'weekly-table', r.json());
    await page.selectOption('#unit', '');
    await page.click('#controls button[type="submit"]');
    await page.waitForFunction(() => !document.querySelector('#weekly-table caption')?.textContent.includes('sosiaali'));
    await expectTableEquals(page, 'weekly-table', weeks);
  });
  await check('"Lataa CSV" saves the API\'s CSV through a blob, with the token in no URL', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#csv-weeks')]);
    assert.match(download.url(), /^blob:/);
    const file = await download.path();
    const saved = fs.readFileSync(file, 'utf8');
    const r = await api(base, 'GET', `/api/v1/utilisation?from=${weeks.from}&to=${weeks.to}&group_by=week&format=csv`, manager);
    assert.equal(saved, r.text, 'the saved CSV differs from the API\'s');
    assert.match(download.suggestedFilename(), /\.csv$/);
    for (const url of requested) assert.ok(!url.includes(manager), `a request URL holds the token: ${url}`);
  });
}

async function languagePart({ base, manager, page }) {
  await signIn(page, base, manager);
  const weeks = await weeksOfThePage(page, base, manager);
  await check('after switching to English no Finnish text of the page is left, and back', async () => {
    // Issue 10: the status line (and any message shown) stayed in Finnish after the switch.
    const fragments = finnishFragments(await (await fetch(`${base}/dashboard/app.js`)).text());
    const data = new Set(weeks.units);
    const inFinnish = finnishLeft(await pageTexts(page), fragments, data);
    assert.ok(inFinnish.length > 20, `the check finds only ${inFinnish.length} Finnish texts on the Finnish page`);
    await page.click('#lang-switch');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.deepEqual(finnishLeft(await pageTexts(page), fragments, data), [], 'Finnish left after switching to English');
    assert.match(await page.textContent('#period-label'), new RegExp(`^Weeks counted: ${weeks.weeks.first}–${weeks.weeks.last} `));
    assert.equal(await page.textContent('h1'), 'Hole in the calendar: utilisation');
    assert.ok((await page.$$eval('#weekly-table thead th', (t) => t.map((x) => x.textContent))).includes('Holes booked'));
    assert.ok((await page.$$eval('#case-table thead th', (t) => t.map((x) => x.textContent))).includes('Holds expired'));
    assert.equal(await page.textContent('#lang-switch'), 'Suomeksi');
    assert.equal(await page.getAttribute('#lang-switch', 'lang'), 'fi');
    await page.click('#lang-switch');
    assert.equal(await page.getAttribute('html', 'lang'), 'fi');
    assert.equal(await page.textContent('h1'), 'Reikä kalenterissa: käyttöaste');
    assert.ok((await page.$$eval('#weekly-table thead th', (t) => t.map((x) => x.textContent))).includes('Varatut reiät'));
    await expectTableEquals(page, 'weekly-table', weeks);
  });

  // The page is no wider than the window; a table wider than its box scrolls
  // inside it, and scrolled to its far end every row's first cell still shows
  // its text, on top. Returns how each table fared.
  async function expectTablesInView(label) {
    const window_ = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    assert.ok(window_.scroll <= window_.client, `${label}: the page is ${window_.scroll} px wide in a ${window_.client} px window`);
    const fared = {};
    for (const id of ['weekly-table', 'group-table']) {
      const result = await page.evaluate(async (tableId) => {
        const table = document.getElementById(tableId);
        const wrap = table.closest('.table-wrap');
        const fits = table.offsetWidth <= wrap.clientWidth;
        const out = { fits, tableWidth: table.offsetWidth, wrapWidth: wrap.clientWidth, overflow: getComputedStyle(wrap).overflowX };
        if (fits) return out;
        wrap.scrollLeft = wrap.scrollWidth;
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        const left = wrap.getBoundingClientRect().left + wrap.clientLeft;
        out.hidden = [];
        for (const tr of table.querySelectorAll('tr')) {
          const cell = tr.cells[0];
          // Into the window's view vertically (elementFromPoint sees only the viewport).
          window.scrollBy(0, cell.getBoundingClientRect().top - window.innerHeight / 2);
          // Where its text is: inside the box, not under another cell.
          const range = document.createRange();
          range.selectNodeContents(cell);
          const box = range.getBoundingClientRect();
          const x = box.left + Math.min(box.width, 40) / 2;
          const y = box.top + box.height / 2;
          const onTop = document.elementFromPoint(x, y);
          if (box.left < left - 1 || !(onTop && cell.contains(onTop))) out.hidden.push(cell.textContent);
        }
        out.lastVisible = table.querySelector('thead tr').lastElementChild.getBoundingClientRect().right
          <= wrap.getBoundingClientRect().right + 1;
        wrap.scrollLeft = 0;
        window.scrollTo(0, 0);
        return out;
      }, id);
      console.log(`# ${label} #${id}: ${result.tableWidth} px in a ${result.wrapWidth} px box${result.fits ? '' : ', scrolls'}`);
      fared[id] = result.fits ? 'fits' : 'scrolls';
      if (result.fits) continue;
      assert.ok(['auto', 'scroll'].includes(result.overflow), `${label}: #${id} (${result.tableWidth} px) overflows its ${result.wrapWidth} px box`);
      assert.deepEqual(result.hidden, [], `${label}: #${id} scrolled sideways hides first-column cells`);
      assert.ok(result.lastVisible, `${label}: #${id} scrolled to the end does not show its last column`);
    }
    return fared;
  }

  await check('at 1280 px the tables fit the page, in Finnish and English; narrower, they scroll with their first column in view', async () => {
    // Issue 10: the table by unit was cut off at 1280 px, its columns out of reach.
    assert.equal(await page.evaluate(() => window.innerWidth), 1280);
    for (const lang of ['fi', 'en']) {
      if (lang === 'en') await page.click('#lang-switch');
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      assert.deepEqual(await expectTablesInView(`1280 px, ${lang}`), { 'weekly-table': 'fits', 'group-table': 'fits' });
    }
    await page.click('#lang-switch');
    await page.setViewportSize({ width: 900, height: 900 });
    try {
      assert.deepEqual(await expectTablesInView('900 px, fi'), { 'weekly-table': 'scrolls', 'group-table': 'scrolls' });
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });
}

async function accessibilityPart({ base, manager, page }) {
  await signIn(page, base, manager);
  await check('Tab reaches the skip link and every control, each with a visible focus ring', async () => {
    // A reload starts keyboard navigation at the top; the tab's session keeps the sign-in.
    await page.reload();
    await page.waitForSelector('#weekly-table tbody tr[data-key]');
    const reached = [];
    for (let i = 0; i < 26; i++) {  // a date input takes a Tab per part (day, month, year, picker)
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        return { id: el.id || el.className || el.tagName, outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      }));
    }
    // Past the last control focus leaves the page (to the browser's own UI).
    const end = reached.findIndex((r) => r.id === 'BODY');
    if (end >= 0) reached.length = end;
    const ids = reached.map((r) => r.id);
    assert.equal(ids[0], 'skip-link', `the first Tab goes to ${ids[0]}`);
    for (const id of ['lang-switch', 'sign-out', 'from', 'to', 'unit', 'group-by', 'csv-weeks']) {
      assert.ok(ids.includes(id), `Tab never reaches #${id} (${ids.join(', ')})`);
    }
    for (const r of reached) assert.ok(r.outline !== 'none' && r.width >= 2, `no visible focus on ${r.id}`);
  });
  await check('every control has a label and the text contrast is at least 4.5:1', async () => {
    const unlabelled = await page.$$eval('input, select', (els) => els.filter((e) => e.labels.length === 0).map((e) => e.id));
    assert.deepEqual(unlabelled, []);
    const worst = await page.evaluate(() => {
      const rgb = (s) => (s.match(/[\d.]+/g) || []).map(Number);
      const lum = ([r, g, b]) => {
        const f = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const background = (el) => {
        for (let e = el; e; e = e.parentElement) {
          const c = rgb(getComputedStyle(e).backgroundColor);
          if (c.length >= 3 && (c.length < 4 || c[3] > 0)) return c;
        }
        return [255, 255, 255];
      };
      let min = { ratio: 99 };
      for (const el of document.querySelectorAll('h1, h2, p, label, legend, button, th, td, dt, dd, caption, option, a')) {
        if (!el.offsetParent && el.tagName !== 'OPTION') continue;
        if (!el.textContent.trim()) continue;
        const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(background(el))];
        const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        if (ratio < min.ratio) min = { ratio, what: `${el.tagName}#${el.id} "${el.textContent.trim().slice(0, 30)}"` };
      }
      return min;
    });
    assert.ok(worst.ratio >= 4.5, `contrast ${worst.ratio.toFixed(2)}:1 on ${worst.what}`);
    assert.equal(await page.getAttribute('#status', 'aria-live'), 'polite');
  });
  await check('a screenshot is saved as a test artifact', async () => {
    fs.mkdirSync(path.dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot, fullPage: true });
    assert.ok(fs.statSync(screenshot).size > 10_000);
    console.log(`# screenshot: ${screenshot}`);
  });
}

async function main() {
  const require = createRequire(path.join(browserProject, 'package.json'));
  let chromium;
  try {
    ({ chromium } = require('playwright-core'));
  } catch (error) {
    throw new Error(`playwright-core is not installed in ${browserProject}: run ` +
      `"npm ci --prefix tests/integration/browser" (deploy/test.sh does)\n${error.message}`);
  }
  assert.ok(fs.existsSync(chromiumPath), `${chromiumPath} is missing: install Debian's chromium (deploy/install-deps.sh)`);
  assert.ok(parts.every((p) => PARTS.includes(p)), `--part is one of ${PARTS.join(', ')}, got ${args.part}`);

  // The browser starts while the server does.
  const headless = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  const profile = fs.mkdtempSync(path.join(workdir, 'chromium-'));
  launching = chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: headless,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    locale: 'fi-FI',
  });
  launching.catch(() => {});  // a failed start is reported where it is awaited
  const base = await startServer();
  const manager = createToken('manager', 'Palveluesihenkilö');
  const coordinator = createToken('coordinator', 'Sanna Aalto');
  console.log(`# server on ${base}, database ${db}`);

  await check('the demo team is there and a few joint meetings book through the API', async () => {
    const teams = [
      ['sosiaalityontekija-aalto', 'laakari-korhonen', 'terveydenhoitaja-nieminen'],
      ['erityisopettaja-jarvinen', 'kuntoutusohjaaja-lehtonen', 'paihdetyontekija-laine'],
      ['psykologi-makela', 'kuraattori-heikkinen', 'perhetyontekija-koskinen'],
      ['sosiaalityontekija-aalto', 'psykologi-makela'],
    ];
    for (const [i, required] of teams.entries()) {
      const r = await api(base, 'POST', '/api/v1/meetings', coordinator,
        { case_ref: `YA-2026-09${String(i).padStart(2, '0')}`, required, duration_minutes: 30 });
      assert.equal(r.status, 201, `booking ${required.join(',')}: ${r.status} ${r.text}`);
    }
  });

  if (parts.includes('sign-in')) await servedPart({ base });

  context = await launching;
  const page = context.pages()[0] || (await context.newPage());
  page.setDefaultTimeout(15_000);
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => {
    // A 401/403 the page asked for on purpose is logged by Chromium as a failed resource.
    const expected = /status of 40[13]/.test(m.text());
    if (m.type() === 'error' && !expected) pageErrors.push(`${m.text()} (${m.location().url})`);
  });
  const requested = [];
  page.on('request', (r) => requested.push(r.url()));
  // Every 404 the browser got, whether the page or the browser itself asked
  // (Chromium logs a failed /favicon.ico on the console, not always as a response event).
  const notFound = [];
  page.on('response', (r) => {
    if (r.status() === 404) notFound.push(r.url());
  });
  page.on('console', (m) => {
    if (/status of 404/.test(m.text())) notFound.push(m.location().url || m.text());
  });

  const session = { base, manager, coordinator, page, requested, notFound };
  if (parts.includes('sign-in')) await signInPart(session);
  if (parts.includes('figures')) await figuresPart(session);
  if (parts.includes('language')) await languagePart(session);
  if (parts.includes('accessibility')) await accessibilityPart(session);

  await check('the page raised no script error and no Content-Security-Policy violation', async () => {
    assert.deepEqual(pageErrors, []);
  });
}

let exitCode = 0;
try {
  await main();
} catch (error) {
  if (failed === 0) {
    failed++;
    console.log(`not ok - setup\n  ${error && error.stack ? error.stack : error}`);
  }
  exitCode = 1;
  try {
    const page = context && context.pages()[0];
    if (page) {
      const failure = screenshot.replace(/\.png$/, args.part ? `-${args.part}-failure.png` : '-failure.png');
      fs.mkdirSync(path.dirname(failure), { recursive: true });
      await page.screenshot({ path: failure, fullPage: true });
      console.log(`# failure screenshot: ${failure}`);
    }
  } catch (e) {
    // The browser may be gone already.
  }
} finally {
  if (!context && launching) context = await launching.catch(() => null);
  if (context) await context.close().catch(() => {});
  if (server && server.exitCode === null) server.kill('SIGTERM');
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(exitCode);
