/** A record whose file cannot be read is reported there, and only there: not again where it is referred to. */
import { expect, test } from '@jest/globals';
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
