/**
 * The one sanitiser: whatever HTML a citation style or a memo brings, nothing that runs code is
 * left, and the markup dossier's own citations need is kept.
 */
import { describe, expect, test } from '@jest/globals';
import { fromHtml } from 'hast-util-from-html';
import { sanitize } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import { MARKUP_CLASSES, SANITIZE_SCHEMA, sanitizeHtmlFragment } from '../../src/syntax/sanitize.js';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { CitationFormatter, CITATION_STYLES } from '../../src/corpus/citations/format.js';
import { fixture } from '../helpers/server.js';
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

/** What the sanitiser gives a fragment parsed as it is, with no caching and no numbers stood in. */
function sanitisedAsWritten(html: string): string {
  return toHtml(sanitize(fromHtml(html, { fragment: true }), SANITIZE_SCHEMA));
}

describe('fragments that differ only by their numbers share one parse, and print what the sanitiser prints', () => {
  const manyNumbers = Array.from({ length: 5000 }, (_, index) => String(index)).join(' ');
  test.each([
    ['a note with a pinpoint and a note number', '<i>Akayesu</i> (n 3) para 207. <span class="note-sources">[<a href="/sources/akayesu1998" class="cite">akayesu1998</a>]</span>'],
    ['numbers in attributes and keys', '<a href="/sources/report2021/5" title="5 of 6" class="cite">report2021 5</a>'],
    ['numeric character references', '&#38; 5 &#x26; 6 &#0038;7 &#38 8 &#x1F600;9 &#;10 &#'],
    ['named references holding digits', '&frac12; 1 &sup2;2 &there4; 3 &amp123 &blk14;'],
    ['numbers after letters, hashes and ampersands', 'para12 12a #5 &5 a&b 7'],
    ['a less-than sign before a number', 'a <5 b < 6 and 1<2'],
    ['an unquoted or odd attribute', '<span class=cite>5</span><a title="5>6">7</a><i title=\'8\'>9</i>'],
    ['markup that is not one of the simple tags', '<h1>1</h1><table>5<tr><td>6</td></tr></table><textarea>7</textarea><!-- 8 -->9<script>10</script>'],
    ['Private Use Area characters of its own', '\ue000 5 \ue001 6'],
    ['a NUL and a carriage return', '5\u00006\r\n7'],
    ['unclosed tags', '<i>5 <b>6'],
    ['more numbers than there are stand-ins', manyNumbers],
    ['the same shape again, with other numbers', '<i>Akayesu</i> (n 12) para 9. <span class="note-sources">[<a href="/sources/akayesu1998" class="cite">akayesu1998</a>]</span>'],
  ])('%s', (_case, html) => {
    expect(sanitizeHtmlFragment(html)).toBe(sanitisedAsWritten(html));
    // Met again (from the cache this time), the same.
    expect(sanitizeHtmlFragment(html)).toBe(sanitisedAsWritten(html));
  });

  test('every citation, bibliography entry and note the styles print for fixture corpora, a hostile one among them', async () => {
    const fragments = new Set<string>();
    for (const name of ['corpus-basic', 'corpus-hostile']) {
      const corpus = await buildCorpus(fixture(name), { workers: 0 });
      const formatter = new CitationFormatter(corpus.sources);
      for (const style of CITATION_STYLES) {
        for (const record of [...corpus.memos.values(), ...corpus.statements.values()]) {
          const formatted = formatter.formatDocument(style.id, record.id, record.citations);
          for (const cluster of formatted.clusters) fragments.add(`${cluster.html} <span class="note-sources">[${cluster.keys.map((key) => `<a href="/sources/${key}">${key}</a>`).join(', ')}]</span>`);
          for (const entry of formatted.bibliography) fragments.add(entry.html);
        }
      }
    }
    expect(fragments.size).toBeGreaterThan(40);
    expect([...fragments].some((html) => /\d/u.test(html))).toBe(true);
    for (const html of fragments) expect([html, sanitizeHtmlFragment(html)]).toEqual([html, sanitisedAsWritten(html)]);
  });
});
