/// <reference lib="dom" />
/** The static site from any file server, and live reload, in a real browser. */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { collectProblems, launchBrowser, REPOSITORY, startServer } from './browser.js';

let browser: Browser;
const folders: string[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

/** A plain static file server: files only, `index.html` for folders, nothing else. */
function staticServer(root: string): Promise<http.Server> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    let file = path.join(root, ...decodeURIComponent(url.pathname).split('/'));
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    try {
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' }).end(await readFile(file));
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('dossier build', () => {
  test('pages, client-side search and the graph work from a static file server; nothing internal is written', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'dossier-site-'));
    folders.push(out);
    const root = await mkdtemp(path.join(os.tmpdir(), 'dossier-site-corpus-'));
    folders.push(root);
    await cp(REPOSITORY + 'corpus', path.join(root, 'corpus'), { recursive: true });
    await cp(REPOSITORY + 'citations', path.join(root, 'citations'), { recursive: true });
    await writeFile(path.join(root, 'corpus/memos/secret.md'), '---\ntitle: Canaryhush strategy\nvisibility: internal\n---\nCanaryhush notes [@genocide-convention].\n');
    await promisify(execFile)(process.execPath, ['bin/dossier', 'build', '--root', root, '--out', out], { cwd: REPOSITORY, env: { ...process.env, NODE_OPTIONS: '' } });
    const grep = await promisify(execFile)('grep', ['-rli', 'canaryhush', out]).catch(() => ({ stdout: '' }));
    expect(grep.stdout).toBe('');

    const server = await staticServer(out);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const page = await (await browser.newContext()).newPage();
      const problems = collectProblems(page);
      await page.goto(`${base}/memos/genocide-religious-group/`);
      expect(await page.textContent('h1')).toContain('Genocide of a religious group?');
      await page.waitForSelector('.graph-small[data-graph-ready]');
      // The neighbourhood and the whole graph, drawn from the compact graph data.
      expect(Number(await page.getAttribute('.graph-small', 'data-graph-ready'))).toBeGreaterThan(5);
      const exportHref = await page.getAttribute('section.exports a:text("RIS")', 'href');
      expect(exportHref).toBe('/exports/genocide-religious-group.ris.ris');
      expect((await fetch(`${base}${exportHref}`)).status).toBe(200);
      await page.goto(`${base}/graph/`);
      await page.waitForSelector('.graph-full[data-graph-ready]');
      expect(Number(await page.getAttribute('.graph-full', 'data-graph-ready'))).toBeGreaterThan(50);
      await page.goto(`${base}/search/?q=immunity`);
      await page.waitForSelector('#search-results a.result-link');
      expect(await page.locator('#search-results a.result-link').first().getAttribute('href')).toMatch(/^\//);
      await page.fill('#search-q', 'Nouri');
      await page.press('#search-q', 'Enter');
      await page.waitForFunction(() => document.querySelector('#search-results .total')?.textContent?.match(/^\d+ results?$/) !== null && location.search === '?q=Nouri');
      expect(await page.locator('#search-results a[href="/memos/universal-jurisdiction-nouri"]').count()).toBe(1);
      expect(problems).toEqual([]);
    } finally {
      server.close();
    }
  });
});

describe('dossier serve --watch', () => {
  test('an edit shows in an open page by itself; a broken edit keeps the last good version and shows a banner', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'dossier-watch-'));
    folders.push(root);
    await cp(REPOSITORY + 'test/fixtures/corpus-basic', root, { recursive: true });
    const server = await startServer(['--root', root, '--watch']);
    try {
      const page = await (await browser.newContext()).newPage();
      const problems = collectProblems(page);
      await page.goto(`${server.url}/memos/jurisdiction`);
      expect(await page.textContent('h1')).toBe('Who may try the perpetrators?');
      const file = path.join(root, 'corpus/memos/jurisdiction.md');
      const original = await readFile(file, 'utf8');
      await writeFile(file, original.replace('title: Who may try the perpetrators?', 'title: Who may try them now?'));
      // The page reloads by itself. How fast is for the benchmark to measure, not for a test on a
      // shared machine to assert: the wait only bounds a page that never updates.
      await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Who may try them now?', undefined, { timeout: 10000 });
      await writeFile(file, '---\ntitle: [broken\n---\n');
      await page.waitForSelector('.banner', { timeout: 3000 });
      expect(await page.textContent('h1')).toBe('Who may try them now?');
      expect(await page.textContent('.banner')).toContain('corpus/memos/jurisdiction.md:2:');
      expect(problems).toEqual([]);
    } finally {
      await server.stop();
    }
  });
});
