/**
 * Pages rendered in the server's render workers (issue 19): a worker's page is byte for byte the
 * page the main thread renders, for every page, audience and citation style; a worker whose corpus
 * is not the served one declines (the main thread renders) until it reloads; and through the
 * server, a page missing from the cache is rendered by a worker while a record hidden from the
 * reader is refused before any worker is asked.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { CorpusView } from '../../src/access/index.js';
import { CITATION_STYLES } from '../../src/corpus/citations/format.js';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import type { Corpus } from '../../src/model/records.js';
import { PageBuilder } from '../../src/render/pages.js';
import { renderPage, type PageChrome, type PageRequest } from '../../src/render/render-page.js';
import { createTemplates } from '../../src/render/templates.js';
import { createApp } from '../../src/server/app.js';
import { PageCache } from '../../src/server/page-cache.js';
import { RenderPool } from '../../src/server/render-pool.js';
import { MutableSearchHandle } from '../../src/server/search-handle.js';
import { fixtureCopies } from '../helpers/fixture-copies.js';
import { fixture } from '../helpers/server.js';

// The worker is compiled JavaScript: `npm test` builds dist/ before jest runs.
const workerUrl = new URL('../../dist/server/render-pool-worker.js', import.meta.url);
const copyOf = fixtureCopies('dossier-render-pool-');
const templates = createTemplates();

/** Every page the pool can render for a reader: home, lists, problems and each record the reader may see. */
function pagesFor(view: CorpusView): Array<[string, PageRequest]> {
  const pages: Array<[string, PageRequest]> = [
    ['/', { kind: 'home' }],
    ['/memos', { kind: 'list', type: 'memo' }],
    ['/sources', { kind: 'list', type: 'source' }],
    ['/problems', { kind: 'problems' }],
  ];
  for (const memo of view.memos()) pages.push([`/memos/${memo.id}`, { kind: 'record', record: memo }]);
  for (const source of view.sources()) pages.push([`/sources/${source.key}`, { kind: 'record', record: source }]);
  for (const statement of view.statements()) pages.push([`/statements/${statement.id}`, { kind: 'record', record: statement }]);
  return pages;
}

describe('the render pool', () => {
  let root: string;
  let corpus: Corpus;
  let pool: RenderPool;
  beforeAll(async () => {
    // One copy for the whole block: its second test edits it after the first.
    root = await mkdtemp(path.join(os.tmpdir(), 'dossier-render-pool-'));
    await cp(fixture('corpus-confidential'), root, { recursive: true });
    corpus = await buildCorpus(root);
    pool = RenderPool.start({ root, parsedCacheDir: null }, 1, workerUrl);
    await pool.settled();
  });
  afterAll(async () => {
    await pool.close();
    await rm(root, { recursive: true, force: true });
  });

  test('a worker renders every page as the main thread does, for both audiences and every style', async () => {
    expect(pool.size).toBe(1);
    expect(pool.ready(corpus)).toBe(true);
    let compared = 0;
    for (const includeInternal of [false, true]) {
      for (const style of CITATION_STYLES) {
        const view = new CorpusView(corpus, includeInternal);
        const builder = new PageBuilder(view, view.formatter(), style.id, new Map(), 'server');
        // Memo pages (where citations are formatted) in every style; the other pages in a note and an in-text style.
        const pages = pagesFor(view).filter(([pagePath]) => pagePath.startsWith('/memos/') || style.id === 'oscola' || style.id === 'apa');
        for (const [pagePath, pageRequest] of pages) {
          const chrome: PageChrome = { path: pagePath, live: null, staticSite: false, user: includeInternal ? { name: 'reader-placeholder', csrf: 'csrf-placeholder' } : null, rejected: [] };
          const fromWorker = await pool.render(corpus, pageRequest, { includeInternal, styleId: style.id, chrome });
          expect(fromWorker).toBe(renderPage(pageRequest, builder, templates, chrome));
          compared++;
        }
      }
    }
    // The fixture's internal memo is among the signed-in reader's pages, and none of the anonymous reader's.
    expect(compared).toBeGreaterThan(CITATION_STYLES.length * 2 + 2 * 2 * 6);
  });

  test('declines a corpus it has not loaded, and renders it after a reload', async () => {
    const memo = path.join(root, 'corpus/memos/public.md');
    await writeFile(memo, `${await readFile(memo, 'utf8')}\nAn edit the pool has not seen.\n`);
    const edited = await buildCorpus(root);
    const view = new CorpusView(edited, false);
    const record = view.memos().find((m) => m.id === 'public')!;
    const chrome: PageChrome = { path: '/memos/public', live: null, staticSite: false, user: null, rejected: [] };
    const reader = { includeInternal: false, styleId: 'oscola', chrome };
    expect(await pool.render(edited, { kind: 'record', record }, reader)).toBeNull();

    pool.reload();
    await pool.settled();
    const page = await pool.render(edited, { kind: 'record', record }, reader);
    expect(page).toContain('An edit the pool has not seen.');
    expect(page).toBe(renderPage({ kind: 'record', record }, new PageBuilder(view, view.formatter(), 'oscola', new Map(), 'server'), templates, chrome));
    // The old corpus is the one declined now.
    expect(await pool.render(corpus, { kind: 'home' }, reader)).toBeNull();
  });
});

describe('a render pool started asleep', () => {
  test('starts no worker until a page is asked of it; that page is declined, the next rendered by the woken worker', async () => {
    const root = await copyOf('corpus-confidential');
    const corpus = await buildCorpus(root);
    const pool = RenderPool.start({ root, parsedCacheDir: null }, 1, workerUrl, { asleep: true });
    try {
      expect(pool.awake).toBe(false);
      expect(pool.size).toBe(0);
      // Nothing is loading, so nothing is waited for.
      await pool.settled();
      expect(pool.ready(corpus)).toBe(false);

      const view = new CorpusView(corpus, false);
      const record = view.memos().find((m) => m.id === 'public')!;
      const chrome: PageChrome = { path: '/memos/public', live: null, staticSite: false, user: null, rejected: [] };
      const reader = { includeInternal: false, styleId: 'oscola', chrome };
      // The first page wakes the pool; its worker is still loading, so the caller renders this one.
      expect(await pool.render(corpus, { kind: 'record', record }, reader)).toBeNull();
      expect(pool.awake).toBe(true);
      expect(pool.size).toBe(1);
      await pool.settled();
      const page = await pool.render(corpus, { kind: 'record', record }, reader);
      expect(page).toBe(renderPage({ kind: 'record', record }, new PageBuilder(view, view.formatter(), 'oscola', new Map(), 'server'), templates, chrome));
      expect(pool.counts).toEqual({ rendered: 1, declined: 1 });
    } finally {
      await pool.close();
    }
  });
});

describe('the server with a render pool', () => {
  test('renders a page missing from the cache in a worker, the same page as without one, and refuses a hidden record first', async () => {
    const root = await copyOf('corpus-confidential');
    const corpus = await buildCorpus(root);
    const pool = RenderPool.start({ root, parsedCacheDir: null }, 1, workerUrl);
    try {
      await pool.settled();
      const withPool = createApp({ corpus, search: new MutableSearchHandle(), pageCache: PageCache.inMemory(), renderPool: pool });
      const without = createApp({ corpus, search: new MutableSearchHandle(), pageCache: PageCache.inMemory() });
      for (const url of ['/memos/public', '/memos/public?style=apa', '/', '/sources']) {
        const before = pool.counts.rendered;
        const pooled = await request(withPool).get(url).expect(200);
        expect(pool.counts.rendered).toBe(before + 1);
        expect(pooled.text).toBe((await request(without).get(url).expect(200)).text);
      }
      const asked = pool.counts.rendered + pool.counts.declined;
      await request(withPool).get('/memos/canaryquill-memo').expect(404);
      expect(pool.counts.rendered + pool.counts.declined).toBe(asked);
    } finally {
      await pool.close();
    }
  });
});
