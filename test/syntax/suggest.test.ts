/** "Did you mean …?": one row per kind of typo, and the ids that must not be offered. */
import { describe, expect, test } from '@jest/globals';
import { didYouMean, nearestIds } from '../../src/syntax/suggest.js';

const IDS = ['akayesu-1998', 'nouri-2022', 'genocide-convention', 'genocide', 'universal-jurisdiction', 'robertson', 'conference-2021', 'un-a-hrc-47-22'];

describe('nearestIds', () => {
  test.each([
    ['two letters swapped', 'akaeysu-1998', ['akayesu-1998']],
    ['a missing hyphen', 'akayesu1998', ['akayesu-1998']],
    ['a hyphen too many', 'universal-juris-diction', ['universal-jurisdiction']],
    ['a wrong year', 'nouri-2023', ['nouri-2022']],
    ['a year far off', 'conference-2012', ['conference-2021']],
    ['a letter missing', 'genocde', ['genocide']],
    ['a letter wrong', 'robertsen', ['robertson']],
    ['capital letters', 'Robertson', ['robertson']],
    ['underscores for hyphens', 'un_a_hrc_47_22', ['un-a-hrc-47-22']],
  ])('%s: %s → %j', (_kind, written, expected) => {
    expect(nearestIds(written, IDS)).toEqual(expected);
  });

  test('nothing near is nothing offered', () => {
    expect(nearestIds('sanctions', IDS)).toEqual([]);
    expect(nearestIds('x', IDS)).toEqual([]);
  });

  test('the id itself is never offered, and at most three are', () => {
    expect(nearestIds('genocide', IDS)).not.toContain('genocide');
    expect(nearestIds('a-1', ['a-2', 'a-3', 'a-4', 'a-5', 'a-6']).length).toBe(3);
  });
});

test('didYouMean words one, two or three suggestions', () => {
  expect(didYouMean([])).toBe('');
  expect(didYouMean(['a'])).toBe('; did you mean a?');
  expect(didYouMean(['a', 'b', 'c'], (id) => `@${id}`)).toBe('; did you mean @a, @b or @c?');
});
