/**
 * Property-based tests: whatever a user types into a memo, its frontmatter or a bibliography
 * file, nothing throws, and every diagnostic points inside the file it is about.
 */
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { parseMarkdown } from '../../src/syntax/markdown.js';
import { extractReferences } from '../../src/syntax/references.js';
import { LineIndex } from '../../src/syntax/line-index.js';
import { parseCorpusFiles } from '../../src/corpus/parse-corpus.js';
import { readLibraryFile } from '../../src/corpus/citations/library.js';
import { splitLocator } from '../../src/syntax/locator.js';
import { prepareQuery, QueryError } from '../../src/search/query.js';
import type { Diagnostic } from '../../src/model/diagnostic.js';

const RUNS = { numRuns: 250 };

/** Strings made mostly of the characters that mean something to the parsers. */
function syntaxText(characters: string[], maxLength = 120) {
  return fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...characters) }, { weight: 1, arbitrary: fc.string({ maxLength: 3, unit: 'grapheme' }) }), { maxLength }).map((parts) => parts.join(''));
}

const MARKDOWN = ['[', ']', '@', '-', ';', ',', ' ', '\n', '{', '}', '*', '_', '`', '\\', '!', '|', ':', 'a', 'key', '1', 'p.', '.', '&', '#', '<', '>', '[[', ']]', '![[', 'statement:', '^', '~', '(', ')', '"', "'", '§', '¶', 'é', '\t', '> ', '- ', '| x |', '\r\n'];
const YAML = ['title: ', 'topics: ', '[', ']', '{', '}', ',', ':', '-', ' ', '\n', '"', "'", '&a', '*a', '!!str', '#', '|', '>', 'visibility: ', 'internal', '2021-02-30', '\t', 'é', '---', '...', '? ', '%YAML 1.2'];
const BIBTEX = ['@', 'book', 'jurisdiction', '{', '}', '(', ')', ',', '=', '"', '#', ' ', '\n', 'title', 'author', ' and ', 'key', '\\', '{\\v{z}}', '%', '@string', '@comment', 'verified', 'true', 'x'];
const RIS = ['TY  - ', 'ER  - ', 'ID  - ', 'TI  - ', 'AU  - ', 'PY  - ', 'BOOK', 'CASE', 'RPRT', '\n', '\r\n', ' ', 'x', '-', '2020', 'é'];
const JSONISH = ['[', ']', '{', '}', '"id"', '"type"', '"title"', ':', ',', '"x"', '"book"', '"legal_case"', '1', 'null', 'true', ' ', '\n', '"custom"', '"verified"'];

/** Every diagnostic of a text lies inside that text. */
function expectInside(diagnostics: readonly Diagnostic[], file: string, text: string): void {
  const lines = text.split('\n');
  for (const d of diagnostics) {
    if (d.file !== file) continue;
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.line).toBeLessThanOrEqual(lines.length);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeLessThanOrEqual((lines[d.line - 1]?.length ?? 0) + 1);
  }
}

describe('the citation and wiki-link parser', () => {
  test('never throws, and places every reference inside the text', () => {
    fc.assert(
      fc.property(syntaxText(MARKDOWN, 200), (text) => {
        const tree = parseMarkdown(text);
        const lines = new LineIndex(text);
        const { citations, links, problems } = extractReferences(tree, text, lines);
        const count = text.split('\n').length;
        for (const { position } of [...citations, ...links]) {
          expect(position.line).toBeLessThanOrEqual(count);
          expect(position.column).toBeGreaterThanOrEqual(1);
        }
        for (const problem of problems) expect(problem.offset).toBeLessThanOrEqual(text.length);
        for (const cluster of citations) for (const item of cluster.items) expect(item.key.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  test('the locator splitter takes any suffix', () => {
    fc.assert(
      fc.property(syntaxText([',', ' ', 'p.', 'pp.', 'para.', '§', '¶', '1', '12', '-', '–', '{', '}', 'ii', 'x', '&', 'and', '(', ')'], 40), (suffix) => {
        const split = splitLocator(suffix);
        expect(split.restStart).toBeGreaterThanOrEqual(0);
        expect(split.restStart).toBeLessThanOrEqual(suffix.length);
      }),
      RUNS,
    );
  });
});

describe('frontmatter and records', () => {
  test('any frontmatter and body: no throw, diagnostics inside the file', () => {
    const kinds = ['memo', 'statement', 'speaker', 'event'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...kinds), syntaxText(YAML, 80), syntaxText(MARKDOWN, 80), fc.boolean(), (kind, yaml, body, fenced) => {
        const path = `corpus/${kind}s/x.md`;
        const text = fenced ? `---\n${yaml}\n---\n${body}` : `${yaml}\n${body}`;
        const parsed = parseCorpusFiles([{ path, kind, text }]);
        expectInside(parsed.diagnostics, path, text);
      }),
      RUNS,
    );
  });

  test('any topics file', () => {
    fc.assert(
      fc.property(syntaxText([...YAML, 'id: ', 'label: ', 'broader: ', '- '], 100), (text) => {
        const parsed = parseCorpusFiles([{ path: 'corpus/topics.yaml', kind: 'topics', text }]);
        expectInside(parsed.diagnostics, 'corpus/topics.yaml', text);
      }),
      RUNS,
    );
  });
});

describe('bibliography files', () => {
  test.each([
    ['lib.bib', BIBTEX],
    ['lib.ris', RIS],
    ['lib.json', JSONISH],
    ['lib.yaml', [...YAML, 'id: ', 'type: ', 'book', 'custom: ']],
  ])('any %s: no throw, diagnostics inside the file', (file, alphabet) => {
    fc.assert(
      fc.property(syntaxText(alphabet, 120), (text) => {
        const library = readLibraryFile(text, file);
        expectInside(library.diagnostics, file, text);
        for (const entry of library.entries) expect(entry.key.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });
});

test('any search query either prepares or fails with a QueryError inside the query', () => {
  fc.assert(
    fc.property(syntaxText(['"', '*', '~', '^', '+', '-', ':', 'title', 'body', 'a', 'genocide', ' ', '1', '2', '\\', '"x y"'], 60), (q) => {
      try {
        prepareQuery(q);
      } catch (error) {
        expect(error).toBeInstanceOf(QueryError);
        expect((error as QueryError).start).toBeGreaterThanOrEqual(0);
        expect((error as QueryError).start).toBeLessThanOrEqual(q.length);
      }
    }),
    RUNS,
  );
});

test('a YAML error after a broken token and a line break is placed on the line it is on', () => {
  // Found by the property above: the yaml package's line counter put this error on line 1, column 12.
  const text = "''@\ntitle: title: ";
  const places = readLibraryFile(text, 'lib.yaml').diagnostics.map((d) => [d.line, d.column]);
  expect(places).toContainEqual([2, 8]);
  expectInside(readLibraryFile(text, 'lib.yaml').diagnostics, 'lib.yaml', text);
});
