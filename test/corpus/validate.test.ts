/**
 * The validate stage: references to records that do not exist (with the nearest id, or what to
 * write), public records that point at internal ones, topic cycles, and records whose file cannot
 * be read reported there only.
 */
import { describe, expect, test } from '@jest/globals';
import { corpusOf } from '../helpers/memory-corpus.js';

const BASE: Record<string, string> = {
  'corpus/speakers/sp.md': '---\nname: A Speaker\n---\nBiography.\n',
  'citations/lib.yaml': '- id: src\n  type: report\n  title: A report\n',
};

test.each([
  ['a statement with no speaker', 'corpus/statements/st.md', '---\nkind: paraphrase\nsource: src\n---\nSaid.\n', 'statement:st'],
  ['a memo with no frontmatter', 'corpus/memos/other.md', 'Just text [@src].\n', 'other'],
  ['a memo whose YAML cannot be read', 'corpus/memos/other.md', '---\n{]\n---\nText [@src].\n', 'other'],
])('%s: its problems in its file, no "does not exist" elsewhere', (_case, file, text, link) => {
  const corpus = corpusOf({ ...BASE, [file]: text, 'corpus/memos/m.md': `---\ntitle: M\n---\nSee [[${link}]] [@src].\n` });
  expect(corpus.diagnostics.filter((d) => d.file === file && d.severity === 'error').length).toBeGreaterThan(0);
  expect(corpus.diagnostics.filter((d) => d.file === 'corpus/memos/m.md')).toEqual([]);
});

test('a public memo is not offered the id of an internal record as a suggestion', () => {
  const corpus = corpusOf({
    ...BASE,
    'corpus/memos/secret-plan.md': '---\ntitle: Secret\nvisibility: internal\n---\nText [@src].\n',
    'corpus/memos/m.md': '---\ntitle: M\n---\nSee [[secret-plam]] [@src].\n',
    'corpus/memos/n.md': '---\ntitle: N\nvisibility: internal\n---\nSee [[secret-plam]] [@src].\n',
  });
  const inPublic = corpus.diagnostics.find((d) => d.file === 'corpus/memos/m.md' && d.code === 'unknown-memo')!;
  expect(inPublic.message).not.toContain('secret-plan');
  expect(inPublic.suggestions).toBeUndefined();
  const inInternal = corpus.diagnostics.find((d) => d.file === 'corpus/memos/n.md' && d.code === 'unknown-memo')!;
  expect(inInternal.suggestions).toEqual(['secret-plan']);
});

test('an invalid visibility loads the record as internal, never as public', () => {
  const corpus = corpusOf({ ...BASE, 'corpus/memos/m.md': '---\ntitle: M\nvisibility: internl\n---\nText [@src].\n' });
  expect(corpus.memos.get('m' as never)?.visibility).toBe('internal');
  expect(corpus.diagnostics.find((d) => d.code === 'invalid-field')?.message).toContain('did you mean "internal"?');
});

test('a topic whose label is missing is still a topic: memos filed under it get no "does not exist"', () => {
  const corpus = corpusOf({ ...BASE, 'corpus/topics.yaml': '- id: genocide\n', 'corpus/memos/m.md': '---\ntitle: M\ntopics: [genocide]\n---\nText [@src].\n' });
  expect(corpus.diagnostics.map((d) => [d.file, d.code])).toEqual([['corpus/topics.yaml', 'missing-field']]);
  expect(corpus.topics.get('genocide' as never)?.label).toBe('genocide');
});

describe('a reference to a record that does not exist says what to do', () => {
  const KNOWN: Record<string, string> = {
    ...BASE,
    'corpus/topics.yaml': '- id: genocide\n  label: Genocide\n',
    'corpus/events/conference.md': '---\ntitle: A conference\ndate: 2021-08-27\n---\nText.\n',
    'corpus/statements/said.md': '---\nspeaker: sp\nkind: paraphrase\nsource: src\n---\nSaid.\n',
    'corpus/memos/jurisdiction.md': '---\ntitle: J\n---\nText [@src]. ![[statement:said]]\n',
  };
  test.each([
    ['[[jurisdicton]]', 'unknown-memo', 'memo "jurisdicton" does not exist; did you mean "jurisdiction"?'],
    ['[[nowhere-at-all]]', 'unknown-memo', 'memo "nowhere-at-all" does not exist: correct the id, or write corpus/memos/nowhere-at-all.md'],
    ['[[statement:sayd]]', 'unknown-statement', 'statement "sayd" does not exist; did you mean "said"?'],
    ['[[speaker:nobody-known]]', 'unknown-speaker', 'speaker "nobody-known" does not exist: correct the id, or write corpus/speakers/nobody-known.md'],
    ['[[event:conferense]]', 'unknown-event', 'event "conferense" does not exist; did you mean "conference"?'],
    ['[[topic:genocid]]', 'unknown-topic', 'topic "genocid" does not exist; did you mean "genocide"?'],
    ['[[topic:maritime-law]]', 'unknown-topic', 'topic "maritime-law" does not exist: correct the id, or add the topic to corpus/topics.yaml'],
    ['[@srx]', 'unknown-cite-key', '@srx does not exist; did you mean @src?'],
    ['[@completely-unknown-key]', 'unknown-cite-key', '@completely-unknown-key does not exist: correct the key, or add an entry with this key to a bibliography file in citations/'],
  ])('%s', (reference, code, message) => {
    const corpus = corpusOf({ ...KNOWN, 'corpus/memos/m.md': `---\ntitle: M\n---\nText [@src] and ${reference}.\n` });
    expect(corpus.diagnostics.filter((d) => d.file === 'corpus/memos/m.md').map((d) => [d.line, d.code, d.message])).toEqual([[4, code, message]]);
  });

  test('in a field, the field is named', () => {
    const corpus = corpusOf({ ...KNOWN, 'corpus/memos/m.md': '---\ntitle: M\ntopics: [genocid]\n---\nText [@src].\n' });
    expect(corpus.diagnostics.filter((d) => d.file === 'corpus/memos/m.md').map((d) => [d.line, d.message])).toEqual([[3, 'topic "genocid" in "topics" does not exist; did you mean "genocide"?']]);
  });
});

test('a public memo that refers to an internal one is warned that anonymous readers will not see it', () => {
  const corpus = corpusOf({
    ...BASE,
    'corpus/memos/hidden.md': '---\ntitle: Hidden\nvisibility: internal\n---\nText [@src].\n',
    'corpus/memos/m.md': '---\ntitle: M\n---\nText [@src], see [[hidden]].\n',
  });
  expect(corpus.diagnostics.filter((d) => d.code === 'public-links-internal').map((d) => [d.file, d.line, d.severity, d.message])).toEqual([
    ['corpus/memos/m.md', 4, 'warning', 'this public memo refers to the internal memo "hidden", which anonymous readers will not see'],
  ]);
});

test('a topic broader than itself, through others, is reported with the chain', () => {
  const corpus = corpusOf({ ...BASE, 'corpus/topics.yaml': '- id: a\n  label: A\n  broader: b\n- id: b\n  label: B\n  broader: a\n' });
  expect(corpus.diagnostics.filter((d) => d.code === 'invalid-field').map((d) => d.message)).toEqual([
    'topic "a" is its own broader topic through a → b',
    'topic "b" is its own broader topic through b → a',
  ]);
});
