/**
 * Queries as lawyers type them, on top of Lunr's own syntax (`field:term`, `+must`, `-not`,
 * `wild*`, `fuzzy~1`, `boost^2`): exact phrases in quotation marks, wildcards that respect
 * stemming, documents that match every term ranked above those that match some, and limits on
 * what one query may cost. A malformed query is a QueryError with the position of the fault.
 */
import lunr from 'lunr';
import { SEARCH_FIELDS, type SearchField } from './documents.js';

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

export interface Phrase {
  /** The stemmed tokens, in order, that must stand next to each other. */
  readonly tokens: readonly string[];
  readonly field: SearchField | null;
  readonly text: string;
}

/** A query ready to run: Lunr clauses, phrases to check, and what counts as a term matched. */
export interface PreparedQuery {
  /** The query as typed, for the positions of errors found later. */
  readonly query: string;
  readonly clauses: readonly lunr.Query.Clause[];
  readonly phrases: readonly Phrase[];
  /** One matcher per positive term: does an index term satisfy it? */
  readonly termMatchers: ReadonlyArray<(indexTerm: string) => boolean>;
}

const FIELD_NAMES = SEARCH_FIELDS.map((field) => field.name) as readonly string[];
const PHRASE = /(?:([A-Za-z]+):)?"([^"]*)"/g;

/** The same steps the index applies to its text: trim, drop stop words, stem. */
const indexPipeline = new lunr.Pipeline();
indexPipeline.add(lunr.trimmer, lunr.stopWordFilter, lunr.stemmer);

export function pipelineTokens(text: string): string[] {
  return indexPipeline.run(lunr.tokenizer(text)).map((token) => token.toString()).filter((token) => token !== '');
}

function stem(term: string): string {
  return lunr.stemmer(new lunr.Token(term, {})).toString();
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

/** Where in the query a term was written, for error messages. */
export function spanOf(query: string, term: string): [number, number] {
  const at = query.toLowerCase().indexOf(term.toLowerCase());
  return at === -1 ? [0, query.length] : [at, at + term.length];
}

/** Parses and checks a query; throws QueryError for anything dossier will not run. */
export function prepareQuery(query: string): PreparedQuery {
  if (query.length > QUERY_LIMITS.maxLength) {
    throw new QueryError(`the query is longer than ${QUERY_LIMITS.maxLength} characters`, QUERY_LIMITS.maxLength, query.length);
  }
  const quotes = [...query].filter((ch) => ch === '"').length;
  if (quotes % 2 === 1) {
    const at = query.lastIndexOf('"');
    throw new QueryError('a quotation mark is not closed', at, at + 1);
  }

  // Phrases come out of the query (blanked, so positions stay true) and are added back as terms
  // that must all be present; whether they stand together is checked on the candidates.
  const phrases: Phrase[] = [];
  const phraseTerms: Array<{ term: string; field: SearchField | null }> = [];
  let blanked = query;
  for (const match of query.matchAll(PHRASE)) {
    const [whole, field, text] = match;
    const start = match.index;
    if (field !== undefined && !FIELD_NAMES.includes(field.toLowerCase())) {
      throw new QueryError(`unrecognised field '${field}', possible fields: ${FIELD_NAMES.map((name) => `'${name}'`).join(', ')}`, start, start + field.length);
    }
    const fieldName = (field?.toLowerCase() ?? null) as SearchField | null;
    const tokens = pipelineTokens(text!);
    if (tokens.length > 0) {
      phrases.push({ tokens, field: fieldName, text: text! });
      for (const token of lunr.tokenizer(text!)) phraseTerms.push({ term: token.toString(), field: fieldName });
    }
    blanked = blanked.slice(0, start) + ' '.repeat(whole.length) + blanked.slice(start + whole.length);
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
  for (const { term, field } of phraseTerms) {
    lunrQuery.clause({
      term,
      fields: field === null ? (FIELD_NAMES as string[]) : [field],
      presence: lunr.Query.presence.REQUIRED,
      usePipeline: true,
      boost: 1,
      editDistance: 0,
      wildcard: lunr.Query.wildcard.NONE,
    });
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
      // "genocid*" to find what "genocide" finds.
      if (term.endsWith('*') && term.indexOf('*') === term.length - 1) {
        const stemmed = commonPrefix(prefix, stem(prefix));
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
    termMatchers.push(matcherFor(clause));
  }
  if (fuzzy > QUERY_LIMITS.maxFuzzyClauses) {
    throw new QueryError(`at most ${QUERY_LIMITS.maxFuzzyClauses} fuzzy terms (~) are allowed in one query`, 0, query.length);
  }
  return { query, clauses, phrases, termMatchers };
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

/** Whether an index term is one that a clause asked for. */
function matcherFor(clause: lunr.Query.Clause): (indexTerm: string) => boolean {
  const term = clause.usePipeline === false || clause.term.includes('*') ? clause.term : stem(clause.term);
  if (term.includes('*')) {
    const pattern = globToRegExp(term);
    return (indexTerm) => pattern.test(indexTerm);
  }
  const distance = clause.editDistance ?? 0;
  if (distance > 0) return (indexTerm) => Math.abs(indexTerm.length - term.length) <= distance && editDistance(indexTerm, term) <= distance;
  return (indexTerm) => indexTerm === term;
}
