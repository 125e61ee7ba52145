import { describe, expect, test } from '@jest/globals';
import type { Nodes } from 'mdast';
import { parseMarkdown } from '../../src/syntax/markdown.js';
import { extractReferences } from '../../src/syntax/references.js';
import { splitSentences } from '../../src/syntax/sentence-split.js';

function extract(markdown: string) {
  const tree = parseMarkdown(markdown);
  return { tree, ...extractReferences(tree, markdown) };
}

function nodesOfType(tree: Nodes, type: string): Nodes[] {
  const found: Nodes[] = [];
  const walk = (node: Nodes): void => {
    if (node.type === type) found.push(node);
    if ('children' in node) node.children.forEach((child) => walk(child as Nodes));
  };
  walk(tree);
  return found;
}

describe('positions of citations', () => {
  const rows: Array<[string, string, Array<[number, number]>]> = [
    ['bracketed cluster', 'Text [@a].', [[1, 6]]],
    ['author in text', '@a says.', [[1, 1]]],
    ['second line', 'One.\nTwo [@a, p. 2].', [[2, 5]]],
    ['after an escape on the line', 'A \\* b [@a].', [[1, 8]]],
    ['after a character reference', 'A &amp; b [@a].', [[1, 11]]],
    ['indented continuation line', 'One\n    two [@a].', [[2, 9]]],
    ['in a block quote', '> Quote\n> more [@a].', [[2, 8]]],
    ['in a list item', '- item [@a]\n- @b says', [[1, 8], [2, 3]]],
    ['in a table cell', '| a | b |\n|---|---|\n| x | [@a] |', [[3, 7]]],
    ['after frontmatter', '---\ntitle: T\n---\nBody [@a].', [[4, 6]]],
    ['after emphasis', '*Em* [@a]', [[1, 6]]],
    ['suppress author', 'Says [-@a].', [[1, 6]]],
    ['textual suppress author', 'So -@a says.', [[1, 4]]],
  ];
  test.each(rows)('%s', (_name, markdown, positions) => {
    expect(extract(markdown).citations.map((c) => [c.position.line, c.position.column])).toEqual(positions);
  });
});

describe('wiki-links', () => {
  const rows: Array<[string, unknown]> = [
    ['[[genocide]]', { target: { type: 'memo', id: 'genocide' }, label: null, embed: false }],
    ['[[memo:genocide]]', { target: { type: 'memo', id: 'genocide' }, label: null, embed: false }],
    ['[[genocide|the genocide memo]]', { target: { type: 'memo', id: 'genocide' }, label: 'the genocide memo', embed: false }],
    ['[[statement:robertson-1]]', { target: { type: 'statement', id: 'robertson-1' }, label: null, embed: false }],
    ['![[statement:robertson-1]]', { target: { type: 'statement', id: 'robertson-1' }, label: null, embed: true }],
    ['[[speaker:robertson]]', { target: { type: 'speaker', id: 'robertson' }, label: null, embed: false }],
    ['[[event:conference-2021]]', { target: { type: 'event', id: 'conference-2021' }, label: null, embed: false }],
    ['[[topic:genocide|genocide]]', { target: { type: 'topic', id: 'genocide' }, label: 'genocide', embed: false }],
    ['[[ spaced ]]', { target: { type: 'memo', id: 'spaced' }, label: null, embed: false }],
  ];
  test.each(rows)('%s', (markdown, expected) => {
    const { links, problems, tree } = extract(`See ${markdown} here.`);
    expect(problems).toEqual([]);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject(expected as object);
    expect(links[0]!.position).toEqual({ line: 1, column: 5 });
    expect(nodesOfType(tree, 'wikiLink')).toHaveLength(1);
  });

  const notLinks = ['`[[genocide]]`', '\\[[genocide]]', '[[]]', '[[genocide]', '[[a\nb]]'];
  test.each(notLinks)('%j is not a link', (markdown) => {
    expect(extract(markdown).links).toEqual([]);
  });

  const invalid: Array<[string, string, RegExp]> = [
    ['[[case:x]]', 'invalid-wiki-link', /unknown record type "case"/],
    ['[[statement:bad id]]', 'invalid-wiki-link', /not a valid statement id/],
    ['![[memo:genocide]]', 'invalid-embed', /only statements can be embedded/],
    ['![[speaker:robertson]]', 'invalid-embed', /only statements can be embedded/],
  ];
  test.each(invalid)('%s is reported', (markdown, code, message) => {
    const { links, problems } = extract(`Text ${markdown}`);
    expect(links).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code, offset: 5 });
    expect(problems[0]!.message).toMatch(message);
  });
});

describe('the rewritten tree', () => {
  test('keeps the text around a citation and the markup in its prefix', () => {
    const { tree } = extract('Before [*see* @a, p. 3] after.');
    const paragraph = tree.children[0] as Extract<Nodes, { type: 'paragraph' }>;
    expect(paragraph.children.map((node) => node.type)).toEqual(['text', 'citation', 'text']);
    const citation = paragraph.children[1] as Extract<Nodes, { type: 'citation' }>;
    expect(citation.raw).toBe('[*see* @a, p. 3]');
    expect(citation.items[0]!.prefix.map((node) => node.type)).toEqual(['emphasis']);
    expect(citation.items[0]).toMatchObject({ key: 'a', locator: '3', label: 'page' });
  });

  test('numbers citations in document order, outer before nested', () => {
    const { citations, tree } = extract('*First @a.* Then [see @b and @c]. Last @d.');
    expect(citations.map((cluster) => cluster.items.map((item) => item.key))).toEqual([['a'], ['b'], ['c'], ['d']]);
    const indexes = nodesOfType(tree, 'citation').map((node) => (node as { index: number }).index);
    expect(indexes.sort()).toEqual([0, 1, 3]);
  });
});

describe('sentences', () => {
  test('the sentence of a citation, without the citation', () => {
    const { citations } = extract('First sentence. The Convention protects four groups [@gc, art. II]. Third one.');
    expect(citations[0]!.sentence).toBe('The Convention protects four groups.');
  });

  test('abbreviations do not end a sentence', () => {
    const { citations } = extract('See Art. II of the Convention and p. 33 of the report [@gc]. Next.');
    expect(citations[0]!.sentence).toBe('See Art. II of the Convention and p. 33 of the report.');
  });

  test('an author-in-text citation keeps its key in the sentence', () => {
    const { citations } = extract('Earlier. @robertson2010 reads the fatwa as religious.');
    expect(citations[0]!.sentence).toBe('robertson2010 reads the fatwa as religious.');
  });

  test('a wiki-link shows its label', () => {
    const { links } = extract('Compare [[genocide|the genocide memo]] here. Next.');
    expect(links[0]!.sentence).toBe('Compare the genocide memo here.');
  });

  test('splitSentences keeps initials and e.g. together', () => {
    expect(splitSentences('J.-M. Henckaerts wrote it, e.g. in vol. 1. A new one.').map((s) => s.text.trim())).toEqual([
      'J.-M. Henckaerts wrote it, e.g. in vol. 1.',
      'A new one.',
    ]);
  });
});
