// Makes the screenshots of docs/accessibility.md (not a test): an item page at 360 px, standard
// and 长辈版, its top and its situation questions with one situation ticked.
//
//   ZHINAN_SITE_URL=http://127.0.0.1:8123/bszn/ node tests/browser/screenshots.mjs docs/images
import { launch, newPage, itemsWithSituations, site } from './common.mjs';

const outDir = process.argv[2] || 'docs/images';
const browser = await launch();
const items = await itemsWithSituations();
const item = items.find((candidate) => candidate.situationList.length === 2);
for (const senior of [false, true]) {
  const mode = senior ? 'senior' : 'standard';
  const { context, page } = await newPage(browser,
    { viewport: { width: 360, height: 640 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true }, { senior });
  await page.goto(site + `items/${item.id}/?s=1`);
  await page.screenshot({ path: `${outDir}/a11y-${mode}-360-top.png` });
  await page.locator('#materials').evaluate((element) => element.scrollIntoView());
  await page.screenshot({ path: `${outDir}/a11y-${mode}-360-situations.png` });
  await context.close();
}
await browser.close();
