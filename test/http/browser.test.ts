/**
 * The web page in a real browser: Debian's chromium driven by playwright-core. Searches,
 * opens a document, sees the highlights, marks a task done, downloads the ICS file, and
 * checks that markup inside a document is shown as text and never runs; with accounts, a member
 * and a clerk's upload; on a PostgreSQL store, a clerk's upload through the queue and a worker.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import ICAL from 'ical.js';
import type { Browser, Page } from 'playwright-core';
import { serve, type Server } from '../../src/http/server.js';
import { makeStore, HOSTILE_ID, HOSTILE_TEXT, addUsers, PASSWORD } from './fixture.js';
import { ROOT, STEMS, tmpDir } from '../helpers.js';
import { pgSkip, freshDatabase } from '../pg.js';
import { openPostgres } from '../../src/backend/postgres.js';
import { hashPassword } from '../../src/office/access.js';

function findChromium(): string | null {
  try {
    const p = execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim();
    return p && fs.existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

const CHROMIUM = findChromium();

/** Debian's chromium, as the house runs it (STACK.md). */
async function launch(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM!,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A new page signed in as the clerk lan, on the register with its upload form. */
async function clerkOnRegister(browser: Browser, url: string): Promise<{ page: Page; errs: string[] }> {
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  const errs: string[] = [];
  page.on('pageerror', (e) => errs.push(e.message));
  await page.goto(`${url}/#/register`);
  await page.waitForSelector('#login-form', { state: 'visible' });
  await page.fill('#login-name', 'lan');
  await page.fill('#login-password', PASSWORD);
  await page.click('#login-submit');
  await page.waitForSelector('#upload-form', { state: 'visible' });
  return { page, errs };
}
if (!CHROMIUM) console.log('browser test skipped: chromium is not installed (bash scripts/setup.sh chromium, or apt-get install chromium)');

describe('web page in chromium', () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  let dir: string;
  const errors: string[] = [];

  beforeAll(async () => {
    if (!CHROMIUM) return;
    const store = await makeStore('congvan-browser-');
    dir = store.dir;
    server = await serve({ db: store.db, port: 0, today: '2021-11-20' });
    browser = await launch();
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => {
      errors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.skipIf(!CHROMIUM)('searches, opens a document with its highlights, downloads the calendar; markup stays text', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForSelector('#task-table tbody tr[data-id]');
    expect(await page.textContent('#today-label')).toContain('20/11/2021');

    // search without diacritics: "so noi vu" marks "Sở Nội vụ"
    await page.fill('#q', 'so noi vu');
    await page.press('#q', 'Enter');
    await page.waitForFunction(() => document.querySelector('#task-table tbody mark')?.textContent === 'Sở Nội vụ');
    const rows = await page.$$('#task-table tbody tr[data-id]');
    expect(rows.length).toBeGreaterThan(5);
    expect(await page.textContent('#result-count')).toMatch(/nhiệm vụ/);

    // a filter: overdue ones only
    await page.selectOption('#status', 'overdue');
    await page.waitForFunction(() => [...document.querySelectorAll('#task-table tbody .status')].every((e) => e.textContent === 'quá hạn'));
    await page.selectOption('#status', '');
    await page.fill('#q', '');
    await page.press('#q', 'Enter');
    await page.waitForFunction(() => !document.querySelector('#task-table tbody mark'));

    // sortable by deadline
    await page.click('#sort-due');
    const dues = await page.$$eval('#task-table tbody td.due', (tds) => tds.map((td) => td.firstChild?.textContent ?? ''));
    const iso = dues.filter((d) => /^\d\d\/\d\d\/\d{4}$/.test(d)).map((d) => d.split('/').reverse().join('-'));
    expect(iso.length).toBeGreaterThan(3);
    expect(iso).toEqual([...iso].sort());

    // open a document: every extracted value is highlighted; the chosen task's lead and deadline light up
    await page.goto(`${server.url}/#/doc/${STEMS[0]}?task=3`);
    await page.waitForSelector('#doc-text .hl-task');
    for (const k of ['field', 'task', 'lead', 'deadline']) expect(await page.$$eval(`#doc-text .hl-${k}`, (e) => e.length), k).toBeGreaterThan(0);
    const lit = await page.$$eval('#doc-text .on-deadline', (e) => e.map((x) => x.textContent).join(''));
    expect(lit).toBe('trước ngày 25/11/2021');
    expect(await page.$$eval('#doc-text .on-lead', (e) => e.length)).toBeGreaterThan(0);
    // click another task in the list
    await page.click('#doc-task-list li[data-seq="9"]');
    expect(await page.$$eval('#doc-text .on-lead', (e) => e.map((x) => x.textContent).join(' '))).toContain('Sở Nội vụ');
    expect(await page.$$eval('#doc-text .on-deadline', (e) => e.map((x) => x.textContent).join(''))).toBe('hàng tháng');
    expect(await page.$eval('#doc-task-list li.on', (e) => e.getAttribute('data-seq'))).toBe('9');
    await page.screenshot({ path: path.join(dir, 'document.png') });

    // mark a task done from the list, and reopen it
    await page.goto(`${server.url}/#/`);
    await page.waitForSelector('#task-table tbody tr[data-id]');
    const first = await page.$eval('#task-table tbody tr[data-id]', (tr) => tr.getAttribute('data-ref'));
    await page.click(`#task-table tbody tr[data-ref="${first}"] button.act`);
    await page.waitForFunction((ref) => document.querySelector(`#task-table tbody tr[data-ref="${ref}"] .status`)?.textContent?.startsWith('xong'), first);
    await page.click(`#task-table tbody tr[data-ref="${first}"] button.act`);
    await page.waitForFunction((ref) => !document.querySelector(`#task-table tbody tr[data-ref="${ref}"] .status`)?.textContent?.startsWith('xong'), first);

    // download the calendar for the current filter
    await page.fill('#agency', 'so noi vu');
    await page.press('#agency', 'Enter');
    await page.waitForFunction(() => (document.querySelector('#export-ics') as HTMLAnchorElement).href.includes('agency='));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-ics')]);
    expect(download.suggestedFilename()).toMatch(/\.ics$/);
    const file = path.join(dir, 'download.ics');
    await download.saveAs(file);
    const cal = new ICAL.Component(ICAL.parse(fs.readFileSync(file, 'utf8')));
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect(e.description).toMatch(/Sở Nội vụ/);

    // the deadline view by week and by month
    await page.goto(`${server.url}/#/deadlines`);
    await page.waitForSelector('.cal-group .cal-item');
    expect(await page.textContent('#cal-body')).toContain('25/11/2021');
    await page.click('.seg button[data-unit="month"]');
    await page.waitForFunction(() => document.querySelector('.cal-group h3')?.textContent?.startsWith('Tháng'));

    // a document holding <script> and entities: shown as text, never run
    // while its fetch is slow, the sample opened before is not shown under the new address
    let answer = () => {};
    const held = new Promise<void>((go) => (answer = go));
    await page.route('**/api/documents/**', async (r) => {
      await held;
      await r.continue();
    });
    await page.goto(`${server.url}/#/doc/${HOSTILE_ID}`);
    await page.waitForFunction(() => !document.querySelector('#doc-text')?.textContent);
    answer();
    // the view is the same element as for the sample opened before: wait for this document's text,
    // not for any highlight (the sample's are still there until the fetch answers)
    await page.waitForFunction(() => document.querySelector('#doc-text')?.textContent?.includes('window.__pwned') && document.querySelector('#doc-text .hl-task'));
    await page.unroute('**/api/documents/**');
    const text = (await page.textContent('#doc-text')) ?? '';
    expect(text).toContain('<script>window.__pwned = 1</script>');
    expect(text).toContain('&lt;b&gt;đậm&lt;/b&gt;');
    expect(await page.$$eval('#doc-text script, #doc-text b, #doc-task-list script', (e) => e.length)).toBe(0);
    await page.goto(`${server.url}/#/`);
    await page.click('#clear-filters');
    await page.fill('#q', 'window pwned');
    await page.press('#q', 'Enter');
    await page.waitForFunction(() => document.querySelector('#task-table tbody td.text')?.textContent?.includes('<script>'));
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(errors).toEqual([]);
  });

  it.skipIf(!CHROMIUM)('a crafted link (#/?x"]=1 ...) neither breaks the start-up nor empties the table; the fields it names still fill the form', async () => {
    const p = await browser.newPage();
    const errs: string[] = [];
    p.on('pageerror', (e) => errs.push(e.message));
    try {
      const links = ['#/?x"]=1', '#/?x%22%5D=1', "#/?a'],b[c=1&)(=2", '#/?%E0%A4%A=1&q=%', '#/?__proto__=1&constructor=2&toString=3', '#/?status=%3Cimg%20src%3Dx%3E&today=not-a-day&role=boss'];
      for (const link of links) {
        await p.goto('about:blank');
        await p.goto(`${server.url}/${link}`);
        await p.waitForSelector('#task-table tbody tr[data-id]', { timeout: 10_000 });
        expect(await p.$$eval('#task-table tbody tr[data-id]', (r) => r.length), link).toBeGreaterThan(5);
      }
      // the good fields of a link that also holds a bad name still fill the form and filter
      await p.goto('about:blank');
      await p.goto(`${server.url}/#/?x"]=1&q=so%20noi%20vu&status=overdue`);
      await p.waitForSelector('#task-table tbody tr[data-id] mark');
      expect((await p.$$eval('#task-table tbody mark', (e) => e.map((x) => x.textContent))).join('|')).toMatch(/Sở Nội vụ/);
      expect(await p.inputValue('#q')).toBe('so noi vu');
      expect(await p.inputValue('#status')).toBe('overdue');
      expect(await p.$$eval('#task-table tbody .status', (e) => [...new Set(e.map((x) => x.textContent))])).toEqual(['quá hạn']);
    } finally {
      await p.close();
    }
    expect(errs).toEqual([]);
  });
});

describe('web page with accounts, in chromium', () => {
  let server: Server;
  let browser: Browser;
  let uploadDir = '';

  beforeAll(async () => {
    if (!CHROMIUM) return;
    const store = await makeStore('congvan-browser-accounts-');
    await addUsers(store.db, [{ name: 'minh', role: 'member', agency: 'Sở Nội vụ' }, { name: 'lan', role: 'clerk', agency: 'Văn phòng UBND tỉnh' }]);
    uploadDir = store.dir;
    server = await serve({ db: store.db, port: 0, today: '2021-11-20' });
    browser = await launch();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.skipIf(!CHROMIUM)("logs in as a member: marks its agency's task done, cannot mark another agency's; logs out", async () => {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    const errs: string[] = [];
    page.on('pageerror', (e) => errs.push(e.message));
    await page.goto(`${server.url}/`);
    // no session: the login form, no table
    await page.waitForSelector('#login-form', { state: 'visible' });
    expect(await page.isVisible('#view-tasks')).toBe(false);
    await page.fill('#login-name', 'minh');
    await page.fill('#login-password', 'not the password');
    await page.click('#login-submit');
    await page.waitForFunction(() => document.querySelector('#login-error')?.textContent?.includes('Không đăng nhập được'));
    await page.fill('#login-password', PASSWORD);
    await page.click('#login-submit');
    await page.waitForSelector('#task-table tbody tr[data-id]');
    expect(await page.textContent('#who-name')).toContain('minh');
    // the session cookie is out of the page's reach
    expect(await page.evaluate(() => document.cookie)).toBe('');

    const rows = await page.$$eval('#task-table tbody tr[data-id]', (trs) =>
      trs.map((tr) => ({ ref: tr.getAttribute('data-ref')!, agencies: [...tr.querySelectorAll('td.agencies')].map((td) => td.textContent ?? '').join('; '), disabled: (tr.querySelector('button.act') as HTMLButtonElement).disabled })),
    );
    const other = rows.find((r) => !r.agencies.includes('Sở Nội vụ') && r.agencies.trim() !== '')!;
    const mine = rows.find((r) => r.agencies.includes('Sở Nội vụ'))!;
    expect(other.disabled).toBe(true);
    expect(mine.disabled).toBe(false);

    // another agency's task: the button does nothing, and a request from the page itself is refused
    await page.click(`#task-table tbody tr[data-ref="${other.ref}"] button.act`, { force: true });
    const forced = await page.evaluate(async (ref) => {
      const r = await fetch(`/api/tasks/${encodeURIComponent(ref)}/done`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      return r.status;
    }, other.ref);
    expect(forced).toBe(403);
    await page.reload();
    await page.waitForSelector('#task-table tbody tr[data-id]');
    expect(await page.textContent(`#task-table tbody tr[data-ref="${other.ref}"] .status`)).not.toMatch(/^xong/);

    // its own agency's task: done
    await page.click(`#task-table tbody tr[data-ref="${mine.ref}"] button.act`);
    await page.waitForFunction((ref) => document.querySelector(`#task-table tbody tr[data-ref="${ref}"] .status`)?.textContent?.startsWith('xong'), mine.ref);

    // the audit log on the page names who did it
    await page.goto(`${server.url}/#/audit`);
    await page.waitForSelector('#audit-table tbody tr[data-action="done"]');
    expect(await page.textContent('#audit-table tbody tr[data-action="done"]')).toContain('minh');
    expect(await page.textContent('#audit-table tbody tr[data-action="done"]')).toContain(mine.ref);

    // logout: back to the login form; the API wants a session again
    await page.click('#logout');
    await page.waitForSelector('#login-form', { state: 'visible' });
    expect(await page.evaluate(async () => (await fetch('/api/tasks')).status)).toBe(401);
    expect(errs).toEqual([]);
  });

  it.skipIf(!CHROMIUM)('a clerk uploads an incoming document from the page: it enters the register with its number', async () => {
    const { page, errs } = await clerkOnRegister(browser, server.url);
    const before = await page.$$eval('#register-table tbody tr[data-number]', (r) => r.length);
    const file = path.join(uploadDir, 'Công văn đến.txt');
    fs.writeFileSync(file, HOSTILE_TEXT.replace('99/UBND-KT', '777/UBND-TH'));
    await page.setInputFiles('#upload-file', file);
    await page.click('#upload-submit');
    await page.waitForFunction(() => document.querySelector('#upload-result')?.textContent?.startsWith('Đã vào sổ'));
    await page.waitForFunction((n) => document.querySelectorAll('#register-table tbody tr[data-number]').length === n + 1, before);
    const last = await page.$$eval('#register-table tbody tr[data-number]', (r) => [...r.at(-1)!.querySelectorAll('td')].map((td) => td.textContent));
    expect(await page.isVisible('#register-table tbody tr[data-number]:last-child input.reg-note')).toBe(true);
    expect(last[1]).toBe(String(before + 1));
    expect(last[3]).toBe('777/UBND-TH');
    // the clerk writes who receives it; it is kept
    await page.fill('#register-table tbody tr[data-number]:last-child input.reg-recipient', 'Phòng Tổ chức cán bộ');
    await page.press('#register-table tbody tr[data-number]:last-child input.reg-recipient', 'Tab');
    await page.waitForSelector('#register-table tbody tr[data-number]:last-child input.reg-recipient[data-saved="1"]');
    await page.reload();
    await page.waitForSelector('#register-table tbody tr[data-number] input.reg-recipient');
    expect(await page.inputValue('#register-table tbody tr[data-number]:last-child input.reg-recipient')).toBe('Phòng Tổ chức cán bộ');
    expect(await page.$$eval('#register-table thead th', (h) => h.map((x) => x.textContent))).toEqual(['Ngày đến', 'Số đến', 'Tác giả', 'Số, ký hiệu', 'Ngày tháng', 'Tên loại và trích yếu nội dung', 'Đơn vị hoặc người nhận', 'Ký nhận', 'Ghi chú']);
    expect(errs).toEqual([]);
  });
});

describe.skipIf(pgSkip !== null)(`web page on a PostgreSQL store, in chromium${pgSkip ? ` (skipped: ${pgSkip})` : ''}`, () => {
  let server: Server;
  let browser: Browser;
  let db: { url: string; drop: () => Promise<void> };
  let worker: ChildProcess | null = null;
  let dir = '';

  beforeAll(async () => {
    if (!CHROMIUM) return;
    db = await freshDatabase('browser');
    dir = tmpDir('congvan-browser-pg-');
    const store = await openPostgres(db.url); // migrates the new database
    await store.office.addUser({ name: 'lan', role: 'clerk', agency: 'Văn phòng UBND tỉnh', passwordHash: await hashPassword(PASSWORD) }, new Date().toISOString());
    await store.close();
    server = await serve({ db: db.url, port: 0, today: '2021-11-20' });
    // a worker on "another machine": it takes the page's uploads from the queue
    worker = spawn(process.execPath, [path.join(ROOT, 'bin', 'congvan.js'), 'worker', '--db', db.url], { cwd: ROOT, stdio: 'ignore' });
    browser = await launch();
  }, 120_000);

  afterAll(async () => {
    worker?.kill('SIGKILL');
    await browser?.close();
    await server?.close();
    await db?.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!CHROMIUM)('a clerk uploads from the page: queued, a worker stores it, it enters the register; a file the worker cannot read says why', async () => {
    const { page, errs } = await clerkOnRegister(browser, server.url);
    const file = path.join(dir, 'Công văn đến.txt');
    fs.writeFileSync(file, HOSTILE_TEXT.replace('99/UBND-KT', '777/UBND-TH'));
    await page.setInputFiles('#upload-file', file);
    await page.click('#upload-submit');
    await page.waitForFunction(() => /^Đã gửi vào hàng đợi|^Đã vào sổ/.test(document.querySelector('#upload-result')?.textContent ?? ''));
    await page.waitForFunction(() => document.querySelector('#upload-result')?.textContent?.startsWith('Đã vào sổ'), null, { timeout: 60_000 });
    await page.waitForFunction(() => [...document.querySelectorAll('#register-table tbody tr[data-number] td')].some((td) => td.textContent === '777/UBND-TH'));
    const bad = path.join(dir, 'hỏng.pdf');
    fs.writeFileSync(bad, 'not a PDF at all');
    await page.setInputFiles('#upload-file', bad);
    await page.click('#upload-submit');
    await page.waitForFunction(() => document.querySelector('#upload-result')?.textContent?.startsWith('Không đọc được'), null, { timeout: 60_000 });
    expect(errs).toEqual([]);
  }, 120_000);
});
