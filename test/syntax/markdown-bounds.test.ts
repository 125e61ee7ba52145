/**
 * The bounds on the Markdown parser's work: a paragraph too long, too full of emphasis markers or
 * brackets, or inline markup nested too deep is a diagnostic at its place, found by a linear scan
 * before micromark runs (whose work on such a paragraph grows faster than its length); the other
 * memos load. Asserted by the diagnostics, never by timing.
 */
import { describe, expect, test } from '@jest/globals';
import { findDeepInlineNesting, findOversizedParagraph, MARKDOWN_BOUNDS } from '../../src/syntax/markdown-bounds.js';
import { parseMarkdown } from '../../src/syntax/markdown.js';
import { corpusOf, memo } from '../helpers/memory-corpus.js';

const citations = (count: number, separator = ' '): string => Array.from({ length: count }, (_, i) => `See [@source-${i}, p. 4].`).join(separator);
const nestedEmphasis = (pairs: number): string => `${'*a '.repeat(pairs)}x${' b*'.repeat(pairs)}`;
const library = '- id: genocide-convention\n  type: legislation\n  title: Genocide Convention\n';

describe('the scan before parsing', () => {
  const rows: Array<[string, string, { line: number; message: RegExp } | null]> = [
    ['an ordinary memo', memo('A paragraph [@a] with *emphasis* and **bold**.\n\n- a list [@b; @c]\n\n> quoted _text_'), null],
    ['a paragraph at the length bound', 'w'.repeat(MARKDOWN_BOUNDS.paragraphCharacters), null],
    ['one character over', 'w'.repeat(MARKDOWN_BOUNDS.paragraphCharacters + 1), { line: 1, message: /50,001 characters long; paragraphs over 50,000 characters cannot be read: split it/ }],
    ['130,000 citations in one paragraph', memo(citations(130_000)), { line: 4, message: /more than 2,000 opening brackets/ }],
    ['a 1.7 MB paragraph of words', memo('witness '.repeat(215_000)), { line: 4, message: /is 1\.7 MB long/ }],
    ['10,000 citations a paragraph each', memo(citations(10_000, '\n\n')), null],
    ['130,000 citations a paragraph each', memo(citations(130_000, '\n\n')), { line: 4 + 2 * 10_000, message: /this file has more than 10,000 opening brackets .* by here, too many to read in one file: split it into several memos/ }],
    ['10,001 emphasis runs in paragraphs of 100', `${'*a* '.repeat(50)}\n\n`.repeat(101), { line: 201, message: /this file has more than 10,000 runs of emphasis markers/ }],
    ['2,000 nested emphasis pairs', `intro\n\n${nestedEmphasis(2000)}`, { line: 3, message: /more than 1,000 runs of emphasis markers/ }],
    ['100,000 opening brackets', '['.repeat(100_000), { line: 1, message: /more than 2,000 opening brackets/ }],
    ['one long run of stars is one run', '*'.repeat(20_000), null],
    ['blank lines with spaces end a paragraph', `${'['.repeat(1500)}\n  \t\n${'['.repeat(1500)}`, null],
    ['nor does the frontmatter fence', `---\ntitle: x\n---\n${'['.repeat(2001)}`, { line: 4, message: /starts on line 4/ }],
    ['a line break alone does not', `${'['.repeat(1500)}\n${'['.repeat(1500)}`, { line: 2, message: /paragraph that starts on line 1/ }],
  ];

  test.each(rows)('%s', (_name, text, expected) => {
    const found = findOversizedParagraph(text);
    if (expected === null) expect(found).toBeNull();
    else {
      expect(found?.line).toBe(expected.line);
      expect(found?.message).toMatch(expected.message);
    }
  });

  test('the column is where the bound was passed', () => {
    expect(findOversizedParagraph(`ok\n${'x['.repeat(2001)}`)).toMatchObject({ line: 2, column: 2 * 2001 });
  });
});

describe('inline nesting in the parsed tree', () => {
  const rows: Array<[string, string, number | null]> = [
    ['ordinary markup', '**bold [a *link*](https://example.org)** and `code`', null],
    ['32 nested emphasis pairs', nestedEmphasis(32), null],
    ['33 nested emphasis pairs', nestedEmphasis(33), 33],
    ['a run of 200 stars each side', `${'*'.repeat(200)}a${'*'.repeat(200)}`, 33],
    ['emphasis in a link in a heading', `# [${nestedEmphasis(40)}](https://example.org)`, 33],
  ];

  test.each(rows)('%s', (_name, text, depth) => {
    expect(findDeepInlineNesting(parseMarkdown(text))?.depth ?? null).toBe(depth);
  });
});

describe('a memo beyond the bounds is left out with a diagnostic; the rest loads', () => {
  test('a huge paragraph, nested emphasis, brackets and nesting deep enough to strain the renderers', () => {
    const corpus = corpusOf({
      'corpus/memos/citations.md': memo(citations(130_000)),
      'corpus/memos/words.md': memo(`Intro.\n\n${'witness '.repeat(7000)}`),
      'corpus/memos/emphasis.md': memo(nestedEmphasis(2000)),
      'corpus/memos/brackets.md': memo('['.repeat(100_000)),
      'corpus/memos/nested.md': memo(`Intro.\n\n${nestedEmphasis(100)}`),
      'corpus/memos/many.md': memo(citations(20_000, '\n\n')),
      'corpus/memos/fine.md': memo('A fine memo [@genocide-convention].'),
      'citations/library.yaml': library,
    });
    expect([...corpus.memos.keys()]).toEqual(['fine']);
    const problems = corpus.diagnostics.filter((item) => item.file !== 'corpus/memos/fine.md').map((item) => [item.file, item.code, item.line]);
    expect(problems.sort()).toEqual([
      ['corpus/memos/brackets.md', 'paragraph-too-large', 4],
      ['corpus/memos/citations.md', 'paragraph-too-large', 4],
      ['corpus/memos/emphasis.md', 'paragraph-too-large', 4],
      ['corpus/memos/many.md', 'file-too-large', 4 + 2 * 10_000],
      ['corpus/memos/nested.md', 'too-deeply-nested', 6],
      ['corpus/memos/words.md', 'paragraph-too-large', 6],
    ]);
    const fine = corpus.memos.get('fine' as never)!;
    expect(fine.citations.map((cluster) => cluster.items.map((item) => item.key))).toEqual([['genocide-convention']]);
  });

  test('a paragraph just under the length bound is read with its citation', () => {
    const corpus = corpusOf({ 'corpus/memos/long.md': memo(`${'witness '.repeat(6000)}[@genocide-convention].`), 'citations/library.yaml': library });
    expect(corpus.diagnostics).toEqual([]);
    const long = corpus.memos.get('long' as never)!;
    expect(long.citations.map((cluster) => cluster.items.map((item) => item.key))).toEqual([['genocide-convention']]);
  });
});
