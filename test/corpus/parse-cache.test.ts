/**
 * Parsing once per text: the parse cache on disk (used only for unchanged text, ignored when
 * damaged or written by other code), live rebuilds that parse only what changed, and parsing in
 * worker threads giving the same corpus as parsing in this thread.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import { cp, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { deserialize, serialize } from 'node:v8';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCorpus, rebuildCorpus } from '../../src/corpus/pipeline.js';
import { bodyTree, keptRenderTree, ParseCache } from '../../src/corpus/parse.js';
import { PageBuilder } from '../../src/render/pages.js';
import { CorpusView } from '../../src/access/index.js';
import { CitationFormatter } from '../../src/corpus/citations/format.js';
import { KnownTexts } from '../../src/corpus/load.js';
import { corpusToJson } from '../../src/corpus/serialize.js';
import { PARSE_CACHE_PARTS, parseCachePart } from '../../src/corpus/parse-cache-file.js';
import type { MemoId, TopicId } from '../../src/model/ids.js';
import { fixture } from '../helpers/server.js';

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

async function workspace(name = 'corpus-basic') {
  const root = await mkdtemp(path.join(os.tmpdir(), 'dossier-parse-'));
  folders.push(root);
  await cp(fixture(name), root, { recursive: true });
  return { root, cacheDir: path.join(root, '.cache', 'parsed') };
}

type StoredEntries = Array<{ path: string; parsed: { record: { title?: string } | null } }>;

/** The cache's part files, by name. */
async function cacheParts(cacheDir: string): Promise<string[]> {
  return (await readdir(cacheDir)).filter((file) => file.startsWith('parsed-') && file.endsWith('.v8')).sort();
}

/** Every entry of the cache, whatever part holds it. */
async function cacheEntries(cacheDir: string): Promise<StoredEntries> {
  const entries: StoredEntries = [];
  for (const name of await cacheParts(cacheDir)) entries.push(...(deserialize(await readFile(path.join(cacheDir, name))) as StoredEntries));
  return entries;
}

/** Rewrites the part file that holds a path's entry through a function of that part's entries. */
async function rewriteCache(cacheDir: string, filePath: string, change: (entries: StoredEntries) => void) {
  for (const name of await cacheParts(cacheDir)) {
    const file = path.join(cacheDir, name);
    const entries = deserialize(await readFile(file)) as StoredEntries;
    if (!entries.some((entry) => entry.path === filePath)) continue;
    change(entries);
    await writeFile(file, serialize(entries));
    return;
  }
  throw new Error(`no part of the cache holds ${filePath}`);
}

describe('the parse cache on disk', () => {
  test('a second build gives the same corpus, from records it did not parse again', async () => {
    const { root, cacheDir } = await workspace();
    const cold = await buildCorpus(root, { cacheDir });
    expect(await cacheParts(cacheDir)).toHaveLength(PARSE_CACHE_PARTS);
    const warm = await buildCorpus(root, { cacheDir });
    expect(corpusToJson(warm)).toEqual(corpusToJson(cold));
    expect(warm.memos.get('genocide' as MemoId)!.body).toBe(cold.memos.get('genocide' as MemoId)!.body);
    // Proof that the records came from the cache: a title changed in the cache (not in the file) shows.
    await rewriteCache(cacheDir, 'corpus/memos/genocide.md', (entries) => {
      const entry = entries.find((item) => item.path === 'corpus/memos/genocide.md')!;
      entry.parsed.record!.title = 'Title from the cache';
    });
    expect((await buildCorpus(root, { cacheDir })).memos.get('genocide' as MemoId)!.title).toBe('Title from the cache');
  });

  test.each(['citations/library.yaml', 'citations/cases.bib', 'citations/books.ris', 'citations/more.json'])('the entries of %s come from the cache while its text is unchanged, and are read again once it is edited', async (file) => {
    const { root, cacheDir } = await workspace();
    const cold = await buildCorpus(root, { cacheDir });
    const fromFile = [...cold.sources.values()].filter((source) => source.file === file);
    expect(fromFile.length).toBeGreaterThan(0);
    const warm = await buildCorpus(root, { cacheDir });
    expect(corpusToJson(warm)).toEqual(corpusToJson(cold));
    const key = fromFile[0]!.key;
    // Proof that the entries came from the cache: a title changed in the cache (not in the file) shows.
    await rewriteCache(cacheDir, file, (entries) => {
      const entry = entries.find((item) => item.path === file) as unknown as { parsed: { library: { entries: Array<{ key: string; csl: { title?: string } }> } } };
      entry.parsed.library.entries.find((item) => item.key === key)!.csl.title = 'Title from the cache';
    });
    expect((await buildCorpus(root, { cacheDir })).sources.get(key)!.csl.title).toBe('Title from the cache');
    // An edit anywhere in the file (here, a trailing line break) reads it again, whatever the cache says.
    await writeFile(path.join(root, file), `${await readFile(path.join(root, file), 'utf8')}\n`);
    expect((await buildCorpus(root, { cacheDir })).sources.get(key)!.csl.title).toBe(cold.sources.get(key)!.csl.title);
  });

  test('the topics of a topics file come from the cache while its text is unchanged, with its problems, and are read again once it is edited', async () => {
    const { root, cacheDir } = await workspace();
    const file = 'corpus/topics.yaml';
    // A topic without a label: a problem the file gives each time it is read.
    await writeFile(path.join(root, file), `${await readFile(path.join(root, file), 'utf8')}- id: unlabelled\n`);
    const topicProblems = (corpus: { diagnostics: ReadonlyArray<{ file: string; line: number; code: string }> }) => corpus.diagnostics.filter((item) => item.file === file).map((item) => `${item.line} ${item.code}`);
    const cold = await buildCorpus(root, { cacheDir });
    expect(topicProblems(cold)).toHaveLength(1);
    const warm = await buildCorpus(root, { cacheDir });
    expect(corpusToJson(warm)).toEqual(corpusToJson(cold));
    expect(topicProblems(warm)).toEqual(topicProblems(cold));
    // Proof that the topics came from the cache: a label changed in the cache (not in the file) shows.
    await rewriteCache(cacheDir, file, (entries) => {
      const entry = entries.find((item) => item.path === file) as unknown as { parsed: { topics: Array<{ id: string; label: string }> } };
      entry.parsed.topics.find((topic) => topic.id === 'genocide')!.label = 'Label from the cache';
    });
    expect((await buildCorpus(root, { cacheDir })).topics.get('genocide' as TopicId)!.label).toBe('Label from the cache');
    await writeFile(path.join(root, file), `${await readFile(path.join(root, file), 'utf8')}\n`);
    expect((await buildCorpus(root, { cacheDir })).topics.get('genocide' as TopicId)!.label).toBe('Genocide');
  });

  test('a watching server reads and writes the cache as a plain start does', async () => {
    const { root, cacheDir } = await workspace();
    await rebuildCorpus(root, new Map(), { cache: new ParseCache(), cacheDir });
    await rewriteCache(cacheDir, 'corpus/memos/genocide.md', (entries) => {
      entries.find((item) => item.path === 'corpus/memos/genocide.md')!.parsed.record!.title = 'Title from the cache';
    });
    const { corpus } = await rebuildCorpus(root, new Map(), { cache: new ParseCache(), cacheDir });
    expect(corpus.memos.get('genocide' as MemoId)!.title).toBe('Title from the cache');
  });

  test('an unchanged corpus does not write the cache again', async () => {
    const { root, cacheDir } = await workspace();
    await buildCorpus(root, { cacheDir });
    const names = await cacheParts(cacheDir);
    // Dated in the past, so that a rewrite would show whatever the clock's resolution.
    const past = new Date('2001-02-03T04:05:06Z');
    for (const name of names) await utimes(path.join(cacheDir, name), past, past);
    await buildCorpus(root, { cacheDir });
    for (const name of names) expect([name, (await stat(path.join(cacheDir, name))).mtime]).toEqual([name, past]);
  });

  test('an edit rewrites only the part that holds the edited file; a deleted file leaves its part', async () => {
    const { root, cacheDir } = await workspace();
    await buildCorpus(root, { cacheDir });
    const names = await cacheParts(cacheDir);
    const past = new Date('2001-02-03T04:05:06Z');
    for (const name of names) await utimes(path.join(cacheDir, name), past, past);
    const edited = 'corpus/memos/genocide.md';
    const partName = (filePath: string) => names[parseCachePart(filePath)]!;
    const file = path.join(root, edited);
    await writeFile(file, (await readFile(file, 'utf8')).replace('title: Genocide of a religious group?', 'title: Genocide, edited'));
    await buildCorpus(root, { cacheDir });
    const rewritten = async () => {
      const found: string[] = [];
      for (const name of names) if ((await stat(path.join(cacheDir, name))).mtime.getTime() !== past.getTime()) found.push(name);
      return found;
    };
    expect(await rewritten()).toEqual([partName(edited)]);
    const edit = (await cacheEntries(cacheDir)).find((entry) => entry.path === edited)!;
    expect(edit.parsed.record!.title).toBe('Genocide, edited');

    for (const name of names) await utimes(path.join(cacheDir, name), past, past);
    const deleted = 'corpus/memos/jurisdiction.md';
    await rm(path.join(root, deleted));
    const rebuilt = await buildCorpus(root, { cacheDir });
    expect(rebuilt.memos.has('jurisdiction' as MemoId)).toBe(false);
    expect(await rewritten()).toEqual([partName(deleted)]);
    expect((await cacheEntries(cacheDir)).map((entry) => entry.path)).not.toContain(deleted);
    expect(corpusToJson(await buildCorpus(root, { cacheDir }))).toEqual(corpusToJson(rebuilt));
  });

  test('a file whose text changed is parsed again, whatever the cache says', async () => {
    const { root, cacheDir } = await workspace();
    await buildCorpus(root, { cacheDir });
    const file = path.join(root, 'corpus/memos/genocide.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('title: Genocide of a religious group?', 'title: Genocide, edited'));
    expect((await buildCorpus(root, { cacheDir })).memos.get('genocide' as MemoId)!.title).toBe('Genocide, edited');
  });

  test('the file holds no kept body trees: a server starting from it does not read them; a build lends them to its render workers', async () => {
    const { root, cacheDir } = await workspace();
    const cold = await buildCorpus(root, { cacheDir });
    const memo = cold.memos.get('genocide' as MemoId)!;
    // This thread's parse kept the tree; the file written beside it did not take it.
    expect(keptRenderTree(memo.fileText)).toEqual(expect.any(String));
    const entries = (await cacheEntries(cacheDir)) as unknown as Array<{ path: string; parsed: Record<string, unknown> }>;
    expect(entries.find((entry) => entry.path === 'corpus/memos/genocide.md')!.parsed).not.toHaveProperty('renderTree');
    expect(entries.some((entry) => 'renderTree' in entry.parsed)).toBe(false);
  });

  test('a damaged cache file is ignored and written afresh; files of other parser versions are removed', async () => {
    const { root, cacheDir } = await workspace();
    const cold = await buildCorpus(root, { cacheDir });
    for (const name of await readdir(cacheDir)) await writeFile(path.join(cacheDir, name), 'not a cache');
    await writeFile(path.join(cacheDir, 'parsed-0000000000000000.v8'), serialize([{ path: 'corpus/memos/genocide.md' }]));
    const rebuilt = await buildCorpus(root, { cacheDir });
    expect(corpusToJson(rebuilt)).toEqual(corpusToJson(cold));
    const names = await cacheParts(cacheDir);
    expect(names).toHaveLength(PARSE_CACHE_PARTS);
    expect(names).not.toContain('parsed-0000000000000000.v8');
    expect(corpusToJson(await buildCorpus(root, { cacheDir }))).toEqual(corpusToJson(cold));
  });

  test('entries of the wrong shape are skipped, the rest used', async () => {
    const { root, cacheDir } = await workspace();
    const cold = await buildCorpus(root, { cacheDir });
    await rewriteCache(cacheDir, 'corpus/memos/jurisdiction.md', (entries) => {
      entries.push({ path: 42 } as never, null as never);
      const entry = entries.find((item) => item.path === 'corpus/memos/jurisdiction.md')!;
      (entry.parsed as unknown as { diagnostics: unknown }).diagnostics = "not a list";
    });
    expect(corpusToJson(await buildCorpus(root, { cacheDir }))).toEqual(corpusToJson(cold));
  });
});

describe('the mentions found in memos, kept beside the parse cache', () => {
  /** Adds a made-up problem to every memo's kept mentions. */
  async function plantProblem(cacheDir: string, message: string) {
    const [name] = (await readdir(cacheDir)).filter((file) => file.startsWith('mentions-'));
    const file = path.join(cacheDir, name!);
    const entries = deserialize(await readFile(file)) as Array<[string, Array<Record<string, unknown>>]>;
    expect(entries.length).toBeGreaterThan(0);
    for (const [, found] of entries) found.push({ file: 'corpus/memos/planted.md', line: 1, column: 1, severity: 'warning', code: 'uncited-mention', message });
    await writeFile(file, serialize(entries));
  }
  const planted = (corpus: { diagnostics: readonly { message: string }[] }) => corpus.diagnostics.filter((item) => item.message === 'planted').length;

  test('an unchanged memo is not read again; an edited memo is; a changed library reads every memo again', async () => {
    const { root, cacheDir } = await workspace();
    const cold = await buildCorpus(root, { cacheDir });
    expect(corpusToJson(await buildCorpus(root, { cacheDir }))).toEqual(corpusToJson(cold));
    // Proof that the problems came from the cache: one planted in it shows, once per memo.
    await plantProblem(cacheDir, 'planted');
    expect(planted(await buildCorpus(root, { cacheDir }))).toBe(cold.memos.size);
    const memo = path.join(root, 'corpus/memos/genocide.md');
    await writeFile(memo, (await readFile(memo, 'utf8')).replace('Political groups were left out.', 'Political groups were left out. Another sentence.'));
    expect(planted(await buildCorpus(root, { cacheDir }))).toBe(cold.memos.size - 1);
    await plantProblem(cacheDir, 'planted');
    const library = path.join(root, 'citations/library.yaml');
    await writeFile(library, (await readFile(library, 'utf8')).replace('title: Convention on the Prevention and Punishment of the Crime of Genocide', 'title: Genocide Convention'));
    expect(planted(await buildCorpus(root, { cacheDir }))).toBe(0);
  });

  test('a mentions file that cannot be read is ignored', async () => {
    const { root, cacheDir } = await workspace();
    const cold = await buildCorpus(root, { cacheDir });
    const [name] = (await readdir(cacheDir)).filter((file) => file.startsWith('mentions-'));
    await writeFile(path.join(cacheDir, name!), serialize([['key', [{ file: 1 }]], 'not an entry']));
    expect(corpusToJson(await buildCorpus(root, { cacheDir }))).toEqual(corpusToJson(cold));
    await writeFile(path.join(cacheDir, name!), 'not a cache');
    expect(corpusToJson(await buildCorpus(root, { cacheDir }))).toEqual(corpusToJson(cold));
  });
});

describe('live rebuilds', () => {
  test('only the changed file is parsed again; unchanged records are the very same objects', async () => {
    const { root } = await workspace();
    const cache = new ParseCache();
    const known = new KnownTexts();
    const lastGood = new Map<string, string>();
    const before = (await rebuildCorpus(root, lastGood, { cache, known })).corpus;
    const file = path.join(root, 'corpus/memos/genocide.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('title: Genocide of a religious group?', 'title: Genocide, edited live'));
    const after = (await rebuildCorpus(root, lastGood, { cache, known })).corpus;
    expect(after.memos.get('genocide' as MemoId)!.title).toBe('Genocide, edited live');
    expect(after.memos.get('jurisdiction' as MemoId)).toBe(before.memos.get('jurisdiction' as MemoId));
    expect(after.memos.get('genocide' as MemoId)).not.toBe(before.memos.get('genocide' as MemoId));
    expect(Object.isFrozen(after.memos.get('genocide' as MemoId)!.citations)).toBe(true);
  });

  test('a file rewritten with text of the same length is read again', async () => {
    const { root } = await workspace();
    const known = new KnownTexts();
    await buildCorpus(root, { known });
    const file = path.join(root, 'corpus/memos/genocide.md');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('Genocide of a religious group?', 'Genocide of a religious party?'));
    expect((await buildCorpus(root, { known })).memos.get('genocide' as MemoId)!.title).toBe('Genocide of a religious party?');
  });

  test('known texts answer only for the status they were read with', () => {
    const known = new KnownTexts();
    known.set('corpus/memos/a.md', '10:1:1:7', 'text');
    expect(known.get('corpus/memos/a.md', '10:1:1:7')).toBe('text');
    expect(known.get('corpus/memos/a.md', '10:1:2:7')).toBeUndefined();
    expect(known.get('corpus/memos/b.md', '10:1:1:7')).toBeUndefined();
    known.retain(new Set(['corpus/memos/b.md']));
    expect(known.get('corpus/memos/a.md', '10:1:1:7')).toBeUndefined();
  });

  test('a deleted file leaves the cache', async () => {
    const { root } = await workspace();
    const cache = new ParseCache();
    await buildCorpus(root, { cache });
    const size = cache.size;
    await rm(path.join(root, 'corpus/memos/genocide.md'));
    const after = await buildCorpus(root, { cache });
    expect(after.memos.has('genocide' as MemoId)).toBe(false);
    expect(cache.size).toBe(size - 1);
  });
});

test('files parsed in worker threads give the same corpus as files parsed in this thread', async () => {
  // Worker threads run the compiled build (npm test builds before jest runs).
  const repository = fileURLToPath(new URL('../../', import.meta.url));
  const script = `
    const { buildCorpus } = await import(${JSON.stringify(new URL('dist/corpus/pipeline.js', `file://${repository}`).href)});
    const { corpusToJson } = await import(${JSON.stringify(new URL('dist/corpus/serialize.js', `file://${repository}`).href)});
    const answer = async (root, workers) => JSON.stringify(corpusToJson(await buildCorpus(root, { workers })));
    const roots = ${JSON.stringify([fixture('corpus-basic'), fixture('corpus-broken'), fixture('corpus-evidence')])};
    const results = [];
    for (const root of roots) results.push([await answer(root, 2), await answer(root, 0)]);
    process.stdout.write(JSON.stringify(results));
  `;
  const folder = await mkdtemp(path.join(os.tmpdir(), 'dossier-parse-workers-'));
  folders.push(folder);
  await writeFile(path.join(folder, 'compare.mjs'), script);
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(folder, 'compare.mjs')], { cwd: repository, env: { ...process.env, NODE_OPTIONS: '' } });
  const results = JSON.parse(stdout) as Array<[string, string]>;
  expect(results).toHaveLength(3);
  for (const [threaded, inline] of results) {
    expect(threaded).toEqual(inline);
    expect(JSON.parse(threaded).diagnostics).toBeDefined();
  }
});

test('a body tree kept for rendering is shared by text and left unchanged by drawing pages from it', async () => {
  const corpus = await buildCorpus(fixture('corpus-basic'));
  const memo = corpus.memos.get('genocide' as MemoId)!;
  expect(bodyTree(memo)).toBe(bodyTree({ fileText: memo.fileText }));
  const draw = (style: string) => new PageBuilder(new CorpusView(corpus, false), new CitationFormatter(corpus.sources), style).memo(memo);
  const authorDate = JSON.stringify(draw('apa'));
  // A note style moves punctuation around note markers: done on a copy, so an author-date page
  // drawn afterwards, and a second note page, are drawn from the tree as parsed.
  const first = JSON.stringify(draw('oscola'));
  expect(JSON.stringify(draw('oscola'))).toBe(first);
  expect(JSON.stringify(draw('apa'))).toBe(authorDate);
  expect(first).not.toBe(authorDate);
});
