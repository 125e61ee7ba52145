/**
 * Anchors (issue 17): every heading and paragraph of a memo has an id, a long memo has a table of
 * contents whose links all land, and a source's cited-by entries open the citing memo at the
 * paragraph that cites it.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import request from 'supertest';
import type { Express } from 'express';
import { appFor } from '../helpers/server.js';
import { paragraphAnchor } from '../../src/render/body-anchors.js';

let app: Express;
beforeAll(async () => {
  app = await appFor('corpus-relevance');
});

/** The text of the element with this id, tags stripped. */
function textOfId(html: string, id: string): string | null {
  const found = new RegExp(`<(p|li|h[1-6])[^>]* id="${id}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html);
  return found === null ? null : found[2]!.replace(/<[^>]+>/g, '');
}

describe('anchors in memo pages', () => {
  test('a long memo has a table of contents whose every link lands on a heading', async () => {
    const page = (await request(app).get('/memos/genocide-religious-group').expect(200)).text;
    const toc = /<nav class="toc" aria-label="Contents">([\s\S]*?)<\/nav>/.exec(page);
    expect(toc).not.toBeNull();
    const targets = [...toc![1]!.matchAll(/href="#([^"]+)"/g)].map((match) => match[1]!);
    expect(targets).toContain('user-content-the-counter-arguments');
    for (const id of targets) expect(page).toMatch(new RegExp(`<h[2-6] id="${id}">`));
  });

  test('every paragraph and list item of the body has an id (embedded statements aside)', async () => {
    const { html } = (await request(app).get('/api/memos/genocide-religious-group').expect(200)).body as { html: string };
    const body = html.replace(/<figure[\s\S]*?<\/figure>/g, '').replace(/<nav[\s\S]*?<\/nav>/, '');
    const blocks = [...body.matchAll(/<(p|li)( [^>]*)?>/g)];
    expect(blocks.length).toBeGreaterThan(15);
    // A paragraph inside a loose list item shares the item's first line: one of the two has the id.
    const withoutId = blocks.filter((match) => !/ id="user-content-p\d+"/.test(match[2] ?? ''));
    expect(withoutId.filter((match) => match[1] === 'li')).toEqual([]);
  });

  test('a short memo has no table of contents', async () => {
    const page = (await request(app).get('/memos/relevance-identifiers').expect(200)).text;
    expect(page).not.toContain('class="toc"');
  });
});

describe('cited-by entries open the memo at the citing paragraph', () => {
  test.each([
    ['akayesu-1998', 'genocide-religious-group', 'stable and permanent'],
    ['krstic-2004', 'genocide-religious-group', 'substantial part of the group'],
    ['vasiliauskas-2015', 'relevance-identifiers', '35343/05'],
  ])('%s → %s', async (key, memo, words) => {
    const source = (await request(app).get(`/sources/${key}`).expect(200)).text;
    const hrefs = [...source.matchAll(new RegExp(`href="/memos/${memo}#([^"]+)"`, 'g'))].map((match) => match[1]!);
    expect(hrefs.length).toBeGreaterThan(0);
    const page = (await request(app).get(`/memos/${memo}`).expect(200)).text;
    const texts = hrefs.map((id) => textOfId(page, id));
    expect(texts.every((text) => text !== null)).toBe(true);
    expect(texts.some((text) => text!.includes(words))).toBe(true);
  });
});

describe('search results open the memo at the paragraph', () => {
  test.each([
    ['"stable and permanent"', 'genocide-religious-group', 'stable and permanent'],
  ])('%s', async (q, memo, words) => {
    const { hits } = (await request(app).get(`/api/search?q=${encodeURIComponent(q)}&type=memo`).expect(200)).body as { hits: Array<{ id: string; href: string }> };
    const hit = hits.find((each) => each.id === memo)!;
    const [path, id] = hit.href.split('#');
    expect(path).toBe(`/memos/${memo}`);
    const page = (await request(app).get(path!).expect(200)).text;
    expect(textOfId(page, id!)).toContain(words);
  });
});

describe('the paragraph of a line', () => {
  const file = ['---', 'title: x', '---', '## Heading', 'First paragraph', 'goes on here.', '', '- item one', '  continues', '- item two', '', '::: {.evidence}', 'Inside a div', ':::'].join('\n');
  test.each([
    [5, 'p5'],
    [6, 'p5'],
    [9, 'p8'],
    [10, 'p10'],
    [13, 'p13'],
  ])('line %i is in %s', (line, id) => {
    expect(paragraphAnchor(file, line)).toBe(`user-content-${id}`);
  });

  /** The rule as first written: the file split into lines, walked up from the line (the last line when past the end). */
  function splitReading(text: string, line: number): string {
    const lines = text.split('\n');
    let start = Math.min(Math.max(1, line), lines.length);
    while (start > 1) {
      const current = lines[start - 1]!;
      const previous = lines[start - 2]!;
      if (/^\s*([-*+]|\d+[.)])\s|^\s*>/.test(current) || previous.trim() === '' || /^\s*(#{1,6}\s|:::)/.test(previous)) break;
      start--;
    }
    return `user-content-p${start}`;
  }

  test.each([
    ['the file above', file],
    ['Windows line ends', file.replaceAll('\n', '\r\n')],
    ['blank lines first and last', '\n\nOne\ntwo\n\n'],
    ['only line breaks', '\n\n\n'],
    ['empty', ''],
    ['one line, no line break', 'Just one line'],
    ['quotes, numbered items and headings', '# Title\nIntro line\n> quoted\n> more\n1. first\n2) second\nafter list\n### Sub\ntext\n:::\ninside\n  \t\nlast'],
    ['a paragraph of many lines', Array.from({ length: 40 }, (_, n) => `line ${n}`).join('\n')],
  ])('every line of %s, and lines before and past it, as the split reading gives', (_name, text) => {
    const count = text.split('\n').length;
    for (let line = -1; line <= count + 2; line++) expect([line, paragraphAnchor(text, line)]).toEqual([line, splitReading(text, line)]);
  });
});
