/**
 * The names of the static search's shard files: made from each shard's key alone, distinct for
 * distinct keys even where a file system ignores case, and safe in a URL and a file name.
 */
import { describe, expect, test } from '@jest/globals';
import { shardFileName } from '../../src/search/static-shards.js';

describe('a shard file name', () => {
  test.each([
    ['', '_'],
    ['genocid', 'genocid'],
    ['art2', 'art2'],
    ['a/', 'a_002f'],
    ['_', '_005f'],
    ['Ab', '_0041b'],
    ['é', '_00e9'],
    ['жен', '_0436_0435_043d'],
    ['..', '_002e_002e'],
    ['😀', '_d83d_de00'],
  ])('of the key %j is %j', (key, name) => {
    expect(shardFileName(key)).toBe(name);
  });

  test('differs for every two keys, compared without case, and holds only letters a–z, digits and underscores', () => {
    const keys = ['', '_', 'a', 'A', 'a_', 'a_0061', 'ab', 'aB', 'Ab', 'é', 'É', 'e\u0301', 'ß', 'ss', '0', '00', '\u0000', '/', '\\', '.'];
    const names = keys.map(shardFileName);
    expect(new Set(names.map((name) => name.toLowerCase())).size).toBe(keys.length);
    for (const name of names) expect(name).toMatch(/^[a-z0-9_]+$/);
  });
});
