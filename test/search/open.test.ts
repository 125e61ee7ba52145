/** The persisted index: warm starts, invalidation of exactly what changed, and damaged caches. */
import { afterEach, describe, expect, test } from '@jest/globals';
import { cp, mkdtemp, readdir, rm, writeFile, unlink } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { compact, hasDeltas, openSearchIndex } from '../../src/search/index.js';
import { decodePositions, encodePositions, flatPositions } from '../../src/search/persist.js';
import { planShards } from '../../src/search/shards.js';
import { searchDocuments } from '../../src/search/documents.js';
import type { Corpus } from '../../src/model/records.js';
import { fixture } from '../helpers/server.js';

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

async function workspace() {
  const root = await mkdtemp(path.join(os.tmpdir(), 'dossier-search-'));
  folders.push(root);
  await cp(fixture('corpus-search'), root, { recursive: true });
  const cacheDir = path.join(root, '.cache');
  // Small shards, so that one corpus has several and invalidation can be seen shard by shard.
  const open = async () => openSearchIndex(await buildCorpus(root), { cacheDir, shardSize: 2, workers: 0 });
  return { root, cacheDir, open };
}

/**
 * How many shards hold these records: a memo's edit changes its own document and those of the
 * sources it cites (they are indexed with the sentences that cite them).
 */
function shardsHolding(corpus: Corpus, refs: readonly string[]): number {
  return planShards(searchDocuments(corpus), 2).filter((plan) => plan.documents.some((document) => refs.includes(document.ref))).length;
}
const EDITED = ['memo:immunity', 'source:src'];
const refsOf = (hits: ReadonlyArray<{ ref: string }>) => hits.map((hit) => hit.ref).sort();

describe('live edits: deltas beside unchanged shards', () => {
  const queries = ['immunity', 'genocide', 'zanzibarite', 'eichmann', '"crimes against humanity"', 'quokkas'];
  const answers = (index: Awaited<ReturnType<typeof openSearchIndex>>['index']) =>
    queries.map((q) => index.search({ q, includeInternal: true }).hits.map((hit) => hit.ref).sort());

  test('an edit, an addition and a deletion are answered from deltas exactly as from a full rebuild', async () => {
    const { root } = await workspace();
    const first = await openSearchIndex(await buildCorpus(root), { cacheDir: null, shardSize: 2, workers: 0 });
    // The memo, and the source it cites for the sentence about Eichmann.
    expect(refsOf(first.index.search({ q: 'eichmann', includeInternal: false }).hits)).toEqual(['memo:universal', 'source:src']);
    await writeFile(path.join(root, 'corpus/memos/immunity.md'), '---\ntitle: Immunity of officials\ntopics: [jurisdiction]\n---\nNow about zanzibarite questions [@src]\n');
    await writeFile(path.join(root, 'corpus/memos/new.md'), '---\ntitle: Quokkas and the law\n---\nA new memo [@src]\n');
    await unlink(path.join(root, 'corpus/memos/universal.md'));
    const corpus = await buildCorpus(root);
    const live = await openSearchIndex(corpus, { cacheDir: null, shardSize: 2, workers: 0, previous: first.index, deltas: true, minDeltaShard: 0 });
    expect(live.stats.built).toBe(0);
    expect(live.stats.deltas).toBeGreaterThanOrEqual(1);
    expect(live.stats.kept).toBe(live.stats.shards - live.stats.deltas);
    expect(hasDeltas(live.index)).toBe(true);
    // The old text of the edited memo and the deleted memo are no longer found; the new text is.
    expect(refsOf(live.index.search({ q: 'zanzibarite', includeInternal: false }).hits)).toEqual(EDITED);
    expect(live.index.search({ q: 'eichmann', includeInternal: false }).total).toBe(0);
    // The new memo, and the source it cites (indexed with the citing memo's title).
    expect(refsOf(live.index.search({ q: 'quokkas', includeInternal: false }).hits)).toEqual(['memo:new', 'source:src']);
    const full = await openSearchIndex(corpus, { cacheDir: null, shardSize: 2, workers: 0 });
    expect(answers(live.index)).toEqual(answers(full.index));

    const compacted = await compact(corpus, live.index, { cacheDir: null, shardSize: 2, workers: 0 });
    expect(hasDeltas(compacted)).toBe(false);
    expect(answers(compacted)).toEqual(answers(full.index));
  });

  test('a second edit of the same memo replaces the first in the delta', async () => {
    const { root } = await workspace();
    const first = await openSearchIndex(await buildCorpus(root), { cacheDir: null, shardSize: 2, workers: 0 });
    const edit = async (word: string, previous: typeof first.index) => {
      await writeFile(path.join(root, 'corpus/memos/immunity.md'), `---\ntitle: Immunity of officials\n---\nNow about ${word} [@src]\n`);
      return openSearchIndex(await buildCorpus(root), { cacheDir: null, shardSize: 2, workers: 0, previous, deltas: true, minDeltaShard: 0 });
    };
    const once = await edit('zanzibarite', first.index);
    const twice = await edit('wombatry', once.index);
    expect(twice.index.search({ q: 'zanzibarite', includeInternal: false }).total).toBe(0);
    expect(refsOf(twice.index.search({ q: 'wombatry', includeInternal: false }).hits)).toEqual(EDITED);
  });

  test('small shards are rebuilt whole even when deltas are asked for', async () => {
    const { root } = await workspace();
    const first = await openSearchIndex(await buildCorpus(root), { cacheDir: null, shardSize: 2, workers: 0 });
    await writeFile(path.join(root, 'corpus/memos/immunity.md'), '---\ntitle: Immunity of officials\n---\nNow about zanzibarite [@src]\n');
    const corpus = await buildCorpus(root);
    const rebuilt = await openSearchIndex(corpus, { cacheDir: null, shardSize: 2, workers: 0, previous: first.index, deltas: true });
    expect(rebuilt.stats).toMatchObject({ built: shardsHolding(corpus, EDITED), deltas: 0 });
    expect(rebuilt.index.search({ q: 'zanzibarite', includeInternal: false }).total).toBe(2);
  });

  test('without deltas, changed shards are rebuilt whole', async () => {
    const { root } = await workspace();
    const first = await openSearchIndex(await buildCorpus(root), { cacheDir: null, shardSize: 2, workers: 0 });
    await writeFile(path.join(root, 'corpus/memos/immunity.md'), '---\ntitle: Immunity of officials\n---\nNow about zanzibarite [@src]\n');
    const corpus = await buildCorpus(root);
    const rebuilt = await openSearchIndex(corpus, { cacheDir: null, shardSize: 2, workers: 0, previous: first.index });
    const changed = shardsHolding(corpus, EDITED);
    expect(rebuilt.stats).toMatchObject({ built: changed, deltas: 0, kept: rebuilt.stats.shards - changed });
    expect(hasDeltas(rebuilt.index)).toBe(false);
  });
});

describe('warm start and invalidation', () => {
  test('a second start loads every shard from the cache', async () => {
    const { open } = await workspace();
    const cold = await open();
    expect(cold.stats.shards).toBeGreaterThan(4);
    expect(cold.stats).toMatchObject({ loaded: 0, built: cold.stats.shards });
    const warm = await open();
    expect(warm.stats).toMatchObject({ loaded: cold.stats.shards, built: 0 });
    const answers = (index: typeof cold.index) => ['immunity', 'genocide', '"crimes against humanity"'].map((q) => index.search({ q, includeInternal: true }).hits);
    expect(answers(warm.index)).toEqual(answers(cold.index));
    expect(answers(warm.index)[0]!.map((hit) => hit.ref)).toContain('memo:immunity');
  });

  test('editing one memo rebuilds its shard and that of the source it cites, and the edit is searchable', async () => {
    const { root, open } = await workspace();
    const cold = await open();
    await writeFile(path.join(root, 'corpus/memos/immunity.md'), '---\ntitle: Immunity of officials\ntopics: [jurisdiction]\n---\nNow about zanzibarite immunity [@src]\n');
    const warm = await open();
    const changed = shardsHolding(await buildCorpus(root), EDITED);
    expect(warm.stats).toMatchObject({ built: changed, loaded: cold.stats.shards - changed });
    expect(refsOf(warm.index.search({ q: 'zanzibarite', includeInternal: false }).hits)).toEqual(EDITED);
  });

  test('adding or deleting a memo rebuilds its shard and that of the source it cites', async () => {
    const { root, open } = await workspace();
    const cold = await open();
    await writeFile(path.join(root, 'corpus/memos/new.md'), '---\ntitle: Quokkas and the law\n---\nA new memo [@src]\n');
    const added = await open();
    const changed = shardsHolding(await buildCorpus(root), ['memo:new', 'source:src']);
    expect(added.stats.built).toBe(changed);
    expect(added.stats.loaded).toBe(added.stats.shards - changed);
    expect(refsOf(added.index.search({ q: 'quokkas', includeInternal: false }).hits)).toEqual(['memo:new', 'source:src']);
    await unlink(path.join(root, 'corpus/memos/universal.md'));
    const removed = await open();
    // The deleted memo's shard (if it still holds records) and the cited source's.
    expect(removed.stats.built).toBeLessThanOrEqual(2);
    expect(removed.stats.loaded).toBeGreaterThanOrEqual(cold.stats.shards - 3);
    expect(removed.index.search({ q: 'eichmann', includeInternal: false }).total).toBe(0);
  });

  test('cache files that no shard needs are removed', async () => {
    const { root, cacheDir, open } = await workspace();
    const cold = await open();
    await writeFile(path.join(root, 'corpus/memos/immunity.md'), '---\ntitle: Changed\n---\nChanged [@src]\n');
    await open();
    expect((await readdir(cacheDir)).length).toBe(cold.stats.shards);
  });
});

describe('a damaged cache is rebuilt, never a crash', () => {
  test('corrupt files', async () => {
    const { cacheDir, open } = await workspace();
    const cold = await open();
    for (const name of await readdir(cacheDir)) await writeFile(path.join(cacheDir, name), 'not gzip at all');
    const rebuilt = await open();
    expect(rebuilt.stats).toMatchObject({ built: cold.stats.shards, loaded: 0 });
    expect(rebuilt.index.search({ q: 'immunity', includeInternal: false }).total).toBeGreaterThan(0);
  });

  test('truncated and deleted files, and a deleted cache folder', async () => {
    const { cacheDir, open } = await workspace();
    await open();
    const names = await readdir(cacheDir);
    await writeFile(path.join(cacheDir, names[0]!), Buffer.from([0x1f, 0x8b, 0x08, 0x00]));
    await unlink(path.join(cacheDir, names[1]!));
    const repaired = await open();
    expect(repaired.stats.built).toBe(2);
    await rm(cacheDir, { recursive: true });
    expect((await open()).stats.loaded).toBe(0);
  });
});

test('shards built in worker threads answer as shards built in this thread', async () => {
  // Worker threads run the compiled build (npm test builds before jest runs).
  const repository = fileURLToPath(new URL('../../', import.meta.url));
  const script = `
    const { buildCorpus } = await import(${JSON.stringify(new URL('dist/corpus/pipeline.js', `file://${repository}`).href)});
    const { openSearchIndex } = await import(${JSON.stringify(new URL('dist/search/open.js', `file://${repository}`).href)});
    const corpus = await buildCorpus(${JSON.stringify(fixture('corpus-search'))});
    const answer = async (workers) => {
      const { index, stats } = await openSearchIndex(corpus, { cacheDir: null, shardSize: 2, workers });
      return { stats, hits: ['immunity', 'genocide*', '"crimes against humanity"'].map((q) => index.search({ q, includeInternal: true }).hits.map((h) => h.ref).sort()) };
    };
    process.stdout.write(JSON.stringify([await answer(2), await answer(0)]));
  `;
  const folder = await mkdtemp(path.join(os.tmpdir(), 'dossier-workers-'));
  folders.push(folder);
  await writeFile(path.join(folder, 'compare.mjs'), script);
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(folder, 'compare.mjs')], { cwd: repository, env: { ...process.env, NODE_OPTIONS: '' } });
  const [threaded, inline] = JSON.parse(stdout);
  expect(threaded.stats.built).toBeGreaterThan(1);
  expect(threaded.hits).toEqual(inline.hits);
});

describe('term positions as the index keeps them', () => {
  test.each([
    { name: 'none', positions: [] as Array<[number, number]> },
    { name: 'one', positions: [[0, 5]] as Array<[number, number]> },
    { name: 'several, out of order', positions: [[120, 9], [3, 4], [57, 12]] as Array<[number, number]> },
  ])('$name: encoded and decoded, sorted', ({ positions }) => {
    expect(decodePositions(encodePositions(positions))).toEqual([...positions].sort((a, b) => a[0] - b[0]));
  });

  test('positions joined by Lunr (concat of two encodings) decode to each position once', () => {
    const joined = encodePositions([[10, 3], [40, 3]]).concat(encodePositions([[10, 3], [2, 5]]));
    expect(decodePositions(joined)).toEqual([[2, 5], [10, 3], [40, 3]]);
  });

  test("a delta built in memory keeps Lunr's arrays, which decode the same", () => {
    expect(decodePositions([[7, 2], [1, 4]])).toEqual([[1, 4], [7, 2]]);
    expect(decodePositions(undefined)).toEqual([]);
  });

  // Phrase checks read positions as one flat list: it must hold exactly what decodePositions gives.
  test.each([
    { name: 'none', value: '' },
    { name: 'in order', value: encodePositions([[3, 4], [57, 12], [120, 9]]) },
    { name: 'out of order', value: encodePositions([[120, 9], [3, 4], [57, 12]]) },
    { name: 'repeated, as Lunr joins them', value: encodePositions([[10, 3], [40, 3]]).concat(encodePositions([[10, 3], [2, 5]])) },
    { name: 'one start, two lengths', value: encodePositions([[5, 7], [5, 2]]) },
    { name: 'malformed', value: '4,2;x;9,1;' },
    { name: 'not ended', value: '4,2;9,1' },
    { name: "Lunr's arrays", value: [[7, 2], [1, 4]] as Array<[number, number]> },
    { name: 'undefined', value: undefined },
  ])('$name: the flat list holds the decoded pairs', ({ value }) => {
    expect([...flatPositions(value)]).toEqual(decodePositions(value).flat());
  });
});
