/**
 * The templates are compacted once, as they are compiled, instead of every page afterwards: every
 * page must read exactly as the page rendered from the templates as written, once the white space a
 * browser does not show is taken out of both, and preformatted text must stay as written.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import request from 'supertest';
import { Eta } from 'eta';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { createApp } from '../../src/server/app.js';
import { openSearchIndex } from '../../src/search/index.js';
import { MutableSearchHandle } from '../../src/server/search-handle.js';
import { csrfToken, everyPagePath, fixture } from '../helpers/server.js';
import { compactHtml } from '../../src/render/compact-html.js';
import { compactTemplate, createTemplates } from '../../src/render/templates.js';

/** Renders one template string with the compacting plugin, as createTemplates compiles views/. */
function renderCompacted(template: string, data: object = {}): string {
  const eta = new Eta({ autoEscape: true, autoTrim: [false, 'nl'], plugins: [{ processAST: compactTemplate }] });
  return eta.renderString(template, data);
}

describe('compactTemplate', () => {
  test.each([
    ['indentation around a loop of list items', '<ul>\n  <% it.items.forEach(function (item) { %>\n  <li><%= item %></li>\n  <% }) %>\n</ul>\n', { items: ['a', 'b'] }, '<ul><li>a</li><li>b</li></ul>'],
    // What a tag writes is not known when the template is compiled: the white space beside it stays,
    // a line break and indentation shortened to one line break (Eta itself drops the line break just after a tag).
    ['a line break between a value and a word', '<p><%= it.name %> and\n    <%= it.other %>\n  wrote this</p>', { name: 'Ana', other: 'Ben' }, '<p>Ana and\nBen  wrote this</p>'],
    ['spaces between values on a line', '<p><%= it.a %>, <%= it.b %>  <%= it.c %></p>', { a: '1', b: '2', c: '3' }, '<p>1, 2  3</p>'],
    // A value's own white space is never touched.
    ['white space inside a value', '<p>\n  <%= it.text %>\n</p>', { text: 'one\n\n   two' }, '<p>one\n\n   two</p>'],
    ['a value written raw', '<section>\n  <%~ it.html %>\n</section>', { html: '<p>a</p>\n\n  <p>b</p>' }, '<section><p>a</p>\n\n  <p>b</p></section>'],
    // An element shown as written is left alone to its end tag, across the tags inside it (Eta drops the line break just after a tag).
    ['preformatted text around a value', '<div>\n  <pre class="x">\n  <%~ it.html %>\n    kept\n  </pre>\n</div>', { html: 'x' }, '<div>\n<pre class="x">\n  x    kept\n  </pre>\n</div>'],
    ['a text area around a value', '<form>\n  <textarea name="t">\n  <%= it.draft %>\n  </textarea>\n</form>', { draft: 'd' }, '<form><textarea name="t">\n  d  </textarea></form>'],
    // Backslashes and quotes in the text come out as written.
    ['backslashes and quotes', "<p>\n  It's a \\ and a \\n, 'quoted'\n</p>", {}, "<p>It's a \\ and a \\n, 'quoted'</p>"],
  ])('%s', (_what, template, data, expected) => {
    expect(renderCompacted(template, data)).toBe(expected);
  });
});

describe.each([['corpus-basic'], ['corpus-relevance']])('every page of %s', (name) => {
  const pages: Array<{ path: string; compacted: string; asWritten: string }> = [];

  beforeAll(async () => {
    const corpus = await buildCorpus(fixture(name));
    const { index } = await openSearchIndex(corpus, { cacheDir: null, workers: 0 });
    const compacted = createApp({ corpus, search: new MutableSearchHandle(index), templates: createTemplates() });
    const asWritten = createApp({ corpus, search: new MutableSearchHandle(index), templates: createTemplates(undefined, { compact: false }) });
    // The form's token differs from page to page: it is read, sent back, and taken out of the pages compared.
    const withoutToken = (html: string) => html.replace(/(name="_csrf" value=")[^"]+"/g, '$1"');
    // Every page, and the form that shows preformatted text and a text area.
    for (const path of [...everyPagePath(corpus, 'genocide'), '/authorities']) {
      const [a, b] = [await request(compacted).get(path), await request(asWritten).get(path)];
      expect(a.status).toBe(b.status);
      if (a.status === 200) pages.push({ path, compacted: withoutToken(a.text), asWritten: withoutToken(b.text) });
    }
    // The form's answer: detected citations in preformatted text, and the draft in its text area.
    const draft = 'See the Genocide Convention, art. II.\n\n    An indented line.';
    const answers: string[] = [];
    for (const app of [compacted, asWritten]) {
      const agent = request.agent(app);
      const form = await agent.get('/authorities').expect(200);
      const answer = await agent.post('/authorities').type('form').send({ _csrf: csrfToken(form.text), text: draft }).expect(200);
      answers.push(withoutToken(answer.text));
    }
    pages.push({ path: 'POST /authorities', compacted: answers[0]!, asWritten: answers[1]! });
  });

  test('reads as the page from the templates as written', () => {
    expect(pages.length).toBeGreaterThan(10);
    const differing = pages.filter((page) => compactHtml(page.compacted) !== compactHtml(page.asWritten)).map((page) => page.path);
    expect(differing).toEqual([]);
  });

  test('is smaller than the page from the templates as written', () => {
    const notSmaller = pages.filter((page) => page.compacted.length >= page.asWritten.length).map((page) => page.path);
    expect(notSmaller).toEqual([]);
  });

  test('keeps preformatted text and a text area as written', () => {
    const shownAsWritten = (html: string) => [...html.matchAll(/<(pre|textarea)\b[^>]*>[\s\S]*?<\/\1>/g)].map((match) => match[0]);
    const withPre = pages.filter((page) => /<(pre|textarea)\b/.test(page.asWritten));
    expect(withPre.length).toBeGreaterThan(0);
    for (const page of withPre) expect(shownAsWritten(page.compacted)).toEqual(shownAsWritten(page.asWritten));
  });
});
