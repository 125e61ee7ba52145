/**
 * A text in which no GFM construct can occur is parsed without GFM, which is much cheaper: these
 * tests prove that the tree is the same, position for position, whichever way the text is read.
 */
import { describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { mayHoldGfmSyntax, parseMarkdown, parseMarkdownWithGfm } from '../../src/syntax/markdown.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const withoutGfm = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze();

function markdownFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return markdownFiles(full);
    return entry.name.endsWith('.md') ? [full] : [];
  });
}

describe('every fixture file parses to the same tree as with GFM always on', () => {
  const files = markdownFiles(fixtures);
  test('there are fixture files, some of them read without GFM', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.filter((file) => !mayHoldGfmSyntax(readFileSync(file, 'utf8'))).length).toBeGreaterThan(20);
  });
  test.each(files.map((file) => [path.relative(fixtures, file)]))('%s', (relative) => {
    const text = readFileSync(path.join(fixtures, relative), 'utf8');
    expect(parseMarkdown(text)).toEqual(parseMarkdownWithGfm(text));
  });
});

describe('each GFM construct is noticed, so its text is read with GFM', () => {
  const rows: Array<[string, string]> = [
    ['table with pipes', 'a | b\n--|--\n1 | 2'],
    ['table without pipes, left aligned', 'a\n:-\n'],
    ['table without pipes, right aligned', 'a\n-:\n'],
    ['table in a block quote', '> a | b\n> --|--'],
    ['table in a list item', '- a | b\n  --|--'],
    ['strikethrough', 'a ~~gone~~ b'],
    ['single tilde strikethrough', 'a ~gone~ b'],
    ['footnote', 'Said.[^1]\n\n[^1]: Where.'],
    ['footnote after a space', 'Said.[ ^1]\n\n[^1]: Where.'],
    ['task list item', '- [ ] to do'],
    ['checked task list item', '- [x] done'],
    ['checked task list item in capitals', '* [X] done'],
    ['address', 'Write to jane@example.org today.'],
    ['address of a dashed name', 'Write to -@example.org today.'],
    ['address with an escaped at sign', 'Write to jane\\@example.org today.'],
    ['address written with a character reference', 'Write to jane&#64;example.org today.'],
    ['address after mailto', 'mailto:jane@example.org'],
    ['address after xmpp', 'xmpp:jane@example.org'],
    ['http URL', 'See http://example.org/a.'],
    ['https URL in capitals', 'See HTTPS://EXAMPLE.ORG/A.'],
    ['URL with an escaped colon', 'See http\\://example.org/a.'],
    ['www domain', 'See www.example.org.'],
    ['www domain in capitals', 'See WWW.example.org.'],
  ];
  test.each(rows)('%s', (_name, text) => {
    // The sample really is GFM (it reads differently without), and the check sees it.
    expect(withoutGfm.runSync(withoutGfm.parse(text))).not.toEqual(parseMarkdownWithGfm(text));
    expect(mayHoldGfmSyntax(text)).toBe(true);
    expect(parseMarkdown(text)).toEqual(parseMarkdownWithGfm(text));
  });
});

describe('texts without GFM read the same as with GFM', () => {
  const rows: Array<[string, string]> = [
    ['citations', 'As held [@icj-1996, para. 25]; see @un-2020 [p. 3] and [-@x].'],
    ['wiki-links', 'See [[statement:st-1|the minister]] and ![[statement:st-2]].'],
    ['an at sign after a bracket or a space', 'Ask [@a] or @ b or (@c).'],
    ['links and emphasis', 'A [link](/a "t") and <mailto:a>, *em* and **strong**.'],
    ['HTML and code', '<span>x</span> and `a@b` and\n\n```\nx = y\n```\n'],
    ['a pipe without a delimiter row', 'a | b\n\nc | d'],
    ['a key with a dot after a dash', 'As said [-@smith, p. 2] and -@doe says.'],
    ['lists and quotes', '- one\n- two\n\n> quoted\n> lazy\n\n1. first\n2) second'],
    ['headings and breaks', '# Title #\n\nSetext\n---\n\n***\n\nline  \nbreak\\\nagain'],
    ['escapes and references', 'A \\* b \\[@a\\] and AT and T & co.'],
    ['frontmatter', '---\ntitle: T\ntopics: [a, b]\n---\nBody.'],
    ['colons and dashes apart', 'Note: - a dash, a time 10:30 - 11:00, para. 3-4.'],
  ];
  test.each(rows)('%s', (_name, text) => {
    expect(mayHoldGfmSyntax(text)).toBe(false);
    expect(parseMarkdown(text)).toEqual(parseMarkdownWithGfm(text));
  });
});
