// Opens the HTML of `concord explain` for one bundled example in headless Chromium, from a
// file:// URL, with no network: asserts no console errors and one bar per member per series in
// each chart, and saves a screenshot to target/explain-lead-provider-alliance.png.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = process.env.CONCORD_BIN || join(root, 'target', 'debug', 'concord');
const executablePath = '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.error(`${executablePath} is missing: install it with apt-get install -y chromium`);
  process.exit(1);
}
const example = join(root, 'examples', 'lead-provider-alliance.concord');
const html = execFileSync(bin, ['explain', '--format', 'html', example], { encoding: 'utf8' });
const work = mkdtempSync(join(tmpdir(), 'concord-explain-'));
const page_path = join(work, 'explain.html');
writeFileSync(page_path, html);

const browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'concord-chromium-')), {
  executablePath,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let failed = false;
const fail = (message) => { console.error(`FAIL: ${message}`); failed = true; };
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => { if (!r.url().startsWith('file:')) errors.push(`fetched ${r.url()}`); });
  await page.goto(pathToFileURL(page_path).href, { waitUntil: 'load' });
  if (errors.length) fail(`console errors: ${errors.join('; ')}`);
  const charts = await page.$$eval('svg.chart', (svgs) => svgs.map((svg) => {
    const bars = [...svg.querySelectorAll('rect.bar')];
    const series = new Set(bars.map((b) => b.dataset.series));
    const members = {};
    for (const b of bars) members[b.dataset.member] = (members[b.dataset.member] || 0) + 1;
    return { series: series.size, members, titled: bars.every((b) => b.querySelector('title')) };
  }));
  const tables = await page.$$eval('table tbody', (ts) => ts.map((t) => t.querySelectorAll('tr').length));
  if (charts.length === 0) fail('no chart');
  if (charts.length !== tables.length) fail(`${charts.length} charts for ${tables.length} power tables`);
  charts.forEach((c, i) => {
    const counts = Object.values(c.members);
    if (counts.length !== tables[i]) fail(`chart ${i + 1}: ${counts.length} members, table has ${tables[i]}`);
    if (!counts.every((n) => n === c.series)) fail(`chart ${i + 1}: not one bar per member per series`);
    if (!c.titled) fail(`chart ${i + 1}: a bar without a title`);
  });
  mkdirSync(join(root, 'target'), { recursive: true });
  await page.screenshot({ path: join(root, 'target', 'explain-lead-provider-alliance.png'), fullPage: true });
  console.log(`ok: ${charts.length} charts, no console errors; screenshot in target/`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
