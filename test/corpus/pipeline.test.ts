/** The whole pipeline on a small fixture corpus: records, links both ways, and a frozen result. */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { isRecordFile, ParseCache } from '../../src/corpus/parse.js';
import { readParseCache } from '../../src/corpus/parse-cache-file.js';
import { backlinksOf, type Corpus } from '../../src/model/records.js';
import { recordToJson } from '../../src/corpus/serialize.js';
import type { CiteKey, MemoId, SpeakerId, StatementId, TopicId, EventId } from '../../src/model/ids.js';

const root = fileURLToPath(new URL('../fixtures/corpus-basic/', import.meta.url));
let corpus: Corpus;
beforeAll(async () => {
  corpus = await buildCorpus(root);
});

describe('loading the basic fixture corpus', () => {
  test('reads every record and reports no problem', () => {
    expect(corpus.diagnostics).toEqual([]);
    expect([...corpus.memos.keys()].sort()).toEqual(['genocide', 'jurisdiction']);
    expect([...corpus.statements.keys()].sort()).toEqual(['david-try', 'robertson-fatwa']);
    expect([...corpus.speakers.keys()].sort()).toEqual(['david', 'robertson']);
    expect([...corpus.events.keys()]).toEqual(['conference-2021']);
    expect([...corpus.topics.keys()]).toEqual(['genocide', 'protected-groups', 'jurisdiction']);
    expect([...corpus.sources.keys()].sort()).toEqual(['akayesu', 'eichmann', 'genocide-convention', 'report2021', 'robertson2010']);
  });

  test('reads the frontmatter of a memo', () => {
    const memo = corpus.memos.get('genocide' as MemoId)!;
    expect(memo).toMatchObject({
      title: 'Genocide of a religious group?',
      summary: 'Whether the 1988 killings fall under Article II.',
      topics: ['genocide', 'protected-groups'],
      jurisdiction: 'international',
      status: 'draft',
      visibility: 'public',
      authors: ['A. Jurist'],
      updated: '2026-11-01',
    });
    expect(corpus.memos.get('jurisdiction' as MemoId)!.topics).toEqual(['jurisdiction']);
  });

  test('reads the citations of a memo with keys, locators and positions', () => {
    const memo = corpus.memos.get('genocide' as MemoId)!;
    expect(memo.citations).toEqual([
      {
        items: [
          { key: 'genocide-convention', mode: 'normal', prefix: 'see', locator: 'II', label: 'article', suffix: '' },
          { key: 'akayesu', mode: 'normal', prefix: 'also', locator: '510-516', label: 'paragraph', suffix: '' },
        ],
        position: { line: 12, column: 42 },
        sentence: 'The Convention protects four groups only.',
        sentenceSpans: [{ text: 'The Convention protects four groups only . ' }],
      },
      {
        items: [{ key: 'robertson2010', mode: 'author-in-text', prefix: '', locator: '12', label: 'page', suffix: '' }],
        position: { line: 14, column: 1 },
        sentence: 'robertson2010 reads the fatwa as targeting a religious group.',
        // The cite key stands in the sentence as a span that names its source.
        sentenceSpans: [{ text: 'robertson2010', refs: [{ type: 'source', id: 'robertson2010' }] }, { text: ' reads the fatwa as targeting a religious group.' }],
      },
    ]);
  });

  test('reads every bibliography format into CSL-JSON with legal types kept', () => {
    expect(corpus.sources.get('akayesu' as CiteKey)!.csl.type).toBe('legal_case');
    expect(corpus.sources.get('eichmann' as CiteKey)!.csl).toMatchObject({ type: 'legal_case', number: '40/61' });
    expect(corpus.sources.get('genocide-convention' as CiteKey)!.csl).toMatchObject({ type: 'treaty', volume: '78', page: '277' });
    expect(corpus.sources.get('robertson2010' as CiteKey)!.csl).toMatchObject({
      type: 'book',
      author: [{ family: 'Robertson', given: 'Geoffrey' }],
    });
    expect(corpus.sources.get('report2021' as CiteKey)!).toMatchObject({
      verification: { verified: true, note: 'Publisher is a party to the events it reports.' },
      archivedText: { file: 'citations/texts/report2021.txt' },
    });
    expect(corpus.sources.get('akayesu' as CiteKey)!.verification.verified).toBe(false);
  });
});

describe('backlinks', () => {
  test('a source knows which memos cite it, where, at which pinpoint and in which sentence', () => {
    const citedBy = backlinksOf(corpus, { type: 'source', id: 'akayesu' as CiteKey });
    expect(citedBy).toEqual([
      {
        from: { type: 'memo', id: 'genocide' },
        via: 'citation',
        field: null,
        place: { file: 'corpus/memos/genocide.md', line: 12, column: 42 },
        sentence: 'The Convention protects four groups only.',
        sentenceSpans: [{ text: 'The Convention protects four groups only . ' }],
        locator: '510-516',
        label: 'paragraph',
      },
    ]);
  });

  test('a source knows the statements drawn from it, with their locators', () => {
    const fromStatements = backlinksOf(corpus, { type: 'source', id: 'report2021' as CiteKey }).filter((b) => b.from.type === 'statement');
    expect(fromStatements.map((b) => [b.from.id, b.locator, b.label])).toEqual([
      ['david-try', '4', 'paragraph'],
      ['robertson-fatwa', '3', 'paragraph'],
    ]);
  });

  test('a statement knows the memos that embed or link it', () => {
    expect(backlinksOf(corpus, { type: 'statement', id: 'robertson-fatwa' as StatementId }).map((b) => [b.from.id, b.via])).toEqual([
      ['genocide', 'embed'],
    ]);
    expect(backlinksOf(corpus, { type: 'statement', id: 'david-try' as StatementId }).map((b) => [b.from.id, b.via])).toEqual([
      ['jurisdiction', 'link'],
    ]);
  });

  test('a speaker knows their statements; an event knows its statements', () => {
    const bySpeaker = backlinksOf(corpus, { type: 'speaker', id: 'david' as SpeakerId });
    expect(bySpeaker.map((b) => [b.from.type, b.from.id, b.via])).toEqual([
      ['memo', 'jurisdiction', 'link'],
      ['statement', 'david-try', 'field'],
    ]);
    const atEvent = backlinksOf(corpus, { type: 'event', id: 'conference-2021' as EventId }).filter((b) => b.via === 'field');
    expect(atEvent.map((b) => b.from.id)).toEqual(['david-try', 'robertson-fatwa']);
  });

  test('a memo knows which memos link to it', () => {
    expect(backlinksOf(corpus, { type: 'memo', id: 'jurisdiction' as MemoId }).map((b) => [b.from.id, b.sentence])).toEqual([
      ['genocide', 'See also the jurisdiction memo.'],
    ]);
  });

  test('a topic knows what is filed under it and its narrower topics', () => {
    const json = recordToJson(corpus, corpus.topics.get('genocide' as TopicId)!);
    expect(json).toMatchObject({
      narrower: ['protected-groups'],
      memos: ['genocide'],
      statements: ['robertson-fatwa'],
      speakers: ['robertson'],
      events: ['conference-2021'],
      sources: ['genocide-convention'],
    });
  });
});

describe('the corpus is frozen', () => {
  test('records cannot be changed by a reader', () => {
    const memo = corpus.memos.get('genocide' as MemoId)!;
    expect(Object.isFrozen(memo)).toBe(true);
    expect(Object.isFrozen(memo.citations[0]!.items[0])).toBe(true);
    expect(() => {
      (memo as { title: string }).title = 'changed';
    }).toThrow(TypeError);
  });
});

describe('the parse cache as a build shares it with its render workers', () => {
  test('onParsedAll hears the files, with the cache holding every record file, library and topics file, before the corpus is linked', async () => {
    const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'dossier-pipeline-'));
    try {
      let heard = 0;
      let loadedPaths: string[] = [];
      let held: ParseCache | null = null;
      let writtenWhenHeard: string[] = [];
      const built = await buildCorpus(root, {
        cacheDir: path.join(cacheDir, 'parsed'),
        onParsedAll: (loaded, cache) => {
          heard++;
          loadedPaths = loaded.files.filter((file) => isRecordFile(file) || file.kind === 'bibliography' || file.kind === 'topics').map((file) => file.path);
          expect(loadedPaths.every((file) => cache.get(loaded.files.find((each) => each.path === file)!) !== undefined)).toBe(true);
          held = cache;
          writtenWhenHeard = existsSync(path.join(cacheDir, 'parsed')) ? readdirSync(path.join(cacheDir, 'parsed')) : [];
        },
      });
      expect(heard).toBe(1);
      expect(loadedPaths.length).toBeGreaterThan(5);
      expect(held!.size).toBe(loadedPaths.length);
      // Heard before anything was written: neither the parse cache nor the mentions (found while linking).
      expect(writtenWhenHeard).toEqual([]);
      expect((await readdir(path.join(cacheDir, 'parsed'))).filter((name) => name.startsWith('mentions-'))).toHaveLength(1);
      // A corpus built from those parses alone (as a render worker builds it) is the same corpus, and parses nothing more.
      const again = await buildCorpus(root, { saveCaches: false, cache: held! });
      expect([...again.memos.keys()]).toEqual([...built.memos.keys()]);
      // Written by the first build since, and not changed by the second.
      expect(held!.unsaved).toBe(false);
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  });

  test('onCached hears the files once the cache on disk holds every record file, library and topics file, before the corpus is linked', async () => {
    const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'dossier-pipeline-'));
    try {
      let heard = 0;
      let loadedPaths: string[] = [];
      const snapshot = path.join(cacheDir, 'as-heard');
      const built = await buildCorpus(root, {
        cacheDir: path.join(cacheDir, 'parsed'),
        onCached: (loaded) => {
          heard++;
          loadedPaths = loaded.files.filter((file) => isRecordFile(file) || file.kind === 'bibliography' || file.kind === 'topics').map((file) => file.path);
          // The cache folder as it is when heard: what a render worker starts to read then.
          cpSync(path.join(cacheDir, 'parsed'), snapshot, { recursive: true });
        },
      });
      expect(heard).toBe(1);
      expect(loadedPaths.length).toBeGreaterThan(5);
      const cached = await readParseCache(snapshot);
      expect(cached.size).toBe(loadedPaths.length);
      // Before the link: the mentions its memos give, found while linking, are not yet saved.
      expect((await readdir(snapshot)).filter((name) => name.startsWith('mentions-'))).toEqual([]);
      expect((await readdir(path.join(cacheDir, 'parsed'))).filter((name) => name.startsWith('mentions-'))).toHaveLength(1);
      // A corpus built from that cache alone (as a render worker builds it) is the same corpus, and parses nothing.
      const again = await buildCorpus(root, { cacheDir: snapshot, saveCaches: false, cache: cached });
      expect([...again.memos.keys()]).toEqual([...built.memos.keys()]);
      expect(cached.unsaved).toBe(false);
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  });

  test('writeCachesLater takes the writing of both caches: nothing is in the folder until it is run, and then the cache read back is whole', async () => {
    const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'dossier-pipeline-'));
    try {
      const later: Array<() => Promise<void>> = [];
      const cache = new ParseCache();
      const built = await buildCorpus(root, { cacheDir, cache, writeCachesLater: (write) => later.push(write) });
      expect(later).toHaveLength(1);
      expect(await readdir(cacheDir)).toEqual([]);
      expect(cache.unsaved).toBe(true);
      await later[0]!();
      expect(cache.unsaved).toBe(false);
      const names = await readdir(cacheDir);
      expect(names.filter((name) => name.startsWith('mentions-'))).toHaveLength(1);
      const cached = await readParseCache(cacheDir);
      expect(cached.size).toBe(cache.size);
      expect(cached.size).toBeGreaterThan(built.memos.size + built.statements.size);
      // A build from the folder alone parses nothing and finds the same corpus.
      let parsed = 0;
      const again = await buildCorpus(root, { cacheDir, onParsed: (done) => (parsed = done) });
      expect(parsed).toBe(0);
      expect([...again.memos.keys()]).toEqual([...built.memos.keys()]);
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  });

  test('a build with saveCaches false reads the cache folder but writes nothing into it', async () => {
    const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'dossier-pipeline-'));
    try {
      await buildCorpus(root, { cacheDir, saveCaches: false });
      expect(await readdir(cacheDir)).toEqual([]);
      await buildCorpus(root, { cacheDir });
      const written = (await readdir(cacheDir)).sort();
      expect(written.length).toBeGreaterThan(0);
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  });
});
