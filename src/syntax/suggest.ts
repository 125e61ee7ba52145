/**
 * "Did you mean …?": the existing ids nearest to one that does not exist. Distance is counted by
 * fastest-levenshtein; the typos people make with ids are weighed on top of it — two letters
 * swapped, a hyphen left out or added, a wrong year — so that `akayesu1998`, `akaeysu-1998` and
 * `akayesu-1989` all lead to `akayesu-1998`.
 */
import { distance } from 'fastest-levenshtein';

/** At most this many suggestions are offered; more would be noise. */
const MOST_SUGGESTIONS = 3;

/** The id without case, hyphens, underscores, dots or spaces: `Akayesu_1998` and `akayesu1998` agree. */
function withoutSeparators(id: string): string {
  return id.toLowerCase().replace(/[-_.\s:/]/g, '');
}

/** The id with every year written as `####`: `nouri-2022` and `nouri-2023` agree. */
function withoutYears(id: string): string {
  return id.toLowerCase().replace(/(?<!\d)(1[89]|20)\d\d(?!\d)/g, '####');
}

/** Whether one id is the other with two neighbouring characters swapped. */
function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let first = -1;
  for (let index = 0; index < a.length; index++) {
    if (a[index] === b[index]) continue;
    if (first !== -1) return index === first + 1 && a[first] === b[index] && a[index] === b[first] && a.slice(index + 1) === b.slice(index + 1);
    first = index;
  }
  return false;
}

/** How far a candidate is from what was written; lower is nearer, Infinity is too far to suggest. */
function typoDistance(written: string, candidate: string): number {
  const lower = written.toLowerCase();
  const other = candidate.toLowerCase();
  if (lower === other) return 0.1;
  if (withoutSeparators(lower) === withoutSeparators(other)) return 0.5;
  if (isTransposition(lower, other)) return 1;
  if (withoutYears(lower) === withoutYears(other) && withoutYears(lower) !== lower) return 1.5;
  const edits = distance(lower, other);
  // Short ids tolerate one edit, longer ones about a third of their length.
  const allowed = Math.max(1, Math.min(4, Math.floor(Math.max(lower.length, other.length) / 3)));
  if (edits <= allowed) return edits + 0.25;
  // One id inside the other (`genocide` for `genocide-religious-group`) is worth offering last.
  if (lower.length >= 4 && other.length >= 4 && (other.includes(lower) || lower.includes(other))) return allowed + 1;
  return Infinity;
}

/** The existing ids nearest to `written`, nearest first (ties in alphabetical order), at most three. */
export function nearestIds(written: string, candidates: Iterable<string>): string[] {
  const scored: Array<{ id: string; score: number }> = [];
  for (const id of new Set(candidates)) {
    if (id === written) continue;
    const score = typoDistance(written, id);
    if (score !== Infinity) scored.push({ id, score });
  }
  scored.sort((a, b) => a.score - b.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return scored.slice(0, MOST_SUGGESTIONS).map((entry) => entry.id);
}

/** The message's ending that offers the suggestions, or says how to find the right id when there are none. */
export function didYouMean(suggestions: readonly string[], shown: (id: string) => string = (id) => id): string {
  if (suggestions.length === 0) return '';
  const names = suggestions.map(shown);
  const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
  return `; did you mean ${list}?`;
}
