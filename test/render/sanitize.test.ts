/**
 * The one sanitiser: whatever HTML a citation style or a memo brings, nothing that runs code is
 * left, and the markup dossier's own citations need is kept.
 */
import { describe, expect, test } from '@jest/globals';
import { MARKUP_CLASSES, sanitizeHtmlFragment } from '../../src/syntax/sanitize.js';
import { dangerousMarkup } from '../helpers/markup.js';

describe('what could run code is removed', () => {
  test.each([
    ['a script element', '<script>alert(1)</script>Text', 'Text'],
    ['an event handler', '<i onclick="alert(1)">Text</i>', '<i>Text</i>'],
    ['a javascript: link', '<a href="javascript:alert(1)">Text</a>', '<a>Text</a>'],
    ['a data: link', '<a href="data:text/html,&lt;script&gt;">Text</a>', '<a>Text</a>'],
    ['an inline style', '<span style="color:red">Text</span>', '<span>Text</span>'],
    ['an iframe', '<iframe src="https://example.org"></iframe>Text', 'Text'],
    ['an svg with a handler', '<svg onload="alert(1)"><circle/></svg>Text', 'Text'],
    ['a style element, its rules left as harmless text', '<style>body{display:none}</style>Text', 'body{display:none}Text'],
    ['a form', '<form action="/signout"><button>Go</button></form>', 'Go'],
    ['an unknown class', '<span class="cite evil">Text</span>', '<span class="cite">Text</span>'],
  ])('%s', (_case, html, expected) => {
    const clean = sanitizeHtmlFragment(html);
    expect(clean).toBe(expected);
    expect(dangerousMarkup(clean)).toEqual([]);
  });
});

describe('what a bibliography and a citation need is kept', () => {
  test.each([
    ['italics and small caps as citeproc writes them', '<i>Prosecutor v. Akayesu</i>, <span style="font-variant:small-caps;">ICTR</span>', '<i>Prosecutor v. Akayesu</i>, <span>ICTR</span>'],
    ['a csl-entry', '<div class="csl-entry"><div class="csl-left-margin">1.</div><div class="csl-right-inline">Text</div></div>', '<div class="csl-entry"><div class="csl-left-margin">1.</div><div class="csl-right-inline">Text</div></div>'],
    ['an https link', '<a href="https://www.icj-cij.org/case/91">ICJ</a>', '<a href="https://www.icj-cij.org/case/91">ICJ</a>'],
    ['a mark and a cite', '<mark>held</mark> in <cite>Bosnia</cite>', '<mark>held</mark> in <cite>Bosnia</cite>'],
    ['a tooltip span', '<span class="cite-preview" role="tooltip">Preview</span>', '<span class="cite-preview" role="tooltip">Preview</span>'],
  ])('%s', (_case, html, expected) => {
    expect(sanitizeHtmlFragment(html)).toBe(expected);
  });

  test.each(MARKUP_CLASSES.map((name) => [name]))('the class %s on a span', (name) => {
    expect(sanitizeHtmlFragment(`<span class="${name}">x</span>`)).toBe(`<span class="${name}">x</span>`);
  });
});

test('text stays text: markup in it is escaped, not interpreted', () => {
  expect(sanitizeHtmlFragment('a &lt;script&gt; b &amp; c')).toBe('a &#x3C;script> b &#x26; c');
});
