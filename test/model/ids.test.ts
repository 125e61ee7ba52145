/**
 * Ids go into URLs and file names: a record id is plain and can never step out of a folder; a cite
 * key is Pandoc's (anything without white space or braces). Branding an invalid one is a
 * programmer's mistake and throws a TypeError that says what to do.
 */
import { describe, expect, test } from '@jest/globals';
import { citeKey, isCiteKey, isEventId, isMemoId, isRecordId, isSpeakerId, isStatementId, isTopicId, memoId, nameBucket, topicId } from '../../src/model/ids.js';
import { recordRefOf } from '../../src/model/records.js';

describe('record ids', () => {
  test.each([
    ['genocide-religious-group', true],
    ['Art.6_draft', true],
    ['a', true],
    ['x'.repeat(128), true],
    ['x'.repeat(129), false],
    ['', false],
    ['-leading-dash', false],
    ['.hidden', false],
    ['a..b', false],
    ['../etc/passwd', false],
    ['a/b', false],
    ['a\\b', false],
    ['with space', false],
    ['ümlaut', false],
    ['a%2Fb', false],
    ['a:b', false],
  ])('%j is a record id: %s', (id, valid) => {
    expect(isRecordId(id)).toBe(valid);
  });
});

describe('cite keys', () => {
  test.each([
    ['akayesu-1998', true],
    ['un:A/HRC/51/41', true],
    ['Müller2020', true],
    ['doi:10.1000/182', true],
    ['k'.repeat(256), true],
    ['k'.repeat(257), false],
    ['', false],
    ['two words', false],
    ['tab\there', false],
    ['brace{d}', false],
  ])('%j is a cite key: %s', (key, valid) => {
    expect(isCiteKey(key)).toBe(valid);
  });
});

describe('narrowing guards for record ids', () => {
  // Each kind of record id follows the same rule, so a guard that drifted from it would show here.
  const guards = { isMemoId, isStatementId, isSpeakerId, isEventId, isTopicId };
  test.each([
    ['genocide-religious-group', true],
    ['Art.6_draft', true],
    ['', false],
    ['a..b', false],
    ['../etc/passwd', false],
    ['a/b', false],
    ['with space', false],
    ['x'.repeat(129), false],
  ])('%j passes every record-id guard: %s', (id, valid) => {
    for (const [name, guard] of Object.entries(guards)) expect([name, guard(id)]).toEqual([name, valid]);
  });

  test('a string that passes is usable as the branded id without a cast', () => {
    const found = new Map([[memoId('akayesu-memo'), 'the memo']]);
    const asked: string = 'akayesu-memo';
    expect(isMemoId(asked) ? found.get(asked) : undefined).toBe('the memo');
  });
});

describe('a record reference from unchecked input', () => {
  test.each([
    ['memo', 'genocide', { type: 'memo', id: 'genocide' }],
    ['topic', 'Art.6_draft', { type: 'topic', id: 'Art.6_draft' }],
    ['source', 'un:A/HRC/51/41', { type: 'source', id: 'un:A/HRC/51/41' }],
    ['statement', 'un:A/HRC/51/41', null],
    ['speaker', '../etc/passwd', null],
    ['event', '', null],
    ['source', 'two words', null],
  ] as const)('a %s with id %j gives %j', (type, id, expected) => {
    expect(recordRefOf(type, id)).toEqual(expected);
  });
});

describe('branding', () => {
  test('a valid id comes back unchanged', () => {
    expect(memoId('genocide')).toBe('genocide');
    expect(citeKey('un:A/HRC/51/41')).toBe('un:A/HRC/51/41');
  });

  test.each([
    [() => memoId('../x'), '"../x" is not a valid memo id; check it with the matching is…() guard before branding it'],
    [() => topicId(''), '"" is not a valid topic id; check it with the matching is…() guard before branding it'],
    [() => citeKey('a b'), '"a b" is not a valid cite key; check it with the matching is…() guard before branding it'],
  ])('an invalid one throws a TypeError saying so (%#)', (brand, message) => {
    expect(brand).toThrow(new TypeError(message));
  });
});

describe('nameBucket', () => {
  test('is the 32-bit FNV-1a hash of the name, modulo the number of buckets', () => {
    // The published FNV-1a test vectors: the offset basis for "", 0xe40c292c for "a", 0xbf9cf968 for "foobar".
    expect(nameBucket('', 2 ** 32)).toBe(0x811c9dc5);
    expect(nameBucket('a', 2 ** 32)).toBe(0xe40c292c);
    expect(nameBucket('foobar', 2 ** 32)).toBe(0xbf9cf968);
    expect(nameBucket('foobar', 64)).toBe(0xbf9cf968 % 64);
  });

  test('spreads many names evenly over the buckets', () => {
    const counts = new Array<number>(64).fill(0);
    for (let n = 0; n < 10000; n++) counts[nameBucket(`corpus/memos/memo-${n}.md`, 64)]!++;
    expect(Math.min(...counts)).toBeGreaterThan(100);
    expect(Math.max(...counts)).toBeLessThan(220);
  });
});
