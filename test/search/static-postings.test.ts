/**
 * The static search's counts are worked out without Lunr's builder: for every fixture corpus and
 * a generated corpus of awkward text, the postings of each record, and the search files and state
 * built from them, are byte for byte those Lunr's own builder (configured as analysis.ts
 * configures it, one builder per record) gives.
 */
import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, test } from '@jest/globals';
import lunr from 'lunr';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { analysisFor, firstAtOrAfter, plainWords } from '../../src/search/analysis.js';
import { SEARCH_FIELDS, searchDocuments, type SearchDocument } from '../../src/search/documents.js';
import { analyseStaticDocuments, type DocumentPostings, type FieldOccurrences } from '../../src/search/static-postings.js';
import { buildStaticSearchFiles, type ShownDocument, type StaticSearchFiles } from '../../src/site/search-shards.js';
import { fixture } from '../helpers/server.js';

/** The counts as Lunr's builder keeps them for one record: the way the static search was first built. */
function postingsByLunrBuilder(document: SearchDocument): DocumentPostings {
  const builder = new lunr.Builder();
  analysisFor(lunr).configureBuilder(builder);
  builder.ref('ref');
  for (const field of SEARCH_FIELDS) builder.field(field.name, { boost: field.boost });
  builder.metadataWhitelist = ['position'];
  builder.add({ ref: document.ref, ...document.fields });
  const internals = builder as unknown as {
    fieldTermFrequencies: Record<string, Record<string, number>>;
    fieldLengths: Record<string, number>;
    invertedIndex: Record<string, Record<string, Record<string, { position: Array<[number, number]> }>>>;
  };
  const lengths: number[] = [];
  const terms = new Map<string, FieldOccurrences[]>();
  SEARCH_FIELDS.forEach((field, fieldNumber) => {
    const fieldRef = `${field.name}/${document.ref}`;
    lengths.push(internals.fieldLengths[fieldRef]!);
    const wordStarts = plainWords(document.fields[field.name]).map((word) => word.start);
    const frequencies = internals.fieldTermFrequencies[fieldRef]!;
    for (const term of Object.keys(frequencies)) {
      const words = new Set<number>();
      for (const [start, length] of internals.invertedIndex[term]![field.name]![document.ref]!.position) {
        const number = firstAtOrAfter(wordStarts, start);
        if (number < wordStarts.length && wordStarts[number]! < start + length) words.add(number);
      }
      if (!terms.has(term)) terms.set(term, []);
      terms.get(term)!.push({ field: fieldNumber, frequency: frequencies[term]!, words: [...words].sort((a, b) => a - b) });
    }
  });
  return { lengths, terms: new Map([...terms].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
}

/** A small generator of the same sequence on every run. */
function seededRandom(seed: number): (below: number) => number {
  let state = seed;
  return (below) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % below;
  };
}

/** Words and marks that each take another turn through the tokenizer, the pipeline or the identifier rules. */
const AWKWARD_PIECES = [
  'genocide', 'Genocide,', '(genocide)', 'genocidal', 'religious', 'religion.', 'detainees', 'prosecuted;', 'the', 'The', 'of', 'and', 'is',
  'Krstić', 'Ažubalis', 'İstanbul', 'straße', 'Ελλάδα', 'e\u0301tat', 'naïve', 'Đorđević', '٣٤', '²', 'Ⅻ', '𝐀𝐁', '😀', '中国',
  "State's", 'l’Homme', "'quoted'", '—', '...', '§', '“crimes”', 'A/RES/96 (I)', 'A/RES/96(I)', 'E/CN.4/2005/102/Add.1', 'IT-98-33-A', 'ICC-01/04-01/06',
  'no. 35343/05', 'ECLI:EU:C:2014:238', 'OJ L 410I', '2187 UNTS 3', '78 U.N.T.S. 277', 'B 15255-19', 'art. 7(1)(i)', 'arts. 5', 'Article XII',
  'constructor', '__proto__', 'hasOwnProperty', 'toString', 'crimes-against-humanity', 'self-determination', '-', '--', 'x', '7', '1998',
  'state\u00a0party', 'tab\tseparated', 'line\nbreak', 'UPPER', 'CamelCase', 'ǅemal', 'ʼokina', '_underscore_', 'a.b.c', 'u.n.', '\u200bzero',
];

/** Records of generated text: empty fields, fields of one word, and bodies of a few hundred pieces. */
function generatedDocuments(count: number): SearchDocument[] {
  const random = seededRandom(19);
  const text = (pieces: number): string => Array.from({ length: pieces }, () => AWKWARD_PIECES[random(AWKWARD_PIECES.length)]).join(random(7) === 0 ? '  ' : ' ');
  return Array.from({ length: count }, (_, number): SearchDocument => {
    const fields = { title: text(1 + random(6)), headings: random(3) === 0 ? '' : text(random(12)), people: random(2) === 0 ? '' : text(2), body: text(random(400)), citing: random(4) === 0 ? text(random(30)) : '' };
    return { ref: `memo:generated-${number}`, digest: `digest-${number}`, visibility: 'public', fields } as unknown as SearchDocument;
  });
}

function shownOf(list: readonly SearchDocument[]): Map<string, ShownDocument> {
  return new Map(list.map((document) => [document.ref, { type: document.ref.split(':')[0]!, title: document.fields.title, href: `/${document.ref}`, excerpt: '' }]));
}

function filesBy(list: readonly SearchDocument[], analyser?: () => (document: SearchDocument) => DocumentPostings): StaticSearchFiles {
  const refuse = (file: string): string => {
    throw new TypeError(`a whole build reads no previous file (${file})`);
  };
  return analyser === undefined ? buildStaticSearchFiles(list, shownOf(list), [], null, refuse) : buildStaticSearchFiles(list, shownOf(list), [], null, refuse, { createAnalyser: analyser });
}

const corpora = new Map<string, SearchDocument[]>();

beforeAll(async () => {
  const names = readdirSync(fixture('.')).filter((name) => name.startsWith('corpus-'));
  for (const name of names) corpora.set(name, searchDocuments(await buildCorpus(fixture(name))));
  corpora.set('generated', generatedDocuments(120));
});

describe('the static search without Lunr’s builder', () => {
  test('every corpus is compared', () => {
    expect(corpora.size).toBeGreaterThan(5);
    expect([...corpora.values()].every((list) => list.length > 0)).toBe(true);
  });

  test.each(['corpus-relevance', 'corpus-search', 'corpus-hostile', 'corpus-basic', 'generated'])('%s: each record’s counts, lengths and word numbers are those of Lunr’s builder', (name) => {
    const list = corpora.get(name)!;
    const analysed = analyseStaticDocuments(list);
    for (const document of list) expect([document.ref, analysed.get(document.ref)]).toEqual([document.ref, postingsByLunrBuilder(document)]);
  });

  test('every corpus: the files and the state are byte for byte those built from Lunr’s builder', () => {
    for (const [name, list] of corpora) {
      const expected = filesBy(list, () => postingsByLunrBuilder);
      const built = filesBy(list);
      expect([name, built.files.map(([file]) => file)]).toEqual([name, expected.files.map(([file]) => file)]);
      for (const [at, [file, content]] of expected.files.entries()) expect([name, file, built.files[at]![1] === content]).toEqual([name, file, true]);
      expect([name, JSON.stringify(built.state) === JSON.stringify(expected.state)]).toEqual([name, true]);
    }
  });

  test('a word that names a property of every object (constructor, __proto__) is indexed like any other', () => {
    const list = corpora.get('generated')!.slice(0, 3).map((document) => ({ ...document, fields: { title: 'A title', headings: '', people: '', body: 'the constructor and __proto__ of a state', citing: '' } }));
    const rows = filesBy(list).files.filter(([file]) => file.includes('/terms-')).flatMap(([, content]) => JSON.parse(content) as unknown[][]);
    const constructor = rows.find((row) => row[0] === 'constructor')!;
    // In the body (field 3) of all three records, once each.
    expect(constructor.slice(1)).toEqual([3, [0, 1, 1, 1, 1, 1]]);
    expect(rows.some((row) => row[0] === '__proto__')).toBe(true);
  });
});
