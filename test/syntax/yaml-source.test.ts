/**
 * Flat frontmatter (a `key: value` a line, plain words, dates and `[…]` lists) is read without the
 * yaml package: for every shape, flat or not, the value, the diagnostics and the place of every
 * path must be what the yaml package's document gives.
 */
import { describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseYamlSource, parseYamlSourceWithDocument, placesOfAllFields, readsAsFlatMapping } from '../../src/syntax/yaml-source.js';

const FILE = 'corpus/memos/m.md';
const ORIGINS = [
  { line: 2, column: 1 },
  { line: 7, column: 3 },
];
/** Paths that are absent, or that go through a string or a list, besides every path the value has. */
const EXTRA_PATHS: Array<Array<string | number>> = [
  [],
  ['nowhere'],
  ['title', 0],
  ['topics', 0],
  ['topics', '1'],
  ['topics', 99],
  ['topics', ''],
  ['topics', 'x'],
  ['topics', -1],
  ['topics', 0, 'deeper'],
  [0],
  ['0'],
];

/** Asserts that both readers give the same value, diagnostics and places. */
function expectSameAsDocument(text: string): void {
  for (const origin of ORIGINS) {
    const read = parseYamlSource(text, FILE, origin);
    const reference = parseYamlSourceWithDocument(text, FILE, origin);
    expect(read.value).toStrictEqual(reference.value);
    expect(read.diagnostics).toEqual(reference.diagnostics);
    const paths = [...EXTRA_PATHS, ...Object.keys(placesOfAllFields(reference)).map((dotted) => dotted.split('.').map((step) => (/^\d+$/.test(step) ? Number(step) : step)))];
    for (const place of paths) {
      expect([place, read.placeOf(place)]).toEqual([place, reference.placeOf(place)]);
      expect([place, read.keyPlaceOf(place)]).toEqual([place, reference.keyPlaceOf(place)]);
    }
  }
}

describe('flat frontmatter is read directly, exactly as the yaml package reads it', () => {
  const rows: Array<[string, string]> = [
    ['one field', 'title: A memo'],
    ['a generated memo', 'title: article detention and mandate 178\ntopics: [topic-28]\nupdated: 2023-08-01'],
    ['a statement', 'speaker: speaker-2\nevent: event-3\ndate: 2001-01-01\nkind: paraphrase\nsource: src-61\ntopics: [topic-1]'],
    ['an empty list', 'title: T\ntopics: []'],
    ['an empty list with a space', 'title: T\ntopics: [ ]'],
    ['list items with spaces around', 'topics: [ a ,b ,  c-d ]'],
    ['list items of several words', 'authors: [Jane Doe, John Roe]\ntitle: T'],
    ['letters beyond ASCII and an apostrophe', "title: Côte d'Ivoire v. France (No. 2)"],
    ['words that start like null, true or false', 'title: nulls\nstatus: Truely\nx: falsey'],
    ['two spaces inside a value', 'title: x  y'],
    ['several spaces after the colon', 'title:    spaced'],
    ['dashes and underscores in keys', 'a_b-c: d\nvisibility: internal'],
    ['punctuation inside a value', 'title: Q & A / 100% ?! (draft); v.2 + more'],
    ['single letters', 'x: y\ny: n\nn: a'],
    ['a date and a word', 'updated: 2020-01-01\nstatus: final'],
  ];
  test.each(rows)('%s', (_name, text) => {
    expect(readsAsFlatMapping(text)).toBe(true);
    expectSameAsDocument(text);
  });
});

describe('anything else is left to the yaml package', () => {
  const rows: Array<[string, string]> = [
    ['null', 'title: null'],
    ['a boolean in capitals', 'title: True'],
    ['a key that is a boolean', 'true: x'],
    ['a key that is null', 'Null: x'],
    ['false in capitals', 'status: FALSE'],
    ['a key that is false', 'false: x'],
    ['NULL in capitals', 'status: NULL'],
    ['an integer', 'title: 12'],
    ['a float with an exponent', 'title: 1e3'],
    ['a hexadecimal integer', 'title: 0x1F'],
    ['infinity', 'title: .inf'],
    ['a date without leading zeros', 'title: 2020-1-1'],
    ['a double-quoted value', 'title: "quoted"'],
    ['a single-quoted value', "title: 'quoted'"],
    ['a comment', 'title: a # comment'],
    ['a colon in a value', 'title: a: b'],
    ['a repeated key', 'title: A\ntitle: B'],
    ['a blank line', 'title: A\n\ntopics: [a]'],
    ['a block list', 'topics:\n  - a\n  - b'],
    ['a nested list', 'title: [a, [b]]'],
    ['a trailing comma', 'title: [a,]'],
    ['a mapping', 'title: {a: b}'],
    ['an empty value', 'title:\nstatus: draft'],
    ['a final newline', 'title: a\n'],
    ['an anchor', 'title: &x a'],
    ['an alias', 'title: *x'],
    ['a tag', 'title: !tag a'],
    ['a block scalar', 'title: |\n  a'],
    ['a comma in a value', 'title: a,b'],
    ['a list at the top', '- a\n- b'],
    ['a leading dash', 'title: -a'],
    ['a tab', 'title: a\tb'],
    ['an indented key', '  title: a'],
    ['a space before the colon', 'title : a'],
    ['a trailing space', 'title: a '],
    ['text after a list', 'title: [a] b'],
    ['a key longer than YAML allows', `${'k'.repeat(1100)}: v`],
    ['a carriage return', 'title: a\r\nstatus: b'],
    ['nothing', ''],
    ['an unclosed list', 'topics: [a, b\nstatus: x'],
  ];
  test.each(rows)('%s', (_name, text) => {
    expect(readsAsFlatMapping(text)).toBe(false);
    expectSameAsDocument(text);
  });
});

describe('every frontmatter and YAML file of the fixtures reads the same both ways', () => {
  const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
  const files = (function list(folder: string): string[] {
    return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) return list(full);
      return /\.(md|ya?ml)$/.test(entry.name) ? [full] : [];
    });
  })(fixtures);
  /** The YAML a file holds: the frontmatter of a Markdown file, or the whole of a YAML file. */
  const yamlOf = (file: string): string | null => {
    const text = readFileSync(file, 'utf8');
    if (!file.endsWith('.md')) return text;
    const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
    return match === null ? null : match[1]!;
  };
  const texts = files.map((file) => [path.relative(fixtures, file), yamlOf(file)] as const).filter((entry): entry is readonly [string, string] => entry[1] !== null);
  test('many of them are flat', () => {
    expect(texts.filter(([, text]) => readsAsFlatMapping(text)).length).toBeGreaterThan(20);
  });
  test.each(texts.map(([name]) => [name]))('%s', (name) => {
    expectSameAsDocument(texts.find(([other]) => other === name)![1]);
  });
});
