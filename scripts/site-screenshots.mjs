// Screenshots of a statement, a memo and a source page of a built static site, at a desktop and a
// phone width, to compare a site before and after a change to its markup:
//   node bin/dossier build --out /tmp/site && node scripts/site-screenshots.mjs /tmp/site /tmp/shots
// Serves the site's folder on a local port and uses Debian's Chromium (CHROMIUM_PATH to override).
// Console errors and failed requests are printed, since a page can look right and still be broken.
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const [siteDir, outDir] = process.argv.slice(2);
if (siteDir === undefined || outDir === undefined) {
  process.stderr.write('usage: node scripts/site-screenshots.mjs SITE_DIR OUT_DIR\n');
  process.exit(2);
}
const contentTypes = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };
const server = createServer(async (request, response) => {
  const urlPath = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
  let file = path.join(siteDir, path.normalize(urlPath));
  if (!file.startsWith(path.resolve(siteDir))) file = path.join(siteDir, 'missing');
  try {
    if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
    const body = await readFile(file);
    response.writeHead(200, { 'Content-Type': contentTypes[path.extname(file)] ?? 'application/octet-stream' });
    response.end(body);
  } catch {
    response.writeHead(404);
    response.end('not found');
  }
}).listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${server.address().port}`;
// Each page whole, and the parts of it a change to the markup is most likely to show in, close up.
const pages = [
  ['statement', '/statements/robertson-fatwa-religion/', { 'same-speaker': 'section[aria-labelledby="same-speaker-heading"]', 'same-event': 'section[aria-labelledby="same-event-heading"]' }],
  ['memo', '/memos/genocide-religious-group/', { notes: 'section.notes', bibliography: 'section.bibliography' }],
  ['source', '/sources/pmoi-2021-conference-report/', { 'cited-by': 'section[aria-labelledby="citedby-heading"]', statements: 'section[aria-labelledby="statements-heading"]' }],
];
await mkdir(outDir, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  for (const width of [1280, 390]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const problems = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
    page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`));
    page.on('response', (response) => { if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`); });
    for (const [name, urlPath, parts] of pages) {
      await page.goto(base + urlPath);
      // The neighbourhood graph draws after its data arrives; wait for it so both shots show it.
      await page.waitForSelector('[data-graph-ready]', { timeout: 10_000 }).catch(() => problems.push(`${name}: the graph did not draw`));
      const file = path.join(outDir, `${name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      process.stdout.write(`${file}\n`);
      await page.screenshot({ path: path.join(outDir, `${name}-${width}-top.png`) });
      for (const [part, selector] of Object.entries(parts)) {
        const element = page.locator(selector).first();
        if ((await element.count()) === 0) problems.push(`${name}: no ${selector}`);
        else await element.screenshot({ path: path.join(outDir, `${name}-${width}-${part}.png`) });
      }
    }
    process.stdout.write(`${width} px: ${problems.length === 0 ? 'no console errors' : problems.join('\n')}\n`);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
