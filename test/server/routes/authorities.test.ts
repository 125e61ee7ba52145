/**
 * The "Find authorities" page over the detection fixture corpus: a pasted draft comes back with its
 * references marked and linked, the unresolved ones listed, everything escaped; the form needs the
 * site's CSRF token; a draft over the limit is a 413 with a reason; and an anonymous reader is never
 * shown an internal source through resolution, while a signed-in one is.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import request from 'supertest';
import type { Express } from 'express';
import { buildCorpus } from '../../../src/corpus/pipeline.js';
import { createApp } from '../../../src/server/app.js';
import { userDirectory } from '../../../src/auth/users.js';
import { hashPassword } from '../../../src/auth/passwords.js';
import { fixture, csrfToken } from '../../helpers/server.js';

const PASSWORD = 'a long enough passphrase';
let app: Express;

beforeAll(async () => {
  const users = userDirectory([{ name: 'ann', hash: await hashPassword(PASSWORD), added: '2026-01-01' }]);
  app = createApp({ corpus: await buildCorpus(fixture('detect')), users });
});

/** An agent with the form's CSRF token, as a browser has after loading the page. */
async function formAgent(): Promise<{ agent: ReturnType<typeof request.agent>; csrf: string }> {
  const agent = request.agent(app);
  const page = await agent.get('/authorities').expect(200);
  const csrf = csrfToken(page.text);
  return { agent, csrf };
}

describe('GET and POST /authorities', () => {
  test('the empty page is a form that posts to itself', async () => {
    const res = await request(app).get('/authorities').expect(200);
    expect(res.text).toContain('<form class="authorities" action="/authorities" method="post">');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  test('a pasted draft comes back with its references linked and the unresolved ones listed', async () => {
    const { agent, csrf } = await formAgent();
    const res = await agent
      .post('/authorities')
      .type('form')
      .send({ _csrf: csrf, text: 'Akayesu, ICTR-96-4-T, para. 516.\nSee also A/HRC/37/68 and <script>alert(1)</script>.' })
      .expect(200);
    expect(res.text).toContain('<a class="detected resolved" href="/sources/akayesu-1998" title="ICTR-96-4-T → Prosecutor v. Jean-Paul Akayesu"><mark>ICTR-96-4-T, para. 516</mark></a>');
    expect(res.text).toContain('line 2: <code>A/HRC/37/68</code> (A/HRC/37/68) — not in the library');
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.text).not.toContain('<script>alert(1)');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  test('a form without the CSRF token, or from another site, is refused', async () => {
    const { agent, csrf } = await formAgent();
    await agent.post('/authorities').type('form').send({ text: 'ICTR-96-4-T' }).expect(403);
    await agent.post('/authorities').set('Origin', 'https://evil.example').type('form').send({ _csrf: csrf, text: 'ICTR-96-4-T' }).expect(403);
  });

  test('a draft over the limit is a 413 that says why', async () => {
    const { agent, csrf } = await formAgent();
    const res = await agent.post('/authorities').type('form').send({ _csrf: csrf, text: 'x'.repeat(300 * 1024) }).expect(413);
    expect(res.text).toContain('The text is longer than 200 KB');
  });

  test('an internal source resolves for a signed-in reader only', async () => {
    const anonymous = await formAgent();
    const hidden = await anonymous.agent.post('/authorities').type('form').send({ _csrf: anonymous.csrf, text: 'CAT/C/GC/3' }).expect(200);
    expect(hidden.text).not.toContain('cat-gc-3');
    expect(hidden.text).not.toContain('internal working copy');
    expect(hidden.text).toContain('not in the library');

    const agent = request.agent(app);
    const signin = await agent.get('/signin').expect(200);
    const signinToken = csrfToken(signin.text);
    await agent.post('/signin').type('form').send({ _csrf: signinToken, name: 'ann', password: PASSWORD, next: '/' }).expect(303);
    const page = await agent.get('/authorities').expect(200);
    const csrf = csrfToken(page.text);
    const shown = await agent.post('/authorities').type('form').send({ _csrf: csrf, text: 'CAT/C/GC/3' }).expect(200);
    expect(shown.text).toContain('href="/sources/cat-gc-3"');
  });
});
