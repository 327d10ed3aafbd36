// Shared by the browser tests: Chromium through playwright-core (from $ZHINAN_NODE_DIR, never a
// browser download), a page that collects errors, and the list of page types the build emits.
//
//   ZHINAN_SITE_URL  the built site's base URL, e.g. http://127.0.0.1:8123/bszn/
//   ZHINAN_NODE_DIR  the folder whose node_modules holds playwright-core and axe-core
//   CHROMIUM         the browser (default /usr/bin/chromium)
import { createRequire } from 'node:module';

export const site = process.env.ZHINAN_SITE_URL;
export const nodeDir = (process.env.ZHINAN_NODE_DIR || '/tmp/zhinan-node').replace(/\/?$/, '/');
if (!site) throw new Error('set ZHINAN_SITE_URL (see .ci/browser-check.sh)');
export const requireFromNodeDir = createRequire(nodeDir);
const { chromium } = requireFromNodeDir('playwright-core');

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true };
export const DESKTOP = { viewport: { width: 1280, height: 900 } };

/// A page in a new context; `errors` collects script errors, failed requests, console errors and
/// Content-Security-Policy violations (reported by the page itself, `securitypolicyviolation`).
export async function newPage(browser, options = {}, { senior = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 800 }, ...options });
  if (senior) {
    await context.addInitScript(() => {
      try { localStorage.setItem('zhinan-mode', 'senior'); } catch (error) { /* opaque origin */ }
    });
  }
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('response', (response) => {
    if (response.status() >= 400 && !response.url().endsWith('/favicon.ico') && !response.url().endsWith('/404.html')) {
      errors.push(`${response.status()} ${response.url()}`);
    }
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
  });
  return { context, page, errors };
}

/// CSP violations the page reported so far.
export async function cspViolations(page) {
  return page.evaluate(() => window.__cspViolations || []);
}

/// The items of data/items.json with their situations: the item's own `situations` (content
/// format v2) when it has them, else the distinct texts of its materials' `required`.
export async function itemsWithSituations(base = site) {
  const items = (await (await fetch(base + 'data/items.json')).json()).items;
  for (const item of items) {
    const derived = [];
    for (const material of item.materials) {
      if (typeof material.required === 'string' && !derived.includes(material.required)) derived.push(material.required);
    }
    item.situationList = Array.isArray(item.situations) && item.situations.length ? item.situations : derived;
  }
  return items;
}

/// The address of `path` (under `base`, or absolute).
export function urlOf(base, path) {
  return /^https?:/.test(path) ? path : base + path;
}

/// Every page type the build emits, as paths under the site (or absolute URLs): [name, path].
/// The index of department books (print/ above 500 items) comes from a second, large site when
/// ZHINAN_PRINT_INDEX_URL names it.
export async function pageTypes(base = site) {
  const items = await itemsWithSituations(base);
  const index = await (await fetch(base + 'search/index.json')).json();
  const item = items.find((candidate) => candidate.situationList.length === 2) || items[0];
  const department = item.department;
  const law = item.legal_basis[0].law;
  const freePage = index.documents.find((d) => d[0].startsWith('pages/'))[0];
  const printIndex = await fetch(base + 'print/');
  const types = [
    ['home', ''],
    ['item', `items/${item.id}/`],
    ['slip', `items/${item.id}/slip/`],
    ['personal slip', `items/${item.id}/slip/?s=1`],
    ['department book', `print/${department}/`],
    [printIndex.ok && (await printIndex.text()).includes('print-index') ? 'print index' : 'whole book', 'print/'],
    ['department list', 'departments/'],
    ['department', `departments/${department}/`],
    ['register form', `departments/${department}/register/`],
    ['law list', 'laws/'],
    ['law', `laws/${law}/`],
    ['free page', freePage],
    ['search with results', 'search/?q=' + encodeURIComponent('营业执照')],
    ['data page', 'data/'],
    ['404', '404.html'],
  ];
  const changes = await fetch(base + 'changes/');
  if (changes.ok) types.push(['changes', 'changes/']);
  if (process.env.ZHINAN_PRINT_INDEX_URL) types.push(['print index', process.env.ZHINAN_PRINT_INDEX_URL]);
  return types;
}

/// Waits until the search page (if it is one) shows its results.
export async function settle(page) {
  if (await page.locator('#search-page').count()) {
    await page.locator('#search-page .search-results li a').first().waitFor({ timeout: 10000 });
  }
}
