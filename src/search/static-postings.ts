/**
 * What the static site's search keeps of each public record: for every term of every field, how
 * often it stands there and the word numbers of its occurrences, and the length of each field —
 * the raw counts Lunr's builder scores from. The browser computes the scores from these counts
 * (static-shards.ts) as Lunr's builder does, so that one record's edit changes the files of its own
 * terms only: no stored weight depends on the rest of the corpus.
 */
import lunr from 'lunr';
import { SEARCH_FIELDS, type SearchDocument } from './documents.js';
import { analysisFor, plainWords } from './analysis.js';
import { firstAtOrAfter } from './static-index.js';

/** One field's occurrences of a term in one record: how often, and the word numbers of its occurrences (`3 17 40`). */
export interface FieldOccurrences {
  readonly field: number;
  readonly frequency: number;
  readonly words: string;
}

/** A record as the static search holds it. */
export interface DocumentPostings {
  /** Each field's length in terms, as Lunr's builder counts it (in SEARCH_FIELDS order). */
  readonly lengths: readonly number[];
  /** Term → its occurrences, by field number. */
  readonly terms: ReadonlyMap<string, readonly FieldOccurrences[]>;
}

/** The scoring constants and field boosts of the builder that buildShardIndex configures, which the browser scores with. */
export function staticScoring(): { readonly k1: number; readonly b: number; readonly boosts: readonly number[] } {
  const builder = new lunr.Builder() as unknown as { _k1: number; _b: number };
  return { k1: builder._k1, b: builder._b, boosts: SEARCH_FIELDS.map((field) => field.boost) };
}

/** Analyses records as buildShardIndex does (the same tokenizer, pipeline and fields) into their terms' counts and word numbers. */
export function analyseStaticDocuments(documents: readonly SearchDocument[]): Map<string, DocumentPostings> {
  const analysis = analysisFor(lunr);
  const builder = new lunr.Builder();
  analysis.configureBuilder(builder);
  builder.ref('ref');
  for (const field of SEARCH_FIELDS) builder.field(field.name, { boost: field.boost });
  builder.metadataWhitelist = ['position'];
  const internals = builder as unknown as {
    fieldTermFrequencies: Record<string, Record<string, number>>;
    fieldLengths: Record<string, number>;
    invertedIndex: Record<string, Record<string, Record<string, { position?: Array<[number, number] | undefined> }>>>;
  };
  const result = new Map<string, DocumentPostings>();
  // One record at a time, its builder's tables then emptied: memory stays that of one record.
  for (const document of documents) {
    builder.add({ ref: document.ref, ...document.fields });
    const lengths: number[] = [];
    const terms = new Map<string, FieldOccurrences[]>();
    SEARCH_FIELDS.forEach((field, fieldNumber) => {
      const fieldRef = `${field.name}/${document.ref}`;
      lengths.push(internals.fieldLengths[fieldRef] ?? 0);
      const frequencies = internals.fieldTermFrequencies[fieldRef] ?? {};
      const wordStarts = plainWords((document.fields as Record<string, string>)[field.name] ?? '').map((word) => word.start);
      for (const term of Object.keys(frequencies).sort()) {
        const positions = internals.invertedIndex[term]?.[field.name]?.[document.ref]?.position ?? [];
        let list = terms.get(term);
        if (list === undefined) terms.set(term, (list = []));
        list.push({ field: fieldNumber, frequency: frequencies[term]!, words: wordNumbers(wordStarts, positions) });
      }
    });
    result.set(document.ref, { lengths, terms: new Map([...terms].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) });
    internals.fieldTermFrequencies = {};
    internals.fieldLengths = {};
    internals.invertedIndex = {};
    (builder as unknown as { _documents: object })._documents = {};
  }
  return result;
}

/** The word numbers (the n-th word as plainWords splits the text, stop words counted) of a term's occurrences, as static-index.ts's withWordNumbers writes them. */
function wordNumbers(wordStarts: readonly number[], positions: ReadonlyArray<readonly [number, number] | undefined>): string {
  const numbers = new Set<number>();
  for (const position of positions) {
    if (position === undefined) continue;
    const [start, length] = position;
    const number = firstAtOrAfter(wordStarts, start);
    // A token's first word (a token such as `u.n.` or an identifier holds several).
    if (number < wordStarts.length && wordStarts[number]! < start + length) numbers.add(number);
  }
  return [...numbers].sort((a, b) => a - b).join(' ');
}
