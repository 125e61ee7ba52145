/**
 * `dossier build` as installed (bin/dossier over dist/), on a corpus large enough for its record
 * pages to be rendered in worker threads: the site is byte for byte the one a build without a
 * cache writes in one thread, and an edit built into it afterwards leaves it as a whole build of
 * the edited corpus would.
 */
import { afterAll, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPOSITORY } from './browser.js';
import { generateCorpus } from '../../src/bench/generate.js';

const folders: string[] = [];
afterAll(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

const build = async (...args: string[]): Promise<string> =>
  (await promisify(execFile)(process.execPath, ['bin/dossier', 'build', ...args], { cwd: REPOSITORY, env: { ...process.env, NODE_OPTIONS: '' }, maxBuffer: 16 * 1024 * 1024 })).stdout;

/** Every file of a site but its marker, with its content. */
async function siteFiles(folder: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name === '.dossier-site') continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(folder, file), await readFile(file, 'latin1'));
  }
  return files;
}

function expectSameSite(actual: Map<string, string>, expected: Map<string, string>): void {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  const differing = [...expected].filter(([file, content]) => actual.get(file) !== content).map(([file]) => file);
  expect(differing).toEqual([]);
}

test('pages rendered in worker threads are the pages one thread renders, before and after an edit', async () => {
  const work = await mkdtemp(path.join(os.tmpdir(), 'dossier-static-build-'));
  folders.push(work);
  const root = path.join(work, 'corpus');
  await generateCorpus(root, { memos: 70 });
  const cache = path.join(work, 'cache');
  const site = path.join(work, 'site');

  const first = await build('--root', root, '--out', site, '--cache', cache);
  expect(first).toMatch(/pages \(\d+ in \d+ worker threads?[;)]/);
  const oneThread = path.join(work, 'one-thread');
  await build('--root', root, '--out', oneThread, '--no-cache');
  expectSameSite(await siteFiles(site), await siteFiles(oneThread));

  const memo = path.join(root, 'corpus/memos/memo-3.md');
  const text = await readFile(memo, 'utf8');
  await writeFile(memo, text.replace(/^title: .*$/m, 'title: A memo retitled after the first build'));
  const again = await build('--root', root, '--out', site, '--cache', cache);
  expect(again).toMatch(/^dossier: rewrote \d+ of \d+ files/);
  const whole = path.join(work, 'whole');
  await build('--root', root, '--out', whole, '--no-cache');
  expectSameSite(await siteFiles(site), await siteFiles(whole));
  // Four builds of some five hundred pages each, on a machine that may be shared.
}, 900_000);
