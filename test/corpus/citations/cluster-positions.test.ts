/**
 * In note styles whose citations stand alone, a document's citations are positioned by dossier
 * (as citeproc would) and rendered one by one, each rendering kept for the next document that cites
 * the same way. The guard: every document of every fixture corpus, of a generated corpus and of
 * documents built to hit every position rule, formatted in every style by a formatter on that path
 * and by one that lets citeproc rebuild its state for every document, comes out the same — notes,
 * in-text citations and bibliographies alike.
 */
import { afterAll, describe, expect, jest, test } from '@jest/globals';
import { createRequire } from 'node:module';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildCorpus } from '../../../src/corpus/pipeline.js';
import { CitationFormatter, CITATION_STYLES, clustersStandAlone } from '../../../src/corpus/citations/format.js';
import { assignNotePositions, CITEPROC_POSITION, type PositionedCitation } from '../../../src/corpus/citations/cluster-positions.js';
import { citeKey, type CiteKey } from '../../../src/model/ids.js';
import type { CitationCluster, CitationItem, CitationMode, Corpus } from '../../../src/model/records.js';
import { generateCorpus } from '../../../src/bench/generate.js';
import { fixture } from '../../helpers/server.js';

const citeproc = createRequire(import.meta.url)('citeproc') as {
  Engine: { prototype: { rebuildProcessorState(...args: unknown[]): unknown; process_CitationCluster(...args: unknown[]): string } };
};

const folders: string[] = [];
afterAll(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

type Document = { readonly id: string; readonly clusters: readonly CitationCluster[] };

/** Everything a formatter prints for some documents in one style, in one fixed order, with bibliographies and references between them. */
function everythingFormatted(corpus: Corpus, documents: readonly Document[], formatter: CitationFormatter, styleId: string): unknown[] {
  const printed: unknown[] = [];
  const keys = [...corpus.sources.keys()];
  documents.forEach((document, index) => {
    const formatted = formatter.formatDocument(styleId, document.id, document.clusters);
    printed.push(document.id, formatted.clusters, formatted.bibliography);
    // A bibliography or a reference between documents leaves citeproc holding other items.
    if (index % 3 === 1) printed.push(formatter.formatBibliography(styleId, document.clusters.flatMap((cluster) => cluster.items.map((item) => item.key))));
    // The same sources asked for in the other order: ties among them are printed in the order asked.
    if (index % 3 === 2) printed.push(formatter.formatBibliography(styleId, document.clusters.flatMap((cluster) => cluster.items.map((item) => item.key)).reverse()));
    if (index % 5 === 2 && keys.length > 0) printed.push(formatter.formatReference(styleId, keys[index % keys.length]!));
  });
  // The same documents again, under other ids: what was rendered for them is reused.
  for (const document of documents) printed.push(formatter.formatDocument(styleId, `again:${document.id}`, document.clusters).clusters);
  return printed;
}

/** Whether formatting directly prints exactly what citeproc's own rebuild prints, in every style. */
function expectSameInEveryStyle(corpus: Corpus, documents: readonly Document[]): void {
  for (const style of CITATION_STYLES) {
    const direct = everythingFormatted(corpus, documents, new CitationFormatter(corpus.sources), style.id);
    const rebuilt = everythingFormatted(corpus, documents, new CitationFormatter(corpus.sources, { formatClustersDirectly: false, reuseBibliographyEntries: false }), style.id);
    expect(direct).toEqual(rebuilt);
  }
}

function documentsOf(corpus: Corpus): Document[] {
  return [...corpus.memos.values(), ...corpus.statements.values()].map((record) => ({ id: `${record.type}:${record.id}`, clusters: record.citations }));
}

async function fixtureCorpora(): Promise<Array<[string, Corpus]>> {
  const names = (await readdir(fixture('.').replace(/\.\/?$/, ''))).filter((name) => existsSync(path.join(fixture(name), 'citations')));
  return Promise.all(names.map(async (name): Promise<[string, Corpus]> => [name, await buildCorpus(fixture(name), { workers: 0 })]));
}

/** A small deterministic pseudo-random sequence (mulberry32), so the built documents are the same in every run. */
function randomSequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const LOCATORS: ReadonlyArray<[string | null, string | null]> = [
  [null, null], [null, null], ['5', 'paragraph'], ['5', 'paragraph'], ['12-14', 'paragraph'], ['33', 'page'], ['33-35', 'page'],
  ['II', 'article'], ['14', 'principle'], ['3', 'section'], ['7', 'note'], ['para. 9', null], ['xiv', 'page'], ['2|extra', 'page'],
  ['207', 'paragraph'], ['6', 'paragraph'], ['4', 'paragraph'], ['12', null], ['12a', 'paragraph'], ['007', 'page'],
];

/**
 * Pinpoints of every shape a memo may give, with and without labels: plain numbers (which share one
 * rendering per cite, see locator-templates.ts) beside everything that must not — ranges, lists,
 * roman numerals, leading zeros, numbers too long to be read as one, letters, a footnote inside a
 * page, labels written into the locator, and the very numbers the shared renderings stand in with.
 */
const PINPOINTS: ReadonlyArray<[string, string | null]> = [
  ['5', 'paragraph'], ['207', 'paragraph'], ['12', 'page'], ['12', null], ['3', 'section'], ['7', 'note'], ['2', 'volume'], ['9', 'chapter'],
  ['4', 'article'], ['14', 'principle'], ['1', 'rule'], ['6', 'number'], ['10', 'appendix'], ['8', 'line'], ['11', 'figure'],
  ['12-14', 'paragraph'], ['12–14', 'page'], ['3, 7', 'paragraph'], ['3,7', 'page'], ['4 & 9', 'paragraph'], ['4 and 9', 'section'],
  ['iv', 'paragraph'], ['XIV', 'page'], ['IV', 'article'], ['05', 'paragraph'], ['007', 'page'], ['0', 'page'],
  ['123456789', 'paragraph'], ['1234567890', 'page'], ['12345678901234567890', 'paragraph'], ['9007199254740993', 'page'],
  ['12a', 'paragraph'], ['12 fn 3', 'page'], ['12 n 3', null], ['para 12', null], ['p. 12', null], ['s 4', null], ['12.', 'paragraph'],
  ['738201946', 'paragraph'], ['619472803', 'page'], ['738201956', 'paragraph'], ['846302715', 'paragraph'], ['846302725', 'page'], ['573918264', 'paragraph'],
];
const PREFIXES = ['', '', '', 'see', 'cf', '*see generally*'];
const SUFFIXES = ['', '', '', 'and passim', ', emphasis added', '(dissenting)'];
const MODES: readonly CitationMode[] = ['normal', 'normal', 'normal', 'author-in-text', 'suppress-author'];

/**
 * Documents whose clusters hit every position rule: the same source again at once (ibid, ibid with
 * another pinpoint, a pinpoint dropped), after a few notes (near) and after many (far), inside one
 * cluster (twice in a row and apart), multi-source clusters, prefixes, suffixes, author-in-text,
 * and keys the library does not hold.
 */
function builtDocuments(corpus: Corpus, count: number): Document[] {
  const random = randomSequence(19);
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const keys = [...corpus.sources.keys()].slice(0, 12);
  const unknown = citeKey('no-such-source-in-library');
  const documents: Document[] = [];
  for (let documentIndex = 0; documentIndex < count; documentIndex += 1) {
    const clusters: CitationCluster[] = [];
    let previous: CitationItem[] = [];
    const clusterCount = 10 + Math.floor(random() * 30);
    for (let clusterIndex = 0; clusterIndex < clusterCount; clusterIndex += 1) {
      const item = (key = pick(keys)): CitationItem => {
        const [locator, label] = pick(LOCATORS);
        return { key, mode: pick(MODES), prefix: pick(PREFIXES), locator, label, suffix: pick(SUFFIXES) };
      };
      const shape = random();
      let items: CitationItem[];
      if (shape < 0.3 && previous.length > 0) items = [item(previous[0]!.key)];
      else if (shape < 0.4 && previous.length > 0) items = [{ ...previous[0]!, mode: 'normal' }];
      else if (shape < 0.5) items = [item(), item(), item()];
      else if (shape < 0.55) {
        const key = pick(keys);
        items = [item(key), item(key)];
      } else if (shape < 0.6) {
        const key = pick(keys);
        items = [item(key), item(), item(key)];
      } else if (shape < 0.63) items = [item(unknown)];
      else if (shape < 0.66) items = [item(unknown), item()];
      else items = [item()];
      clusters.push({ items, position: { line: clusterIndex + 1, column: 1 }, sentence: '', sentenceSpans: [] });
      previous = items;
    }
    documents.push({ id: `built:${documentIndex}`, clusters });
  }
  return documents;
}

describe('positioning note citations as citeproc does', () => {
  const note = (noteIndex: number, ...cites: Array<[string, string?]>): PositionedCitation => ({
    noteIndex,
    cites: cites.map(([id, locator]) => ({ id, locator, label: locator === undefined ? undefined : 'paragraph' })),
  });

  test.each([
    ['a source cited once more in the next note, alone and at the same pinpoint, is ibid', [note(1, ['a', '5']), note(2, ['a', '5'])], [[0], [CITEPROC_POSITION.ibid]]],
    ['at another pinpoint it is ibid with the locator', [note(1, ['a', '5']), note(2, ['a', '6'])], [[0], [CITEPROC_POSITION.ibidWithLocator]]],
    ['without the pinpoint the earlier note gave, it is subsequent', [note(1, ['a', '5']), note(2, ['a'])], [[0], [CITEPROC_POSITION.subsequent]]],
    ['after a note citing two sources it is subsequent', [note(1, ['a'], ['b']), note(2, ['a'])], [[0, 0], [CITEPROC_POSITION.subsequent]]],
    ['twice in a row in one note, the second is ibid', [note(1, ['a'], ['a', '3'])], [[0, CITEPROC_POSITION.ibidWithLocator]]],
    ['with another source between, subsequent', [note(1, ['a'], ['b'], ['a'])], [[0, 0, CITEPROC_POSITION.subsequent]]],
  ])('%s', (_name, citations, positions) => {
    assignNotePositions(citations, 5);
    expect(citations.map((citation) => citation.cites.map((cite) => cite.position))).toEqual(positions);
  });

  test('a later note gives the first note number and says whether it is within the near-note distance', () => {
    const citations = [note(1, ['a']), note(2, ['b']), note(3, ['a']), note(4, ['b']), note(10, ['a'])];
    assignNotePositions(citations, 5);
    expect(citations.map((citation) => [citation.cites[0]!['first-reference-note-number'], citation.cites[0]!['near-note']])).toEqual([
      [0, false], [0, false], [1, true], [2, true], [1, false],
    ]);
  });

  test('refuses notes that are not numbered upwards, which citeproc positions differently', () => {
    expect(() => assignNotePositions([note(2, ['a']), note(2, ['a'])], 5)).toThrow(TypeError);
  });
});

describe('formatting citations directly', () => {
  test('only in our note styles, whose citations depend on nothing but their own sources and positions', () => {
    expect(CITATION_STYLES.filter(clustersStandAlone).map((style) => style.id)).toEqual(['oscola', 'chicago-notes']);
  });

  test('formats a document without citeproc rebuilding its state, in our note styles only', async () => {
    const corpus = await buildCorpus(fixture('corpus-basic'), { workers: 0 });
    const [document] = documentsOf(corpus).filter((candidate) => candidate.clusters.length > 1);
    const rebuild = jest.spyOn(citeproc.Engine.prototype, 'rebuildProcessorState');
    try {
      for (const style of CITATION_STYLES) new CitationFormatter(corpus.sources).formatDocument(style.id, document!.id, document!.clusters);
      expect(rebuild).toHaveBeenCalledTimes(CITATION_STYLES.length - 2);
      rebuild.mockClear();
      new CitationFormatter(corpus.sources, { formatClustersDirectly: false }).formatDocument('oscola', document!.id, document!.clusters);
      expect(rebuild).toHaveBeenCalledTimes(1);
    } finally {
      rebuild.mockRestore();
    }
  });

  test('prints every fixture corpus the same in every style as citeproc rebuilding its state for every document', async () => {
    const corpora = await fixtureCorpora();
    expect(corpora.length).toBeGreaterThan(5);
    for (const [, corpus] of corpora) expectSameInEveryStyle(corpus, documentsOf(corpus));
  });

  test('prints documents built to hit every position rule the same in every style', async () => {
    const corpus = await buildCorpus(fixture('corpus-basic'), { workers: 0 });
    expect(corpus.sources.size).toBeGreaterThan(3);
    const documents = builtDocuments(corpus, 16);
    // The built documents do reach ibid, ibid with a pinpoint, and later references to the first note.
    const formatter = new CitationFormatter(corpus.sources);
    const printed = documents.flatMap((document) => formatter.formatDocument('oscola', document.id, document.clusters).clusters.map((cluster) => cluster.html));
    expect(printed.some((html) => /^Ibid\.$/.test(html))).toBe(true);
    expect(printed.some((html) => /^Ibid para \d/.test(html))).toBe(true);
    expect(printed.some((html) => / \(n \d+\)/.test(html))).toBe(true);
    expectSameInEveryStyle(corpus, documents);
  });

  test('prints pinpoints of every shape the same in every style and position, also where a title holds the numbers that stand in for pinpoints', async () => {
    const corpus = await buildCorpus(fixture('corpus-basic'), { workers: 0 });
    const [first, second, third] = [...corpus.sources.keys()];
    // The numbers a shared rendering stands in with, printed by a source itself: those renderings must not be used.
    const sources = new Map(corpus.sources);
    const titled = sources.get(third!)!;
    sources.set(third!, { ...titled, csl: { ...titled.csl, title: `Report 738201946 of 619472803, also 738201956 and 619472813` } });
    const library: Corpus = { ...corpus, sources };
    const cite = (key: CiteKey, locator: string | null, label: string | null, extra: Partial<CitationItem> = {}): CitationItem => ({ key, mode: 'normal', prefix: '', locator, label, suffix: '', ...extra });
    const documents: Document[] = PINPOINTS.map(([locator, label], index) => {
      const [other, otherLabel] = PINPOINTS[(index + 1) % PINPOINTS.length]!;
      const clusters: CitationItem[][] = [
        [cite(first!, locator, label)],
        [cite(first!, locator, label)],
        [cite(first!, other, otherLabel)],
        [cite(second!, locator, label, { prefix: 'see' })],
        [cite(first!, locator, label, { suffix: '(dissenting)' })],
        [cite(third!, locator, label)],
        [cite(third!, other, otherLabel)],
        [cite(first!, locator, label), cite(second!, other, otherLabel), cite(third!, locator, label)],
        [cite(second!, locator, label), cite(second!, locator, label)],
        [cite(first!, '5', 'paragraph'), cite(second!, '6', 'paragraph')],
        [cite(third!, locator, label, { mode: 'suppress-author' })],
        [cite(first!, locator, label, { mode: 'author-in-text' })],
      ];
      return { id: `pinpoint:${index}`, clusters: clusters.map((items, line) => ({ items, position: { line: line + 1, column: 1 }, sentence: '', sentenceSpans: [] })) };
    });
    // Far from the first note as well as near it.
    const far: Document = { id: 'pinpoint:far', clusters: documents.flatMap((document) => document.clusters) };
    expectSameInEveryStyle(library, [...documents, far]);
  });

  test('renders a citation once for every plain pinpoint it is given, and again for a pinpoint that is not plain', async () => {
    const corpus = await buildCorpus(fixture('corpus-basic'), { workers: 0 });
    const [first] = [...corpus.sources.keys()];
    const documentCiting = (id: string, locator: string): Document => ({
      id,
      clusters: [{ items: [{ key: first!, mode: 'normal', prefix: '', locator, label: 'paragraph', suffix: '' }], position: { line: 1, column: 1 }, sentence: '', sentenceSpans: [] }],
    });
    const render = jest.spyOn(citeproc.Engine.prototype, 'process_CitationCluster');
    try {
      const formatter = new CitationFormatter(corpus.sources);
      const printed = ['5', '207', '12', '12-14', '13-15'].map((locator) => {
        render.mockClear();
        const html = formatter.formatDocument('oscola', `memo:${locator}`, documentCiting(`memo:${locator}`, locator).clusters).clusters[0]!.html;
        return [html.includes(`para${locator.includes('-') ? 's' : ''} ${locator.replace('-', '–')}`), render.mock.calls.length];
      });
      // The first plain pinpoint is rendered twice (to prove the shared rendering), the next ones not at all; each range once.
      expect(printed).toEqual([[true, 2], [true, 0], [true, 0], [true, 1], [true, 1]]);
    } finally {
      render.mockRestore();
    }
  });

  test('renders a later citation once for every note it points back to: "(n 1)" and "(n 3)" share one rendering', async () => {
    const corpus = await buildCorpus(fixture('corpus-basic'), { workers: 0 });
    const [a, b, c, d] = [...corpus.sources.keys()];
    const cite = (key: CiteKey): CitationItem => ({ key, mode: 'normal', prefix: '', locator: null, label: null, suffix: '' });
    const documentOf = (id: string, keys: readonly CiteKey[]): Document => ({
      id,
      clusters: keys.map((key, line) => ({ items: [cite(key)], position: { line: line + 1, column: 1 }, sentence: '', sentenceSpans: [] })),
    });
    const render = jest.spyOn(citeproc.Engine.prototype, 'process_CitationCluster');
    try {
      const formatter = new CitationFormatter(corpus.sources);
      const format = (document: Document): { notes: string[]; renders: number } => {
        render.mockClear();
        const notes = formatter.formatDocument('oscola', document.id, document.clusters).clusters.map((cluster) => cluster.html);
        return { notes, renders: render.mock.calls.length };
      };
      // Every first citation rendered (and kept) before.
      format(documentOf('firsts', [c!, d!, a!, b!]));
      const back1 = format(documentOf('back-to-1', [a!, b!, a!]));
      const back3 = format(documentOf('back-to-3', [c!, d!, a!, b!, a!]));
      expect(back1.notes[2]).toContain('(n 1)');
      expect(back3.notes[4]).toContain('(n 3)');
      expect(back3.notes[4]).toBe(back1.notes[2]!.replace('(n 1)', '(n 3)'));
      // Rendered twice for the first document that points back (to prove the shared rendering), not at all for the second.
      expect([back1.renders, back3.renders]).toEqual([2, 0]);
    } finally {
      render.mockRestore();
    }
  });

  test('prints clusters of several cites as citeproc does, with the later cites whose author is suppressed that it joins to the cite before them', async () => {
    const corpus = await buildCorpus(fixture('corpus-basic'), { workers: 0 });
    // A case, two works with authors (whose later citations can be the note number alone) and a treaty.
    const [a, b, c, d] = ['akayesu', 'robertson2010', 'report2021', 'eichmann'].map((key) => citeKey(key));
    expect([a, b, c, d].every((key) => corpus.sources.has(key!))).toBe(true);
    const cite = (key: CiteKey, extra: Partial<CitationItem> = {}): CitationItem => ({ key, mode: 'normal', prefix: '', locator: null, label: null, suffix: '', ...extra });
    const clustersOf = (lists: CitationItem[][]): CitationCluster[] => lists.map((items, line) => ({ items, position: { line: line + 1, column: 1 }, sentence: '', sentenceSpans: [] }));
    const firsts = [[cite(a!)], [cite(b!)], [cite(c!)], [cite(d!)]];
    const documents: Document[] = [
      // A pinpoint ending one cite, then notes 2 and 3 pointed back to by the next cites.
      { id: 'pinpoint-then-notes', clusters: clustersOf([...firsts, [cite(a!, { locator: '7', label: 'paragraph' }), cite(b!, { mode: 'suppress-author' }), cite(c!, { mode: 'suppress-author' })]]) },
      // Notes 2, 3 and 4 pointed back to in one cluster.
      { id: 'consecutive-notes', clusters: clustersOf([...firsts, [cite(b!, { mode: 'suppress-author' }), cite(c!, { mode: 'suppress-author' }), cite(d!, { mode: 'suppress-author' })]]) },
      // A pinpoint one below the note the next cite points back to, and consecutive pinpoints.
      { id: 'pinpoint-before-its-next-note', clusters: clustersOf([...firsts, [cite(a!, { locator: '1', label: 'paragraph' }), cite(b!)], [cite(c!, { locator: '4', label: 'page' }), cite(d!, { locator: '5', label: 'page' })]]) },
    ];
    expectSameInEveryStyle(corpus, documents);
  });

  test('lists sources the style cannot tell apart in the order a document cites them, whatever was formatted before, on both paths', async () => {
    const corpus = await buildCorpus(fixture('corpus-relevance'), { workers: 0 });
    // Two judgments in one case: OSCOLA sorts them by the same key.
    const [trial, appeal] = [citeKey('nouri-2022'), citeKey('nouri-2023')];
    const clustersOf = (...keys: CiteKey[][]): CitationCluster[] =>
      keys.map((items, line) => ({ items: items.map((key) => ({ key, mode: 'normal' as const, prefix: '', locator: null, label: null, suffix: '' })), position: { line: line + 1, column: 1 }, sentence: '', sentenceSpans: [] }));
    const histories: Array<[string, (formatter: CitationFormatter) => void]> = [
      ['nothing', () => undefined],
      ['a memo citing them the other way round', (formatter) => formatter.formatDocument('oscola', 'before', clustersOf([trial], [appeal]))],
      ['a reference', (formatter) => formatter.formatReference('oscola', trial)],
      ['a bibliography asked for the other way round', (formatter) => formatter.formatBibliography('oscola', [trial, appeal])],
    ];
    for (const direct of [true, false]) {
      for (const [history, formatBefore] of histories) {
        const formatter = new CitationFormatter(corpus.sources, { formatClustersDirectly: direct });
        formatBefore(formatter);
        const inTwoNotes = formatter.formatDocument('oscola', 'appeal-first', clustersOf([appeal], [trial])).bibliography.map((entry) => entry.key);
        const inOneNote = formatter.formatDocument('oscola', 'appeal-first-one-note', clustersOf([appeal, trial])).bibliography.map((entry) => entry.key);
        const asked = formatter.formatBibliography('oscola', [appeal, trial]);
        expect({ direct, history, inTwoNotes, inOneNote, asked: asked.map((html) => html.includes('appeal')) }).toEqual({ direct, history, inTwoNotes: [appeal, trial], inOneNote: [appeal, trial], asked: [true, false] });
      }
    }
  });

  test('prints a generated corpus, whose memos cite the same sources many times, the same in every style', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'dossier-cluster-positions-'));
    folders.push(root);
    await generateCorpus(root, { memos: 8, statementsPerMemo: 1, wordsPerMemo: 300 });
    const corpus = await buildCorpus(root, { workers: 0 });
    expectSameInEveryStyle(corpus, documentsOf(corpus));
  });
});
