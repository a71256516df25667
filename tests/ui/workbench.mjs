// Browser test of the reviewer workbench (docs/WORKBENCH.md): Debian's chromium, headless, driven
// by puppeteer-core (which downloads no browser). Usage: node workbench.mjs PARTYSCREEN SHOTS_DIR
// Builds a database (users, a small register screened on the bundled snapshot of the real lists),
// starts `partyscreen serve --db`, and checks: login; the queue; the Hikvision alert with its
// Entity List listing (84 FR 54002) and aligned words; a false positive cleared with a reason
// leaves the queue; four-eyes confirmation by a second user; the customer report as CSV and HTML
// naming the audit head hash; an analyst refused the admin page; a POST without CSRF token
// refused; a wrong password throttled. Exit 77 (skipped) without chromium or node_modules.
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
  'c-bob,Robert Smith,Person,GB\n');
run(['customers', 'import', path.join(dir, 'customers.csv'), '--db', db]);
run(['users', 'add', 'alice', '--role', 'analyst', '--db', db], 'alice-password-1\n');
run(['users', 'add', 'bob', '--role', 'supervisor', '--db', db], 'bob-password-12\n');
run(['users', 'add', 'root', '--role', 'admin', '--db', db], 'root-password-1\n');
run(['users', 'add', 'carol', '--role', 'analyst', '--db', db], 'carol-password1\n');
run(['rescreen', '--all', '--db', db]);

const port = await new Promise((resolve) => {
  const s = net.createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
});
const server = spawn(binary, ['serve', '--db', db, '--no-auth', '--listen', `127.0.0.1:${port}`,
  '--four-eyes-score', '0.99'], { stdio: ['ignore', 'inherit', 'inherit'] });
const base = `http://127.0.0.1:${port}`;
for (let i = 0; i < 300; i++) {
  try { if ((await fetch(base + '/healthz')).ok) break; } catch { /* not up yet */ }
  await new Promise((r) => setTimeout(r, 100));
}

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

  // The Hikvision alert: the Entity List listing with 84 FR 54002, the aligned words.
  await alice.goto(base + '/ui/?q=c-hik&list=csl');
  await submit(alice, 'a.alert-link');
  const alertText = await alice.$eval('main', (m) => m.innerText);
  check(/Entity List/.test(alertText) && alertText.includes('84 FR 54002'), 'Hikvision alert shows the Entity List listing with 84 FR 54002');
  const marks = await alice.$$eval('#aligned mark', (ms) => ms.map((m) => m.textContent));
  check(marks.some((m) => /hikvision/i.test(m)), 'aligned words highlighted: ' + marks.slice(0, 6).join(' '));
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
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
console.log(failures ? `${failures} check(s) failed` : 'all workbench checks passed');
process.exit(failures ? 1 : 0);
