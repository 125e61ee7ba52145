/**
 * A bibliography entry checked against the CSL data schema: each problem at the place of its
 * field, naming the entry and the fix, and the entry still loaded without what cannot be printed.
 */
import { describe, expect, test } from '@jest/globals';
import { validateCslItem, type FieldPlace } from '../../../src/corpus/citations/entry-validation.js';
import type { Diagnostic } from '../../../src/model/diagnostic.js';

const FILE = 'citations/library.yaml';
/** Fields sit on successive lines in the order written; a key at column 3, its value at column 10. */
function check(item: Record<string, unknown>) {
  const fields = Object.keys(item);
  const placeOf: FieldPlace = (field, of) => ({ file: FILE, line: fields.indexOf(field) + 1, column: of === 'key' ? 3 : 10 });
  const diagnostics: Diagnostic[] = [];
  const checked = validateCslItem(item, 'entry-key', placeOf, diagnostics);
  return { checked, diagnostics: diagnostics.map(({ line, column, severity, code, message }) => ({ line, column, severity, code, message })) };
}

describe('an entry as CSL knows it passes unchanged', () => {
  test.each([
    [{ type: 'legal_case', title: 'Prosecutor v. Akayesu', authority: 'ICTR', issued: { 'date-parts': [[1998, 9, 2]] } }],
    [{ type: 'treaty', title: 'Convention', issued: { 'date-parts': [[1948, 12, 9], [1951, 1, 12]] } }],
    [{ type: 'book', author: [{ family: 'Robertson', given: 'Geoffrey' }], issued: '2010-02' }],
    [{ type: 'report', title: 'A report', issued: { literal: 'Spring 2023' }, custom: { visibility: 'internal' } }],
    [{ type: 'article-journal', issued: { 'date-parts': [['2024', '2', '29']] }, 'citation-key': 'x', _graph: [] }],
  ])('%j', (item) => {
    const { checked, diagnostics } = check(item);
    expect(diagnostics).toEqual([]);
    expect(checked).toEqual(item);
  });
});

describe('what is wrong is said where it is written; what cannot be printed is left out', () => {
  test.each([
    {
      mistake: 'a type CSL does not have, with the nearest offered',
      item: { title: 'T', type: 'legal-case' },
      diagnostic: { line: 2, column: 10, severity: 'error', code: 'invalid-field', message: 'entry "entry-key" has type "legal-case", which is not a CSL type (read as "document"); did you mean "legal_case"?' },
      checked: { title: 'T', type: 'document' },
    },
    {
      mistake: 'a field CSL does not know, with the nearest offered (kept: a warning loses no data)',
      item: { type: 'book', titel: 'T' },
      diagnostic: { line: 2, column: 3, severity: 'warning', code: 'unknown-field', message: 'entry "entry-key" has the field "titel", which CSL does not know; did you mean "title"?' },
      checked: { type: 'book', titel: 'T' },
    },
    {
      mistake: 'a field CSL does not know and nothing like it',
      item: { type: 'book', zzzzqqqq: 'x' },
      diagnostic: { line: 2, column: 3, severity: 'warning', code: 'unknown-field', message: 'entry "entry-key" has the field "zzzzqqqq", which CSL does not know; dossier\'s own fields go under "custom"' },
      checked: { type: 'book', zzzzqqqq: 'x' },
    },
    {
      mistake: 'a month that does not exist',
      item: { type: 'book', issued: { 'date-parts': [[2023, 45]] } },
      diagnostic: { line: 2, column: 10, severity: 'error', code: 'invalid-date', message: 'entry "entry-key": field "issued" is not a date: [2023,45] is a date that does not exist: there is no month 45 (for a season, write "season": 1 to 4 beside the year); the date is left out until it is mended' },
      checked: { type: 'book' },
    },
    {
      mistake: 'a day that does not exist',
      item: { type: 'book', issued: '2023-02-29' },
      diagnostic: { line: 2, column: 10, severity: 'error', code: 'invalid-date', message: 'entry "entry-key": field "issued" is not a date: ["2023","02","29"] is a date that does not exist: month 2 of 2023 has 28 days; the date is left out until it is mended' },
      checked: { type: 'book' },
    },
    {
      mistake: 'date parts that are not numbers',
      item: { type: 'book', accessed: { 'date-parts': [[2023, 'May']] } },
      diagnostic: { line: 2, column: 10, severity: 'error', code: 'invalid-date', message: 'entry "entry-key": field "accessed" is not a date: [2023,"May"] holds something that is not a whole number; the date is left out until it is mended' },
      checked: { type: 'book' },
    },
    {
      mistake: 'a date that is a list',
      item: { type: 'book', issued: [2023] },
      diagnostic: { line: 2, column: 10, severity: 'error', code: 'invalid-date', message: 'entry "entry-key": field "issued" is not a date: a date is a mapping with "date-parts" (or "literal" or "raw"); the date is left out until it is mended' },
      checked: { type: 'book' },
    },
    {
      mistake: 'names that are not a list',
      item: { type: 'book', author: 'Geoffrey Robertson' },
      diagnostic: { line: 2, column: 10, severity: 'error', code: 'invalid-field', message: 'entry "entry-key": field "author" must be a list of names (- family: …, given: …, or - literal: …)' },
      checked: { type: 'book' },
    },
  ])('$mistake', ({ item, diagnostic, checked }) => {
    const result = check(item);
    expect(result.diagnostics).toEqual([diagnostic]);
    expect(result.checked).toEqual(checked);
  });

  test('the entry given is not changed', () => {
    const item = { type: 'nonsense', issued: '2023-13' };
    check(item);
    expect(item).toEqual({ type: 'nonsense', issued: '2023-13' });
  });
});
