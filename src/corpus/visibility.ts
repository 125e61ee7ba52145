/**
 * Reading a confidentiality marker, failing closed: a value dossier does not understand
 * (`Internal`, `privat`, a list) is an error, and the record it is on is treated as internal until
 * the marker says `public` or `internal`. A misspelt marker must never publish a witness's name.
 */
import { diagnostic, type Diagnostic, type Place } from '../model/diagnostic.js';
import type { Visibility } from '../model/records.js';
import { didYouMean, nearestIds } from '../syntax/suggest.js';

/** What a written visibility marker means: the visibility, or undefined when none was written. */
export function readVisibilityValue(value: unknown, field: string, place: Place, diagnostics: Diagnostic[]): Visibility | undefined {
  if (value === undefined) return undefined;
  if (value === 'public' || value === 'internal') return value;
  const suggestions = typeof value === 'string' ? nearestIds(value.toLowerCase(), ['public', 'internal']) : [];
  // `Internal` differs from `internal` only by case, which nearestIds counts as no typo at all.
  if (typeof value === 'string' && suggestions.length === 0 && ['public', 'internal'].includes(value.toLowerCase())) suggestions.push(value.toLowerCase());
  diagnostics.push(
    diagnostic(
      place,
      'invalid-field',
      `field "${field}" must be "public" or "internal", found ${JSON.stringify(value) ?? String(value)}; the record is treated as internal until it says one of them${didYouMean(suggestions, (id) => `"${id}"`)}`,
      typeof value === 'string' ? { replace: value, suggestions } : undefined,
    ),
  );
  return 'internal';
}
