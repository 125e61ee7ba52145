/**
 * Bibliography entries are checked as records are: every CSL item against the CSL data schema
 * (the lists in csl-schema-lists.ts, generated from csl-data.json). A field the schema does not
 * know is a warning naming the nearest real field; a type that does not exist, or a date that
 * does not, is an error, and the field is left out (the type becomes "document") so the entry
 * still loads and never prints a date such as "45 Spring 2023".
 */
import { diagnostic, type Diagnostic, type Place } from '../../model/diagnostic.js';
import { didYouMean, nearestIds } from '../../syntax/suggest.js';
import { CSL_DATE_FIELDS, CSL_NAME_FIELDS, CSL_OTHER_FIELDS, CSL_SCHEMA_TYPES, CSL_TEXT_FIELDS, CSL_TEXT_OR_NUMBER_FIELDS } from './csl-schema-lists.js';

const KNOWN_FIELDS: ReadonlySet<string> = new Set([...CSL_TEXT_FIELDS, ...CSL_TEXT_OR_NUMBER_FIELDS, ...CSL_NAME_FIELDS, ...CSL_DATE_FIELDS, ...CSL_OTHER_FIELDS]);
const DATE_FIELDS: ReadonlySet<string> = new Set(CSL_DATE_FIELDS);
const NAME_FIELDS: ReadonlySet<string> = new Set(CSL_NAME_FIELDS);
/** citation-js's own bookkeeping beside the CSL fields; never written by a user. */
const BOOKKEEPING: ReadonlySet<string> = new Set(['_graph']);

/** Where a field of the entry was written: its key (for unknown fields) or its value. */
export type FieldPlace = (field: string, of: 'key' | 'value') => Place;

/** What is wrong with one `date-parts` part ([year, month, day]), or null when it is a real date. */
function datePartsProblem(parts: unknown): string | null {
  if (!Array.isArray(parts) || parts.length === 0 || parts.length > 3) return 'a date is a list of [year, month, day], with month and day optional';
  const numbers = parts.map((part) => (typeof part === 'string' && /^-?\d+$/.test(part.trim()) ? Number(part) : part));
  if (numbers.some((part) => typeof part !== 'number' || !Number.isInteger(part))) return `${JSON.stringify(parts)} holds something that is not a whole number`;
  const [year, month, day] = numbers as number[];
  if (month !== undefined && (month < 1 || month > 12)) {
    return `${JSON.stringify(parts)} is a date that does not exist: there is no month ${month} (for a season, write "season": 1 to 4 beside the year)`;
  }
  if (day !== undefined) {
    const days = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
    if (day < 1 || day > days) return `${JSON.stringify(parts)} is a date that does not exist: month ${month} of ${year} has ${days} days`;
  }
  return null;
}

/** What is wrong with a CSL date value, or null when it can be printed as written. */
function cslDateProblem(value: unknown): string | null {
  if (typeof value === 'string') {
    const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value.trim());
    return match === null ? null : datePartsProblem(match.slice(1).filter((part) => part !== undefined));
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'a date is a mapping with "date-parts" (or "literal" or "raw")';
  const parts = (value as { 'date-parts'?: unknown })['date-parts'];
  if (parts === undefined) return null;
  if (!Array.isArray(parts) || parts.length === 0 || parts.length > 2) return '"date-parts" is a list of one date, or two for a range: [[2023, 5, 14]]';
  for (const part of parts) {
    const problem = datePartsProblem(part);
    if (problem !== null) return problem;
  }
  return null;
}

/**
 * Checks a CSL item against the schema and returns it with what cannot be printed left out.
 * Problems are pushed to `diagnostics`, each at the place of its field.
 */
export function validateCslItem(item: Record<string, unknown>, key: string, placeOf: FieldPlace, diagnostics: Diagnostic[]): Record<string, unknown> {
  const checked: Record<string, unknown> = { ...item };
  if (typeof item.type === 'string' && !CSL_SCHEMA_TYPES.includes(item.type)) {
    const suggestions = nearestIds(item.type, CSL_SCHEMA_TYPES);
    const advice = suggestions.length > 0 ? didYouMean(suggestions, (type) => `"${type}"`) : '; CSL types include legal_case, legislation, treaty, report, book';
    diagnostics.push(
      diagnostic(placeOf('type', 'value'), 'invalid-field', `entry "${key}" has type ${JSON.stringify(item.type)}, which is not a CSL type (read as "document")${advice}`, {
        replace: item.type,
        suggestions,
      }),
    );
    checked.type = 'document';
  }
  for (const [field, value] of Object.entries(item)) {
    if (BOOKKEEPING.has(field) || field === 'citation-key') continue;
    if (!KNOWN_FIELDS.has(field)) {
      const suggestions = nearestIds(field, KNOWN_FIELDS);
      const advice = suggestions.length > 0 ? didYouMean(suggestions, (name) => `"${name}"`) : '; dossier\'s own fields go under "custom"';
      diagnostics.push(diagnostic(placeOf(field, 'key'), 'unknown-field', `entry "${key}" has the field "${field}", which CSL does not know${advice}`, { replace: field, suggestions }));
      continue;
    }
    if (DATE_FIELDS.has(field)) {
      const problem = cslDateProblem(value);
      if (problem !== null) {
        diagnostics.push(diagnostic(placeOf(field, 'value'), 'invalid-date', `entry "${key}": field "${field}" is not a date: ${problem}; the date is left out until it is mended`));
        delete checked[field];
      }
    } else if (NAME_FIELDS.has(field) && !Array.isArray(value)) {
      diagnostics.push(diagnostic(placeOf(field, 'value'), 'invalid-field', `entry "${key}": field "${field}" must be a list of names (- family: …, given: …, or - literal: …)`));
      delete checked[field];
    }
  }
  return checked;
}
