/**
 * The frontmatter contract of every record type, as zod schemas, and the translation of their
 * failures into diagnostics that name the field and say why.
 */
import { z } from 'zod';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import type { YamlSource } from './yaml-source.js';

/** A text field; numbers are accepted and kept as written (`locator: 12`). */
const text = z.union([z.string(), z.number()]).transform(String);
const requiredText = z
  .union([z.string(), z.number()])
  .transform(String)
  .refine((value) => value.trim() !== '', { message: 'must not be empty' });
/** A list of texts; a single text is accepted as a list of one. */
const textList = z.union([text.transform((value) => [value]), z.array(text)]);
const visibility = z.enum(['public', 'internal']);
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
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (match === null) return false;
  const [, year, month, day] = match;
  if (month === undefined) return true;
  const monthNumber = Number(month);
  if (monthNumber < 1 || monthNumber > 12) return false;
  if (day === undefined) return true;
  const dayNumber = Number(day);
  const daysInMonth = new Date(Date.UTC(Number(year), monthNumber, 0)).getUTCDate();
  return dayNumber >= 1 && dayNumber <= daysInMonth;
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

/**
 * Validates YAML data against a schema. Each failure becomes a diagnostic at the field's
 * position; unknown fields are reported too, since they are usually misspellings.
 */
export function validateFields<S extends z.ZodObject>(
  schema: S,
  yaml: YamlSource,
  basePath: ReadonlyArray<string | number> = [],
  what = 'frontmatter',
): { data: z.output<S> | null; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const value = basePath.length === 0 ? yaml.value : valueAt(yaml.value, basePath);
  // Empty frontmatter (`---` twice) is a mapping with no fields: report the fields it lacks.
  const data = value === null ? {} : value;
  // YAML that could not be read has been reported already; its fields cannot be checked.
  if (data === undefined && yaml.diagnostics.length > 0) return { data: null, diagnostics };
  if (data === undefined || typeof data !== 'object' || Array.isArray(data)) {
    const found = data === undefined ? 'nothing' : describe(data);
    diagnostics.push(diagnostic(yaml.placeOf(basePath), 'invalid-field', `${what} must be a mapping of fields, found ${found}`));
    return { data: null, diagnostics };
  }
  const known = new Set(Object.keys(schema.shape));
  for (const key of Object.keys(data)) {
    if (!known.has(key)) {
      diagnostics.push(
        diagnostic(yaml.keyPlaceOf([...basePath, key]), 'unknown-field', `unknown field "${key}" in ${what}; known fields: ${[...known].join(', ')}`),
      );
    }
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
      const name = fieldName(path);
      const actual = valueAt(data, path);
      if (actual === undefined) {
        // Reported where the mapping that lacks the field begins.
        const parent = yaml.placeOf([...basePath, ...path.slice(0, -1)]);
        diagnostics.push(diagnostic(parent, 'missing-field', `missing required field "${name}" in ${what}`));
        continue;
      }
      let reason = issue.message;
      if (issue.code === 'invalid_value') reason = `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
      else if (issue.code === 'invalid_union' || issue.code === 'invalid_type') reason = `has the wrong type (${describe(actual)})`;
      diagnostics.push(diagnostic(yaml.placeOf([...basePath, ...path]), 'invalid-field', `field "${name}" ${reason}`));
    }
  }
  for (const field of DATE_FIELDS) checkDate(data, [field]);
  const roles = (data as { roles?: unknown }).roles;
  if (Array.isArray(roles)) roles.forEach((_, index) => ['from', 'to'].forEach((field) => checkDate(data, ['roles', index, field])));
  return { data: result.success ? result.data : null, diagnostics };

  function checkDate(record: object, path: Array<string | number>): void {
    const value = valueAt(record, path);
    if ((typeof value === 'string' || typeof value === 'number') && !isValidDate(String(value))) {
      diagnostics.push(
        diagnostic(
          yaml.placeOf([...basePath, ...path]),
          'invalid-date',
          `field "${fieldName(path)}" is not a date: ${JSON.stringify(value)}; write YYYY, YYYY-MM or YYYY-MM-DD`,
        ),
      );
    }
  }
}
