/**
 * A record's `:id` is checked at the edge: a malformed id is a 400 that says what is wrong, an
 * unknown one a 404 that names it, and a confidential record answers an anonymous reader exactly
 * as an absent one does.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import request from 'supertest';
import type { Express } from 'express';
import { appFor } from '../../helpers/server.js';

let app: Express;
beforeAll(async () => {
  app = await appFor('corpus-confidential');
});

describe('a record page by its id', () => {
  test.each([
    ['/memos/public', 200, 'A public memo'],
    ['/statements/public-statement', 200, ''],
    ['/sources/public-source', 200, 'A public book'],
    ['/topics/law', 200, 'Law'],
    ['/memos/Not%20An%20Id', 400, '"Not An Id" is not a valid memo id.'],
    ['/speakers/..%2F..%2Fetc', 400, '"../../etc" is not a valid speaker id.'],
    ['/events/nowhere', 404, 'There is no event "nowhere".'],
    ['/sources/nowhere', 404, 'There is no source "nowhere".'],
  ])('%s answers %i', async (url, status, words) => {
    const res = await request(app).get(url);
    expect(res.status).toBe(status);
    expect(res.type).toBe('text/html');
    expect(res.text.replace(/&quot;|&#34;|&#x22;/g, '"')).toContain(words);
  });

  test('a malformed id is shown escaped, and cut short', async () => {
    const res = await request(app).get(`/memos/${encodeURIComponent('<script>alert(1)</script>')}${'x'.repeat(200)}`).expect(400);
    expect(res.text).not.toContain('<script>alert(1)');
    // The first 80 characters of the id, escaped; the path itself is echoed only URL-encoded, in links.
    expect(/<p class="error-message">(.*?)<\/p>/.exec(res.text)?.[1]).toBe(`&quot;&lt;script&gt;alert(1)&lt;/script&gt;${'x'.repeat(80 - 25)}&quot; is not a valid memo id.`);
  });
});

describe('a confidential record answers as if it did not exist', () => {
  test.each([
    ['memos', 'canaryquill-memo', 'no-such-memo'],
    ['memos', 'folder-memo', 'no-such-memo'],
    ['statements', 'canaryquill-statement', 'no-such-statement'],
    ['speakers', 'canaryquill-speaker', 'no-such-speaker'],
    ['events', 'canaryquill-event', 'no-such-event'],
    ['sources', 'canaryquill-source', 'no-such-source'],
  ])('/%s/%s, page and API', async (segment, hidden, absent) => {
    for (const prefix of ['', '/api']) {
      const [hiddenAnswer, absentAnswer] = await Promise.all([request(app).get(`${prefix}/${segment}/${hidden}`), request(app).get(`${prefix}/${segment}/${absent}`)]);
      expect(hiddenAnswer.status).toBe(404);
      expect(absentAnswer.status).toBe(404);
      // The same answer, word for word, once each names the id it was asked for.
      expect(hiddenAnswer.text.split(hidden).join('ID')).toBe(absentAnswer.text.split(absent).join('ID'));
    }
  });
});

describe('the API answers in JSON', () => {
  test.each([
    ['/api/memos/Bad%20Id', 400, '"Bad Id" is not a valid memo id.'],
    ['/api/memos/nowhere', 404, 'There is no memo "nowhere".'],
    ['/api/topics/nowhere', 404, 'There is no topic "nowhere".'],
  ])('%s: %i', async (url, status, message) => {
    const res = await request(app).get(url);
    expect(res.status).toBe(status);
    expect(res.body).toEqual({ error: { status, message } });
  });
});
