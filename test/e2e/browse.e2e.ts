/// <reference lib="dom" />
/**
 * A reader's paths, in a real browser, through the fixture corpus (so that editing the bundled
 * corpus breaks nothing here); then every page of the bundled corpus, as a whole-output check.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { collectProblems, launchBrowser, REPOSITORY, startServer, type RunningServer } from './browser.js';

let browser: Browser;
/** The fixture corpus, for the reader's paths. */
let server: RunningServer;
/** The bundled corpus, for the every-page check. */
let bundled: RunningServer;
let page: Page;
let problems: string[];

beforeAll(async () => {
  [browser, server, bundled] = await Promise.all([
    launchBrowser(),
    startServer(['--root', fileURLToPath(new URL('../fixtures/corpus-basic/', import.meta.url))]),
    startServer(['--root', REPOSITORY]),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await bundled?.stop();
});

async function freshPage(): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: true });
  page = await context.newPage();
  problems = collectProblems(page);
  return page;
}

describe('reading', () => {
  test('search → result → memo → citation → source page → cited-by → back to the memo', async () => {
    await freshPage();
    await page.goto(`${server.url}/`);
    await page.fill('#home-search', 'religious group');
    await page.press('#home-search', 'Enter');
    await page.waitForURL(/\/search\?q=religious\+group/);
    // A memo result opens the memo at its best paragraph.
    await page.click('a.result-link[href^="/memos/genocide"]');
    await page.waitForURL(/\/memos\/genocide(#[\w-]+)?$/);
    // In an author-date style the citation itself links to the source.
    await page.goto(`${server.url}/memos/genocide?style=apa`);
    await page.click('a.cite-text[href="/sources/genocide-convention"]');
    await page.waitForURL(/\/sources\/genocide-convention$/);
    expect(await page.textContent('h1')).toBe('Convention on the Prevention and Punishment of the Crime of Genocide');
    // A cited-by link opens the memo at the citing paragraph.
    const citedBy = page.locator('section:has(#citedby-heading) a[href^="/memos/genocide#"]').first();
    await citedBy.click();
    await page.waitForURL(/\/memos\/genocide#[\w-]+$/);
    expect(problems).toEqual([]);
  });

  test('a note marker shows its note on focus and jumps to it', async () => {
    await freshPage();
    await page.goto(`${server.url}/memos/genocide?style=oscola`);
    const marker = page.locator('sup.cite-ref a').first();
    await marker.focus();
    const preview = page.locator('.cite-preview[role="tooltip"]').first();
    expect(await preview.isVisible()).toBe(true);
    expect(await preview.textContent()).toContain('Convention on the Prevention and Punishment of the Crime of Genocide');
    await marker.click();
    expect(page.url()).toMatch(/#user-content-note-1$/);
  });

  test('switching the citation style changes the rendering, and is remembered', async () => {
    await freshPage();
    await page.goto(`${server.url}/memos/genocide`);
    expect(await page.locator('sup.cite-ref').count()).toBeGreaterThan(0);
    await page.click('footer a:text("APA")');
    await page.waitForLoadState();
    expect(await page.locator('sup.cite-ref').count()).toBe(0);
    expect(await page.locator('a.cite-text').count()).toBeGreaterThan(1);
    await page.goto(`${server.url}/memos/jurisdiction`);
    expect(await page.locator('footer strong[aria-current="true"]').textContent()).toBe('APA');
  });

  test('an embedded statement links to its speaker', async () => {
    await freshPage();
    await page.goto(`${server.url}/memos/genocide`);
    await page.locator('figure.statement-embed figcaption a[href="/speakers/robertson"]').first().click();
    await page.waitForURL(/\/speakers\/robertson$/);
    expect(await page.textContent('h1')).toBe('Geoffrey Robertson');
  });

  test('a bibliography download has the right content', async () => {
    await freshPage();
    await page.goto(`${server.url}/memos/genocide`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('section.exports a:text("BibLaTeX")')]);
    expect(download.suggestedFilename()).toBe('genocide.bib');
    const text = await readFile((await download.path())!, 'utf8');
    expect(text).toContain('@legal{genocide-convention,');
    expect(text).toContain('@jurisdiction{akayesu,');
    expect(text).toMatch(/^\s+number = \{ICTR-96-4-T\},$/m);
  });

  test('the search page by keyboard only: type, arrow into the results, open one', async () => {
    await freshPage();
    await page.goto(`${server.url}/search`);
    await page.focus('#search-q');
    await page.keyboard.type('genocide');
    await page.waitForSelector('#search-results a.result-link');
    expect(page.url()).toMatch(/\/search\?q=genocide$/);
    await page.keyboard.press('ArrowDown');
    const first = await page.evaluate(() => document.activeElement?.getAttribute('href'));
    expect(first).toMatch(/^\//);
    await page.keyboard.press('ArrowDown');
    const second = await page.evaluate(() => document.activeElement?.getAttribute('href'));
    expect(second).not.toBe(first);
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe(first);
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-q');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === first);
    expect(problems).toEqual([]);
  });

  test('the neighbourhood graph is drawn on a record page, and the whole graph on /graph', async () => {
    await freshPage();
    await page.goto(`${server.url}/memos/genocide`);
    await page.waitForSelector('.graph-small[data-graph-ready]');
    expect(Number(await page.getAttribute('.graph-small', 'data-graph-ready'))).toBeGreaterThan(5);
    await page.goto(`${server.url}/graph?type=memo&type=topic`);
    await page.waitForSelector('.graph-full[data-graph-ready]');
    expect(problems).toEqual([]);
  });

  test('the selection: add two sources, share it, download it', async () => {
    await freshPage();
    await page.goto(`${server.url}/sources/akayesu`);
    await page.click('button.basket-add');
    await page.goto(`${server.url}/sources/genocide-convention`);
    await page.click('button.basket-add');
    expect(await page.textContent('#basket-link')).toBe('Selection (2)');
    await page.click('#basket-link');
    await page.waitForURL(/\/basket\?keys=akayesu,genocide-convention$/);
    expect(await page.locator('ol.basket > li').count()).toBe(2);
  });
});

describe('every page of the bundled corpus', () => {
  test('loads with no console error and no CSP violation', async () => {
    await freshPage();
    const paths = ['/', '/memos', '/sources', '/statements', '/speakers', '/events', '/topics', '/problems', '/graph', '/search?q=genocide', '/basket?keys=akayesu-1998'];
    for (const type of ['memos', 'sources', 'statements', 'speakers', 'events', 'topics']) {
      const response = await fetch(`${bundled.url}/api/${type}`);
      const body = (await response.json()) as Record<string, Array<{ id?: string; key?: string }>>;
      for (const record of body[type]!) paths.push(`/${type}/${encodeURIComponent(record.id ?? record.key!)}`);
    }
    expect(paths.length).toBeGreaterThan(80);
    for (const path of paths) {
      const response = await page.goto(`${bundled.url}${path}`);
      expect([path, response?.status()]).toEqual([path, 200]);
      if (path.startsWith('/memos/') || path === '/graph') await page.waitForSelector('[data-graph-ready]', { timeout: 10000 });
    }
    expect(problems).toEqual([]);
  });
});
