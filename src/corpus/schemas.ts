/**
 * The frontmatter contract of every record type, as zod schemas, and the translation of their
 * failures into diagnostics that name the field and say why.
 */
import { z } from 'zod';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import type { YamlSource } from '../syntax/yaml-source.js';
import { didYouMean, nearestIds } from '../syntax/suggest.js';

/** A text field; numbers are accepted and kept as written (`locator: 12`). */
const text = z.union([z.string(), z.number()]).transform(String);
const requiredText = z
  .union([z.string(), z.number()])
  .transform(String)
  .refine((value) => value.trim() !== '', { message: 'must not be empty' });
/** A list of texts; a single text is accepted as a list of one. */
const textList = z.union([text.transform((value) => [value]), z.array(text)]);
/**
 * Any value is accepted here: `readVisibilityValue` reports a bad one and treats its record as
 * internal, where a failed schema would drop the record (or, in `_defaults.yaml`, the default).
 */
const visibility = z.unknown();
/** Dates stay strings here; `checkDates` reports an invalid one with its own code. */
const date = z.union([z.string(), z.number()]).transform(String);

export const memoFrontmatter = z.object({
  id: text.optional(),
  title: requiredText,
  summary: text.optional(),
  topics: textList.optional(),
  jurisdiction: text.optional(),
  status: z.enum(['draft', 'final']).optional(),
  visibility: visibility.optional(),
  authors: textList.optional(),
  updated: date.optional(),
});

export const statementFrontmatter = z.object({
  id: text.optional(),
  speaker: requiredText,
  role: text.optional(),
  event: text.optional(),
  date: date.optional(),
  language: text.optional(),
  kind: z.enum(['verbatim', 'paraphrase', 'translation']),
  source: requiredText,
  locator: text.optional(),
  /** The editors' note on the statement's wording: whose translation it is, words the publisher inserted. */
  note: text.optional(),
  topics: textList.optional(),
  visibility: visibility.optional(),
});

export const speakerFrontmatter = z.object({
  id: text.optional(),
  name: requiredText,
  roles: z
    .array(
      z.object({
        title: requiredText,
        organisation: text.optional(),
        from: date.optional(),
        to: date.optional(),
      }),
    )
    .optional(),
  topics: textList.optional(),
  visibility: visibility.optional(),
});

export const eventFrontmatter = z.object({
  id: text.optional(),
  title: requiredText,
  date: date.optional(),
  start: date.optional(),
  end: date.optional(),
  place: text.optional(),
  online: z.boolean().optional(),
  organiser: text.optional(),
  source: text.optional(),
  topics: textList.optional(),
  visibility: visibility.optional(),
});

/** `_defaults.yaml`: what the records of a folder (and below) are unless they say otherwise. */
export const folderDefaults = z.object({
  visibility: visibility.optional(),
});

/** `corpus/elements/*.yaml`: a legal test broken into its elements. */
export const elementSetFile = z.object({
  id: text.optional(),
  title: requiredText,
  description: text.optional(),
  elements: z
    .array(
      z.object({
        id: requiredText,
        label: requiredText,
        description: text.optional(),
        authority: z.object({ key: requiredText, locator: text.optional() }).optional(),
      }),
    )
    .min(1),
});

export const topicEntry = z.object({
  id: requiredText,
  label: requiredText,
  description: text.optional(),
  broader: text.optional(),
  synonyms: z.array(requiredText).optional(),
});

/** The date fields of each record type, checked after the schema. */
export const DATE_FIELDS = ['updated', 'date', 'start', 'end', 'from', 'to'] as const;

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, and a real calendar date. */
export function isValidDate(value: string): boolean {
  return dateProblem(value) === null;
}

/**
 * What is wrong with a date, in words that say how to mend it, or null when it is a real
 * `YYYY`, `YYYY-MM` or `YYYY-MM-DD` date.
 */
export function dateProblem(value: string): string | null {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (match === null) return 'write it as YYYY, YYYY-MM or YYYY-MM-DD';
  const [, year, month, day] = match;
  if (month === undefined) return null;
  const monthNumber = Number(month);
  if (monthNumber < 1 || monthNumber > 12) return `it is a date that does not exist: there is no month ${monthNumber}`;
  if (day === undefined) return null;
  const dayNumber = Number(day);
  const daysInMonth = new Date(Date.UTC(Number(year), monthNumber, 0)).getUTCDate();
  if (dayNumber >= 1 && dayNumber <= daysInMonth) return null;
  return `it is a date that does not exist: month ${monthNumber} of ${year} has ${daysInMonth} days`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function valueAt(data: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current = data;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function fieldName(path: ReadonlyArray<PropertyKey>): string {
  return path.map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index > 0 ? '.' : ''}${String(key)}`)).join('');
}

/** What validating a record's fields gave: the fields that could be read, and every problem. */
export interface ValidatedFields<T> {
  /** The fields, with those that are invalid left out (and required ones filled from `fallback`); null when even that fails. */
  readonly data: T | null;
  /** The top-level fields left out because their value is invalid. */
  readonly dropped: ReadonlySet<string>;
  readonly diagnostics: Diagnostic[];
}

/**
 * Validates YAML data against a schema. Each failure becomes a diagnostic at the field's
 * position; unknown fields are reported too, since they are usually misspellings, with the
 * nearest known field. A field whose value is invalid is left out and the rest kept, so one bad
 * field never hides the record: a required field that is missing or invalid takes its value from
 * `fallback` when there is one.
 */
export function validateFields<S extends z.ZodObject>(
  schema: S,
  yaml: YamlSource,
  basePath: ReadonlyArray<string | number> = [],
  what = 'frontmatter',
  fallback: Readonly<Record<string, unknown>> = {},
): ValidatedFields<z.output<S>> {
  const diagnostics: Diagnostic[] = [];
  const dropped = new Set<string>();
  const value = basePath.length === 0 ? yaml.value : valueAt(yaml.value, basePath);
  // Empty frontmatter (`---` twice) is a mapping with no fields: report the fields it lacks.
  const data = value === null ? {} : value;
  // YAML that could not be read has been reported already; its fields cannot be checked.
  if (data === undefined && yaml.diagnostics.length > 0) return { data: null, dropped, diagnostics };
  if (data === undefined || typeof data !== 'object' || Array.isArray(data)) {
    const found = data === undefined ? 'nothing' : describe(data);
    diagnostics.push(diagnostic(yaml.placeOf(basePath), 'invalid-field', `${what} must be a mapping of fields, found ${found}`));
    return { data: null, dropped, diagnostics };
  }
  const known = new Set(Object.keys(schema.shape));
  for (const key of Object.keys(data)) {
    if (!known.has(key)) {
      const nearest = nearestIds(key, known);
      const advice = nearest.length > 0 ? didYouMean(nearest, (field) => `"${field}"`) : `; known fields: ${[...known].join(', ')}`;
      diagnostics.push(
        diagnostic(yaml.keyPlaceOf([...basePath, key]), 'unknown-field', `unknown field "${key}" in ${what}${advice}`, { replace: key, suggestions: nearest }),
      );
    }
  }
  const result = schema.safeParse(data);
  let kept: z.output<S> | null = result.success ? result.data : null;
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
      const name = fieldName(path);
      const actual = valueAt(data, path);
      if (path.length > 0) dropped.add(String(path[0]));
      if (actual === undefined) {
        // Reported where the mapping that lacks the field begins.
        const parent = yaml.placeOf([...basePath, ...path.slice(0, -1)]);
        diagnostics.push(diagnostic(parent, 'missing-field', `missing required field "${name}" in ${what}`));
        continue;
      }
      let reason = issue.message;
      let fix: { replace: string; suggestions: string[] } | undefined;
      if (issue.code === 'invalid_value') {
        const allowed = issue.values.map(String);
        const nearest = typeof actual === 'string' ? nearestIds(actual, allowed) : [];
        fix = typeof actual === 'string' ? { replace: actual, suggestions: nearest } : undefined;
        reason = `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}${didYouMean(nearest, (id) => JSON.stringify(id))}`;
      } else if (issue.code === 'invalid_union' || issue.code === 'invalid_type') reason = `has the wrong type (${describe(actual)})`;
      diagnostics.push(diagnostic(yaml.placeOf([...basePath, ...path]), 'invalid-field', `field "${name}" ${reason}`, fix));
    }
    // The record is read without its invalid fields, so its other problems are still found.
    const readable: Record<string, unknown> = { ...fallback };
    for (const [key, item] of Object.entries(data)) if (!dropped.has(key)) readable[key] = item;
    const retried = schema.safeParse(readable);
    kept = retried.success ? retried.data : null;
  }
  for (const field of DATE_FIELDS) checkDate(data, [field]);
  const roles = (data as { roles?: unknown }).roles;
  if (Array.isArray(roles)) roles.forEach((_, index) => ['from', 'to'].forEach((field) => checkDate(data, ['roles', index, field])));
  return { data: kept, dropped, diagnostics };

  function checkDate(record: object, path: Array<string | number>): void {
    const value = valueAt(record, path);
    const problem = typeof value === 'string' || typeof value === 'number' ? dateProblem(String(value)) : null;
    if (problem !== null) {
      diagnostics.push(diagnostic(yaml.placeOf([...basePath, ...path]), 'invalid-date', `field "${fieldName(path)}" is not a date: ${JSON.stringify(value)}; ${problem}`));
    }
  }
}
