/**
 * Compact pages: the templates' line breaks and indentation go where a browser shows nothing for
 * them, and nothing a reader sees changes — words stay apart, preformatted text stays as written.
 */
import { describe, expect, test } from '@jest/globals';
import { compactHtml, compactPiece } from '../../src/render/compact-html.js';

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

  // A template's text comes in pieces between its tags: an element shown as written may end in a later piece.
  test('an element shown as written carries over to the next piece, to its end tag', () => {
    expect(compactPiece('<section>\n  <pre>\n  one\n')).toEqual({ text: '<section><pre>\n  one\n', open: 'pre' });
    expect(compactPiece('  two\n\n', 'pre')).toEqual({ text: '  two\n\n', open: 'pre' });
    expect(compactPiece('  three\n</PRE >\n  <p>\n after\n </p>', 'pre')).toEqual({ text: '  three\n</PRE ><p>after</p>', open: null });
  });

  test('a piece compacts only what it holds: white space at its edges stays unless a block tag is beside it in the piece', () => {
    expect(compactPiece('\n    words\n  ')).toEqual({ text: '\nwords\n', open: null });
    expect(compactPiece('  words  ')).toEqual({ text: '  words  ', open: null });
    expect(compactPiece('\n  <li>')).toEqual({ text: '<li>', open: null });
  });
});
