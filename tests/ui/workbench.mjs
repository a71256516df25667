// Browser test of the reviewer workbench (docs/WORKBENCH.md): Debian's chromium, headless, driven
// by puppeteer-core (which downloads no browser). Usage: node workbench.mjs PARTYSCREEN SHOTS_DIR
// Builds a database (users, a small register screened on the bundled snapshot of the real lists),
// starts `partyscreen serve --db`, and checks: login; the queue; the Hikvision alert with its
// Entity List listing (84 FR 54002) and aligned words; a false positive cleared with a reason
// leaves the queue; four-eyes confirmation by a second user; the customer report as CSV and HTML
// naming the audit head hash, the report of one alert and of a period; an analyst refused the admin page; a POST without CSRF token
// refused; a wrong password throttled; identical false positives cleared in bulk with one reason
// per group (the four-eyes rule still applying). Exit 77 (skipped) without chromium or node_modules.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';

const [binary, shots] = process.argv.slice(2);
const here = path.dirname(new URL(import.meta.url).pathname);
const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
if (!chromium) { console.log('SKIP: no chromium (apt-get install chromium)'); process.exit(77); }
let puppeteer;
try {
  puppeteer = (await import(path.join(here, 'node_modules/puppeteer-core/lib/esm/puppeteer/puppeteer-core.js'))).default;
} catch (e) {
  console.log('SKIP: tests/ui/node_modules missing (run npm ci in tests/ui): ' + e.message);
  process.exit(77);
}

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ps-ui-'));
const db = path.join(dir, 'wb.db');
const run = (args, input) => execFileSync(binary, args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
fs.writeFileSync(path.join(dir, 'customers.csv'),
  'id,name,schema,country\n' +
  'c-hik,Hangzhou Hikvision Digital Technology Co. Ltd,Organization,CN\n' +
  'c-hua,Huawei Technologies Co. Ltd,Organization,CN\n' +
  'c-sim,Hikvission Digital Technologies,Organization,\n' +
  'c-bob,Robert Smith,Person,GB\n' +
  // Identical but for the customer (bulk clearing): two more of the misspelt Hikvision, two
  // more Huawei (scored >= 0.99: their clearance waits under the four-eyes rule).
  'c-sim2,Hikvission Digital Technologies,Organization,\n' +
  'c-sim3,Hikvission Digital Technologies,Organization,\n' +
  'c-hua2,Huawei Technologies Co. Ltd,Organization,CN\n' +
  'c-hua3,Huawei Technologies Co. Ltd,Organization,CN\n');
run(['customers', 'import', path.join(dir, 'customers.csv'), '--db', db]);
run(['users', 'add', 'alice', '--role', 'analyst', '--db', db], 'alice-password-1\n');
run(['users', 'add', 'bob', '--role', 'supervisor', '--db', db], 'bob-password-12\n');
run(['users', 'add', 'root', '--role', 'admin', '--db', db], 'root-password-1\n');
run(['users', 'add', 'carol', '--role', 'analyst', '--db', db], 'carol-password1\n');
run(['rescreen', '--all', '--db', db]);

// The four-eyes level comes from serve's config file (the checks below depend on it).
fs.writeFileSync(path.join(dir, 'serve.ini'), '[serve]\nfour-eyes-score = 0.99\n');
const freePort = () => new Promise((resolve) => {
  const s = net.createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
});
const port = await freePort();
const server = spawn(binary, ['serve', '--db', db, '--no-auth', '--listen', `127.0.0.1:${port}`,
  '--config', path.join(dir, 'serve.ini')], { stdio: ['ignore', 'inherit', 'inherit'] });
const base = `http://127.0.0.1:${port}`;
const waitUp = async (url) => {
  for (let i = 0; i < 300; i++) {
    try { if ((await fetch(url + '/healthz')).ok) return; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
};
await waitUp(base);

const browser = await puppeteer.launch({ executablePath: chromium, headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
try {
  fs.mkdirSync(shots, { recursive: true });
  async function login(user, password) {
    const ctx = await browser.createBrowserContext();
    const page = await ctx.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    // The pages allow no script (Content-Security-Policy); the test's own fetch() calls need it.
    await page.setBypassCSP(true);
    await page.goto(base + '/ui/');
    await page.type('#user', user);
    await page.type('#password', password);
    const [resp] = await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    return { ctx, page, resp };
  }
  const submit = async (page, selector) =>
    (await Promise.all([page.waitForNavigation(), page.click(selector)]))[0];

  // Log in; the queue shows the register's alerts.
  const { page: alice } = await login('alice', 'alice-password-1');
  check(alice.url() === base + '/ui/', 'alice logged in and sees the queue');
  const queue = await alice.$eval('#queue', (t) => t.innerText);
  check(/Hikvision/i.test(queue) && /Huawei/i.test(queue), 'the queue lists the Hikvision and Huawei alerts');
  const cookie = (await alice.cookies()).find((c) => c.name === 'ps_session');
  check(cookie && cookie.httpOnly && cookie.sameSite === 'Strict', 'session cookie is HttpOnly, SameSite=Strict');
  await alice.screenshot({ path: path.join(shots, 'queue.png'), fullPage: true });

  // The programme filter: the parties listed under a programme (on any of their listings); a
  // listing without a programme goes by its list's abbreviation (the Entity List: EL).
  const byProgramme = {};
  for (const p of ['EL', 'cmic', 'SDGT']) {
    await alice.goto(base + '/ui/?programme=' + p);
    byProgramme[p] = { queue: await alice.$eval('#queue', (t) => t.innerText),
      matching: await alice.$eval('#matching', (m) => m.textContent) };
  }
  check(/Hikvision/i.test(byProgramme.EL.queue) && /Huawei/i.test(byProgramme.EL.queue) &&
    /Hikvision/i.test(byProgramme.cmic.queue) && !/Hikvision|Huawei/i.test(byProgramme.SDGT.queue) &&
    /Programme EL: [1-9]\d* listing/.test(byProgramme.EL.matching),
    'programme filter: EL and CMIC show Hikvision, SDGT neither it nor Huawei (' +
    Object.entries(byProgramme).map(([p, v]) => `${p}: ${v.matching.trim().slice(0, 60)}`).join('; ') + ')');

  // The Hikvision alert: the Entity List listing with 84 FR 54002, the aligned words.
  await alice.goto(base + '/ui/?q=c-hik&list=csl');
  await submit(alice, 'a.alert-link');
  const alertText = await alice.$eval('main', (m) => m.innerText);
  check(/Entity List/.test(alertText) && alertText.includes('84 FR 54002'), 'Hikvision alert shows the Entity List listing with 84 FR 54002');
  const marks = await alice.$$eval('#aligned mark', (ms) => ms.map((m) => m.textContent));
  check(marks.some((m) => /hikvision/i.test(m)), 'aligned words highlighted: ' + marks.slice(0, 6).join(' '));
  const historyText = await alice.$eval('#history', (t) => t.innerText);
  check(/re-screen\s+raised/.test(historyText) && /new alert/.test(historyText),
    "the alert's history shows the screening that raised it: " + historyText.split('\n')[1]);
  await alice.goto(base + '/ui/customer?id=c-hik');
  const customerHistory = await alice.$eval('#customer-history', (t) => t.innerText);
  check(/re-screen\s+\S+\s+raised/.test(customerHistory),
    "the customer page lists the customer's screenings: " + customerHistory.split('\n')[1]);
  await alice.goBack();
  check(/LICENSE_REQUIRED|BLOCK|DENY/.test(await alice.$eval('#outcome', (o) => o.textContent)), 'legal outcome shown');
  await alice.screenshot({ path: path.join(shots, 'alert.png'), fullPage: true });

  // Clear the lowest-scoring alert (below the four-eyes level) as a false positive.
  await alice.goto(base + '/ui/?sort=score&dir=asc');
  const low = await alice.$eval('a.alert-link', (a) => a.getAttribute('href'));
  const lowRow = await alice.$eval('#queue tbody tr', (r) => r.innerText);
  await alice.goto(base + low);
  await alice.click('input[value=false_positive]');
  await alice.type('#reason', 'different company: no link to the listed party');
  await submit(alice, '#decide button[type=submit]');
  const after = await alice.$$eval('a.alert-link', (as) => as.map((a) => a.getAttribute('href')));
  check(!after.includes(low), `cleared false positive left the queue (${lowRow.replace(/\s+/g, ' ').slice(0, 80)})`);

  // Four-eyes: Huawei scores >= 0.99, so alice's clearance waits for a supervisor.
  await alice.goto(base + '/ui/?q=c-hua');
  const hua = await alice.$eval('a.alert-link', (a) => a.getAttribute('href'));
  await alice.goto(base + hua);
  await alice.click('input[value=false_positive]');
  await alice.type('#reason', 'customer is the US distributor, not the listed party');
  await submit(alice, '#decide button[type=submit]');
  check(await alice.$('#pending') !== null && await alice.$('#pending form') === null,
    'clearance waits for confirmation; the proposer gets no confirm form');
  await alice.goto(base + '/ui/?q=c-hua');
  check((await alice.$$eval('a.alert-link', (as) => as.map((a) => a.getAttribute('href')))).includes(hua),
    'the alert stays in the queue until confirmed');
  const { page: bob } = await login('bob', 'bob-password-12');
  await bob.goto(base + hua);
  await bob.type('#creason', 'checked the distributor agreement');
  await submit(bob, '#pending button[value=confirm]');
  await bob.goto(base + '/ui/?q=c-hua');
  check(!(await bob.$$eval('a.alert-link', (as) => as.map((a) => a.getAttribute('href')))).includes(hua),
    'after the supervisor confirms, the alert leaves the queue');

  // Bulk clearing of identical false positives: one reason per group, each alert decided and
  // audited on its own, the four-eyes rule still applies.
  await alice.goto(base + '/ui/bulk');
  await alice.screenshot({ path: path.join(shots, 'bulk.png'), fullPage: true });
  const groups = await alice.$$eval('section.bulk-group', (ss) => ss.map((s) => ({
    title: s.querySelector('h2').textContent,
    alerts: [...s.querySelectorAll('input[name=alert]')].map((i) => JSON.parse(i.value)) })));
  const simIndex = groups.findIndex((g) => g.title.includes('Hikvission Digital Technologies'));
  const huaIndex = groups.findIndex((g) => g.title.includes('Huawei Technologies Co. Ltd'));
  check(simIndex >= 0 && groups[simIndex].alerts.length >= 2 && huaIndex >= 0 &&
    groups[huaIndex].alerts.some(([c]) => c === 'c-hua2') && groups[huaIndex].alerts.some(([c]) => c === 'c-hua3'),
    'bulk page groups identical alerts: ' + groups.map((g) => `${g.title.trim()} (${g.alerts.length})`).join('; '));
  const bulkCsrf = await alice.$eval('section.bulk-group input[name=csrf]', (i) => i.value);
  const noReason = await alice.evaluate(async (csrf, a) => {
    const r = await fetch('/ui/bulk/clear', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf, name: 'x', alert: a, reason: ' ' }).toString() });
    return r.status;
  }, bulkCsrf, JSON.stringify(groups[Math.max(simIndex, 0)].alerts[0] || []));
  check(noReason === 422, `bulk clearing without a reason refused (${noReason})`);
  const clearGroup = async (index, reason) => {
    await alice.goto(base + '/ui/bulk');
    const form = `section.bulk-group:nth-of-type(${index + 1}) form`;
    await alice.type(`section.bulk-group:nth-of-type(${index + 1}) input[name=reason]`, reason);
    await submit(alice, `${form} button[type=submit]`);
    return alice.$eval('#bulk-result', (p) => p.textContent);
  };
  const simGroup = groups[simIndex] || { alerts: [] };
  const simResult = await clearGroup(simIndex, 'a camera retailer, not Hikvision: same name, checked once');
  check(simResult.startsWith(`${simGroup.alerts.length} cleared as false positives, 0 awaiting`),
    'the misspelt Hikvision group is cleared in one go: ' + simResult);
  let stillOpen = 0;
  for (const [c, e] of simGroup.alerts) {
    await alice.goto(base + '/ui/?q=' + encodeURIComponent(c) + '&state=suppressed');
    const hrefs = await alice.$$eval('a.alert-link', (as) => as.map((a) => a.getAttribute('href')));
    if (!hrefs.some((h) => h.includes('entity=' + encodeURIComponent(e)))) stillOpen++;
  }
  check(simGroup.alerts.length > 0 && stillOpen === 0, `every alert of the group is suppressed (${stillOpen} not)`);
  const simCsv = await alice.evaluate(async () => (await (await fetch('/ui/report?customer=c-sim3&format=csv')).text()));
  check(/decision,[^\n]*,alice,[^\n]*a camera retailer/.test(simCsv), 'each cleared alert is audited with the user and the group reason');
  // A Huawei group whose every alert scores at or above the four-eyes level (0.99).
  await alice.goto(base + '/ui/bulk');
  const huaNow = await alice.$$eval('section.bulk-group', (ss) => ss.findIndex((s) =>
    s.querySelector('h2').textContent.includes('Huawei Technologies Co. Ltd') &&
    [...s.querySelectorAll('tbody tr')].every((r) => r.textContent.includes('needs a second person'))));
  check(huaNow >= 0, 'a Huawei group scoring at or above the four-eyes level is offered');
  const huaResult = await clearGroup(huaNow, 'distributors of the same name');
  check(/^0 cleared as false positives, [1-9]\d* awaiting a second person, 0 skipped/.test(huaResult),
    'four-eyes still applies to a bulk clearance: ' + huaResult);
  await alice.goto(base + '/ui/?q=c-hua2&pending=1');
  await alice.screenshot({ path: path.join(shots, 'bulk-pending.png'), fullPage: true });
  check((await alice.$$eval('a.alert-link', (as) => as.length)) > 0, 'the Huawei alerts wait for a second person');

  // The report of that customer, CSV and HTML, naming the audit head hash.
  const csv = await alice.evaluate(async () => {
    const r = await fetch('/ui/report?customer=c-hua&format=csv');
    return { type: r.headers.get('content-type'), disp: r.headers.get('content-disposition'), text: await r.text() };
  });
  const csvHead = (csv.text.match(/head_hash=([0-9a-f]{64})/) || [])[1];
  check(csv.type.startsWith('text/csv') && /attachment/.test(csv.disp) && !!csvHead, 'CSV report downloads and names the audit head hash');
  check(/confirm_clearance/.test(csv.text) && /chain_intact/.test(csv.text), 'CSV report has the confirmation and the chain status');
  await alice.goto(base + '/ui/report?customer=c-hua&format=html');
  const htmlHead = await alice.$eval('#head-hash', (c) => c.textContent);
  check(htmlHead === csvHead, 'HTML report names the same audit head hash ' + htmlHead.slice(0, 12));
  await alice.screenshot({ path: path.join(shots, 'report.png'), fullPage: true });

  // The report of one alert, linked from its page: narrowed to the alert's party.
  await alice.goto(base + hua);
  await Promise.all([alice.waitForNavigation(), alice.click('#alert-report')]);
  const scope = await alice.$eval('#scope', (p) => p.textContent);
  const alertDecisions = await alice.$eval('#decisions', (t) => t.innerText);
  check((await alice.title()).startsWith('Alert report') && scope.includes(new URLSearchParams(hua.split('?')[1]).get('entity')) &&
    /confirm_clearance/.test(alertDecisions) && (await alice.$eval('#head-hash', (c) => c.textContent)) === htmlHead,
    'the alert report names the alert, its decisions and the audit head hash: ' + scope.trim().slice(0, 80));

  // The report of a period, from the form on /ui/report (this month to today by default).
  await alice.goto(base + '/ui/report');
  await Promise.all([alice.waitForNavigation(), alice.click('#period-form button[type=submit]')]);
  const periodRecords = await alice.$eval('#period-records', (p) => p.textContent);
  const periodDecisions = await alice.$eval('#decisions', (t) => t.innerText);
  check(/^[1-9]\d* audit record\(s\)/.test(periodRecords) && /confirm_clearance/.test(periodDecisions) &&
    /a camera retailer/.test(periodDecisions) && (await alice.$eval('#head-hash', (c) => c.textContent)) === htmlHead,
    'the period report sums up the records and lists every decision of the period: ' + periodRecords.slice(0, 60));
  await alice.screenshot({ path: path.join(shots, 'report-period.png'), fullPage: true });
  const periodUrl = new URL(alice.url());
  const periodCsv = await alice.evaluate(async (q) => (await (await fetch('/ui/report?' + q + '&format=csv')).text()),
    periodUrl.searchParams.toString());
  check(/^records_of_kind,.*,workbench,/m.test(periodCsv) && /^screened_against,/m.test(periodCsv) &&
    /^decision,[^\n]*,bob,[^\n]*,c-hua,[^\n]*confirm_clearance/m.test(periodCsv) && periodCsv.includes('head_hash=' + htmlHead),
    'the period CSV has the records by kind, the list snapshots, the decisions and the head hash');
  const badPeriod = await alice.goto(base + '/ui/report?from=2026-13-01&to=2026-12-01');
  check(badPeriod.status() === 400, `a period that is not two days is refused (${badPeriod.status()})`);

  // An analyst cannot reach admin pages; an admin can.
  const denied = await alice.goto(base + '/ui/admin/users');
  check(denied.status() === 403, 'analyst gets 403 on /ui/admin/users');
  const { page: root } = await login('root', 'root-password-1');
  check((await root.goto(base + '/ui/admin/users')).status() === 200, 'admin reaches /ui/admin/users');

  // A POST without the CSRF token is refused (and does nothing).
  await alice.goto(base + '/ui/?q=c-hik');
  const hik = await alice.$eval('a.alert-link', (a) => a.getAttribute('href'));
  const q = new URLSearchParams(hik.split('?')[1]);
  const noCsrf = await alice.evaluate(async (c, e) => {
    const r = await fetch('/ui/alert/decide', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ customer: c, entity: e, decision: 'false_positive', reason: 'x' }).toString() });
    return r.status;
  }, q.get('customer'), q.get('entity'));
  check(noCsrf === 403, `POST without CSRF token refused (${noCsrf})`);
  await alice.goto(base + '/ui/?q=c-hik');
  check((await alice.$$eval('a.alert-link', (as) => as.length)) > 0, 'the Hikvision alert is still open');

  // Wrong passwords are throttled: after 5, even the right one is refused for a while.
  const statuses = [];
  for (let i = 0; i < 5; i++) statuses.push((await login('carol', 'wrong-password-' + i)).resp.status());
  const right = await login('carol', 'carol-password1');
  check(statuses.every((s) => s === 401) && right.resp.status() === 429 &&
    /too many failed logins/.test(await right.page.$eval('main', (m) => m.innerText)),
    `wrong password throttled (${statuses.join(',')} then ${right.resp.status()})`);

  // The workbench's serve options from the environment (PARTYSCREEN_<OPTION>) and a config file.
  const port2 = await freePort();
  fs.writeFileSync(path.join(dir, 'serve2.ini'), 'four-eyes-block = true\nfour-eyes-score = 0.5\n');
  const db2 = path.join(dir, 'wb2.db');  // a serve holds its database's audit journal alone
  run(['users', 'add', 'alice', '--role', 'analyst', '--db', db2], 'alice-password-1\n');
  const server2 = spawn(binary, ['serve', '--db', db2, '--no-auth', '--listen', `127.0.0.1:${port2}`,
    '--config', path.join(dir, 'serve2.ini')], { stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, PARTYSCREEN_UI_SECURE_COOKIE: 'true', PARTYSCREEN_FOUR_EYES_SCORE: '0.7' } });
  try {
    await waitUp(`http://127.0.0.1:${port2}`);
    const r = await fetch(`http://127.0.0.1:${port2}/ui/login`);
    check(/;\s*Secure/.test(r.headers.get('set-cookie') || ''),
      'PARTYSCREEN_UI_SECURE_COOKIE=true marks the cookie Secure: ' + r.headers.get('set-cookie'));
    const loginToken = (r.headers.get('set-cookie').match(/ps_login=([^;]+)/) || [])[1];
    const form = new URLSearchParams({ csrf: loginToken, user: 'alice', password: 'alice-password-1' });
    const logged = await fetch(`http://127.0.0.1:${port2}/ui/login`, { method: 'POST', redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: 'ps_login=' + loginToken },
      body: form.toString() });
    const session = ((logged.headers.get('set-cookie') || '').match(/ps_session=([^;]+)/) || [])[1];
    const bulk = await (await fetch(`http://127.0.0.1:${port2}/ui/bulk`, { headers: { Cookie: 'ps_session=' + session } })).text();
    check(/at least 0\.700 or whose outcome is BLOCK/.test(bulk),
      'four-eyes-block from the config file, four-eyes-score from PARTYSCREEN_FOUR_EYES_SCORE over the file: ' +
      ((bulk.match(/<p id="four-eyes-rule">([^<]*)/) || [])[1] || 'no rule shown'));
  } finally {
    server2.kill('SIGTERM');
  }
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
console.log(failures ? `${failures} check(s) failed` : 'all workbench checks passed');
process.exit(failures ? 1 : 0);
