/**
 * The one error handler: a failure is a page (or JSON under /api) with a status and a message a
 * reader can act on; what went wrong inside never reaches the client, only the log.
 */
import { describe, expect, test } from '@jest/globals';
import express, { type Request } from 'express';
import request from 'supertest';
import { errorHandler, HttpError, notFound } from '../../../src/server/middleware/errors.js';
import { capturedStderr } from '../../helpers/stderr.js';

/** An app whose routes fail in each way a route can, with a plain error page. */
function failingApp() {
  const app = express();
  const fail = (error: unknown) => () => {
    throw error;
  };
  for (const prefix of ['', '/api']) {
    app.get(`${prefix}/http-error`, fail(new HttpError(422, 'The query ends inside a phrase.', { start: 4, end: 9 })));
    app.get(`${prefix}/bug`, fail(new Error('secret detail at /home/dossier/src/x.ts:12')));
    app.get(`${prefix}/thrown-string`, fail('a string'));
    app.post(`${prefix}/json`, express.json({ limit: 20 }), (_req, res) => {
      res.json({ ok: true });
    });
  }
  app.use(notFound);
  app.use(errorHandler((status: number, message: string, req: Request) => `<h1>${status}</h1><p>${message.replace(/</g, '&lt;')}</p><p>${req.path}</p>`));
  return app;
}

const logged = capturedStderr();

describe('under /api, JSON', () => {
  test.each([
    ['/api/http-error', 422, { status: 422, message: 'The query ends inside a phrase.', start: 4, end: 9 }],
    ['/api/bug', 500, { status: 500, message: 'Something went wrong on our side. The error has been logged.' }],
    ['/api/thrown-string', 500, { status: 500, message: 'Something went wrong on our side. The error has been logged.' }],
    ['/api/nowhere', 404, { status: 404, message: 'Nothing here: /api/nowhere' }],
  ])('%s answers %i', async (url, status, error) => {
    const res = await request(failingApp()).get(url);
    expect(res.status).toBe(status);
    expect(res.type).toBe('application/json');
    expect(res.body).toEqual({ error });
  });

  test.each([
    ['JSON that cannot be read', '{"unclosed', 400],
    ['a body over the limit', JSON.stringify({ text: 'x'.repeat(100) }), 413],
  ])('%s is the client’s fault', async (_case, body, status) => {
    const res = await request(failingApp()).post('/api/json').set('Content-Type', 'application/json').send(body);
    expect(res.status).toBe(status);
    expect(res.body.error.status).toBe(status);
    expect(JSON.stringify(res.body)).not.toMatch(/node_modules|\\n\s+at\s/);
    expect(logged).toEqual([]);
  });
});

describe('elsewhere, an HTML page', () => {
  test.each([
    ['/http-error', 422, 'The query ends inside a phrase.'],
    ['/bug', 500, 'Something went wrong on our side. The error has been logged.'],
    ['/nowhere/<b>', 404, 'Nothing here: /nowhere/%3Cb%3E'],
  ])('%s answers %i', async (url, status, message) => {
    const res = await request(failingApp()).get(url);
    expect(res.status).toBe(status);
    expect(res.type).toBe('text/html');
    expect(res.text).toContain(`<h1>${status}</h1><p>${message}</p>`);
  });
});

test('a failure inside is logged with its stack, and none of it is sent', async () => {
  const res = await request(failingApp()).get('/bug').expect(500);
  expect(res.text).not.toContain('secret detail');
  expect(res.text).not.toContain('/home/dossier');
  expect(logged.join('')).toMatch(/^dossier: GET \/bug: Error: secret detail at \/home\/dossier\/src\/x\.ts:12\n\s+at /);
});

test('a client’s mistake is not logged as a failure', async () => {
  await request(failingApp()).get('/api/http-error').expect(422);
  await request(failingApp()).get('/nowhere').expect(404);
  expect(logged).toEqual([]);
});
