/**
 * /api/bibliography, /api/elements and /basket: downloads with the right type and a file name that
 * says what they hold; every bad parameter a 4xx that says what to give instead; confidential
 * records answering as if absent.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import request from 'supertest';
import type { Express } from 'express';
import { appFor } from '../../helpers/server.js';

describe('downloads', () => {
  let app: Express;
  beforeAll(async () => {
    app = await appFor('corpus-basic');
  });

  test.each([
    ['memo:genocide', 'biblatex', 'application/x-bibtex', 'genocide.bib'],
    ['memo:genocide', 'ris', 'application/x-research-info-systems', 'genocide.ris'],
    ['memo:genocide', 'csl-json', 'application/vnd.citationstyles.csl+json', 'genocide.json'],
    ['topic:genocide', 'csl-yaml', 'application/yaml', 'topic-genocide.yaml'],
    ['all', 'rtf', 'application/rtf', 'library.rtf'],
    ['keys:akayesu,eichmann', 'text', 'text/plain', 'selection.txt'],
    ['query:Eichmann', 'html', 'text/html', 'search-eichmann.html'],
    ['memo:genocide', 'authorities-html', 'text/html', 'genocide-authorities.html'],
  ])('%s as %s', async (scope, format, contentType, file) => {
    const res = await request(app).get(`/api/bibliography?scope=${encodeURIComponent(scope)}&format=${format}`).expect(200);
    expect(res.headers['content-type']).toContain(contentType);
    expect(res.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="?${file.replace('.', '\\.')}"?$`));
  });

  test('a memo’s bibliography holds what it cites; with --linked, what its linked memos cite too', async () => {
    const own = await request(app).get('/api/bibliography?scope=memo:genocide&format=csl-json').expect(200);
    const keys = JSON.parse(own.text).map((item: { id: string }) => item.id).sort();
    expect(keys).toEqual(['akayesu', 'genocide-convention', 'robertson2010']);
    const linked = await request(app).get('/api/bibliography?scope=memo:genocide&format=csl-json&linked=1').expect(200);
    expect(JSON.parse(linked.text).map((item: { id: string }) => item.id)).toContain('eichmann');
    const everything = await request(app).get('/api/bibliography?scope=memo:genocide&format=csl-json&include=all').expect(200);
    expect(JSON.parse(everything.text).map((item: { id: string }) => item.id)).toContain('report2021');
  });

  test('the style of the request applies', async () => {
    const apa = await request(app).get('/api/bibliography?scope=keys:robertson2010&format=text&style=apa').expect(200);
    expect(apa.text).toContain('Robertson, G. (2010).');
  });

  test('every scope page links its downloads', async () => {
    expect((await request(app).get('/memos/genocide')).text).toContain('href="/api/bibliography?scope=memo%3Agenocide&amp;format=biblatex&amp;style=oscola"');
    expect((await request(app).get('/topics/genocide')).text).toContain('scope=topic%3Agenocide&amp;format=ris');
    expect((await request(app).get('/sources')).text).toContain('scope=all&amp;format=csl-json');
    expect((await request(app).get('/search?q=genocide')).text).toContain('scope=query%3Agenocide&amp;format=rtf');
    const basket = await request(app).get('/basket?keys=akayesu,eichmann,nonexistent').expect(200);
    expect(basket.text).toContain('data-basket-keys="akayesu,eichmann"');
    expect(basket.text).toContain('scope=keys%3Aakayesu%2Ceichmann&amp;format=biblatex');
  });

  test.each([
    ['/api/bibliography?scope=memo:genocide&format=word', 400, /Unknown format/],
    ['/api/bibliography?scope=memo:nothing&format=ris', 404, /There is no memo "nothing"/],
    ['/api/bibliography?scope=nonsense&format=ris', 400, /Unknown scope "nonsense"/],
    ['/api/bibliography?format=ris', 400, /Give "scope"/],
    ['/api/bibliography?scope=all&format=ris&include=some', 400, /cited or all/],
  ])('%s is a %i', async (url, status, message) => {
    const res = await request(app).get(url).expect(status);
    expect(res.body.error.message).toMatch(message);
  });
});

describe('confidential records, for an anonymous reader', () => {
  let app: Express;
  beforeAll(async () => {
    app = await appFor('corpus-confidential');
  });

  test.each([
    ['memo:canaryquill-memo', 'memo:no-such-memo'],
    ['memo:folder-memo', 'memo:no-such-memo'],
  ])('the bibliography of %s answers as %s does', async (hidden, absent) => {
    const [hiddenAnswer, absentAnswer] = await Promise.all([
      request(app).get(`/api/bibliography?scope=${hidden}&format=ris`),
      request(app).get(`/api/bibliography?scope=${absent}&format=ris`),
    ]);
    expect(hiddenAnswer.status).toBe(404);
    expect(absentAnswer.status).toBe(404);
    expect(hiddenAnswer.body.error.message.replace(hidden.slice(5), 'ID')).toBe(absentAnswer.body.error.message.replace(absent.slice(5), 'ID'));
  });

  test('an internal key in a selection is left out, as an unknown key is', async () => {
    const res = await request(app).get('/api/bibliography?scope=keys:public-source,canaryquill-source,no-such-key&format=csl-json').expect(200);
    expect(JSON.parse(res.text).map((item: { id: string }) => item.id)).toEqual(['public-source']);
  });

  test('a public memo’s bibliography, everything included, leaves out the internal source it cites', async () => {
    const res = await request(app).get('/api/bibliography?scope=memo:public&format=biblatex&include=all').expect(200);
    expect(res.text).toContain('public-source');
    expect(res.text).not.toMatch(/canaryquill/i);
  });

  test('a basket with an internal key shows only the public one', async () => {
    const res = await request(app).get('/basket?keys=public-source,canaryquill-source').expect(200);
    expect(res.text).toContain('data-basket-keys="public-source"');
    expect(res.text).not.toMatch(/canaryquill/i);
  });
});

describe('/basket escapes what it is given', () => {
  test('a hostile key list is never markup', async () => {
    const app = await appFor('corpus-basic');
    const res = await request(app).get(`/basket?keys=${encodeURIComponent('akayesu,"><script>alert(1)</script>')}`).expect(200);
    expect(res.text).not.toContain('<script>alert(1)');
    expect(res.text).toContain('data-basket-keys="akayesu"');
  });
});

describe('/api/elements: the element × evidence matrix as CSV', () => {
  let app: Express;
  beforeAll(async () => {
    app = await appFor('corpus-evidence');
  });

  test.each([
    ['memo:one', 'one-elements.csv'],
    ['topic:genocide', 'topic-genocide-elements.csv'],
  ])('%s downloads as %s', async (scope, file) => {
    const res = await request(app).get(`/api/elements?scope=${scope}`).expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="?${file.replace('.', '\\.')}"?$`));
    expect(res.text.split('\n')[0]).toMatch(/element/i);
  });

  test.each([
    ['', 400, 'Give "scope".'],
    ['?scope=one', 400, 'The scope of a matrix is memo:ID or topic:ID.'],
    ['?scope=source:case', 400, 'The scope of a matrix is memo:ID or topic:ID.'],
    ['?scope=memo:nowhere', 404, 'There is no memo "nowhere".'],
    ['?scope=topic:nowhere', 404, 'There is no topic "nowhere".'],
  ])('/api/elements%s is a %i saying what to give', async (query, status, message) => {
    const res = await request(app).get(`/api/elements${query}`);
    expect(res.status).toBe(status);
    expect(res.body).toEqual({ error: { status, message } });
  });
});
