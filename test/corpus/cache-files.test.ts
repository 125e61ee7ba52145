/**
 * Files dossier keeps beside a corpus: caches that hold internal text are the owner's alone, no
 * half-written temporary file survives, a file's text is trusted only when its bytes digest as
 * before, and symbolic links are not followed anywhere — `corpus` and `citations` included.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import { cp, lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { ParseCache } from '../../src/corpus/parse.js';
import { readParseCache, writeParseCache } from '../../src/corpus/parse-cache-file.js';
import { fileStatusStamp, KnownTexts, loadCorpusFiles } from '../../src/corpus/load.js';
import { pruneCache, writeCachedShard } from '../../src/search/persist.js';
import { openSearchIndex } from '../../src/search/index.js';
import { fixture } from '../helpers/server.js';

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

async function temporaryFolder(): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'dossier-files-'));
  folders.push(folder);
  return folder;
}

async function modeOf(target: string): Promise<string> {
  return ((await stat(target)).mode & 0o777).toString(8);
}

/** A pid no process has: the kernel's limit is far below it. */
const DEAD_PID = 2 ** 30 + 7;

describe('caches that hold internal text', () => {
  test('the parse cache and search shards are written owner-only, in owner-only folders', async () => {
    const root = await temporaryFolder();
    await cp(fixture('corpus-confidential'), root, { recursive: true });
    const cacheRoot = path.join(root, '.dossier-cache');
    const cache = new ParseCache();
    const corpus = await buildCorpus(root, { cache, cacheDir: path.join(cacheRoot, 'parsed') });
    await writeParseCache(path.join(cacheRoot, 'parsed'), cache);
    await openSearchIndex(corpus, { cacheDir: path.join(cacheRoot, 'search'), workers: 0 });
    for (const folder of ['parsed', 'search']) {
      expect(await modeOf(path.join(cacheRoot, folder))).toBe('700');
      const names = await readdir(path.join(cacheRoot, folder));
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) expect([name, await modeOf(path.join(cacheRoot, folder, name))]).toEqual([name, '600']);
    }
  });

  test('a cache folder made readable by others before is made owner-only again', async () => {
    const folder = path.join(await temporaryFolder(), 'search');
    await mkdir(folder, { mode: 0o755 });
    await writeCachedShard(folder, 'shard', Buffer.from('x'));
    expect(await modeOf(folder)).toBe('700');
  });
});

describe('temporary files', () => {
  test('a write that fails leaves no temporary file', async () => {
    const folder = await temporaryFolder();
    // The shard's name is taken by a folder, so the rename fails.
    await mkdir(path.join(folder, 'shard.lunr.json.gz', 'inside'), { recursive: true });
    await expect(writeCachedShard(folder, 'shard', Buffer.from('x'))).rejects.toThrow();
    expect((await readdir(folder)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  test('those of a writer killed half-way are removed on the next start; a live writer’s are kept', async () => {
    const folder = await temporaryFolder();
    const abandoned = [`parsed-0123.v8.${DEAD_PID}.tmp`, `abc.lunr.json.gz.${DEAD_PID}.tmp`];
    const live = `parsed-4567.v8.${process.ppid}.tmp`;
    for (const name of [...abandoned, live]) await writeFile(path.join(folder, name), 'half a file');
    await readParseCache(folder);
    expect(await readdir(folder)).toEqual([live]);
    await writeFile(path.join(folder, abandoned[1]!), 'half a file');
    await pruneCache(folder, new Set());
    expect(await readdir(folder)).toEqual([live]);
  });
});

describe('a known text is trusted only when its bytes digest as before', () => {
  test('an edit the file’s status does not show (same size, same times) is still read', async () => {
    const root = await temporaryFolder();
    await cp(fixture('corpus-basic'), root, { recursive: true });
    const relative = 'corpus/memos/jurisdiction.md';
    const known = new KnownTexts();
    await loadCorpusFiles(root, known);
    const stats = await lstat(path.join(root, relative), { bigint: true });
    // What a file system with coarse timestamps shows after a same-length edit within one tick:
    // the status of the old file, with different bytes.
    const statusStamp = `${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}:${stats.ino}`;
    known.set(relative, statusStamp, 'the stale text of an earlier version');
    const loaded = await loadCorpusFiles(root, known);
    expect(loaded.files.find((file) => file.path === relative)?.text).toBe(await readFile(path.join(root, relative), 'utf8'));
  });

  test('an unchanged file keeps the very text it had, and a same-length edit shows', async () => {
    const root = await temporaryFolder();
    await cp(fixture('corpus-basic'), root, { recursive: true });
    const file = path.join(root, 'corpus/memos/jurisdiction.md');
    const known = new KnownTexts();
    const first = await loadCorpusFiles(root, known);
    const second = await loadCorpusFiles(root, known);
    expect(second.files.map((item) => item.text)).toEqual(first.files.map((item) => item.text));
    const before = await readFile(file, 'utf8');
    const after = before.replace('Eichmann', 'Eichmanm');
    expect(after.length).toBe(before.length);
    const times = await stat(file);
    await writeFile(file, after);
    const { utimes } = await import('node:fs/promises');
    await utimes(file, times.atime, times.mtime);
    const third = await loadCorpusFiles(root, known);
    expect(third.files.find((item) => item.path === 'corpus/memos/jurisdiction.md')?.text).toBe(after);
  });
});

describe('with a watcher naming the files that changed (changedSince)', () => {
  const relative = 'corpus/memos/jurisdiction.md';
  /** A copy of the basic corpus loaded once, with the status its memo had when read. */
  async function loadedOnce(): Promise<{ root: string; known: KnownTexts; file: string; status: string }> {
    const root = await temporaryFolder();
    await cp(fixture('corpus-basic'), root, { recursive: true });
    const known = new KnownTexts();
    await loadCorpusFiles(root, known);
    const file = path.join(root, relative);
    return { root, known, file, status: fileStatusStamp(await lstat(file, { bigint: true })) };
  }
  const textOf = (loaded: Awaited<ReturnType<typeof loadCorpusFiles>>) => loaded.files.find((item) => item.path === relative)?.text;

  test('a file it does not name, whose status is what it was, is taken as read without reading it; one it names is read', async () => {
    const { root, known, file, status } = await loadedOnce();
    // Seeded with a text the file does not hold, under its present status: only a load that does not read the file returns it.
    known.set(relative, 'a stamp of no bytes', 'the text as the last load read it', status);
    expect(textOf(await loadCorpusFiles(root, known, { changedSince: new Set(['corpus/memos/genocide.md']) }))).toBe('the text as the last load read it');
    expect(textOf(await loadCorpusFiles(root, known, { changedSince: new Set([relative]) }))).toBe(await readFile(file, 'utf8'));
  });

  test('without a watcher, the status is not trusted: the file is read', async () => {
    const { root, known, file, status } = await loadedOnce();
    known.set(relative, 'a stamp of no bytes', 'the text as the last load read it', status);
    expect(textOf(await loadCorpusFiles(root, known))).toBe(await readFile(file, 'utf8'));
  });

  test('an edit the watcher did not report is read all the same: it changed the file\'s status, if only its change time', async () => {
    const root = await temporaryFolder();
    await cp(fixture('corpus-basic'), root, { recursive: true });
    const file = path.join(root, relative);
    // A modification time that can be set back exactly (whole seconds), before the first load.
    const { utimes } = await import('node:fs/promises');
    const when = new Date('2026-01-02T03:04:05Z');
    await utimes(file, when, when);
    const known = new KnownTexts();
    await loadCorpusFiles(root, known);
    const before = await lstat(file, { bigint: true });
    const after = (await readFile(file, 'utf8')).replace('Eichmann', 'Eichmanm');
    await writeFile(file, after);
    await utimes(file, when, when);
    const now = await lstat(file, { bigint: true });
    // The same size, inode and modification time: only the change time tells the edit.
    expect([now.size, now.ino, now.mtimeNs]).toEqual([before.size, before.ino, before.mtimeNs]);
    expect(now.ctimeNs).not.toBe(before.ctimeNs);
    expect(textOf(await loadCorpusFiles(root, known, { changedSince: new Set() }))).toBe(after);
  });

  test('a file added or removed is seen whether or not the watcher named it', async () => {
    const { root, known } = await loadedOnce();
    await writeFile(path.join(root, 'corpus/memos/added.md'), '---\ntitle: Added\n---\nText.\n');
    await rm(path.join(root, relative));
    const paths = (await loadCorpusFiles(root, known, { changedSince: new Set() })).files.map((item) => item.path);
    expect(paths).toContain('corpus/memos/added.md');
    expect(paths).not.toContain(relative);
  });
});

describe('symbolic links are not followed, at any depth', () => {
  const cases: Array<[string, string]> = [
    ['the corpus folder itself', 'corpus'],
    ['the citations folder itself', 'citations'],
    ['a record folder', 'corpus/memos'],
    ['the topics file', 'corpus/topics.yaml'],
    ['one memo', 'corpus/memos/genocide.md'],
  ];

  test.each(cases)('%s', async (_name, linked) => {
    const root = await temporaryFolder();
    const outside = await temporaryFolder();
    await cp(fixture('corpus-basic'), root, { recursive: true });
    // The real thing moves out of the root, and a link to it takes its place.
    await cp(path.join(root, linked), path.join(outside, 'target'), { recursive: true });
    await rm(path.join(root, linked), { recursive: true });
    await symlink(path.join(outside, 'target'), path.join(root, linked));
    const loaded = await loadCorpusFiles(root);
    expect(loaded.files.filter((file) => file.path === linked || file.path.startsWith(`${linked}/`))).toEqual([]);
    expect(loaded.diagnostics).toContainEqual(expect.objectContaining({ file: linked, code: 'unknown-file-type', message: 'not read: symbolic links are not followed' }));
  });
});
