/**
 * The static site's search files: the browser's index assembled from them ranks every query of
 * the relevance set with the scores of one whole Lunr index, and after an edit the files the
 * build writes from its previous state are byte for byte those of a whole build, with only the
 * edited record's shards among them.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from '@jest/globals';
import lunr from 'lunr';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { searchDocuments, type SearchDocument } from '../../src/search/documents.js';
import { createClientQuery } from '../../src/search/client-search.js';
import { staticSearchData } from '../../src/search/static-index.js';
import { analyseStaticDocuments } from '../../src/search/static-postings.js';
import { assembleStaticIndex, shardFileName, staticRecordName, type StaticSearchManifest, type TermsRow, type WordsRow } from '../../src/search/static-shards.js';
import type { RelevanceQuery } from '../../src/search/relevance.js';
import { buildStaticSearchFiles, PreviousSearchFileUnreadable, type KeptSearchRows, type ShownDocument, type StaticSearchFiles } from '../../src/site/search-shards.js';
import { fixture } from '../helpers/server.js';

const set = JSON.parse(readFileSync(new URL('../search/relevance-set.json', import.meta.url), 'utf8')) as RelevanceQuery[];
let documents: SearchDocument[];
let expansions: Array<[string, string[]]>;

beforeAll(async () => {
  const corpus = await buildCorpus(fixture('corpus-relevance'));
  documents = searchDocuments(corpus).filter((document) => document.visibility === 'public');
  expansions = staticSearchData(corpus, documents).expansions.map(([word, synonyms]) => [word, [...synonyms]]);
});

function shownOf(list: readonly SearchDocument[]): Map<string, ShownDocument> {
  return new Map(list.map((document) => [document.ref, { type: document.ref.split(':')[0]!, title: document.fields.title, href: `/${document.ref}`, excerpt: document.fields.body.slice(0, 20) }]));
}

function wholeBuild(list: readonly SearchDocument[]): StaticSearchFiles {
  return buildStaticSearchFiles(list, shownOf(list), expansions, null, () => {
    throw new TypeError('a whole build reads no previous file');
  });
}

/**
 * The site's search files after a build from a previous one (`previousSite`, the files as the
 * previous build left them; its own files by default): what it wrote over them, and which of them
 * it read back.
 */
function buildAfter(
  before: StaticSearchFiles,
  list: readonly SearchDocument[],
  { previousSite = new Map(before.files), keptRows }: { previousSite?: ReadonlyMap<string, string>; keptRows?: KeptSearchRows } = {},
): { site: Map<string, string>; written: string[]; read: string[]; after: StaticSearchFiles } {
  const read: string[] = [];
  const after = buildStaticSearchFiles(
    list,
    shownOf(list),
    expansions,
    before.state,
    (file) => {
      const content = previousSite.get(file);
      if (content === undefined) throw new PreviousSearchFileUnreadable(file);
      read.push(file);
      return content;
    },
    keptRows === undefined ? {} : { keptRows },
  );
  const site = new Map<string, string>();
  for (const file of after.unchanged) site.set(file, previousSite.get(file)!);
  for (const [file, content] of after.files) site.set(file, content);
  return { site, written: after.files.map(([file]) => file).filter((file) => /terms-/.test(file)), read, after };
}

/** Whether a site's search files are byte for byte a whole build's of the same records. */
function expectWholeBuilds(site: ReadonlyMap<string, string>, list: readonly SearchDocument[]): void {
  const expected = new Map(wholeBuild(list).files);
  expect([...site.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [file, content] of expected) expect([file, site.get(file) === content]).toEqual([file, true]);
}

function edited(list: readonly SearchDocument[], ref: string, change: (fields: SearchDocument['fields']) => SearchDocument['fields']): SearchDocument[] {
  return list.map((document) => (document.ref === ref ? { ...document, fields: change(document.fields), digest: `${document.digest}-edited` } : document));
}

/** Hits in the browser's order, their scores rounded to nine places. */
function ranked(hits: ReadonlyArray<{ ref: string; score: number; matchedTerms: number }>) {
  return hits
    .map((hit) => ({ ...hit, score: Math.round(hit.score * 1e9) / 1e9 }))
    .sort((a, b) => b.matchedTerms - a.matchedTerms || b.score - a.score || (a.ref < b.ref ? -1 : 1));
}

describe('the browser index assembled from the files', () => {
  test('ranks the relevance set and phrases with the scores of one whole index', () => {
    const built = wholeBuild(documents);
    const files = new Map(built.files);
    const manifest = JSON.parse(files.get('search/manifest.json')!) as StaticSearchManifest;
    const termsRows = manifest.keys.flatMap((key) => JSON.parse(files.get(`search/terms-${shardFileName(key)}.json`)!) as TermsRow[]);
    const wordsRows = manifest.keys.flatMap((key) => JSON.parse(files.get(`search/words-${shardFileName(key)}.json`)!) as WordsRow[]);
    const assembled = assembleStaticIndex(lunr, manifest, JSON.parse(files.get('search/lengths.json')!) as number[][], termsRows, wordsRows);
    const data = staticSearchData({ topics: new Map() } as never, documents);
    const whole = lunr.Index.load(JSON.parse(JSON.stringify(data.index)));
    const refs = built.state.refs;
    const steps = createClientQuery(lunr, manifest.fields, manifest.expansions as Array<[string, string[]]>);
    const queries = [...set.filter((query) => Object.keys(query.filters).length === 0).map((query) => query.q), '"religious group"', '"group religious"', 'title:"genocide convention"', 'genoc*', 'krstc~1'];
    let compared = 0;
    for (const q of queries) {
      let prepared;
      try {
        prepared = steps.prepare(q);
      } catch {
        continue;
      }
      const expected = steps.run(whole, prepared);
      const names = new Map(refs.map((ref, number) => [staticRecordName(number, refs.length), ref]));
      const found = steps.run(assembled, prepared).map((hit) => ({ ...hit, ref: names.get(hit.ref)! }));
      // The same scores but for the last bits of a sum (its terms are added in another order), and so the same ranking.
      expect([q, ranked(found)]).toEqual([q, ranked(expected)]);
      if (expected.length > 0) compared++;
    }
    expect(compared).toBeGreaterThan(20);
  });
});

/** Six hundred words no record holds, each beginning with "ab" (`abbbbba abbbbca …`): more than one shard's worth of rows. */
const NEW_WORDS = Array.from({ length: 600 }, (_, n) => `ab${[...n.toString(5).padStart(4, '0')].map((digit) => 'bcdfg'[Number(digit)]).join('')}a`).join(' ');

describe('a build from the previous state', () => {
  // Which record is edited (its shards alone are written), or null when that is not checked (the records change, or several are edited).
  // `newKeys`: the edit gives the index shard keys it did not have, before some it had.
  const cases: Array<{ name: string; change: (list: SearchDocument[]) => SearchDocument[]; edits: number | null; newKeys?: boolean }> = [
    { name: 'nothing edited', change: (list) => list, edits: -1 },
    { name: 'a word added to a body', change: (list) => edited(list, list[3]!.ref, (fields) => ({ ...fields, body: `${fields.body} Zyzzyvaedit appears here.` })), edits: 3 },
    { name: 'a title reworded', change: (list) => edited(list, list[5]!.ref, (fields) => ({ ...fields, title: 'Quite another title' })), edits: 5 },
    { name: 'a body emptied (its words leave the index)', change: (list) => edited(list, list[0]!.ref, (fields) => ({ ...fields, body: '' })), edits: 0 },
    {
      // Its shard is split, and new keys stand before most others: no other shard is renamed or written.
      name: 'six hundred new words beginning alike added to a title (a shard is split)',
      change: (list) => edited(list, list[5]!.ref, (fields) => ({ ...fields, title: `${fields.title} ${NEW_WORDS}` })),
      edits: 5,
      newKeys: true,
    },
    {
      // Their rows lose and gain postings at several places at once (which shards are written is not checked here).
      name: 'three records edited at once, one of them emptied',
      change: (list) =>
        edited(
          edited(
            edited(list, list[2]!.ref, (fields) => ({ ...fields, body: `Zyzzyvaedit ${fields.body} genocide genocide` })),
            list[6]!.ref,
            (fields) => ({ ...fields, title: `${fields.title} genocide` }),
          ),
          list[1]!.ref,
          (fields) => ({ ...fields, title: '', body: '' }),
        ),
      edits: null,
    },
    { name: 'a record removed (the records are numbered anew)', change: (list) => list.slice(1), edits: null },
  ];
  test.each(cases)('$name: the files are those of a whole build', ({ change, edits, newKeys = false }) => {
    const before = wholeBuild(documents);
    const now = change(documents);
    const { site, written } = buildAfter(before, now);
    expectWholeBuilds(site, now);
    if (edits === null) return;
    const whole = wholeBuild(now);
    const keysOf = (built: StaticSearchFiles) => (JSON.parse(new Map(built.files).get('search/manifest.json')!) as StaticSearchManifest).keys;
    const keysBefore = new Set(keysOf(before));
    const added = keysOf(whole).flatMap((key, at) => (keysBefore.has(key) ? [] : [at]));
    expect(added.length > 0 && added[0]! < keysBefore.size - 1).toBe(newKeys);
    // Only shards that hold a term the edited record held or holds are written, and those whose key is new (a shard split).
    const termsOf = (list: readonly SearchDocument[]) => (edits < 0 ? [] : [...analyseStaticDocuments([list[edits]!]).get(list[edits]!.ref)!.terms.keys()]);
    const shardOf = new Map<string, string>();
    for (const [file, content] of whole.files) if (file.includes('/terms-')) for (const row of JSON.parse(content) as TermsRow[]) shardOf.set(row[0] as string, file);
    const editedShards = new Set([...termsOf(documents), ...termsOf(now)].map((term) => shardOf.get(term)));
    const newShards = new Set(keysOf(whole).filter((key) => !keysBefore.has(key)).map((key) => `search/terms-${shardFileName(key)}.json`));
    expect(written.filter((file) => !editedShards.has(file) && !newShards.has(file))).toEqual([]);
    expect(written.length > 0).toBe(edits >= 0);
    expect(written.length).toBeLessThan(shardOf.size === 0 ? 1 : new Set(shardOf.values()).size);
  });

  test('a sequence of edits with the rows kept in memory reads back only shards it never wrote, and each site is a whole build\'s', () => {
    // As in `build --watch`: the whole index was built in another thread, so nothing is kept at first.
    const keptRows: KeptSearchRows = new Map();
    let before = wholeBuild(documents);
    let site = new Map(before.files);
    const steps: Array<[string, (list: SearchDocument[]) => SearchDocument[]]> = [
      ['a word added', (list) => edited(list, list[3]!.ref, (fields) => ({ ...fields, body: `${fields.body} Zyzzyvaedit appears here.` }))],
      ['another word in the same record', (list) => edited(list, list[3]!.ref, (fields) => ({ ...fields, body: `${fields.body} Quuxedit too.` }))],
      ['a body emptied', (list) => edited(list, list[3]!.ref, (fields) => ({ ...fields, body: '' }))],
      ['another record reworded', (list) => edited(list, list[7]!.ref, (fields) => ({ ...fields, title: 'Quite another title' }))],
    ];
    let list = documents;
    const reads: number[] = [];
    for (const [name, change] of steps) {
      list = change(list);
      const built = buildAfter(before, list, { previousSite: site, keptRows });
      expect([name, built.written.length > 0]).toEqual([name, true]);
      expectWholeBuilds(built.site, list);
      reads.push(built.read.length);
      before = built.after;
      site = built.site;
    }
    // The first edit reads the shards it rewrites; the same record's next edits read none (their
    // shards were written by the build before), another record's only those not written since.
    expect(reads[0]).toBeGreaterThan(0);
    expect(reads.slice(1, 3)).toEqual([0, 0]);
    expect(reads[3]).toBeLessThan(reads[0]!);
  });

  test('rows kept for another state are dropped by a whole build, which keeps its own', () => {
    // A term no record holds: only dropping what was kept removes it.
    const keptRows: KeptSearchRows = new Map([['zzzgone', ['["zzzgone",0,[0,1]]', '["zzzgone",""]']]]);
    const whole = buildStaticSearchFiles(documents, shownOf(documents), expansions, null, () => {
      throw new TypeError('a whole build reads no previous file');
    }, { keptRows });
    expect(keptRows.has('zzzgone')).toBe(false);
    expect(keptRows.size).toBe(whole.state.terms.length);
    // Every term's rows are now the whole build's: an edit reads no file back.
    const now = edited(documents, documents[2]!.ref, (fields) => ({ ...fields, body: `${fields.body} Zyzzyvaedit.` }));
    const built = buildAfter(whole, now, { keptRows });
    expect(built.read).toEqual([]);
    expectWholeBuilds(built.site, now);
  });

  test('a previous file that is not what the state says is refused, so that the index is built whole', () => {
    const before = wholeBuild(documents);
    const now = edited(documents, documents[3]!.ref, (fields) => ({ ...fields, body: `${fields.body} Zyzzyvaedit.` }));
    expect(() => buildStaticSearchFiles(now, shownOf(now), expansions, before.state, () => '[]')).toThrow(PreviousSearchFileUnreadable);
  });
});
