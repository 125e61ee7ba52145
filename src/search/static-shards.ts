/**
 * The static site's search files, as the browser reads them and turns them into a Lunr index. The
 * files hold raw counts only (how often each term stands in each field of each record, and each
 * field's length), never a weight that depends on the whole corpus, so that editing one record
 * rewrites the files of its own terms alone; the weights are computed here exactly as Lunr's
 * builder computes them (BM25 with its k1 and b, the field's boost, rounded to three places), so a
 * query ranks here as on one whole index. A shard's files are named by its key (shardFileName),
 * not by its place among the keys, so that a key added or removed by an edit renames no other
 * shard. Records are numbered in the order of their refs: `terms-KEY.json` and `words-KEY.json`
 * name them by number (each list delta-encoded), and the index built here calls record n by its
 * number written with leading zeros, which sorts as the refs do.
 * This module imports nothing, so the browser loads it as it is (static-search.js).
 */
import type lunrModule from 'lunr';

/** `search/manifest.json`. */
export interface StaticSearchManifest {
  readonly format: string;
  /** Lunr's version, the index's fields (in field-number order), their boosts, and the builder's k1 and b. */
  readonly version: string;
  readonly fields: readonly string[];
  readonly boosts: readonly number[];
  readonly k1: number;
  readonly b: number;
  readonly pipeline: readonly string[];
  /** The first letters of each shard's terms: a shard holds the terms that begin with its key (and no longer key); its files are named by shardFileName. */
  readonly keys: readonly string[];
  /** How many records the index holds, and how many each `documents-N.json` holds. */
  readonly records: number;
  readonly documentsPerFile: number;
  /** Topic synonyms: index word → its synonyms' index words. */
  readonly expansions: ReadonlyArray<[string, readonly string[]]>;
}

/**
 * A row of a `terms-KEY.json`: the term, then for each field it stands in, the field's number and a
 * flat list of (record number minus the previous record number, occurrences) pairs.
 */
export type TermsRow = ReadonlyArray<string | number | readonly number[]>;
/**
 * A row of a `words-KEY.json`: the term, then for each field of its terms row, the word numbers of each
 * record's occurrences, the records' parted by commas (`3 e n,7`: each number the difference from the
 * one before, in base 36).
 */
export type WordsRow = readonly string[];
/** A row of `documents-N.json`: what a result shows. */
export type DocumentRow = readonly [ref: string, type: string, title: string, href: string, excerpt: string];

/**
 * The part of a shard's file names (`terms-NAME.json`, `words-NAME.json`) that its key gives: the
 * key's letters a–z and digits as they are, every other UTF-16 code unit as `_` and four lower-case
 * hexadecimal digits, and the empty key as `_` alone. Distinct keys get distinct names, on a file
 * system that ignores case too, and no name holds a character a URL or a file name must escape.
 */
export function shardFileName(key: string): string {
  if (key === '') return '_';
  let name = '';
  for (let at = 0; at < key.length; at++) {
    const code = key.charCodeAt(at);
    name += (code >= 97 && code <= 122) || (code >= 48 && code <= 57) ? key[at] : `_${code.toString(16).padStart(4, '0')}`;
  }
  return name;
}

/** The name the assembled index gives record n: its number with leading zeros, so that names sort as the refs do. */
export function staticRecordName(number: number, records: number): string {
  return String(number).padStart(String(Math.max(0, records - 1)).length, '0');
}

/** Word numbers as the index's metadata holds them (`3 17 40`), from one record's differences in a words row (`3 e n`). */
export function decodeWordNumbers(encoded: string): string {
  if (encoded === '') return '';
  let at = 0;
  return encoded
    .split(' ')
    .map((difference) => (at += parseInt(difference, 36)))
    .join(' ');
}

/**
 * A Lunr index over some shards' rows: every term of the rows with its postings, and each
 * record's field vectors over those terms. The weights of the terms loaded are all a query over
 * them uses, so results and their scores are those of the whole index. With words rows, each
 * occurrence carries its word numbers, which phrases are checked by.
 */
export function assembleStaticIndex(
  lunr: typeof lunrModule,
  manifest: StaticSearchManifest,
  lengths: ReadonlyArray<readonly number[]>,
  termsRows: readonly TermsRow[],
  wordsRows: readonly WordsRow[] = [],
): lunrModule.Index {
  const records = manifest.records;
  const averages = lengths.map((perRecord) => perRecord.reduce((sum, length) => sum + length, 0) / records);
  const wordsOf = new Map<string, WordsRow>();
  for (const row of wordsRows) wordsOf.set(row[0] as string, row);
  const rows = [...termsRows].sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : (a[0] as string) > (b[0] as string) ? 1 : 0));
  const invertedIndex: Record<string, Record<string, unknown>> = {};
  const vectors = new Map<string, number[]>();
  const terms: string[] = [];
  rows.forEach((row, termIndex) => {
    const term = row[0] as string;
    terms.push(term);
    const posting: Record<string, unknown> = { _index: termIndex };
    for (const field of manifest.fields) posting[field] = {};
    const words = wordsOf.get(term);
    const occurrences: Array<[field: number, record: number, frequency: number]> = [];
    for (let at = 1, group = 1; at < row.length; at += 2, group++) {
      const fieldNumber = row[at] as number;
      const flat = row[at + 1] as readonly number[];
      const fieldPosting = posting[manifest.fields[fieldNumber]!] as Record<string, { words?: string }>;
      const fieldWords = words?.[group]?.split(',');
      for (let k = 0, record = 0; k < flat.length; k += 2) {
        record += flat[k]!;
        fieldPosting[staticRecordName(record, records)] = fieldWords === undefined ? {} : { words: decodeWordNumbers(fieldWords[k / 2]!) };
        occurrences.push([fieldNumber, record, flat[k + 1]!]);
      }
    }
    invertedIndex[term] = posting;
    const idf = (lunr as unknown as { idf: (posting: object, documentCount: number) => number }).idf(posting, records);
    for (const [fieldNumber, record, frequency] of occurrences) {
      // Lunr's builder (createFieldVectors), term for term: its weights are what the server ranks by.
      let score = (idf * ((manifest.k1 + 1) * frequency)) / (manifest.k1 * (1 - manifest.b + manifest.b * (lengths[fieldNumber]![record]! / averages[fieldNumber]!)) + frequency);
      score *= manifest.boosts[fieldNumber] ?? 1;
      const fieldRef = `${manifest.fields[fieldNumber]}/${staticRecordName(record, records)}`;
      let elements = vectors.get(fieldRef);
      if (elements === undefined) vectors.set(fieldRef, (elements = []));
      elements.push(termIndex, Math.round(score * 1000) / 1000);
    }
  });
  const fieldVectors: Record<string, lunrModule.Vector> = {};
  for (const [fieldRef, elements] of vectors) fieldVectors[fieldRef] = new lunr.Vector(elements);
  return new lunr.Index({
    invertedIndex: invertedIndex as never,
    fieldVectors,
    // Typed Lunr leaves out the constructor's real attributes and TokenSet.fromArray.
    tokenSet: (lunr.TokenSet as unknown as { fromArray: (words: string[]) => lunrModule.TokenSet }).fromArray(terms),
    fields: [...manifest.fields],
    pipeline: lunr.Pipeline.load(manifest.pipeline as string[]),
  } as never);
}
