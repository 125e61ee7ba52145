/**
 * Measuring search relevance against a set of queries, each with the records a jurist expects
 * in its first results: precision at 5 and mean reciprocal rank, for the test suite and for
 * `npm run relevance`.
 */
import type { SearchFilters, SearchIndex } from './search-index.js';

/** One query of a relevance set: the records it must return within its first `top` results. */
export interface RelevanceQuery {
  /** The part of the search issue this query checks (`identifiers`, `stop words`…). */
  readonly bullet: string;
  readonly q: string;
  readonly filters: SearchFilters;
  readonly expected: readonly string[];
  readonly top: number;
}

export interface RelevanceOutcome {
  readonly query: RelevanceQuery;
  /** The refs of the first results, as many as the larger of `top` and 5. */
  readonly results: readonly string[];
  /** Expected records missing from the first `top` results. */
  readonly missing: readonly string[];
  /** Expected records in the first 5, divided by the number that can fit there (min of 5 and expected). */
  readonly precisionAt5: number;
  /** 1 / the rank of the first expected record (0 when none is in the first 20). */
  readonly reciprocalRank: number;
}

/** Runs every query of a set as an anonymous reader and scores it. */
export function measureRelevance(index: SearchIndex, set: readonly RelevanceQuery[]): { outcomes: RelevanceOutcome[]; precisionAt5: number; meanReciprocalRank: number } {
  const outcomes = set.map((query) => {
    const results = index.search({ q: query.q, filters: query.filters, includeInternal: false, size: 20 }).hits.map((hit) => hit.ref);
    const firstFive = results.slice(0, 5);
    const rank = results.findIndex((ref) => query.expected.includes(ref));
    return {
      query,
      results: results.slice(0, Math.max(query.top, 5)),
      missing: query.expected.filter((ref) => !results.slice(0, query.top).includes(ref)),
      precisionAt5: query.expected.filter((ref) => firstFive.includes(ref)).length / Math.min(5, query.expected.length),
      reciprocalRank: rank === -1 ? 0 : 1 / (rank + 1),
    };
  });
  const mean = (values: number[]) => (values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length);
  return { outcomes, precisionAt5: mean(outcomes.map((outcome) => outcome.precisionAt5)), meanReciprocalRank: mean(outcomes.map((outcome) => outcome.reciprocalRank)) };
}
