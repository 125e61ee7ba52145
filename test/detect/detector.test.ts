/**
 * The detection test set: every row of test/fixtures/detect/cases.yaml is a reference as a court, the
 * UN or a writer spells it, with what must be found and what it must resolve to. Precision and
 * recall are computed per kind over the whole set and held at 0.95 or better; ordinary prose must
 * yield nothing; and pathological inputs must cost a number of attempts linear in their length.
 */
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { AuthorityDetector, DETECTION_KINDS, type Detection } from '../../src/detect/index.js';
import { readLibraryFile } from '../../src/corpus/citations/library.js';
import { PATTERN_ROWS, BACK_REFERENCE_ROWS, PINPOINT, BARE_PAGE, BRACKETED_PARAGRAPH } from '../../src/detect/patterns.js';
import { ReferenceScanner } from '../../src/detect/scanner.js';

const FIXTURES = path.resolve('test/fixtures/detect');

interface Expected {
  readonly kind: string;
  readonly id: string;
  readonly pin?: string | null;
  readonly key?: string | null;
}
interface Row extends Partial<Expected> {
  readonly text: string;
  readonly expect?: readonly Expected[];
}

const rows = parse(readFileSync(path.join(FIXTURES, 'cases.yaml'), 'utf8')) as Row[];
const library = readLibraryFile(readFileSync(path.join(FIXTURES, 'citations/library.yaml'), 'utf8'), 'citations/library.yaml');
// Resolution against what an anonymous reader may see: the internal entry must never be found.
const publicSources = library.entries.filter((entry) => entry.visibility === 'public');
const detector = new AuthorityDetector(publicSources);

const expectationsOf = (row: Row): Expected[] => (row.expect !== undefined ? [...row.expect] : [{ kind: row.kind!, id: row.id!, pin: row.pin ?? null, key: row.key ?? null }]);
const describeDetection = (found: Detection): Expected => ({ kind: found.kind, id: found.identifier, pin: found.pinpoint, key: found.resolution.key });
const same = (expected: Expected, found: Expected): boolean => expected.kind === found.kind && String(expected.id) === found.id && (expected.pin ?? null) === found.pin && (expected.key ?? null) === found.key;

describe('the detection test set', () => {
  test('holds at least 150 reference strings', () => {
    expect(rows.length).toBeGreaterThanOrEqual(150);
    expect(library.diagnostics).toEqual([]);
  });

  test.each(rows.map((row) => [row.text, row] as const))('%s', (_text, row) => {
    const found = detector.detect(row.text).map(describeDetection);
    expect(found).toEqual(expectationsOf(row).map((expected) => ({ kind: expected.kind, id: String(expected.id), pin: expected.pin ?? null, key: expected.key ?? null })));
  });

  test('precision and recall are at least 0.95 for every kind', () => {
    const counts = new Map(DETECTION_KINDS.map((kind) => [kind, { truePositives: 0, falsePositives: 0, falseNegatives: 0 }]));
    for (const row of rows) {
      const remaining = expectationsOf(row);
      for (const found of detector.detect(row.text).map(describeDetection)) {
        const index = remaining.findIndex((expected) => same(expected, found));
        const count = counts.get(found.kind as (typeof DETECTION_KINDS)[number])!;
        if (index === -1) count.falsePositives++;
        else {
          count.truePositives++;
          remaining.splice(index, 1);
        }
      }
      for (const missed of remaining) counts.get(missed.kind as (typeof DETECTION_KINDS)[number])!.falseNegatives++;
    }
    for (const [kind, count] of counts) {
      expect({ kind, total: count.truePositives + count.falseNegatives }).toEqual({ kind, total: expect.any(Number) });
      expect(count.truePositives + count.falseNegatives).toBeGreaterThan(0);
      const precision = count.truePositives / Math.max(1, count.truePositives + count.falsePositives);
      const recall = count.truePositives / Math.max(1, count.truePositives + count.falseNegatives);
      expect({ kind, precision: precision >= 0.95, recall: recall >= 0.95 }).toEqual({ kind, precision: true, recall: true });
    }
  });
});

describe('ordinary prose', () => {
  test('dates, money, phone numbers, percentages and statute-like numbers yield no detection', () => {
    const prose = readFileSync(path.join(FIXTURES, 'plain-prose.txt'), 'utf8');
    expect(detector.detect(prose).map((found) => found.text)).toEqual([]);
  });
});

describe('resolution', () => {
  test('an identifier two entries share stays unresolved, with both as candidates', () => {
    const [found] = detector.detect('A/74/10');
    expect(found!.resolution).toEqual({ key: null, confidence: 0, method: 'ambiguous', candidates: ['ilc-report-2019', 'ilc-report-2019-chapter'] });
  });

  test('an internal entry resolves for a reader who may see it, and for no one else', () => {
    const everything = new AuthorityDetector(library.entries);
    expect(everything.detect('CAT/C/GC/3')[0]!.resolution.key).toBe('cat-gc-3');
    expect(detector.detect('CAT/C/GC/3')[0]!.resolution).toMatchObject({ key: null, method: 'not-in-library', candidates: [] });
  });

  test('spans give offsets, line and column', () => {
    const [found] = detector.detect('First line.\nSee  ICTR-96-4-T, para. 516 here.');
    expect(found!.span).toEqual({ start: 17, end: 39, line: 2, column: 6 });
    expect(found!.text).toBe('ICTR-96-4-T, para. 516');
  });

  test('a UN symbol says its body, session and kind', () => {
    expect(detector.detect('A/HRC/47/22')[0]!.details).toMatchObject({ body: 'Human Rights Council', session: '47', kind: 'document' });
    expect(detector.detect('A/RES/96(I)')[0]!.details).toMatchObject({ body: 'General Assembly', session: 'I', kind: 'resolution' });
    expect(detector.detect('E/CN.4/2005/102/Add.1')[0]!.details).toMatchObject({ body: 'Commission on Human Rights', year: '2005', kind: 'addendum' });
    expect(detector.detect('CCPR/C/GC/36')[0]!.details).toMatchObject({ body: 'Human Rights Committee', kind: 'general comment', number: '36' });
  });
});

describe('linear scanning', () => {
  /** Quantifiers outside character classes: `+`, `*` and `{n,}` are unbounded. */
  const unbounded = (source: string): boolean => /(?:^|[^\\])(?:[+*]|\{\d+,\})/.test(source.replace(/\\./g, '').replace(/\[[^\]]*\]/g, ''));

  test('no pattern has an unbounded quantifier', () => {
    const scanner = new ReferenceScanner();
    const sources = [...scanner.rows.map((row) => row.pattern.source), ...[...PATTERN_ROWS, ...BACK_REFERENCE_ROWS].flatMap((row) => (row.continuation ? [row.continuation.source] : [])), PINPOINT.source, BARE_PAGE.source, BRACKETED_PARAGRAPH.source];
    expect(sources.filter(unbounded)).toEqual([]);
    // The checker itself must catch what it is for.
    expect(unbounded('(a+)+b')).toBe(true);
    expect(unbounded('x{2,}')).toBe(true);
  });

  test.each([
    ['slashes after a UN prefix', 'A/'],
    ['an ICTY number that never ends', 'IT-98-'],
    ['nested article parentheses', 'Article 7(1)(1)(1)(1)(1) of the '],
    ['ICC fragments', 'ICC-01/04-'],
    ['application numbers without an end', 'Application no. 1/1, '],
    ['brackets and years', '[2000] 1 '],
    ['OJ without a page', 'OJ L 1 I, 1.1.2000, '],
    ['back-references', 'ibid. supra n. 1 (n 1) '],
    ['digits and spaces', '1 1 1 1 '],
    ['parentheses', '(((('],
  ])('%s: attempts grow linearly with the text', (_name, unit) => {
    const scanner = new ReferenceScanner();
    const attemptsFor = (copies: number): number => {
      const counter = { attempts: 0 };
      scanner.scan(unit.repeat(copies), { counter });
      return counter.attempts;
    };
    const small = attemptsFor(2000);
    const large = attemptsFor(20000);
    // At most a few attempts per character, and ten times the text costs ten times the work.
    expect(large).toBeLessThanOrEqual(unit.length * 20000 * 4);
    expect(large).toBeLessThanOrEqual(small * 10 + 10);
  });
});

describe('the prefilter', () => {
  // The scanner only tries places its combined hint expression finds; a hint stricter than its
  // row's quick test would silently lose references, so each must hold wherever the quick test does.
  test('every row’s hint holds wherever its quick test does, over the test set and plain prose', () => {
    const scanner = new ReferenceScanner();
    const texts = [...rows.map((row) => row.text), readFileSync(path.join(FIXTURES, 'plain-prose.txt'), 'utf8')];
    const missed: string[] = [];
    let checked = 0;
    for (const row of scanner.rows) {
      if (row.hint === undefined || row.quick === undefined) continue;
      const hint = new RegExp(`(?:${row.hint})`, 'y');
      for (const text of texts) {
        for (let index = 0; index < text.length; index++) {
          if (!row.starts.includes(text[index]!) || !row.quick(text, index)) continue;
          checked++;
          hint.lastIndex = index;
          if (!hint.test(text)) missed.push(`${row.name} at ${JSON.stringify(text.slice(index, index + 20))}`);
        }
      }
    }
    expect(missed).toEqual([]);
    expect(checked).toBeGreaterThan(rows.length);
  });
});
