/**
 * The word helpers the static build counts with: plainWordStarts walks a text as plainWords'
 * expression matches it, and foldDiacritics gives plain ASCII words as decomposing them would.
 */
import { describe, expect, test } from '@jest/globals';
import { foldDiacritics, plainWords, plainWordStarts } from '../../src/search/analysis.js';

const TRICKY = ['a', 'B', '0', ' ', "'", '’', '-', '.', 'é', 'e\u0301', '\u0301', 'ć', 'Ž', '٣', '²', 'Ⅻ', '𝐀', '𝟗', '\ud800', '\udc00', '😀', '中', 'ß', 'İ', '\u00a0', '\n', '(', '/', 'ǅ', 'ʼ', '_'];

/** Short texts of tricky characters, the same on every run. */
function generatedTexts(count: number): string[] {
  let state = 7;
  const next = (below: number): number => (state = (state * 1103515245 + 12345) % 2147483648) % below;
  return Array.from({ length: count }, () => Array.from({ length: next(10) }, () => TRICKY[next(TRICKY.length)]).join(''));
}

describe('plainWordStarts', () => {
  test.each([
    ['', []],
    ['The State’s duty', [0, 4, 12]],
    ["it's2 l’Homme 'quoted'", [0, 4, 6, 15]],
    ['Krstić, Ažubalis; e\u0301tat', [0, 8, 18, 20]],
    ['𝐀𝐁 😀 ٣٤ x', [0, 8, 11]],
    ['A/RES/96 (I)', [0, 2, 6, 10]],
  ])('%j: %j', (text, starts) => {
    expect(plainWordStarts(text)).toEqual(starts);
  });

  test('starts where plainWords’ words start, for texts of letters, digits, marks, apostrophes and lone surrogates', () => {
    const texts = generatedTexts(20000);
    const differing = texts.filter((text) => plainWordStarts(text).join(' ') !== plainWords(text).map((word) => word.start).join(' '));
    expect(differing).toEqual([]);
    expect(texts.filter((text) => plainWordStarts(text).length > 1).length).toBeGreaterThan(1000);
  });
});

describe('foldDiacritics', () => {
  test.each([
    ['Krstić', 'krstic'],
    ['Ažubalis', 'azubalis'],
    ['e\u0301tat', 'etat'],
    ['GENOCIDE', 'genocide'],
    ['İstanbul', 'istanbul'],
  ])('%j is %j', (word, folded) => {
    expect(foldDiacritics(word)).toBe(folded);
  });

  test('a plain ASCII word folds as its decomposition does', () => {
    for (const text of ['Genocide', "State's", 'A/RES/96(I)', '~!@#$%^&*()_+{}|:"<>?', '\u0000\u007f']) expect(foldDiacritics(text)).toBe(text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase());
  });
});
