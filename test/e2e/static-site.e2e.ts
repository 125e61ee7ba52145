/// <reference lib="dom" />
/**
 * The static site's search in a real browser, on a corpus large enough for its index to be split:
 * every query finds what one whole Lunr index over the same records finds, while the browser
 * fetches only the shards the query's terms fall in; every page keeps to its CSP.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { collectProblems, launchBrowser, REPOSITORY } from './browser.js';
import { generateCorpus } from '../../src/bench/generate.js';
import { buildCorpus } from '../../src/pipeline.js';
import { searchDocuments } from '../../src/search/documents.js';
import { buildShardIndex } from '../../src/search/shards.js';

let browser: Browser;
let server: http.Server;
let base: string;
let out: string;
let root: string;
const folders: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  root = await mkdtemp(path.join(os.tmpdir(), 'dossier-static-search-'));
  folders.push(root);
  await generateCorpus(root, { memos: 16 });
  out = path.join(root, 'site');
  await promisify(execFile)(process.execPath, ['bin/dossier', 'build', '--root', root, '--out', out], { cwd: REPOSITORY, env: { ...process.env, NODE_OPTIONS: '' } });
  // A plain static file server: files only, index.html for folders.
  server = http.createServer(async (req, res) => {
    let file = path.join(out, ...decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).split('/'));
    if (!file.startsWith(out)) return void res.writeHead(403).end();
    try {
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const type = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' }[path.extname(file)] ?? 'application/octet-stream';
      res.writeHead(200, { 'Content-Type': type }).end(await readFile(file));
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 600000);

afterAll(async () => {
  server?.close();
  await browser?.close();
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

describe('static search', () => {
  test.each(['prosecutor', 'genocide tribunal', 'forens*', 'prosecutr~1', '+execution +archive', 'title:decree'])('%s: the same results as one whole index, from a part of it', async (query) => {
    const manifest = JSON.parse(await readFile(path.join(out, 'search/manifest.json'), 'utf8')) as { keys: string[] };
    expect(manifest.keys.length).toBeGreaterThan(3);
    const corpus = await buildCorpus(root);
    const whole = buildShardIndex(searchDocuments(corpus).filter((document) => document.visibility === 'public'));
    const expected = whole.search(query).length;
    expect(expected).toBeGreaterThan(0);

    const page = await (await browser.newContext()).newPage();
    const problems = collectProblems(page);
    const shards: string[] = [];
    page.on('request', (request) => {
      if (/\/search\/terms-\d+\.json$/.test(request.url())) shards.push(request.url());
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
