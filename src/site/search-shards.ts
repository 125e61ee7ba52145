/**
 * The static site's search index, split so that a reader's browser fetches only what a query
 * needs: the terms are cut by their first letters (a shard holds the terms that begin with its
 * key, with each record's occurrence counts in `terms-KEY.json` and their word numbers, which only
 * a phrase needs, in `words-KEY.json`, named by the key: see shardFileName), the fields' lengths
 * are in `lengths.json`, and what a result shows is in `documents-N.json`, by record number. The
 * browser scores from these counts as Lunr's builder does (src/search/static-shards.ts), so no file
 * holds a weight that depends on the rest of the corpus: after an edit only the rows of the edited
 * records' terms change, and only their shards are written again. What the next build needs to do
 * so (each record's digest, terms and field lengths, each term's row size) is returned as a state
 * for the cache folder, never the site.
 */
import lunr from '../search/lunr.js';
import { SEARCH_FIELDS } from '../search/fields.js';
import type { SearchDocument } from '../search/documents.js';
import { staticDocumentAnalyser, staticScoring, type StaticDocumentAnalyser } from '../search/static-postings.js';
import { shardFileName, type DocumentRow, type StaticSearchManifest } from '../search/static-shards.js';
import { analysisFor } from '../search/analysis.js';

/** What a result shows. */
export interface ShownDocument {
  readonly type: string;
  readonly title: string;
  readonly href: string;
  readonly excerpt: string;
}

/** Bump when the files or the state change shape: a state of another format is not used. */
export const STATIC_SEARCH_FORMAT = 'dossier-static-search-4';

/** A shard is split further while its terms rows are longer than this (in characters of JSON). */
const TARGET_SHARD_CHARACTERS = 8 * 1024;
/** Keys stop growing here: a longer common prefix is rare, and the shard is kept whole. */
const LONGEST_KEY = 8;
/** Records per file of shown documents. */
const DOCUMENTS_PER_FILE = 256;

/** What a build keeps (in the cache folder) for the next build's search files. */
export interface StaticSearchState {
  readonly format: typeof STATIC_SEARCH_FORMAT;
  /** The records' refs in number order, and each one's digest. */
  readonly refs: readonly string[];
  readonly digests: readonly string[];
  /** Each record's terms, each ended by a NUL (Lunr's index may hold the empty term). */
  readonly documentTerms: readonly string[];
  /** Field number → record number → the field's length. */
  readonly lengths: ReadonlyArray<readonly number[]>;
  /** Every term, and the length of its terms row (which shards are cut by); plain arrays, which any realm reads back alike. */
  readonly terms: readonly string[];
  readonly termSizes: readonly number[];
}

/** The search files of a build: those to write (or compare), and those the previous build wrote that are still right. */
export interface StaticSearchFiles {
  /** File (relative to the site) → content; the manifest among them. */
  readonly files: ReadonlyArray<readonly [string, string]>;
  /** Files the previous build wrote as they are now. */
  readonly unchanged: readonly string[];
  readonly records: number;
  readonly state: StaticSearchState;
}

/**
 * The rows of terms as the previous build wrote them into its shards (term → its terms row and
 * words row, as JSON), kept in memory with the state (see search-index.ts), so that an edit's
 * shards are put together without reading back, checking and parsing the files they replace. It
 * holds the rows of the shards a build wrote (a whole build's, every term's); a term it lacks is
 * read from its shard's file. It is brought up to date by each build it is given to, and belongs to
 * that build's state alone.
 */
export type KeptSearchRows = Map<string, readonly [string, string]>;

/**
 * The results of each file of results (`documents-N.json`) the previous build wrote, kept with the
 * rows (see KeptSearchRows): a file whose results are the very same objects, in the same order,
 * is as it was, and is neither made nor written again (at 10,000 memos they are 244 files, and
 * an edit changes one result at most).
 */
export type KeptResultFiles = Map<number, readonly ShownDocument[]>;

/** Thrown by a reader of the previous build's files when one is gone or not what it wrote; the search is then built whole. */
export class PreviousSearchFileUnreadable extends Error {}

/** JavaScript's string order (UTF-16 code units), which the browser's results are sorted by. */
function codeUnitOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The files of the shard with a key: its terms, and its words. */
function shardFiles(key: string): readonly [string, string] {
  const name = shardFileName(key);
  return [`search/terms-${name}.json`, `search/words-${name}.json`];
}

/** Cuts sorted terms into shards by their first letters, each shard's rows at most about TARGET_SHARD_CHARACTERS. */
function partitionTerms(termSizes: ReadonlyMap<string, number>): Array<{ key: string; terms: string[] }> {
  const shards: Array<{ key: string; terms: string[] }> = [];
  const partition = (prefix: string, terms: string[]): void => {
    const size = terms.reduce((total, term) => total + termSizes.get(term)!, 0);
    if (size <= TARGET_SHARD_CHARACTERS || prefix.length >= LONGEST_KEY) {
      shards.push({ key: prefix, terms });
      return;
    }
    const exact = terms.filter((term) => term.length === prefix.length);
    if (exact.length > 0) shards.push({ key: prefix, terms: exact });
    const byNext = new Map<string, string[]>();
    for (const term of terms) {
      if (term.length === prefix.length) continue;
      const next = prefix + String.fromCodePoint(term.codePointAt(prefix.length)!);
      const group = byNext.get(next);
      if (group === undefined) byNext.set(next, [term]);
      else group.push(term);
    }
    for (const [next, group] of byNext) partition(next, group);
  };
  partition('', [...termSizes.keys()].sort(codeUnitOrder));
  return shards.sort((a, b) => codeUnitOrder(a.key, b.key));
}

/**
 * One field's postings of a term while a whole index is counted, packed in one array of integers so
 * that a build keeps a couple of objects per term rather than several per record: for each record, in
 * ascending order, its number, how often the term stands in the field, how many word numbers
 * follow, and those word numbers (ascending).
 */
interface FieldPostings {
  /** Small integers, which V8 keeps unboxed in a growing array. */
  readonly packed: number[];
}

/** One term's postings while a whole index is counted, by field number. */
type TermPostings = Array<FieldPostings | undefined>;

function emptyPostings(): FieldPostings {
  return { packed: [] };
}

/** Adds a record's posting after the others (a whole build adds records in ascending order). */
function addPosting(field: FieldPostings, record: number, frequency: number, words: readonly number[]): void {
  field.packed.push(record, frequency, words.length);
  for (const word of words) field.packed.push(word);
}

/**
 * One record's word numbers (`count` of them in `numbers` from `from`) as a words row writes them:
 * base 36, each the difference from the one before, parted by spaces.
 */
function wordNumbersText(numbers: readonly number[], from = 0, count = numbers.length - from): string {
  let text = '';
  for (let k = 0, word = 0; k < count; k++) {
    const number = numbers[from + k]!;
    text += k === 0 ? number.toString(36) : ` ${(number - word).toString(36)}`;
    word = number;
  }
  return text;
}

/** An edited record's new posting in one field of a term: its number, how often the term stands there, its word numbers as written. */
type AddedPosting = readonly [record: number, frequency: number, words: string];

/**
 * One field of a term's rows after an edit: the records left out taken out, the added postings
 * (ascending) put in their places, and the rest as they were; null when no record is left. The
 * numbers are walked, but the words of the records kept are copied as text, in runs, never
 * decoded: a common word's rows hold every record, and an edit changes one of them.
 */
function spliceField(flat: readonly number[], words: string, leaveOut: ReadonlySet<number>, added: readonly AddedPosting[]): { flat: number[]; words: string } | null {
  const outFlat: number[] = [];
  // The words row's parts: runs of kept records' words as they were, and the added records' words.
  const pieces: string[] = [];
  let lastOut = 0;
  let runFrom = -1;
  let runTo = 0;
  let next = 0;
  const closeRun = (): void => {
    if (runFrom === -1) return;
    pieces.push(words.slice(runFrom, runTo));
    runFrom = -1;
  };
  const put = ([record, frequency, text]: AddedPosting): void => {
    closeRun();
    outFlat.push(record - lastOut, frequency);
    lastOut = record;
    pieces.push(text);
  };
  for (let k = 0, record = 0, from = 0; k < flat.length; k += 2) {
    record += flat[k]!;
    let end = words.indexOf(',', from);
    if (end === -1) end = words.length;
    while (next < added.length && added[next]![0] < record) put(added[next++]!);
    if (leaveOut.has(record)) closeRun();
    else {
      outFlat.push(record - lastOut, flat[k + 1]!);
      lastOut = record;
      if (runFrom === -1) runFrom = from;
      runTo = end;
    }
    from = end + 1;
  }
  while (next < added.length) put(added[next++]!);
  closeRun();
  return outFlat.length === 0 ? null : { flat: outFlat, words: pieces.join(',') };
}

/**
 * A term's rows after an edit, from its rows before (parsed; none for a term no record held) less
 * the records left out, with the edited records' postings (by field, ascending) put in: the text
 * encodeRows writes for the same postings. Null when no record holds the term.
 */
function spliceRows(term: string, old: readonly [readonly unknown[], readonly unknown[]] | undefined, leaveOut: ReadonlySet<number>, added: ReadonlyMap<number, AddedPosting[]>): readonly [string, string] | null {
  const fields = new Map<number, readonly [readonly number[], string]>();
  if (old !== undefined) for (let at = 1, group = 1; at < old[0].length; at += 2, group++) fields.set(old[0][at] as number, [old[0][at + 1] as number[], old[1][group] as string]);
  const termsRow: unknown[] = [term];
  const wordsRow: string[] = [term];
  for (const field of [...new Set([...fields.keys(), ...added.keys()])].sort((a, b) => a - b)) {
    const [flat, words] = fields.get(field) ?? [[], ''];
    const spliced = spliceField(flat, words, leaveOut, added.get(field) ?? []);
    if (spliced === null) continue;
    termsRow.push(field, spliced.flat);
    wordsRow.push(spliced.words);
  }
  return termsRow.length === 1 ? null : [JSON.stringify(termsRow), JSON.stringify(wordsRow)];
}

/**
 * A term's terms row and words row as JSON (`["term",3,[0,2,5,1]]` and `["term","3 e,7"]`: record
 * numbers, and word numbers within a record, each the difference from the one before; the words of
 * a field's records in one string, a record's numbers in base 36, which made the words files a third
 * smaller than a quoted decimal string per record), or null when no record holds it. Written as JSON.stringify writes the rows, without building them:
 * the term is the only text that may need escaping.
 */
function encodeRows(term: string, postings: TermPostings): readonly [string, string] | null {
  const quotedTerm = JSON.stringify(term);
  let termsRow = `[${quotedTerm}`;
  let wordsRow = `[${quotedTerm}`;
  let empty = true;
  postings.forEach((field, fieldNumber) => {
    if (field === undefined || field.packed.length === 0) return;
    empty = false;
    const packed = field.packed;
    // Joined from arrays: a row built by appending to a string would be a rope of a cell per piece until it is written.
    const flat: number[] = [];
    const words: string[] = [];
    for (let at = 0, before = 0; at < packed.length; ) {
      const record = packed[at]!;
      const count = packed[at + 2]!;
      flat.push(record - before, packed[at + 1]!);
      words.push(wordNumbersText(packed, at + 3, count));
      before = record;
      at += 3 + count;
    }
    termsRow += `,${fieldNumber},[${flat.join(',')}]`;
    wordsRow += `,"${words.join(',')}"`;
  });
  return empty ? null : [`${termsRow}]`, `${wordsRow}]`];
}

/**
 * The search files for the given (public) records, and the state for the next build. With the
 * previous build's state and a reader of the files it wrote, only the records whose digest changed
 * are analysed, and only the shards whose rows changed are returned to write: the files are byte
 * for byte those a build without a previous state writes. When the records themselves changed (one
 * added or removed renumbers them), the whole index is built. The records are analysed by
 * static-postings' analyser unless another is given (a test gives one that runs Lunr's builder).
 */
export function buildStaticSearchFiles(
  documents: readonly SearchDocument[],
  shown: ReadonlyMap<string, ShownDocument>,
  expansions: ReadonlyArray<readonly [string, readonly string[]]>,
  previousState: StaticSearchState | null,
  readPrevious: (file: string) => string,
  { createAnalyser = staticDocumentAnalyser, keptRows, keptResults }: { createAnalyser?: () => StaticDocumentAnalyser; keptRows?: KeptSearchRows; keptResults?: KeptResultFiles } = {},
): StaticSearchFiles {
  const sorted = [...documents].sort((a, b) => codeUnitOrder(a.ref, b.ref));
  const refs = sorted.map((document) => document.ref);
  const previous =
    previousState !== null && previousState.format === STATIC_SEARCH_FORMAT && previousState.refs.length === refs.length && previousState.refs.every((ref, number) => ref === refs[number]) ? previousState : null;
  const changed = sorted.flatMap((document, number) => (previous === null || previous.digests[number] !== document.digest ? [number] : []));
  // Rows kept for another state are no use: this build's rows replace them all.
  if (previous === null) {
    keptRows?.clear();
    keptResults?.clear();
  }

  const lengths = previous === null ? SEARCH_FIELDS.map(() => new Array<number>(refs.length).fill(0)) : previous.lengths.map((perRecord) => [...perRecord]);
  const documentTerms = previous === null ? new Array<string>(refs.length).fill('') : [...previous.documentTerms];
  const previousTermSizes = new Map(previous === null ? [] : previous.terms.map((term, at) => [term, previous.termSizes[at]!] as const));
  const termSizes = new Map(previousTermSizes);
  const changedNumbers = new Set(changed);

  const oldShards = new Map((previous === null ? [] : partitionTerms(previousTermSizes)).map(({ key, terms }) => [key, terms]));
  const oldShardOf = new Map<string, string>();
  for (const [key, terms] of oldShards) for (const term of terms) oldShardOf.set(term, key);
  const loadedOldShards = new Map<string, Map<string, readonly [unknown[], unknown[]]>>();
  /** A term's rows as the previous build wrote them (parsed). */
  const oldRows = (term: string): readonly [unknown[], unknown[]] | undefined => {
    const key = oldShardOf.get(term);
    if (key === undefined) return undefined;
    const keptRow = keptRows?.get(term);
    if (keptRow !== undefined) return [JSON.parse(keptRow[0]) as unknown[], JSON.parse(keptRow[1]) as unknown[]];
    let rows = loadedOldShards.get(key);
    const [termsFile, wordsFile] = shardFiles(key);
    if (rows === undefined) {
      const termsRows = JSON.parse(readPrevious(termsFile)) as unknown[][];
      const wordsRows = JSON.parse(readPrevious(wordsFile)) as unknown[][];
      if (termsRows.length !== wordsRows.length) throw new PreviousSearchFileUnreadable(`${wordsFile} does not match its terms`);
      rows = new Map(termsRows.map((row, at) => [row[0] as string, [row, wordsRows[at]!] as const]));
      loadedOldShards.set(key, rows);
    }
    const found = rows.get(term);
    if (found === undefined) throw new PreviousSearchFileUnreadable(`${termsFile} does not hold the term its state says`);
    return found;
  };

  // The terms whose rows are written again: those the edited records held before, and those they hold now.
  const touched = new Set<string>();
  const newRows = new Map<string, readonly [string, string]>();
  /** A term's rows as they are now, or null when no record holds it any more. */
  const rowsNow = (term: string, rows: readonly [string, string] | null): void => {
    touched.add(term);
    if (rows === null) {
      termSizes.delete(term);
      keptRows?.delete(term);
    } else {
      newRows.set(term, rows);
      termSizes.set(term, rows[0].length);
    }
  };
  // One record analysed at a time and added at once: what is kept is the postings, not every record's analysis.
  const analyse = createAnalyser();
  if (previous === null) {
    const postings = new Map<string, TermPostings>();
    for (const number of changed) {
      const record = analyse(sorted[number]!);
      record.lengths.forEach((length, field) => (lengths[field]![number] = length));
      for (const [term, occurrences] of record.terms) {
        let termPostings = postings.get(term);
        if (termPostings === undefined) postings.set(term, (termPostings = []));
        for (const { field, frequency, words } of occurrences) addPosting((termPostings[field] ??= emptyPostings()), number, frequency, words);
      }
      // Joined, not appended: a string appended to term by term is kept as a rope of a cell per term.
      documentTerms[number] = [...record.terms.keys(), ''].join('\u0000');
    }
    for (const [term, termPostings] of postings) rowsNow(term, encodeRows(term, termPostings));
  } else {
    // The edited records' postings, by term and field; their rows before lose those records and gain these.
    const added = new Map<string, Map<number, AddedPosting[]>>();
    for (const number of changed) {
      for (const term of previous.documentTerms[number]!.split('\u0000').slice(0, -1)) if (!added.has(term)) added.set(term, new Map());
      const record = analyse(sorted[number]!);
      record.lengths.forEach((length, field) => (lengths[field]![number] = length));
      for (const [term, occurrences] of record.terms) {
        let byField = added.get(term);
        if (byField === undefined) added.set(term, (byField = new Map()));
        for (const { field, frequency, words } of occurrences) {
          const inField = byField.get(field);
          const posting: AddedPosting = [number, frequency, wordNumbersText(words)];
          if (inField === undefined) byField.set(field, [posting]);
          else inField.push(posting);
        }
      }
      documentTerms[number] = [...record.terms.keys(), ''].join('\u0000');
    }
    for (const [term, byField] of added) rowsNow(term, spliceRows(term, oldRows(term), changedNumbers, byField));
  }

  const files: Array<[string, string]> = [];
  const unchanged: string[] = [];
  const shards = partitionTerms(termSizes);
  for (const { key, terms } of shards) {
    const old = oldShards.get(key);
    const same = old !== undefined && old.length === terms.length && old.every((term, at) => term === terms[at] && !touched.has(term));
    const [termsFile, wordsFile] = shardFiles(key);
    if (same) {
      unchanged.push(termsFile, wordsFile);
      continue;
    }
    const rows = terms.map((term): readonly [string, string] => {
      let row = newRows.get(term) ?? keptRows?.get(term);
      if (row === undefined) {
        // Rows written by JSON.stringify read back and written again are the same text.
        const unchangedRows = oldRows(term)!;
        row = [JSON.stringify(unchangedRows[0]), JSON.stringify(unchangedRows[1])];
      }
      keptRows?.set(term, row);
      return row;
    });
    files.push([termsFile, `[${rows.map((row) => row[0]).join(',')}]`]);
    files.push([wordsFile, `[${rows.map((row) => row[1]).join(',')}]`]);
  }

  files.push(['search/lengths.json', JSON.stringify(lengths)]);
  for (let first = 0, number = 0; first < refs.length || number === 0; first += DOCUMENTS_PER_FILE, number++) {
    const inFile = refs.slice(first, first + DOCUMENTS_PER_FILE);
    const results = inFile.map((ref) => shown.get(ref)!);
    const file = `search/documents-${number}.json`;
    const before = keptResults?.get(number);
    if (previous !== null && before !== undefined && before.length === results.length && before.every((result, at) => result === results[at])) {
      unchanged.push(file);
      continue;
    }
    keptResults?.set(number, results);
    const rows = results.map((document, at): DocumentRow => [inFile[at]!, document.type, document.title, document.href, document.excerpt]);
    files.push([file, JSON.stringify(rows)]);
  }
  const scoring = staticScoring();
  const manifest: StaticSearchManifest = {
    format: STATIC_SEARCH_FORMAT,
    version: lunr.version,
    fields: SEARCH_FIELDS.map((field) => field.name),
    boosts: scoring.boosts,
    k1: scoring.k1,
    b: scoring.b,
    pipeline: indexPipelineNames(),
    keys: shards.map(({ key }) => key),
    records: refs.length,
    documentsPerFile: DOCUMENTS_PER_FILE,
    expansions: expansions.map(([word, synonyms]) => [word, [...synonyms]]),
  };
  files.push(['search/manifest.json', JSON.stringify(manifest)]);
  return {
    files,
    unchanged,
    records: refs.length,
    state: { format: STATIC_SEARCH_FORMAT, refs, digests: sorted.map((document) => document.digest), documentTerms, lengths, terms: [...termSizes.keys()], termSizes: [...termSizes.values()] },
  };
}

/** The names of the search pipeline's functions, as a serialised Lunr index lists them (the browser loads the pipeline by them). */
function indexPipelineNames(): string[] {
  const builder = new lunr.Builder();
  analysisFor(lunr).configureBuilder(builder);
  return builder.searchPipeline.toJSON() as unknown as string[];
}
