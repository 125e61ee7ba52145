/**
 * YAML with positions: every field traced to its line and column in the file (frontmatter starts
 * on line 2), and the usual mistakes explained in plain words at the line where they were made,
 * with the other fields still read.
 */
import { describe, expect, test } from '@jest/globals';
import { deepYamlNesting, MAX_YAML_NESTING, parseYamlSource, placesOfAllFields } from '../../src/syntax/yaml-source.js';

const FILE = 'corpus/memos/m.md';

describe('places of fields', () => {
  const yaml = parseYamlSource('title: A memo\ntopics:\n  - first\n  - second\nstatus: draft\n', FILE, { line: 2, column: 1 });

  test.each([
    [['title'], 2, 8],
    [['topics'], 4, 3],
    [['topics', 1], 5, 5],
    [['status'], 6, 9],
  ] as const)('the value at %j is at line %i, column %i', (path, line, column) => {
    expect(yaml.placeOf(path)).toEqual({ file: FILE, line, column });
  });

  test('an unknown field is placed at its key, a missing one at the start of the YAML', () => {
    expect(yaml.keyPlaceOf(['status'])).toEqual({ file: FILE, line: 6, column: 1 });
    expect(yaml.placeOf(['nowhere'])).toEqual({ file: FILE, line: 2, column: 1 });
  });

  test('a YAML text that starts inside a line counts its first line from that column', () => {
    const inline = parseYamlSource('{ id: t, label: Topic }', 'corpus/topics.yaml', { line: 7, column: 3 });
    expect(inline.placeOf(['label'])).toEqual({ file: 'corpus/topics.yaml', line: 7, column: 19 });
  });

  test('every field and list item, keyed by its dotted path', () => {
    expect(placesOfAllFields(yaml)).toEqual({
      title: { file: FILE, line: 2, column: 8 },
      topics: { file: FILE, line: 4, column: 3 },
      'topics.0': { file: FILE, line: 4, column: 5 },
      'topics.1': { file: FILE, line: 5, column: 5 },
      status: { file: FILE, line: 6, column: 9 },
    });
  });
});

describe('mistakes are explained where they were made, and the rest is still read', () => {
  test.each([
    {
      mistake: 'a colon and a space inside an unquoted value',
      text: 'title: Genocide: a note\nstatus: draft\n',
      line: 2,
      message: /the value of "title" holds a colon followed by a space.*put the value in quotes \(title: "Genocide: a note"\)/,
      value: { title: 'Genocide: a note', status: 'draft' },
    },
    {
      mistake: 'a list left open',
      text: 'topics: [a, b\nstatus: draft\n',
      line: 2,
      message: /the list opened here with \[ is never closed: add \] at its end/,
      value: { topics: ['a', 'b'], status: 'draft' },
    },
    {
      mistake: 'a quotation left open',
      text: 'title: "never closed\nstatus: draft\n',
      line: 2,
      message: /the quotation opened here with " is never closed: add " at its end/,
      value: { title: 'never closed', status: 'draft' },
    },
    {
      mistake: 'a field written twice',
      text: 'title: First\nstatus: draft\ntitle: Second\n',
      line: 4,
      message: /field "title" is written twice in this mapping \(keys must be unique\): keep one/,
      value: { title: 'First', status: 'draft' },
    },
    {
      mistake: 'a tab used to indent',
      text: 'topics:\n\t- a\n',
      line: 3,
      message: /a tab is used to indent: YAML indents with spaces only/,
      value: { topics: ['a'] },
    },
  ])('$mistake', ({ text, line, message, value }) => {
    const yaml = parseYamlSource(text, FILE, { line: 2, column: 1 });
    expect(yaml.diagnostics).toHaveLength(1);
    expect(yaml.diagnostics[0]).toMatchObject({ file: FILE, line, severity: 'error', code: 'yaml-syntax', message: expect.stringMatching(message) });
    expect(yaml.value).toEqual(value);
  });

  test('a mistake that cannot be mended leaves no value and a message, not an exception', () => {
    const yaml = parseYamlSource('topics: [a, b]]\n', FILE, { line: 2, column: 1 });
    expect(yaml.value).toBeUndefined();
    expect(yaml.diagnostics).toEqual([{ file: FILE, line: 2, column: 15, severity: 'error', code: 'yaml-syntax', message: expect.stringMatching(/^cannot read YAML: .*"\]"/) }]);
  });

  test('an alias bomb is refused with a message instead of being expanded', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((name, i) => `${name}: &${name} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`)].join('\n');
    const yaml = parseYamlSource(bomb, FILE);
    expect(yaml.value).toBeUndefined();
    expect(yaml.diagnostics).toEqual([expect.objectContaining({ code: 'yaml-syntax', message: expect.stringMatching(/^cannot read YAML: /) })]);
  });
});

describe('nesting too deep to read', () => {
  test.each([
    ['brackets', `${'['.repeat(MAX_YAML_NESTING + 1)}${']'.repeat(MAX_YAML_NESTING + 1)}`, MAX_YAML_NESTING],
    ['indentation', `a:\n${' '.repeat(MAX_YAML_NESTING * 4 + 1)}b: c\n`, 3 + MAX_YAML_NESTING * 4],
  ])('%s: reported at the first level too deep', (_how, text, offset) => {
    expect(deepYamlNesting(text)).toBe(offset);
    const yaml = parseYamlSource(text, FILE);
    expect(yaml.value).toBeUndefined();
    expect(yaml.diagnostics).toEqual([expect.objectContaining({ code: 'too-deeply-nested', message: `YAML nested more than ${MAX_YAML_NESTING} levels deep cannot be read` })]);
  });

  test('as deep as a record may need is read', () => {
    const text = `${'['.repeat(MAX_YAML_NESTING)}1${']'.repeat(MAX_YAML_NESTING)}`;
    expect(deepYamlNesting(text)).toBeNull();
    expect(parseYamlSource(text, FILE).diagnostics).toEqual([]);
  });
});
