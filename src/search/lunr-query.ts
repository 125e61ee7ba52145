/**
 * Lunr's query, run over a Lunr index's own data with the same results and the same scores, but
 * without the work Lunr does for every posting a query touches: Lunr makes a field reference
 * and a MatchData (copying the term's metadata) for each term, field and record, and scores a
 * field by walking the whole of its vector. With five fields, citing sentences and identifier
 * tokens, that work grew with the index, not with the query. Here a posting costs one push; the
 * match data is put together only for the records that are asked for it (phrase checks,
 * snippets); and a field is scored by looking up the query's few terms in its vector.
 *
 * What must stay exactly as Lunr does it, so that the server ranks as the static site (which
 * runs Lunr itself) does: which records match (required, optional and prohibited clauses, per
 * field), and each score's arithmetic — the same products, added in the same order.
 */
import lunr from './lunr.js';

/** The metadata of a match as Lunr's MatchData holds it: term → field → metadata (positions). */
export type MatchMetadata = Record<string, Record<string, Record<string, unknown>>>;

/** A record a query found: its reference, Lunr's score, and its match data, put together when first read. */
export interface QueryResult {
  readonly ref: string;
  readonly score: number;
  /** The index terms it matched, in no particular order. */
  readonly terms: readonly string[];
  /** Lunr's MatchData shape; only `metadata` is read. */
  readonly matchData: lunr.MatchData;
}

/** The parts of a loaded Lunr index that @types/lunr leaves out. */
interface IndexData {
  readonly invertedIndex: Record<string, { _index: number } & Record<string, Record<string, Record<string, unknown>>>>;
  readonly fieldVectors: Record<string, { elements: number[] }>;
  readonly tokenSet: { intersect(other: unknown): { toArray(): string[] } };
  readonly fields: string[];
  readonly pipeline: lunr.Pipeline;
}

/** Lunr's complete set (every record), as a marker: a required clause's fields start from it. */
const COMPLETE: ReadonlySet<string> = new Set<string>();

const TokenSets = lunr.TokenSet as unknown as { fromClause(clause: lunr.Query.Clause): unknown };

/** One record's matches: per term and field, the posting's metadata (never copied, never changed). */
class RecordMatches {
  /** Field numbers in the order their first match was found: Lunr adds a record's field scores in that order. */
  readonly fieldOrder: number[] = [];
  readonly entries: Array<{ term: string; field: string; metadata: Record<string, unknown> }> = [];
  private built: MatchMetadata | null = null;

  /** Lunr's MatchData.metadata for these matches. */
  get metadata(): MatchMetadata {
    if (this.built === null) {
      const metadata: MatchMetadata = Object.create(null) as MatchMetadata;
      for (const { term, field, metadata: data } of this.entries) (metadata[term] ??= Object.create(null) as MatchMetadata[string])[field] = data;
      this.built = metadata;
    }
    return this.built;
  }
}

/** The dot product of a (short) query vector and a field vector, as Lunr's Vector.dot adds it: common terms in increasing order. */
function dot(query: readonly number[], field: readonly number[]): number {
  let product = 0;
  let low = 0;
  for (let i = 0; i < query.length; i += 2) {
    const wanted = query[i]!;
    // Binary search over the field's (index, weight) pairs, from where the last term was found.
    let high = field.length / 2 - 1;
    let from = low;
    while (from <= high) {
      const middle = (from + high) >> 1;
      const at = field[middle * 2]!;
      if (at < wanted) from = middle + 1;
      else if (at > wanted) high = middle - 1;
      else {
        product += query[i + 1]! * field[middle * 2 + 1]!;
        from = middle + 1;
        break;
      }
    }
    low = from;
  }
  return product;
}

/**
 * Runs clauses on a Lunr index as `index.query` would, results best first. A query of
 * prohibited clauses only, or of none (every record but some, as Lunr answers it), is left to Lunr itself.
 */
export function queryLunrIndex(index: lunr.Index, clauses: readonly lunr.Query.Clause[]): QueryResult[] {
  const { REQUIRED, PROHIBITED } = lunr.Query.presence;
  if (clauses.every((clause) => clause.presence === PROHIBITED)) {
    return index
      .query((query) => {
        for (const clause of clauses) query.clauses.push({ ...clause, fields: [...clause.fields] });
      })
      .map((result) => ({ ref: result.ref, score: result.score, terms: Object.keys(result.matchData.metadata), matchData: result.matchData }));
  }
  const data = index as unknown as IndexData;
  const fieldNumber = new Map(data.fields.map((field, number) => [field, number]));
  const queryVectors = data.fields.map(() => new lunr.Vector([]));
  const records = new Map<string, RecordMatches>();
  const collected = new Set<string>();
  // Per field: the records every required clause on it allows (undefined: no such clause); the records prohibited.
  const required = new Map<string, ReadonlySet<string>>();
  const prohibited = new Map<string, Set<string>>();
  // First which records may match at all, then the match data of those only: a phrase or `+a +b`
  // with one common word would otherwise put together match data for every record holding it.
  const scored: Array<{ clause: lunr.Query.Clause; expanded: readonly string[] }> = [];

  for (const given of clauses) {
    const clause = { ...given, fields: [...given.fields] };
    const terms = clause.usePipeline ? (data.pipeline as unknown as { runString(text: string, metadata: object): string[] }).runString(clause.term, { fields: clause.fields }) : [clause.term];
    let clauseMatches: Set<string> | null = clause.presence === REQUIRED ? new Set() : null;
    for (const term of terms) {
      clause.term = term;
      const expanded =
        (clause.editDistance ?? 0) === 0 && !term.includes('*')
          ? Object.hasOwn(data.invertedIndex, term)
            ? [term]
            : []
          : data.tokenSet.intersect(TokenSets.fromClause(clause)).toArray();
      if (expanded.length === 0 && clause.presence === REQUIRED) {
        for (const field of clause.fields) required.set(field, new Set());
        clauseMatches = null;
        break;
      }
      if (clause.presence !== PROHIBITED) scored.push({ clause: { ...clause }, expanded });
      for (const expandedTerm of expanded) {
        const posting = data.invertedIndex[expandedTerm]!;
        for (const field of clause.fields) {
          if (clause.presence === REQUIRED) {
            for (const ref in posting[field] ?? {}) clauseMatches!.add(ref);
            if (!required.has(field)) required.set(field, COMPLETE);
          }
          if (clause.presence === PROHIBITED) {
            let set = prohibited.get(field);
            if (set === undefined) prohibited.set(field, (set = new Set()));
            for (const ref in posting[field] ?? {}) set.add(ref);
          }
        }
      }
    }
    if (clause.presence === REQUIRED) {
      // A required clause's term that the index lacks (or that the pipeline left out) allows nothing.
      const narrowed = new Map<ReadonlySet<string>, ReadonlySet<string>>();
      for (const field of clause.fields) {
        const allowed = required.get(field);
        if (clauseMatches === null || allowed === undefined) {
          required.set(field, new Set());
          continue;
        }
        let next = narrowed.get(allowed);
        if (next === undefined) narrowed.set(allowed, (next = allowed === COMPLETE ? clauseMatches : new Set([...allowed].filter((ref) => clauseMatches!.has(ref)))));
        required.set(field, next);
      }
    }
  }

  // Most clauses span every field, so the fields share their sets: each is asked once.
  const requiredSets = [...new Set(data.fields.map((field) => required.get(field)))].filter((set): set is ReadonlySet<string> => set !== undefined && set !== COMPLETE);
  const prohibitedSets = [...prohibited.values()];
  const admitted = (ref: string): boolean => requiredSets.every((set) => set.has(ref)) && !prohibitedSets.some((set) => set.has(ref));
  const filtering = requiredSets.length > 0 || prohibitedSets.length > 0;

  // The same walk as Lunr's, in the same order (the order fields are first matched in is the order
  // their scores are added in), skipping records that cannot match.
  for (const { clause, expanded } of scored) {
    for (const expandedTerm of expanded) {
      const posting = data.invertedIndex[expandedTerm]!;
      for (const field of clause.fields) {
        const fieldPosting = posting[field] ?? {};
        const number = fieldNumber.get(field)!;
        queryVectors[number]!.upsert(posting._index, clause.boost ?? 1, (a, b) => a + b);
        const termField = `${expandedTerm}/${field}`;
        if (collected.has(termField)) continue;
        collected.add(termField);
        for (const ref in fieldPosting) {
          if (filtering && !admitted(ref)) continue;
          let record = records.get(ref);
          if (record === undefined) records.set(ref, (record = new RecordMatches()));
          if (!record.fieldOrder.includes(number)) record.fieldOrder.push(number);
          record.entries.push({ term: expandedTerm, field, metadata: fieldPosting[ref]! });
        }
      }
    }
  }

  const queryElements = queryVectors.map((vector) => (vector as unknown as { elements: number[] }).elements);
  const magnitudes = queryVectors.map((vector) => vector.magnitude());
  const results: QueryResult[] = [];
  for (const [ref, record] of records) {
    let score = 0;
    let first = true;
    for (const number of record.fieldOrder) {
      const field = data.fields[number]!;
      const vector = data.fieldVectors[`${field}/${ref}`];
      // Lunr's similarity: the dot product over the query vector's magnitude, 0 when that is 0 or NaN.
      const fieldScore = (vector === undefined ? 0 : dot(queryElements[number]!, vector.elements) / magnitudes[number]!) || 0;
      score = first ? fieldScore : score + fieldScore;
      first = false;
    }
    results.push({ ref, score, terms: [...new Set(record.entries.map((entry) => entry.term))], matchData: record as unknown as lunr.MatchData });
  }
  return results.sort((a, b) => b.score - a.score);
}
