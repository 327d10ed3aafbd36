// The shipped site in a real browser (Chromium through playwright-core): search from the header
// box, the search page with and without JavaScript, and every page type at a 360 px wide screen.
//
// Run by .ci/browser-check.sh, which builds the site, serves it and sets:
//   ZHINAN_SITE_URL  the site's base URL, e.g. http://127.0.0.1:8123/bszn/
//   ZHINAN_NODE_DIR  the folder whose node_modules holds playwright-core
//   CHROMIUM         the browser (default /usr/bin/chromium)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const site = process.env.ZHINAN_SITE_URL;
const nodeDir = process.env.ZHINAN_NODE_DIR || '/tmp/zhinan-node';
if (!site) throw new Error('set ZHINAN_SITE_URL (see .ci/browser-check.sh)');
const { chromium } = createRequire(nodeDir.replace(/\/?$/, '/'))('playwright-core');

let browser;
let index;
let items;

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  index = await (await fetch(site + 'search/index.json')).json();
  items = (await (await fetch(site + 'data/items.json')).json()).items;
});

after(async () => {
  await browser?.close();
});

async function newPage(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 800 }, ...options });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  // Failed requests by URL (the browser's own /favicon.ico, outside the site, does not count).
  page.on('response', (response) => {
    if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) {
      errors.push(`${response.status()} ${response.url()}`);
    }
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
  });
  return { context, page, errors };
}

/// Types `query` into the header's search box and returns the names of the results shown and
/// each result's whole text (name, department, type, code, result).
async function searchFromHeader(page, query) {
  const input = page.locator('header form[role="search"] input[name="q"]');
  await input.click();
  await input.fill('');
  await input.pressSequentially(query, { delay: 20 });
  const status = page.locator('header .search-panel .search-status');
  await status.filter({ hasNotText: '正在搜索' }).filter({ hasText: /./ }).waitFor({ timeout: 10000 });
  const names = await page.locator('header .search-results li:not(.search-more) a').allTextContents();
  const texts = await page.locator('header .search-results li:not(.search-more)').allTextContents();
  return { names, texts, status: await status.textContent() };
}

test('typing 营业 in the header box shows an item whose name contains it among the first results', async () => {
  const { context, page, errors } = await newPage();
  await page.goto(site);
  const { names, texts } = await searchFromHeader(page, '营业');
  assert.ok(names.length > 0, 'no results');
  const named = items.filter((item) => item.name.includes('营业')).map((item) => item.name);
  assert.ok(named.length > 0, 'the shipped site must have an item named with 营业 (营业执照补领、换发)');
  assert.ok(names.slice(0, 3).some((name) => named.includes(name)), names.join(' | '));
  assert.deepEqual(errors, []);
  await context.close();
});

test('items whose name contains the query come before the rest', async () => {
  const { context, page } = await newPage();
  await page.goto(site);
  const { names } = await searchFromHeader(page, '登记');
  const inName = names.map((name) => name.includes('登记'));
  assert.ok(inName[0], names.join(' | '));
  assert.ok(inName.indexOf(false) < 0 || !inName.slice(inName.indexOf(false)).includes(true), names.join(' | '));
  await context.close();
});

test('an item code finds its item, first', async () => {
  const { context, page } = await newPage();
  await page.goto(site + 'departments/');
  const item = items[Math.floor(items.length / 2)];
  const { names } = await searchFromHeader(page, item.code);
  assert.equal(names[0], item.name, names.join(' | '));
  await context.close();
});

test('a material name finds the items that ask for it', async () => {
  const { context, page } = await newPage();
  await page.goto(site);
  // A material named by few items, so its items all fit in the first results.
  const byName = new Map();
  for (const item of items) {
    for (const material of item.materials) {
      if (!byName.has(material.name)) byName.set(material.name, new Set());
      byName.get(material.name).add(item.name);
    }
  }
  const [material, owners] = [...byName].find(([name, set]) => set.size <= 3 && name.length >= 4);
  const { names } = await searchFromHeader(page, material);
  for (const owner of owners) assert.ok(names.includes(owner), `${material}: ${owner} not in ${names.join(' | ')}`);
  await context.close();
});

test('nonsense shows a "no result" message', async () => {
  const { context, page } = await newPage();
  await page.goto(site);
  const { names, status } = await searchFromHeader(page, 'qwxzvjk');
  assert.equal(names.length, 0);
  assert.match(status, /没有找到/);
  await context.close();
});

test('the search page runs the query of its address, exact name first', async () => {
  const { context, page } = await newPage();
  const item = items[0];
  await page.goto(site + 'search/?q=' + encodeURIComponent(item.name));
  const first = page.locator('#search-page .search-results li a').first();
  await first.waitFor({ timeout: 10000 });
  assert.equal(await first.textContent(), item.name);
  assert.equal(await page.locator('#search-page input[name="q"]').inputValue(), item.name);
  await context.close();
});

test('without JavaScript the search box leads to the search page that lists every item', async () => {
  const { context, page } = await newPage({ javaScriptEnabled: false });
  await page.goto(site);
  const input = page.locator('header form[role="search"] input[name="q"]');
  await input.fill('营业执照');
  await Promise.all([page.waitForURL(/\/search\/\?q=/), input.press('Enter')]);
  const listed = await page.locator('main .item-list li a').count();
  assert.equal(listed, items.length);
  await context.close();
});

test('every page type fits a 360 px screen with body text of at least 16 px', async () => {
  const { context, page } = await newPage({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const documents = index.documents;
  const firstItem = documents.find((d) => d[0].startsWith('items/'))[0];
  const firstPage = documents.find((d) => d[0].startsWith('pages/'))[0];
  const department = items[0].department;
  const law = items[0].legal_basis[0].law;
  const paths = ['', firstItem, `departments/${department}/`, `laws/${law}/`, firstPage,
    'departments/', 'laws/', 'search/', 'data/'];
  const problems = [];
  for (const path of paths) {
    await page.goto(site + path);
    const result = await page.evaluate(() => {
      const root = document.documentElement;
      const small = [];
      for (const element of document.querySelectorAll('p, li, td')) {
        const style = getComputedStyle(element);
        if (style.display === 'none' || element.closest('.visually-hidden')) continue;
        const size = parseFloat(style.fontSize);
        if (size < 16) small.push(`${element.tagName.toLowerCase()}.${element.className} ${size}px: ${element.textContent.trim().slice(0, 30)}`);
      }
      return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, small: small.slice(0, 5) };
    });
    if (result.scrollWidth > result.clientWidth) {
      problems.push(`/${path}: scrollWidth ${result.scrollWidth} > clientWidth ${result.clientWidth}`);
    }
    for (const small of result.small) problems.push(`/${path}: ${small}`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});
