/** What a bibliography export covers, as the reader writes it in `scope=`: read, or refused with the forms it can take. */
import { describe, expect, test } from '@jest/globals';
import { parseScope, ScopeError } from '../../src/export/scopes.js';

describe('the forms of a scope', () => {
  test.each([
    ['all', false, { kind: 'all' }],
    ['library', false, { kind: 'all' }],
    ['memo:genocide', false, { kind: 'memo', id: 'genocide', linked: false }],
    ['memo:genocide', true, { kind: 'memo', id: 'genocide', linked: true }],
    ['topic:law', false, { kind: 'topic', id: 'law' }],
    ['query:"state immunity" AND genocide', false, { kind: 'query', q: '"state immunity" AND genocide' }],
    ['keys: akayesu , ,un:A/HRC/51/41,', false, { kind: 'keys', keys: ['akayesu', 'un:A/HRC/51/41'] }],
  ])('%j (linked %s)', (text, linked, scope) => {
    expect(parseScope(text, linked)).toEqual(scope);
  });
});

describe('a scope it cannot read', () => {
  test.each([
    ['nonsense', 'unknown scope "nonsense": use memo:ID, topic:ID, query:TEXT, keys:KEY,KEY or all'],
    ['source:akayesu', 'unknown scope "source:akayesu": use memo:ID, topic:ID, query:TEXT, keys:KEY,KEY or all'],
    ['', 'unknown scope "": use memo:ID, topic:ID, query:TEXT, keys:KEY,KEY or all'],
    [`${'x'.repeat(100)}:y`, `unknown scope "${'x'.repeat(60)}": use memo:ID, topic:ID, query:TEXT, keys:KEY,KEY or all`],
  ])('%j', (text, message) => {
    let thrown: unknown;
    try {
      parseScope(text);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ScopeError);
    expect((thrown as ScopeError).message).toBe(message);
    expect((thrown as ScopeError).notFound).toBe(false);
  });
});
