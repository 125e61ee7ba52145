/// <reference lib="dom" />
/**
 * The static site's search in a real browser, on a corpus large enough for its index to be split:
 * every query finds what one whole Lunr index over the same records finds, while the browser
 * fetches only the shards the query's terms fall in; every page keeps to its CSP. On the
 * relevance fixture, identifier, diacritics, word-form and synonym queries rank on the static
 * site as the server's /api/search ranks them (the same analysis and query preparation).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import lunr from 'lunr';
import { collectProblems, launchBrowser, REPOSITORY, startServer, type RunningServer } from './browser.js';
import { generateCorpus } from '../../src/bench/generate.js';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { searchDocuments } from '../../src/search/documents.js';
import { buildShardIndex } from '../../src/search/shards.js';
import { createClientQuery } from '../../src/search/client-search.js';
import { fixture } from '../helpers/server.js';

let browser: Browser;
let base: string;
let out: string;
let root: string;
let relevanceBase: string;
let relevanceOut: string;
let dossierServer: RunningServer;
const servers: http.Server[] = [];
const folders: string[] = [];

const build = (corpusRoot: string, site: string) =>
  promisify(execFile)(process.execPath, ['bin/dossier', 'build', '--root', corpusRoot, '--out', site], { cwd: REPOSITORY, env: { ...process.env, NODE_OPTIONS: '' } });

/** A plain static file server over a folder (files only, index.html for folders); resolves to its address. */
async function serveFolder(folder: string): Promise<string> {
  const server = http.createServer(async (req, res) => {
    let file = path.join(folder, ...decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).split('/'));
    if (!file.startsWith(folder)) return void res.writeHead(403).end();
    try {
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const type = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' }[path.extname(file)] ?? 'application/octet-stream';
      res.writeHead(200, { 'Content-Type': type }).end(await readFile(file));
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  browser = await launchBrowser();
  root = await mkdtemp(path.join(os.tmpdir(), 'dossier-static-search-'));
  folders.push(root);
  await generateCorpus(root, { memos: 16 });
  out = path.join(root, 'site');
  await build(root, out);
  base = await serveFolder(out);

  const relevance = await mkdtemp(path.join(os.tmpdir(), 'dossier-static-relevance-'));
  folders.push(relevance);
  await cp(fixture('corpus-relevance'), path.join(relevance, 'corpus-relevance'), { recursive: true });
  relevanceOut = path.join(relevance, 'site');
  await build(path.join(relevance, 'corpus-relevance'), relevanceOut);
  relevanceBase = await serveFolder(relevanceOut);
  dossierServer = await startServer(['--root', path.join(relevance, 'corpus-relevance')]);
}, 600000);

afterAll(async () => {
  for (const server of servers) server.close();
  await dossierServer?.stop();
  await browser?.close();
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

describe('static search', () => {
  test.each(['prosecutor', 'genocide tribunal', 'forens*', 'prosecutr~1', '+execution +archive', 'title:decree'])('%s: the same results as one whole index, from a part of it', async (query) => {
    const manifest = JSON.parse(await readFile(path.join(out, 'search/manifest.json'), 'utf8')) as { keys: string[]; fields: string[]; expansions: Array<[string, string[]]> };
    expect(manifest.keys.length).toBeGreaterThan(3);
    const corpus = await buildCorpus(root);
    const whole = buildShardIndex(searchDocuments(corpus).filter((document) => document.visibility === 'public'));
    // The browser's steps (the server's query preparation and order), run here on the whole index.
    const steps = createClientQuery(lunr, manifest.fields, manifest.expansions);
    const expected = steps.run(whole, steps.prepare(query)).length;
    expect(expected).toBeGreaterThan(0);

    const page = await (await browser.newContext()).newPage();
    const problems = collectProblems(page);
    const shards: string[] = [];
    page.on('request', (request) => {
      if (/\/search\/terms-[^/]+\.json$/.test(request.url())) shards.push(request.url());
    });
    await page.goto(`${base}/search/?q=${encodeURIComponent(query)}`);
    await page.waitForSelector('#search-results .total');
    const total = await page.textContent('#search-results .total');
    expect(total).toMatch(new RegExp(`^${expected} results?`));
    expect(await page.locator('#search-results a.result-link').count()).toBe(Math.min(expected, 50));
    expect(shards.length).toBeGreaterThan(0);
    // A fuzzy term may need every shard: one edit can change a word's first letter.
    if (!query.includes('~')) expect(shards.length).toBeLessThan(manifest.keys.length);
    expect(problems).toEqual([]);
  });
});

/** What the static search page shows for a query: its result links, the shards it fetched, and any page problem. */
async function staticSearch(siteBase: string, query: string) {
  const page = await (await browser.newContext()).newPage();
  const problems = collectProblems(page);
  const shards: string[] = [];
  page.on('request', (request) => {
    if (/\/search\/terms-[^/]+\.json$/.test(request.url())) shards.push(request.url());
  });
  await page.goto(`${siteBase}/search/?q=${encodeURIComponent(query)}`);
  await page.waitForSelector('#search-results .total, #search-results .query-error');
  const links = await page.locator('#search-results a.result-link').evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''));
  const error = await page.locator('#search-results .query-error').allTextContents();
  await page.context().close();
  return { links, shards, problems, error: error.join('') };
}

// The record a link opens: the server links a memo hit to its best paragraph, the static site to the memo.
const recordOf = (href: string): string => href.replace(/#.*$/, '').replace(/\/$/, '');

describe('static search with the server analysis', () => {
  test.each([
    ['identifier', 'A/RES/96(I)'],
    ['identifier', 'A/RES/96 (I)'],
    ['identifier', 'IT-98-33-A'],
    ['identifier', 'no. 35343/05'],
    ['identifier', '2187 UNTS 3'],
    ['pinpoint', 'art. 7(1)(i)'],
    ['diacritics', 'Krstic'],
    ['diacritics', 'Azubalis'],
    ['word form', 'religious'],
    ['word form', 'detain'],
    ['synonym', 'embargo'],
    ['synonym', 'exhumation'],
    ['general', 'Raisi immunity'],
    ['phrase', '"religious group"'],
    ['phrase', '"crimes against humanity"'],
  ])('%s %s: the same first results as the server, from a part of the index', async (_kind, query) => {
    const manifest = JSON.parse(await readFile(path.join(relevanceOut, 'search/manifest.json'), 'utf8')) as { keys: string[] };
    const response = await fetch(`${dossierServer.url}/api/search?q=${encodeURIComponent(query)}&size=10`);
    const expected = ((await response.json()) as { hits: Array<{ href: string }> }).hits.map((hit) => recordOf(hit.href));
    expect(expected.length).toBeGreaterThan(0);

    const shown = await staticSearch(relevanceBase, query);
    expect(shown.error).toBe('');
    expect(shown.links.slice(0, 10).map(recordOf)).toEqual(expected);
    expect(shown.shards.length).toBeGreaterThan(0);
    expect(shown.shards.length).toBeLessThan(manifest.keys.length);
    expect(shown.problems).toEqual([]);
  });

  test('a phrase with its words out of order finds what the server finds, fewer records than in order', async () => {
    const find = async (query: string) => {
      const response = await fetch(`${dossierServer.url}/api/search?q=${encodeURIComponent(query)}&size=100`);
      return ((await response.json()) as { hits: Array<{ href: string }> }).hits.map((hit) => recordOf(hit.href));
    };
    const reversed = await staticSearch(relevanceBase, '"group religious"');
    const inOrder = await staticSearch(relevanceBase, '"religious group"');
    expect(reversed.error).toBe('');
    expect(reversed.links.map(recordOf)).toEqual(await find('"group religious"'));
    expect(reversed.links.length).toBeLessThan(inOrder.links.length);
  });

  test('a query the server refuses is refused with the same message', async () => {
    const query = `${'abcdefghij'.repeat(3)}~2`;
    const response = await fetch(`${dossierServer.url}/api/search?q=${encodeURIComponent(query)}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/fuzzy term \(~\) may have at most 20 letters/);
    const shown = await staticSearch(relevanceBase, query);
    expect(shown.error).toMatch(/fuzzy term \(~\) may have at most 20 letters/);
    expect(shown.shards).toEqual([]);
  });
});
