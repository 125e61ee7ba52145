/**
 * Compact pages: the templates' line breaks and indentation go where a browser shows nothing for
 * them, and nothing a reader sees changes — words stay apart, preformatted text stays as written.
 */
import { describe, expect, test } from '@jest/globals';
import { compactHtml } from '../../src/render/compact-html.js';

describe('compactHtml', () => {
  test.each([
    ['indentation between blocks', '<ul>\n  <li>One</li>\n  <li>Two</li>\n</ul>\n', '<ul><li>One</li><li>Two</li></ul>'],
    ['a line break at the start and end of a block', '<p>\n    <a href="/x">x</a>\n  </p>', '<p><a href="/x">x</a></p>'],
    ['the head', '<!doctype html>\n<html lang="en">\n<head>\n  <meta charset="utf-8">\n  <title>T</title>\n</head>', '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>T</title></head>'],
    // Between inline elements or words a line break is a space a reader sees: it stays, as one.
    ['a line break between links', '<p><a href="/a">a</a>\n    <a href="/b">b</a></p>', '<p><a href="/a">a</a>\n<a href="/b">b</a></p>'],
    ['a line break between words', '<p>one\n   two</p>', '<p>one\ntwo</p>'],
    ['spaces between blocks', '<ul><li>a</li>    <li>b</li></ul>', '<ul><li>a</li><li>b</li></ul>'],
    // Spaces within a line elsewhere are the text's words apart (", " or " <span>"): never touched.
    ['spaces within a line', '<li><div class="csl-entry">Ref</div> <a href="/s">Source page</a>  <span>x</span></li>', '<li><div class="csl-entry">Ref</div> <a href="/s">Source page</a>  <span>x</span></li>'],
    // Shown inline by the stylesheet: a div keeps the break beside it.
    ['a div', '<div class="csl-entry">Ref</div>\n <a href="/s">Source page</a>', '<div class="csl-entry">Ref</div>\n<a href="/s">Source page</a>'],
    ['a no-break space', '<p>\u00a0\n<a href="/a">a</a></p>', '<p>\u00a0\n<a href="/a">a</a></p>'],
    ['preformatted text', '<section>\n  <pre class="archived-text">line one\n\n    indented\n</pre>\n</section>', '<section><pre class="archived-text">line one\n\n    indented\n</pre></section>'],
    ['a text area', '<form>\n<textarea name="t">\n  draft\n</textarea>\n</form>', '<form><textarea name="t">\n  draft\n</textarea></form>'],
  ])('%s', (_what, html, compact) => {
    expect(compactHtml(html)).toBe(compact);
  });

  test('compacting twice changes nothing more', () => {
    const html = '<ul>\n  <li><a href="/a">a</a>\n  <a href="/b">b</a></li>\n</ul>\n<pre>\n x\n</pre>';
    expect(compactHtml(compactHtml(html))).toBe(compactHtml(html));
  });

  // The page as compactHtml's rule states it, one regular expression over the whole page (how it
  // was first written): the one-pass scan must give every page the same bytes.
  const BLOCK = new Set(['!doctype', 'html', 'head', 'meta', 'link', 'title', 'script', 'body', 'header', 'footer', 'main', 'nav', 'article', 'section', 'aside', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'blockquote', 'figure', 'figcaption', 'form', 'fieldset', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'hr', 'details', 'summary', 'address', 'noscript']);
  const tagName = (text: string): string | null => /^<\/?(!doctype|[a-z][a-z0-9]*)/iu.exec(text.slice(0, 12))?.[1]?.toLowerCase() ?? null;
  const byRule = (html: string): string =>
    html.replace(/(<(pre|textarea|script|style)\b[\s\S]*?<\/\2\s*>)|(?<=>)[ \t\r\n\f]+|[ \t\r\n\f]+(?=<)|[ \t\r\f]*\n[ \t\r\n\f]*/giu, (match: string, verbatim: string | undefined, _name: string | undefined, offset: number) => {
      if (verbatim !== undefined) return match;
      const before = html[offset - 1] === '>' && html.lastIndexOf('<', offset - 1) !== -1 ? tagName(html.slice(html.lastIndexOf('<', offset - 1))) : null;
      const after = html[offset + match.length] === '<' ? tagName(html.slice(offset + match.length)) : null;
      if ((before !== null && BLOCK.has(before)) || (after !== null && BLOCK.has(after))) return '';
      return match.includes('\n') ? '\n' : match;
    });

  test('every page comes out as the rule says, whatever its tags, breaks and verbatim elements', () => {
    const pieces = ['<p>', '</p>', '<li class="x">', '</li>', '<a href="/a">', '</a>', '<span>', '</span>', '<div>', '</div>', '<pre>', '</pre>', '</PRE >', '<Pre class="t">', '<script src="/s.js">', '</script>', '<style>', '</ſtyle>', '<ſcript>', '<textarea name="t">', '</textarea\n>', '<press>', '<prefix>', '<!doctype html>', '<br>', '<', '>', ' ', '  ', '\n', '\n  ', '\t', '\r\n', '\f', '\u00a0', 'word', 'two words', '&amp;', '<h2 id="n">', '</h2>', '<td>', '<TD>', '<!-- c -->'];
    // A fixed sequence of pseudo-random numbers, so that a failure is the same failure every run.
    let seed = 19;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let page = 0; page < 3000; page++) {
      const length = 1 + Math.floor(next() * 40);
      let html = '';
      for (let piece = 0; piece < length; piece++) html += pieces[Math.floor(next() * pieces.length)];
      expect([html, compactHtml(html)]).toEqual([html, byRule(html)]);
    }
  });
});
