/**
 * The citation scanner takes a number of steps proportional to its input, whatever the input:
 * nested unclosed brackets once made it exponential (64 bytes of `[@a ` held `serve --watch` for
 * 30 s). The scanner counts its steps, so linearity is checked by counting, never by timing.
 */
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { MAX_CITATION_NESTING, scanReferences, type Piece, type Unit } from '../../src/syntax/reference-syntax.js';

/** Steps allowed per unit: a handful per pass, plus one copy per level of kept nesting. */
const STEPS_PER_UNIT = 8 + MAX_CITATION_NESTING;

function unitsOf(text: string): Unit[] {
  return Array.from(text, (ch, offset) => ({ ch, escaped: false, offset }));
}

function stepsFor(text: string): { steps: number; length: number } {
  const counter = { steps: 0 };
  const units = unitsOf(text);
  scanReferences(units, { counter });
  return { steps: counter.steps, length: units.length };
}

const pathological: Array<[string, (repeats: number) => string]> = [
  ['nested unclosed citations', (k) => '[@a '.repeat(k)],
  ['opening brackets', (k) => '['.repeat(k)],
  ['unclosed wiki-links', (k) => '[[x|'.repeat(k)],
  ['unclosed braced keys', (k) => '@{'.repeat(k)],
  ['balanced braced keys', (k) => '@{'.repeat(k) + '}'.repeat(k)],
  ['nested closed citations', (k) => '[@a '.repeat(k) + ']'.repeat(k)],
  ['unclosed item lists', (k) => '[@a; '.repeat(k)],
  ['textual citations with open locators', (k) => '@a ['.repeat(k)],
  ['a mixture', (k) => '[see @a [p. 1; -@b [@c; '.repeat(k)],
  ['link-like brackets', (k) => '[@a](['.repeat(k)],
];

describe('scanning takes steps in proportion to the input', () => {
  test.each(pathological)('%s', (_name, make) => {
    for (const repeats of [16, 160, 1600, 16000]) {
      const { steps, length } = stepsFor(make(repeats));
      // At least one step per unit, so a scanner that stopped counting would fail here.
      expect(steps).toBeGreaterThanOrEqual(length);
      expect(steps).toBeLessThanOrEqual(STEPS_PER_UNIT * length);
    }
  });

  test('any mixture of the syntax characters', () => {
    const syntax = fc.constantFrom('[', ']', '@', '-', ';', '{', '}', '|', '!', '(', '^', ' ', '\n', 'a', 'p', '.', ':', '/');
    fc.assert(
      fc.property(fc.array(syntax, { maxLength: 3000 }), (chars) => {
        const { steps, length } = stepsFor(chars.join(''));
        expect(steps).toBeLessThanOrEqual(STEPS_PER_UNIT * length + 1);
      }),
      { numRuns: 200 },
    );
  });
});

function clusters(pieces: readonly Piece[]): number {
  let count = 0;
  const pending = [...pieces];
  while (pending.length > 0) {
    const piece = pending.pop()!;
    if (piece.kind !== 'cluster') continue;
    count++;
    for (const item of piece.cluster.items) pending.push(...item.prefix, ...item.suffix);
  }
  return count;
}

describe('what the scanner finds in pathological input', () => {
  test('the 64 bytes that once blocked the server read as pandoc reads them', () => {
    const pieces = scanReferences(unitsOf('[@a '.repeat(16)));
    // Pandoc reads each `@a` as an author-in-text citation; the brackets stay text.
    expect(clusters(pieces)).toBe(16);
  });

  test('citations nested deeper than the limit stay text, and are reported', () => {
    const depth = MAX_CITATION_NESTING + 3;
    const tooDeep: number[] = [];
    const text = '[see @a '.repeat(depth) + ']'.repeat(depth);
    const pieces = scanReferences(unitsOf(text), { onTooDeep: (offset) => tooDeep.push(offset) });
    expect(clusters(pieces)).toBe(MAX_CITATION_NESTING);
    expect(tooDeep).toEqual(['[see @a '.length * MAX_CITATION_NESTING]);
  });

  test('nesting within the limit is kept whole', () => {
    const text = '[see @a '.repeat(MAX_CITATION_NESTING) + ']'.repeat(MAX_CITATION_NESTING);
    const tooDeep: number[] = [];
    expect(clusters(scanReferences(unitsOf(text), { onTooDeep: (offset) => tooDeep.push(offset) }))).toBe(MAX_CITATION_NESTING);
    expect(tooDeep).toEqual([]);
  });
});
