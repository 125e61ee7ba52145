/** Every page of the browser, over the basic fixture corpus, as a reader would check it. */
import { beforeAll, describe, expect, test } from '@jest/globals';
import request from 'supertest';
import type { Express } from 'express';
import { appFor } from '../../helpers/server.js';

let app: Express;
beforeAll(async () => {
  app = await appFor('corpus-basic');
});

describe('pages', () => {
  test('home: search box, counts, memos, topics with counts, a link to the problems', async () => {
    const res = await request(app).get('/').expect(200).expect('Content-Type', /html/);
    expect(res.text).toContain('<form class="search-large" action="/search" method="get" role="search">');
    expect(res.text).toContain('<a href="/memos">2 memos</a>');
    expect(res.text).toContain('<a href="/memos/genocide">Genocide of a religious group?</a>');
    expect(res.text).toMatch(/<a href="\/topics\/genocide">Genocide<\/a> <span class="count">\d+<\/span>/);
    expect(res.text).toContain('<a href="/problems">0 problems</a>');
  });

  test('memo: body, numbered notes in the default note style, bibliography, metadata and backlinks', async () => {
    const res = await request(app).get('/memos/genocide').expect(200);
    expect(res.text).toContain('<h1>Genocide of a religious group?</h1>');
    // The first cluster is a footnote in OSCOLA, pointing at the note, described by it (its preview's text).
    expect(res.text).toMatch(/<sup class="cite cite-ref"><a href="#user-content-note-1" id="user-content-note-ref-1" aria-describedby="user-content-note-1">1<\/a><\/sup>/);
    // The note's text is printed once, in the notes: a preview is made from it in the browser.
    expect(res.text.split('78 UNTS 277, art II')).toHaveLength(2);
    expect(res.text).toContain('Convention on the Prevention and Punishment of the Crime of Genocide (adopted 9 December 1948) 78 UNTS 277, art II');
    // Numbered by their place in the list (a value only where a number is skipped).
    expect(res.text).toContain('<li id="user-content-note-1">');
    expect(res.text).not.toContain('value="1"');
    expect(res.text).toContain('<span class="note-sources">[<a href="/sources/genocide-convention">genocide-convention</a>, <a href="/sources/akayesu">akayesu</a>]</span>');
    // Author-in-text: the author's name in the running text.
    expect(res.text).toContain('<span class="in-text-author">Robertson</span>');
    // The embedded statement as an attributed quotation.
    expect(res.text).toMatch(/<figure class="statement-embed"><blockquote cite="\/statements\/robertson-fatwa"><p>The MEK was distinguished/);
    expect(res.text).toContain('<a href="/speakers/robertson">Geoffrey Robertson</a>, Jurist; first President of the UN Special Court for Sierra Leone, at <a href="/events/conference-2021">');
    expect(res.text).toContain('<a href="/memos/jurisdiction" class="wiki-link">the jurisdiction memo</a>');
    expect(res.text).toContain('<h2 id="bibliography-heading">Bibliography</h2>');
    expect(res.text).toContain('<dt>Status</dt><dd>draft</dd>');
    expect(res.text).toContain('<dt>Authors</dt><dd>A. Jurist</dd>');
    expect(res.text).toMatch(/<h2 id="refby-heading">Referenced by<\/h2>[\s\S]*<a href="\/memos\/jurisdiction(#user-content-p\d+)?">Who may try the perpetrators\?<\/a>/);
  });

  test('source: the full reference, identifiers, verification, cited-by with sentence and pinpoint', async () => {
    const res = await request(app).get('/sources/akayesu').expect(200);
    expect(res.text).toContain('<i>Prosecutor v Jean-Paul Akayesu</i>');
    expect(res.text).toContain('<dt>Case number or symbol</dt><dd>ICTR-96-4-T</dd>');
    expect(res.text).toContain('Unverified: details not yet checked against the document.');
    expect(res.text).toMatch(/<a href="\/memos\/genocide#user-content-p\d+">Genocide of a religious group\?<\/a> <span class="pinpoint">paras\. 510-516<\/span>\s*<blockquote class="citing-sentence"><p>The Convention protects four groups only\.<\/p><\/blockquote>/);
  });

  test('source with an archived text: quoted statements highlighted and linked', async () => {
    const res = await request(app).get('/sources/report2021').expect(200);
    expect(res.text).toContain('<mark><a href="/statements/robertson-fatwa">The MEK was distinguished from Khomeini because of their different view on Islam</a></mark>');
    expect(res.text).toContain('<mark><a href="/statements/david-try">All international jurisdictions can try this crime</a></mark>');
    expect(res.text).toContain('Verified against the document.');
    expect(res.text).toMatch(/Statements drawn from it[\s\S]*<a href="\/statements\/david-try">Eric David: “All international jurisdictions can try this crime\.”<\/a> <span class="pinpoint">para\. 4<\/span>/);
  });

  test('statement: speaker, role, event, date, kind, source with locator and provenance, users, neighbours', async () => {
    const res = await request(app).get('/statements/david-try').expect(200);
    expect(res.text).toContain('<dt>Role at the time</dt><dd>Professor of International Law</dd>');
    expect(res.text).toContain('<dt>Event</dt><dd><a href="/events/conference-2021">Online conference on the 1988 massacre</a></dd>');
    expect(res.text).toContain('<dt>Date</dt><dd><time datetime="2021-08-27">2021-08-27</time></dd>');
    expect(res.text).toContain('<dt>Kind</dt><dd>verbatim</dd>');
    expect(res.text).toMatch(/<dt>Source<\/dt><dd><a href="\/sources\/report2021">[^<]+<\/a>, para\. 4<\/dd>/);
    expect(res.text).toContain('Publisher is a party to the events it reports.');
    expect(res.text).toMatch(/Memos that use it[\s\S]*<a href="\/memos\/jurisdiction(#user-content-p\d+)?">/);
    expect(res.text).toMatch(/Other statements at the same event[\s\S]*<a href="\/statements\/robertson-fatwa">/);
  });

  test('speaker: roles, statements as a timeline, the memos that use them', async () => {
    const res = await request(app).get('/speakers/robertson').expect(200);
    expect(res.text).toContain('<li>President, Special Court for Sierra Leone <span class="dates">(2002–2004)</span></li>');
    expect(res.text).toMatch(/<ol class="timeline">\s*<li><time datetime="2021-08-27">2021-08-27<\/time> <a href="\/statements\/robertson-fatwa">/);
    expect(res.text).toMatch(/Memos that use them[\s\S]*<a href="\/memos\/genocide">/);
  });

  test('event and topic pages', async () => {
    const event = await request(app).get('/events/conference-2021').expect(200);
    expect(event.text).toContain('<dt>Place</dt><dd>Online</dd>');
    expect(event.text).toMatch(/Speakers<\/h2>[\s\S]*<a href="\/speakers\/david">Eric David<\/a>/);
    const topic = await request(app).get('/topics/genocide').expect(200);
    expect(topic.text).toContain('<dt>Narrower</dt><dd><a href="/topics/protected-groups">Protected groups</a></dd>');
    expect(topic.text).toMatch(/Memos<\/h2>[\s\S]*<a href="\/memos\/genocide">/);
    const narrower = await request(app).get('/topics/protected-groups').expect(200);
    expect(narrower.text).toContain('<dt>Broader</dt><dd><a href="/topics/genocide">Genocide</a></dd>');
  });

  test.each([
    ['/memos', '/memos/genocide'],
    ['/sources', '/sources/eichmann'],
    ['/statements', '/statements/david-try'],
    ['/speakers', '/speakers/david'],
    ['/events', '/events/conference-2021'],
    ['/topics', '/topics/jurisdiction'],
  ])('list page %s links to %s', async (list, record) => {
    const res = await request(app).get(list).expect(200);
    expect(res.text).toContain(`<a href="${record}">`);
  });

  test('problems page lists diagnostics with file:line:column', async () => {
    const broken = await appFor('corpus-broken');
    const res = await request(broken).get('/problems').expect(200);
    expect(res.text).toContain('<code>corpus/memos/broken.md:4:23</code>');
    expect(res.text).toContain('<code>unknown-cite-key</code>');
    // The rest of that corpus is served all the same.
    await request(broken).get('/memos/fine').expect(200);
  });
});

describe('citation styles', () => {
  test('?style= switches the rendering and a cookie remembers it', async () => {
    const apa = await request(app).get('/memos/genocide?style=apa').expect(200);
    expect(apa.headers['set-cookie']?.[0]).toMatch(/^dossier-style=apa; Max-Age=\d+; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax$/);
    expect(apa.text).not.toContain('cite-ref">');
    // An in-text citation is described by the bibliography entries of the sources it cites.
    expect(apa.text).toMatch(/<a href="\/sources\/genocide-convention" class="cite cite-text" aria-describedby="user-content-bib-1 user-content-bib-2">\(/);
    expect(apa.text).toMatch(/<li id="user-content-bib-1"><div class="csl-entry">Convention on the Prevention and Punishment of the Crime of Genocide, December 9, 1948/);
    expect(apa.text).toMatch(/<li id="user-content-bib-2"><div class="csl-entry">Prosecutor v. Jean-Paul Akayesu/);
    expect(apa.text).toContain('<strong aria-current="true">APA</strong>');
    const remembered = await request(app).get('/memos/genocide').set('Cookie', 'dossier-style=apa').expect(200);
    expect(remembered.text).toContain('<strong aria-current="true">APA</strong>');
    expect(remembered.text).not.toContain('cite-ref">');
  });

  test.each(['oscola', 'chicago-notes', 'apa', 'harvard', 'vancouver'])('every page renders in %s', async (style) => {
    for (const path of ['/memos/genocide', '/memos/jurisdiction', '/sources/genocide-convention', '/speakers/robertson', '/events/conference-2021']) {
      const res = await request(app).get(`${path}?style=${style}`);
      expect([path, res.status]).toEqual([path, 200]);
    }
  });

  test('Chicago notes is a note style of its own', async () => {
    const res = await request(app).get('/memos/genocide?style=chicago-notes').expect(200);
    expect(res.text).toContain('cite-ref">');
    expect(res.text).toContain('Convention on the Prevention and Punishment of the Crime of Genocide, December 9, 1948, 78 United Nations Treaty Series 277, art. II; also ');
  });

  test('an unknown style is a 400 that names the choices', async () => {
    const res = await request(app).get('/memos/genocide?style=bluebook').expect(400);
    expect(res.text).toContain('Unknown citation style. Choose one of: oscola, chicago-notes, apa, harvard, vancouver.');
  });
});
