/**
 * What the static site's search keeps of each public record: for every term of every field, how
 * often it stands there and the word numbers of its occurrences, and the length of each field —
 * the raw counts Lunr's builder scores from. The browser computes the scores from these counts
 * (static-shards.ts) as Lunr's builder does, so that one record's edit changes the files of its own
 * terms only: no stored weight depends on the rest of the corpus.
 *
 * The counts are those Lunr's builder keeps for a record analysed with dossier's tokenizer and
 * index pipeline (analysis.ts), worked out here without the builder: its inverted index, a token
 * object with cloned metadata for every word, and the pipeline run again on every occurrence of a
 * word cost far more than the counting. Each distinct token is put through the pipeline once.
 */
import lunr from './lunr.js';
import { SEARCH_FIELDS } from './fields.js';
import type { SearchDocument } from './documents.js';
import { analysisFor, firstAtOrAfter, identifierSpans, plainWordStarts } from './analysis.js';

/** One field's occurrences of a term in one record: how often, and the word numbers of its occurrences (ascending, each once). */
export interface FieldOccurrences {
  readonly field: number;
  readonly frequency: number;
  readonly words: readonly number[];
}

/** A record as the static search holds it. */
export interface DocumentPostings {
  /** Each field's length in terms, as Lunr's builder counts it (in SEARCH_FIELDS order). */
  readonly lengths: readonly number[];
  /** Term → its occurrences, by field number; terms in code unit order. */
  readonly terms: ReadonlyMap<string, readonly FieldOccurrences[]>;
}

/** Turns one record into its postings. */
export type StaticDocumentAnalyser = (document: SearchDocument) => DocumentPostings;

/** The scoring constants and field boosts of the builder that buildShardIndex configures, which the browser scores with. */
export function staticScoring(): { readonly k1: number; readonly b: number; readonly boosts: readonly number[] } {
  const builder = new lunr.Builder() as unknown as { _k1: number; _b: number };
  return { k1: builder._k1, b: builder._b, boosts: SEARCH_FIELDS.map((field) => field.boost) };
}

/** Whether a code unit splits Lunr's tokens, by lunr.tokenizer.separator; 0 while not yet asked. */
const SEPARATOR_UNKNOWN = 0;
const SEPARATOR = 1;
const NOT_SEPARATOR = 2;
let separatorTable: Uint8Array | null = null;

/** Whether Lunr's tokenizer splits at this code unit (it matches each character against its separator). */
function splitsTokens(codeUnit: number): boolean {
  separatorTable ??= new Uint8Array(0x10000);
  let known = separatorTable[codeUnit]!;
  if (known === SEPARATOR_UNKNOWN) {
    known = String.fromCharCode(codeUnit).match(lunr.tokenizer.separator) === null ? NOT_SEPARATOR : SEPARATOR;
    separatorTable[codeUnit] = known;
  }
  return known === SEPARATOR;
}

/** One term's count and word numbers in the field being analysed. */
interface TermTally {
  frequency: number;
  /** Word numbers as they come: ascending for the tokenizer's tokens, then the identifiers'. */
  words: number[];
}

/** Word numbers ascending, each once (a token's are; an identifier's come after them, in any order). */
function ascendingOnce(words: number[]): number[] {
  for (let at = 1; at < words.length; at++) if (words[at]! <= words[at - 1]!) return [...new Set(words)].sort((a, b) => a - b);
  return words;
}

/**
 * An analyser of records into their postings, as Lunr's builder configured by analysis.ts would
 * count them. It remembers the index terms of every distinct token it has met (most words recur),
 * so one analyser serves one build and is then let go.
 */
export function staticDocumentAnalyser(): StaticDocumentAnalyser {
  const analysis = analysisFor(lunr);
  const termsOfToken = new Map<string, readonly string[]>();
  const tallies = new Map<string, TermTally>();

  /** Counts one term's occurrence at a word number (-1: no word of the text starts inside it). */
  const tally = (term: string, word: number): void => {
    let found = tallies.get(term);
    if (found === undefined) tallies.set(term, (found = { frequency: 0, words: [] }));
    found.frequency++;
    // Lunr keeps every occurrence's position; a word number is kept once (a lemma and its word share one).
    if (word >= 0 && found.words[found.words.length - 1] !== word) found.words.push(word);
  };

  /** Tallies a field's terms as Lunr's builder counts them, and returns the field's length in terms. */
  const tallyField = (text: string): number => {
    const wordStarts = plainWordStarts(text);
    // Lunr's tokenizer lower-cases the whole text and splits it; positions are in the lower-cased text.
    const lower = text.toLowerCase();
    let length = 0;
    let nextWord = 0;
    for (let end = 0, start = 0; end <= lower.length; end++) {
      if (end < lower.length && !splitsTokens(lower.charCodeAt(end))) continue;
      if (end > start) {
        const token = lower.slice(start, end);
        let terms = termsOfToken.get(token);
        if (terms === undefined) termsOfToken.set(token, (terms = analysis.indexTerms(token)));
        if (terms.length > 0) {
          // Tokens come in order of position, so the first word at or after each is found by walking on.
          while (nextWord < wordStarts.length && wordStarts[nextWord]! < start) nextWord++;
          const word = nextWord < wordStarts.length && wordStarts[nextWord]! < end ? nextWord : -1;
          for (const term of terms) tally(term, word);
          length += terms.length;
        }
      }
      start = end + 1;
    }
    // Identifiers are whole index terms, untouched by the pipeline; their spans are in the text as written.
    // Walked by index: iterating an array that is sometimes empty (an array of another kind to V8)
    // sent the optimized code of this function back to the interpreter on every such field, about
    // 4,000 times in a build of 1,000 memos.
    const spans = identifierSpans(text);
    for (let at = 0; at < spans.length; at++) {
      const span = spans[at]!;
      const number = firstAtOrAfter(wordStarts, span.start);
      tally(span.term, number < wordStarts.length && wordStarts[number]! < span.start + span.length ? number : -1);
      length++;
    }
    return length;
  };

  return (document) => {
    const lengths: number[] = [];
    const byTerm = new Map<string, FieldOccurrences[]>();
    SEARCH_FIELDS.forEach((field, fieldNumber) => {
      const text: unknown = document.fields[field.name];
      tallies.clear();
      lengths.push(typeof text === 'string' ? tallyField(text) : 0);
      for (const [term, { frequency, words }] of tallies) {
        let list = byTerm.get(term);
        if (list === undefined) byTerm.set(term, (list = []));
        list.push({ field: fieldNumber, frequency, words: ascendingOnce(words) });
      }
    });
    tallies.clear();
    const terms = new Map<string, FieldOccurrences[]>();
    for (const term of [...byTerm.keys()].sort()) terms.set(term, byTerm.get(term)!);
    return { lengths, terms };
  };
}

/** Analyses records into their terms' counts and word numbers (by ref), as Lunr's builder configured by analysis.ts counts them. */
export function analyseStaticDocuments(documents: readonly SearchDocument[]): Map<string, DocumentPostings> {
  const analyse = staticDocumentAnalyser();
  return new Map(documents.map((document) => [document.ref, analyse(document)]));
}
