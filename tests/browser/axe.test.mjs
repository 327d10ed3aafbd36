// axe-core (npm, offline: its source is read from $ZHINAN_NODE_DIR and evaluated in the page)
// on every page type the build emits, in the standard version and 长辈版, at 360 px and 1280 px:
// zero violations of wcag2a, wcag2aa, wcag21a, wcag21aa and best-practice, and in 长辈版 also
// color-contrast-enhanced (7:1).
//
// Run by .ci/browser-check.sh (see common.mjs for the environment).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { site, launch, newPage, pageTypes, settle, urlOf, requireFromNodeDir, PHONE, DESKTOP } from './common.mjs';

const axeSource = readFileSync(requireFromNodeDir.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

let browser;
let types;

before(async () => {
  browser = await launch();
  types = await pageTypes();
});

after(async () => {
  await browser?.close();
});

/// Runs axe on the page; returns one line per violating node.
async function axeViolations(page, senior) {
  // Evaluated through the DevTools protocol, not as a page script: the pages' CSP allows no
  // inline script, and axe must not need one.
  await page.evaluate(axeSource);
  const results = await page.evaluate(async ({ tags, senior }) => {
    const options = { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] };
    if (senior) options.rules = { 'color-contrast-enhanced': { enabled: true } };
    const run = await window.axe.run(document, options);
    const extra = senior
      ? await window.axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast-enhanced'] }, resultTypes: ['violations'] })
      : { violations: [] };
    return [...run.violations, ...extra.violations].map((violation) => ({
      id: violation.id,
      nodes: violation.nodes.slice(0, 3).map((node) => `${node.target.join(' ')}: ${node.failureSummary.split('\n')[1] || ''}`),
      count: violation.nodes.length,
    }));
  }, { tags: TAGS, senior });
  const lines = [];
  const seen = new Set();
  for (const violation of results) {
    if (seen.has(violation.id)) continue;
    seen.add(violation.id);
    lines.push(`${violation.id} (${violation.count}): ${violation.nodes.join(' | ')}`);
  }
  return lines;
}

for (const senior of [false, true]) {
  for (const [width, device] of [[360, PHONE], [1280, DESKTOP]]) {
    test(`axe: zero violations on every page type, ${senior ? '长辈版' : 'standard'}, ${width} px`, async () => {
      const { context, page, errors } = await newPage(browser, device, { senior });
      const problems = [];
      for (const [name, path] of types) {
        await page.goto(urlOf(site, path));
        await settle(page);
        if (senior && await page.locator('.mode-switch').count()) {
          assert.ok(await page.evaluate(() => document.documentElement.classList.contains('senior')), `${name} not in 长辈版`);
        }
        for (const line of await axeViolations(page, senior)) problems.push(`${name} /${path}: ${line}`);
      }
      assert.deepEqual(problems, []);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
}

test('axe is live: a page with a missing label and poor contrast is reported', async () => {
  const { context, page } = await newPage(browser);
  await page.goto(site + '404.html');
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.type = 'text';
    document.querySelector('main').append(input);
    // 2.3:1 fails AA (color-contrast); 4.5:1 passes AA and fails AAA (color-contrast-enhanced
    // reports only those).
    for (const color of ['#aaa', '#767676']) {
      const faint = document.createElement('p');
      faint.textContent = '浅色文字';
      faint.style.color = color;
      document.querySelector('main').append(faint);
    }
  });
  const ids = (await axeViolations(page, true)).map((line) => line.split(' ')[0]);
  assert.ok(ids.includes('label'), ids.join(', '));
  assert.ok(ids.includes('color-contrast'), ids.join(', '));
  assert.ok(ids.includes('color-contrast-enhanced'), ids.join(', '));
  await context.close();
});
