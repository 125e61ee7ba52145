// Takes screenshots of the main pages of the bundled corpus for the README: `npm run screenshots`.
// Uses Debian's Chromium (CHROMIUM_PATH to override) and the built dossier.
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { buildCorpus } from '../dist/corpus/pipeline.js';
import { createApp } from '../dist/server/app.js';
import { openSearchIndex } from '../dist/search/index.js';
import { MutableSearchHandle } from '../dist/server/search-handle.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const corpus = await buildCorpus(root);
const { index } = await openSearchIndex(corpus, { cacheDir: null });
const server = createApp({ corpus, search: new MutableSearchHandle(index) }).listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const shots = [
  ['home', '/'],
  ['memo', '/memos/genocide-religious-group'],
  ['source', '/sources/pmoi-2021-conference-report'],
  ['statement', '/statements/robertson-fatwa-religion'],
  ['search', '/search?q=%22crimes+against+humanity%22'],
  ['graph', '/graph'],
];
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  for (const [name, path] of shots) {
    await page.goto(base + path);
    if (name === 'memo' || name === 'graph') await page.waitForSelector('[data-graph-ready]');
    await page.screenshot({ path: fileURLToPath(new URL(`../docs/screenshots/${name}.png`, import.meta.url)) });
    process.stdout.write(`docs/screenshots/${name}.png\n`);
  }
} finally {
  await browser.close();
  server.close();
}
