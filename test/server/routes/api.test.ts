/** The JSON API under /api: the shapes `dossier inspect` prints, plus formatted HTML. */
import { beforeAll, describe, expect, test } from '@jest/globals';
import request from 'supertest';
import type { Express } from 'express';
import { appFor, fixture } from '../../helpers/server.js';
import { runCli } from '../../helpers/run-cli.js';

let app: Express;
beforeAll(async () => {
  app = await appFor('corpus-basic');
});

describe('records', () => {
  test('a memo: metadata, clusters exactly as dossier inspect gives them, statements, links, backlinks, HTML', async () => {
    const res = await request(app).get('/api/memos/genocide').expect(200).expect('Content-Type', /json/);
    const inspected = JSON.parse((await runCli('inspect', '--root', fixture('corpus-basic'), 'memo:genocide')).stdout);
    expect(res.body.citations).toEqual(inspected.citations);
    expect(res.body).toMatchObject({
      type: 'memo',
      id: 'genocide',
      title: 'Genocide of a religious group?',
      statements: ['robertson-fatwa'],
      style: 'oscola',
      href: '/memos/genocide',
    });
    expect(res.body.links.map((link: { target: { id: string } }) => link.target.id)).toEqual(['robertson-fatwa', 'jurisdiction']);
    expect(res.body.backlinks.map((b: { from: { id: string } }) => b.from.id)).toEqual(['jurisdiction']);
    expect(res.body.html).toContain('<sup class="cite cite-ref">');
    expect(res.body.notes[0]).toMatchObject({ number: 1 });
    expect(res.body.bibliography.map((entry: { href: string }) => entry.href)).toContain('/sources/akayesu');
  });

  test('the style of the request applies to the API too', async () => {
    const res = await request(app).get('/api/memos/genocide?style=apa').expect(200);
    expect(res.body.style).toBe('apa');
    expect(res.body.notes).toEqual([]);
  });

  test.each([
    ['/api/sources/akayesu', { type: 'source', key: 'akayesu' }],
    ['/api/statements/david-try', { type: 'statement', id: 'david-try', speaker: 'david' }],
    ['/api/speakers/robertson', { type: 'speaker', id: 'robertson', name: 'Geoffrey Robertson' }],
    ['/api/events/conference-2021', { type: 'event', id: 'conference-2021' }],
    ['/api/topics/genocide', { type: 'topic', id: 'genocide', narrower: ['protected-groups'] }],
  ])('%s', async (path, expected) => {
    const res = await request(app).get(path).expect(200);
    expect(res.body).toMatchObject(expected);
  });

  test('a source carries its formatted reference and its cited-by list', async () => {
    const res = await request(app).get('/api/sources/akayesu').expect(200);
    expect(res.body.referenceHtml).toContain('<i>Prosecutor v Jean-Paul Akayesu</i>');
    expect(res.body.citedBy[0]).toMatchObject({ from: { type: 'memo', id: 'genocide' }, locator: '510-516', label: 'paragraph' });
  });

  test.each([
    ['/api/memos', 'memos', 2],
    ['/api/sources', 'sources', 5],
    ['/api/statements', 'statements', 2],
    ['/api/speakers', 'speakers', 2],
    ['/api/events', 'events', 1],
    ['/api/topics', 'topics', 3],
  ])('list %s', async (path, key, total) => {
    const res = await request(app).get(path).expect(200);
    expect(res.body.total).toBe(total);
    expect(res.body[key]).toHaveLength(total);
  });

  test('diagnostics', async () => {
    const broken = await appFor('corpus-broken');
    const res = await request(broken).get('/api/diagnostics').expect(200);
    expect(res.body.counts).toEqual({ errors: 1, warnings: 0 });
    expect(res.body.diagnostics[0]).toMatchObject({ file: 'corpus/memos/broken.md', line: 4, column: 23, code: 'unknown-cite-key' });
  });
});

describe('errors as JSON', () => {
  test('an unknown id is a 404', async () => {
    const res = await request(app).get('/api/memos/no-such-memo').expect(404);
    expect(res.body).toEqual({ error: { status: 404, message: 'There is no memo "no-such-memo".' } });
  });

  test('a malformed id is a 400', async () => {
    const res = await request(app).get('/api/speakers/bad%20id').expect(400);
    expect(res.body.error.message).toBe('"bad id" is not a valid speaker id.');
  });

  test('an unknown API path is a 404 in JSON', async () => {
    const res = await request(app).get('/api/nothing').expect(404);
    expect(res.body.error.status).toBe(404);
  });
});
