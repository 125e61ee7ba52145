/**
 * Queries as lawyers type them, on top of Lunr's own syntax (`field:term`, `+must`, `-not`,
 * `wild*`, `fuzzy~1`, `boost^2`): exact phrases in quotation marks, wildcards that respect
 * stemming, documents that match every term ranked above those that match some, and limits on
 * what one query may cost. A malformed query is a QueryError with the position of the fault.
 */
import type lunrModule from 'lunr';
import type { SearchField } from './documents.js';
import { analysisFor, foldDiacritics, identifierSpans, plainWords, type IdentifierSpan } from './analysis.js';

type Lunr = typeof lunrModule;

/** A query dossier cannot run, with the span of the query it is about. */
export class QueryError extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
    this.name = 'QueryError';
  }
}

/** What one query may ask for, so that no request can hold the CPU. */
export const QUERY_LIMITS = {
  maxLength: 500,
  maxClauses: 32,
  maxFuzzyClauses: 4,
  maxEditDistance: 2,
  minWildcardPrefix: 2,
  /** No term of the index is longer; a longer query term can only be a mistake or an attack. */
  maxTermLength: 64,
  /** Lunr's fuzzy automaton grows with length × distance: a 300-letter `~2` term exhausted the heap. */
  maxFuzzyTermLength: 20,
  /** Shortest term for each edit distance: `ab~1` would match every two-letter word. */
  minLengthForEditDistance: [0, 3, 6] as readonly number[],
  maxWildcardsPerTerm: 2,
  /** Index words one wildcard or fuzzy term may stand for, in one shard. */
  maxExpansions: 2000,
} as const;

/** One word of a phrase: stop words are compared as written (folded), other words as the index holds them. */
export interface PhraseWord {
  readonly word: string;
  readonly stop: boolean;
  /** The index word (folded, lemmatised, stemmed); for a stop word, the folded word. */
  readonly key: string;
}

export interface Phrase {
  /** Every word of the phrase, stop words included, in order: all must stand next to each other. */
  readonly words: readonly PhraseWord[];
  readonly field: SearchField | null;
  readonly text: string;
  /** The phrase has only stop words, which the index does not hold: it is looked for in the texts. */
  readonly stopWordsOnly: boolean;
}

/** A query ready to run: Lunr clauses, phrases to check, and what counts as a term matched. */
export interface PreparedQuery {
  /** The query as typed, for the positions of errors found later. */
  readonly query: string;
  readonly clauses: readonly lunrModule.Query.Clause[];
  readonly phrases: readonly Phrase[];
  /** One matcher per positive term: does an index term satisfy it? */
  readonly termMatchers: ReadonlyArray<(indexTerm: string) => boolean>;
}

const PHRASE = /(?:([A-Za-z]+):)?"([^"]*)"/g;

/** Where in the query a term was written, for error messages. */
export function spanOf(query: string, term: string): [number, number] {
  const at = query.toLowerCase().indexOf(term.toLowerCase());
  return at === -1 ? [0, query.length] : [at, at + term.length];
}

/** A query preparer bound to one Lunr (Node's, or the browser's in the static site) and the index's field names. */
export function createQueryPreparer(lunr: Lunr, fieldNames: readonly string[]) {
  const FIELD_NAMES = fieldNames;
  const analysis = analysisFor(lunr);

  /** The index words of a text, as the index's own pipeline makes them (stop words left out). */
  function pipelineTokens(text: string): string[] {
    return plainWords(text).map(({ word }) => analysis.indexWord(word)).filter((token) => token !== '');
  }

  function stem(term: string): string {
    return analysis.searchWord(term);
  }

  /** A phrase's words, each marked stop word or not, with the key it is compared by. */
  function phraseWords(text: string): PhraseWord[] {
    return plainWords(text).map(({ word }) => (analysis.isStopWord(word) ? { word, stop: true, key: word } : { word, stop: false, key: analysis.searchWord(word) }));
  }

  /** Identifiers of a text, one per place: the most specific of the words a pinpoint stands for. */
  function queryIdentifiers(text: string): IdentifierSpan[] {
    const byStart = new Map<number, IdentifierSpan>();
    for (const span of identifierSpans(text)) {
      const known = byStart.get(span.start);
      if (known === undefined || span.length > known.length || (span.length === known.length && span.term.length > known.term.length)) byStart.set(span.start, span);
    }
    // Overlapping finds (a symbol inside a longer symbol) keep the longer.
    const kept: IdentifierSpan[] = [];
    for (const span of [...byStart.values()].sort((a, b) => a.start - b.start || b.length - a.length)) {
      const last = kept[kept.length - 1];
      if (last !== undefined && span.start < last.start + last.length) continue;
      kept.push(span);
    }
    return kept;
  }

  function blank(text: string, start: number, length: number): string {
    return text.slice(0, start) + ' '.repeat(length) + text.slice(start + length);
  }

  function commonPrefix(a: string, b: string): string {
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return a.slice(0, i);
  }

  function globToRegExp(glob: string): RegExp {
    return new RegExp(`^${glob.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  }

  function editDistance(a: string, b: string): number {
    const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
    for (let i = 1; i <= a.length; i++) {
      let diagonal = previous[0]!;
      previous[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const above = previous[j]!;
        previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
        diagonal = above;
      }
    }
    return previous[b.length]!;
  }


  /** Parses and checks a query; throws QueryError for anything dossier will not run. Expansions (index word → synonyms' index words) widen plain terms. */
  function prepareQuery(query: string, expansions: ReadonlyMap<string, readonly string[]> = new Map()): PreparedQuery {
    if (query.length > QUERY_LIMITS.maxLength) {
      throw new QueryError(`the query is longer than ${QUERY_LIMITS.maxLength} characters`, QUERY_LIMITS.maxLength, query.length);
    }
    const quotes = [...query].filter((ch) => ch === '"').length;
    if (quotes % 2 === 1) {
      const at = query.lastIndexOf('"');
      throw new QueryError('a quotation mark is not closed', at, at + 1);
    }

    // Phrases come out of the query (blanked, so positions stay true). Their words other than stop
    // words are added back as terms that must all be present; whether the phrase stands whole, stop
    // words included, is checked on the candidates' texts. An identifier in a phrase is one term.
    const phrases: Phrase[] = [];
    const required: Array<{ term: string; field: SearchField | null; usePipeline: boolean }> = [];
    let blanked = query;
    for (const match of query.matchAll(PHRASE)) {
      const [whole, field, text] = match;
      const start = match.index;
      if (field !== undefined && !FIELD_NAMES.includes(field.toLowerCase())) {
        throw new QueryError(`unrecognised field '${field}', possible fields: ${FIELD_NAMES.map((name) => `'${name}'`).join(', ')}`, start, start + field.length);
      }
      const fieldName = (field?.toLowerCase() ?? null) as SearchField | null;
      const identifiers = queryIdentifiers(text!);
      if (identifiers.length > 0) {
        let rest = text!;
        for (const span of identifiers) {
          required.push({ term: span.term, field: fieldName, usePipeline: false });
          rest = blank(rest, span.start, span.length);
        }
        for (const word of phraseWords(rest)) if (!word.stop) required.push({ term: word.word, field: fieldName, usePipeline: true });
      } else {
        const words = phraseWords(text!);
        if (words.length > 0) {
          const stopWordsOnly = words.every((word) => word.stop);
          phrases.push({ words, field: fieldName, text: text!, stopWordsOnly });
          for (const word of words) if (!word.stop) required.push({ term: word.word, field: fieldName, usePipeline: true });
        }
      }
      blanked = blank(blanked, start, whole.length);
    }
    // Identifiers outside quotation marks are single terms too, whatever their punctuation.
    const identifierTerms: string[] = [];
    for (const span of queryIdentifiers(blanked)) {
      identifierTerms.push(span.term);
      blanked = blank(blanked, span.start, span.length);
    }

    const lunrQuery = new lunr.Query(FIELD_NAMES as string[]);
    if (blanked.trim() !== '') {
      try {
        new lunr.QueryParser(blanked, lunrQuery).parse();
      } catch (error) {
        if (error instanceof lunr.QueryParseError) throw new QueryError(error.message, error.start, error.end);
        throw error;
      }
    }
    // Stop words are not in the index: as loose terms they would match nothing and count as
    // unmatched. A query of nothing but stop words is looked for as a phrase.
    const isLooseStopWord = (clause: lunrModule.Query.Clause): boolean =>
      !clause.term.includes('*') && (clause.editDistance ?? 0) === 0 && clause.usePipeline !== false && analysis.isStopWord(clause.term);
    const stopClauses = lunrQuery.clauses.filter(isLooseStopWord);
    lunrQuery.clauses = lunrQuery.clauses.filter((clause) => !isLooseStopWord(clause));
    if (lunrQuery.clauses.length === 0 && phrases.length === 0 && required.length === 0 && identifierTerms.length === 0 && stopClauses.length > 0) {
      const words = phraseWords(blanked);
      phrases.push({ words, field: null, text: blanked.trim(), stopWordsOnly: words.every((word) => word.stop) });
    }
    for (const { term, field, usePipeline } of required) {
      lunrQuery.clause({
        term,
        fields: field === null ? (FIELD_NAMES as string[]) : [field],
        presence: lunr.Query.presence.REQUIRED,
        usePipeline,
        boost: 1,
        editDistance: 0,
        wildcard: lunr.Query.wildcard.NONE,
      });
    }
    for (const term of identifierTerms) {
      lunrQuery.clause({ term, fields: FIELD_NAMES as string[], presence: lunr.Query.presence.OPTIONAL, usePipeline: false, boost: 5, editDistance: 0, wildcard: lunr.Query.wildcard.NONE });
    }

    const clauses = lunrQuery.clauses;
    if (clauses.length > QUERY_LIMITS.maxClauses) {
      throw new QueryError(`the query has ${clauses.length} terms; at most ${QUERY_LIMITS.maxClauses} are allowed`, 0, query.length);
    }
    let fuzzy = 0;
    const termMatchers: Array<(indexTerm: string) => boolean> = [];
    for (const clause of clauses) {
      const term = clause.term;
      if (term.length > QUERY_LIMITS.maxTermLength) {
        const [start, end] = spanOf(query, term);
        throw new QueryError(`a word of ${term.length} characters is longer than any word in the index (at most ${QUERY_LIMITS.maxTermLength}); shorten it`, start, end);
      }
      if ([...term].filter((ch) => ch === '*').length > QUERY_LIMITS.maxWildcardsPerTerm) {
        const [start, end] = spanOf(query, term);
        throw new QueryError(`a term may hold at most ${QUERY_LIMITS.maxWildcardsPerTerm} wildcards (*)`, start, end);
      }
      if (term.includes('*')) {
        if (term.startsWith('*')) {
          const [start, end] = spanOf(query, term);
          throw new QueryError('a wildcard cannot start a term: it would scan the whole index', start, end);
        }
        const prefix = term.slice(0, term.indexOf('*'));
        if (prefix.length < QUERY_LIMITS.minWildcardPrefix) {
          const [start, end] = spanOf(query, term);
          throw new QueryError(`a wildcard needs at least ${QUERY_LIMITS.minWildcardPrefix} letters before it`, start, end);
        }
        // Lunr does not stem wildcard terms, and the index holds stems: "genocide*" must look for
        // "genocid*" to find what "genocide" finds. Diacritics are folded as in the index.
        clause.term = foldDiacritics(clause.term);
        if (term.endsWith('*') && term.indexOf('*') === term.length - 1) {
          const folded = foldDiacritics(prefix);
          const stemmed = commonPrefix(folded, stem(folded));
          if (stemmed.length >= QUERY_LIMITS.minWildcardPrefix) clause.term = `${stemmed}*`;
        }
      }
      if ((clause.editDistance ?? 0) > 0) {
        fuzzy++;
        if ((clause.editDistance ?? 0) > QUERY_LIMITS.maxEditDistance) {
          const [start, end] = spanOf(query, `${term}~`);
          throw new QueryError(`an edit distance above ${QUERY_LIMITS.maxEditDistance} is not allowed`, start, end + 1);
        }
        checkFuzzyTerm(query, term, clause.editDistance ?? 0);
      }
      if (clause.presence === lunr.Query.presence.PROHIBITED) continue;
      termMatchers.push(matcherFor(clause, expansionsOf(clause, expansions)));
    }
    // A synonym found counts as the term found; it adds to the score a little less than the term.
    for (const clause of [...clauses]) {
      if (clause.presence === lunr.Query.presence.PROHIBITED) continue;
      for (const synonym of expansionsOf(clause, expansions)) {
        lunrQuery.clause({ term: synonym, fields: [...clause.fields], presence: lunr.Query.presence.OPTIONAL, usePipeline: false, boost: 0.5, editDistance: 0, wildcard: lunr.Query.wildcard.NONE });
      }
    }
    if (fuzzy > QUERY_LIMITS.maxFuzzyClauses) {
      throw new QueryError(`at most ${QUERY_LIMITS.maxFuzzyClauses} fuzzy terms (~) are allowed in one query`, 0, query.length);
    }
    return { query, clauses: lunrQuery.clauses, phrases, termMatchers };
  }

  /** Edit distance allowed by the term's length, and fuzzy terms no longer than the automaton can bear. */
  function checkFuzzyTerm(query: string, term: string, distance: number): void {
    const [start, end] = spanOf(query, `${term}~`);
    if (term.includes('*')) throw new QueryError('a term cannot be both a wildcard (*) and fuzzy (~)', start, end + 1);
    if (term.length > QUERY_LIMITS.maxFuzzyTermLength) {
      throw new QueryError(
        `a fuzzy term (~) may have at most ${QUERY_LIMITS.maxFuzzyTermLength} letters, this one has ${term.length}: shorten it or remove the ~`,
        start,
        end + 1,
      );
    }
    const needed = QUERY_LIMITS.minLengthForEditDistance[distance] ?? Number.POSITIVE_INFINITY;
    if (term.length < needed) {
      const allowed = QUERY_LIMITS.minLengthForEditDistance.findLastIndex((length) => term.length >= length);
      throw new QueryError(
        allowed <= 0
          ? `'${term}' is too short for a fuzzy search: use ~ on words of ${QUERY_LIMITS.minLengthForEditDistance[1]} letters or more`
          : `'${term}~${distance}' would match too many words: a word of ${term.length} letters allows at most ~${allowed}`,
        start,
        end + 1,
      );
    }
  }

  /** The synonyms of a plain term (not a wildcard, fuzzy or identifier term). */
  function expansionsOf(clause: lunrModule.Query.Clause, expansions: ReadonlyMap<string, readonly string[]>): readonly string[] {
    if (expansions.size === 0 || clause.usePipeline === false || clause.term.includes('*') || (clause.editDistance ?? 0) > 0) return [];
    return expansions.get(stem(clause.term)) ?? [];
  }

  /** Whether an index term is one that a clause (or one of its synonyms) asked for. */
  function matcherFor(clause: lunrModule.Query.Clause, synonyms: readonly string[] = []): (indexTerm: string) => boolean {
    const term = clause.usePipeline === false || clause.term.includes('*') ? clause.term : stem(clause.term);
    if (synonyms.length > 0) return (indexTerm) => indexTerm === term || synonyms.includes(indexTerm);
    if (term.includes('*')) {
      const pattern = globToRegExp(term);
      return (indexTerm) => pattern.test(indexTerm);
    }
    const distance = clause.editDistance ?? 0;
    if (distance > 0) {
      // Asked once per result for each of its matched words: the same few words, remembered.
      const known = new Map<string, boolean>();
      return (indexTerm) => {
        let near = known.get(indexTerm);
        if (near === undefined) {
          near = Math.abs(indexTerm.length - term.length) <= distance && editDistance(indexTerm, term) <= distance;
          known.set(indexTerm, near);
        }
        return near;
      };
    }
    return (indexTerm) => indexTerm === term;
  }
  return { prepareQuery, pipelineTokens, searchWord: stem };
}
