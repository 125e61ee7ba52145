/**
 * A file too large or too deeply nested for the parsers is a diagnostic, never a stopped load:
 * one 1.7 MB memo with 130,000 citations once threw `Maximum call stack size exceeded` and made
 * `check` and `serve` exit.
 */
import { describe, expect, test } from '@jest/globals';
import { findDeepNesting, MAX_BLOCK_NESTING } from '../../src/syntax/block-nesting.js';
import { corpusOf, memo } from '../helpers/memory-corpus.js';

describe('a memo too long for a spread argument list', () => {
  test('is read, with its citations, and the other memos load', () => {
    // Paragraphs are bounded (markdown-bounds.test.ts); a long memo is many of them.
    const long = `${`${'witness '.repeat(4_000)}\n\n`.repeat(10)}[@genocide-convention].`;
    const corpus = corpusOf({
      'corpus/memos/long.md': memo(long),
      'corpus/memos/short.md': memo('A short memo [@genocide-convention].'),
      'citations/library.yaml': '- id: genocide-convention\n  type: legislation\n  title: Genocide Convention\n',
    });
    const ids = [...corpus.memos.keys()].sort();
    expect(ids).toEqual(['long', 'short']);
    const longMemo = [...corpus.memos.values()].find((record) => record.id === 'long')!;
    expect(longMemo.citations.map((cluster) => cluster.items.map((item) => item.key))).toEqual([['genocide-convention']]);
  });

  test('thousands of unknown cite keys are thousands of diagnostics, each with its place', () => {
    const count = 3000;
    const corpus = corpusOf({ 'corpus/memos/many.md': memo(Array.from({ length: count }, (_, i) => `[@missing-${i}]`).join('\n\n')) });
    const unknown = corpus.diagnostics.filter((item) => item.code === 'unknown-cite-key');
    expect(unknown).toHaveLength(count);
    expect(unknown.map((item) => item.line)).toContain(4 + 2 * (count - 1));
  });
});

describe('nesting too deep for the Markdown libraries', () => {
  const rows: Array<[string, string, number | null]> = [
    ['a memo’s ordinary quotes and lists', '> quote\n\n- item\n  - nested\n    1. numbered\n', null],
    [`${MAX_BLOCK_NESTING} block quotes`, `${'> '.repeat(MAX_BLOCK_NESTING)}text\n`, null],
    [`${MAX_BLOCK_NESTING + 1} block quotes`, `${'>'.repeat(MAX_BLOCK_NESTING + 1)} text\n`, 1],
    ['5,000 block quotes on the third line', `one\ntwo\n${'>'.repeat(5000)} text\n`, 3],
    ['list markers on one line', `${'- '.repeat(3000)}x\n`, 1],
    ['a staircase of nested lists', Array.from({ length: 200 }, (_, i) => `${' '.repeat(i * 2)}- x`).join('\n'), MAX_BLOCK_NESTING + 1],
    ['quotes inside list items', `${'- > '.repeat(100)}x\n`, 1],
  ];

  test.each(rows)('%s', (_name, text, line) => {
    const found = findDeepNesting(text);
    expect(found?.line ?? null).toBe(line);
  });

  test('a memo of 5,000 nested block quotes is left out with a diagnostic at its line; the rest loads', () => {
    const corpus = corpusOf({
      'corpus/memos/deep.md': memo(`Intro.\n\n${'>'.repeat(5000)} text`),
      'corpus/memos/fine.md': memo('Fine.'),
    });
    expect([...corpus.memos.keys()]).toEqual(['fine']);
    const problem = corpus.diagnostics.find((item) => item.file === 'corpus/memos/deep.md');
    expect(problem).toMatchObject({ code: 'too-deeply-nested', severity: 'error', line: 6 });
  });
});

describe('YAML nested too deep for the yaml package', () => {
  test('frontmatter, topics and CSL-YAML: a diagnostic at the place, and the rest loads', () => {
    const brackets = (count: number): string => '['.repeat(count) + ']'.repeat(count);
    const corpus = corpusOf({
      'corpus/memos/deep.md': `---\ntitle: ${brackets(20_000)}\n---\nBody.\n`,
      'corpus/memos/fine.md': memo('Fine.'),
      'citations/library.yaml': `- id: deep\n  title: ${'{'.repeat(5000)}\n`,
      'citations/other.yaml': '- id: fine-source\n  type: book\n  title: Fine\n',
    });
    expect([...corpus.memos.keys()]).toEqual(['fine']);
    expect([...corpus.sources.keys()]).toEqual(['fine-source']);
    const deep = corpus.diagnostics.filter((item) => item.code === 'too-deeply-nested').map((item) => [item.file, item.line]);
    expect(deep).toEqual([
      ['citations/library.yaml', 2],
      ['corpus/memos/deep.md', 2],
    ]);
  });

  test('ordinary nesting is read', () => {
    const corpus = corpusOf({ 'corpus/memos/fine.md': memo('Fine.', 'title: A memo\nauthors: [[a, b], {c: [d]}]') });
    expect(corpus.diagnostics.filter((item) => item.code === 'too-deeply-nested')).toEqual([]);
  });
});
