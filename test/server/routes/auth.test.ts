/**
 * Signing in under attack: the failure limit is per account and client (never global), a proxy's
 * X-Forwarded-For counts only with --trust-proxy, the users file is read again when it changes,
 * sessions end on removal and password change (lifetimes: test/server/sessions.test.ts), and no header or cookie,
 * however malformed, makes a route answer 500.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { buildCorpus } from '../../../src/corpus/pipeline.js';
import { createApp, type AppOptions } from '../../../src/server/app.js';
import { addUser, removeUser, userDirectory, usersFileDirectory } from '../../../src/auth/users.js';
import { hashPassword } from '../../../src/auth/passwords.js';
import { SignInLimiter } from '../../../src/auth/sign-in-limiter.js';
import type { Corpus } from '../../../src/model/records.js';
import { openSearchIndex } from '../../../src/search/index.js';
import { MutableSearchHandle } from '../../../src/server/search-handle.js';
import { fixture, csrfToken } from '../../helpers/server.js';

const PASSWORD = 'correct horse battery staple';
let corpus: Corpus;
let users: AppOptions['users'];
let search: AppOptions['search'];

beforeAll(async () => {
  corpus = await buildCorpus(fixture('corpus-confidential'));
  search = new MutableSearchHandle((await openSearchIndex(corpus, { cacheDir: null, workers: 0 })).index);
  const hash = await hashPassword(PASSWORD);
  users = userDirectory([
    { name: 'ann', hash, added: '2026-01-01' },
    { name: 'bob', hash, added: '2026-01-01' },
  ]);
});

type Agent = ReturnType<typeof request.agent>;

async function csrfOf(agent: Agent): Promise<string> {
  return csrfToken((await agent.get('/signin')).text);
}

async function signIn(agent: Agent, name: string, password: string, forwardedFor?: string): Promise<number> {
  const csrf = await csrfOf(agent);
  const post = agent.post('/signin').type('form');
  if (forwardedFor !== undefined) post.set('X-Forwarded-For', forwardedFor);
  return (await post.send({ _csrf: csrf, name, password })).status;
}

describe('the failed sign-in limit', () => {
  test('X-Forwarded-For is not believed without --trust-proxy: fourteen addresses are one client', async () => {
    // The clock stands still: on a slow machine a real second could pass the first wait.
    const agent = request.agent(createApp({ corpus, users, signInLimiter: new SignInLimiter(undefined, () => 0) }));
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) statuses.push(await signIn(agent, 'ann', `guess ${i}`, `203.0.113.${i}`));
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array(4).fill(429));
  });

  test('ten failures lock out neither another account nor the same account from another client', async () => {
    const app = createApp({ corpus, users, trustProxy: true, signInLimiter: new SignInLimiter(undefined, () => 0) });
    const agent = request.agent(app);
    for (let i = 0; i < 11; i++) await signIn(agent, 'ann', `guess ${i}`, '203.0.113.7');
    expect(await signIn(agent, 'ann', PASSWORD, '203.0.113.7')).toBe(429);
    expect(await signIn(agent, 'bob', PASSWORD, '203.0.113.7')).toBe(303);
    expect(await signIn(request.agent(app), 'ann', PASSWORD, '198.51.100.1')).toBe(303);
  });

  test('with --trust-proxy, the address is the proxy’s X-Forwarded-For', async () => {
    const agent = request.agent(createApp({ corpus, users, trustProxy: true }));
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) statuses.push(await signIn(agent, 'ann', `guess ${i}`, `203.0.113.${i}`));
    expect(statuses).toEqual(Array(14).fill(401));
  });

  test('behind an HTTPS proxy on this machine (--trust-proxy) the cookies are Secure; X-Forwarded-Proto alone is not believed', async () => {
    const proxied = await request(createApp({ corpus, users, trustProxy: true })).get('/signin').set('X-Forwarded-Proto', 'https').expect(200);
    expect(proxied.headers['set-cookie']?.[0]).toMatch(/; Secure; SameSite=Strict$/);
    const direct = await request(createApp({ corpus, users })).get('/signin').set('X-Forwarded-Proto', 'https').expect(200);
    expect(direct.headers['set-cookie']?.[0]).not.toMatch(/Secure/);
  });

  test('a 429 says how long to wait', async () => {
    const agent = request.agent(createApp({ corpus, users, signInLimiter: new SignInLimiter(undefined, () => 0) }));
    for (let i = 0; i < 10; i++) await signIn(agent, 'carol', `guess ${i}`);
    const csrf = await csrfOf(agent);
    const limited = await agent.post('/signin').type('form').send({ _csrf: csrf, name: 'carol', password: 'x' }).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.text).not.toMatch(/at .*\.js:\d+/);
  });
});

describe('backoff, on a clock of the test’s own', () => {
  const limits = { perAccountAndClient: 3, perClient: 5, perAccount: 8, firstWaitMs: 1000, longestWaitMs: 60_000, forgetAfterMs: 600_000, maxKeys: 1000 };

  test('each failure past the limit doubles the wait, up to the longest', () => {
    let now = 0;
    const limiter = new SignInLimiter(limits, () => now);
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      now += limiter.waitFor('ann', 'a');
      limiter.failed('ann', 'a');
      waits.push(limiter.waitFor('ann', 'a'));
    }
    expect(waits).toEqual([0, 0, 1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
  });

  test('one client trying many accounts backs off; other clients do not', () => {
    let now = 0;
    const limiter = new SignInLimiter(limits, () => now);
    for (let i = 0; i < 5; i++) limiter.failed(`user${i}`, 'a');
    expect(limiter.waitFor('user9', 'a')).toBeGreaterThan(0);
    expect(limiter.waitFor('user9', 'b')).toBe(0);
    now += 600_001 + 16_000;
    expect(limiter.waitFor('user9', 'a')).toBe(0);
  });

  test('many clients guessing one account slow it down only past a higher limit', () => {
    const limiter = new SignInLimiter(limits, () => 0);
    for (let i = 0; i < 7; i++) limiter.failed('ann', `client${i}`);
    expect(limiter.waitFor('ann', 'fresh')).toBe(0);
    limiter.failed('ann', 'client7');
    expect(limiter.waitFor('ann', 'fresh')).toBeGreaterThan(0);
  });

  test('signing in forgets that pair’s failures', () => {
    const limiter = new SignInLimiter(limits, () => 0);
    limiter.failed('ann', 'a');
    limiter.failed('ann', 'a');
    limiter.succeeded('ann', 'a');
    limiter.failed('ann', 'a');
    limiter.failed('ann', 'a');
    expect(limiter.waitFor('ann', 'a')).toBe(0);
  });
});

describe('the users file is read again when it changes', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'dossier-users-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  test('removing a user ends their session; a changed password ends it and the old one stops working', async () => {
    const file = path.join(folder, '.dossier', 'users.json');
    await addUser(file, 'ann', PASSWORD);
    const app = createApp({ corpus, users: usersFileDirectory(file) });
    const agent = request.agent(app);
    expect(await signIn(agent, 'ann', PASSWORD)).toBe(303);
    expect((await agent.get('/')).text).toMatch(/Sign out/i);

    await addUser(file, 'ann', `${PASSWORD} two`);
    expect((await agent.get('/')).text).not.toMatch(/Sign out/i);
    expect(await signIn(agent, 'ann', PASSWORD)).toBe(401);
    expect(await signIn(agent, 'ann', `${PASSWORD} two`)).toBe(303);
    expect((await agent.get('/')).text).toMatch(/Sign out/i);

    await removeUser(file, 'ann');
    expect((await agent.get('/')).text).not.toMatch(/Sign out/i);
    expect(await signIn(request.agent(app), 'ann', `${PASSWORD} two`)).toBe(401);

    await addUser(file, 'dan', PASSWORD);
    expect(await signIn(request.agent(app), 'dan', PASSWORD)).toBe(303);
  });
});

describe('malformed headers and cookies are the client’s fault, never a 500', () => {
  test('POST /signin with Origin: foo answers 403 without a stack trace', async () => {
    const agent = request.agent(createApp({ corpus, users }));
    const csrf = await csrfOf(agent);
    const res = await agent.post('/signin').set('Origin', 'foo').type('form').send({ _csrf: csrf, name: 'ann', password: PASSWORD });
    expect(res.status).toBe(403);
    expect(res.text).not.toMatch(/TypeError|at .*\.js:\d+/);
  });

  const headers: Array<[string, string]> = [
    ['Origin', 'foo'],
    ['Origin', 'http://[::1'],
    ['Origin', '%'],
    ['Cookie', 'dossier-session=%E0%A4%A; dossier-csrf=%'],
    ['Cookie', 'dossier-session=j:{"a":1}; dossier-csrf=j:[1,2]'],
    ['Cookie', `dossier-session=${'x'.repeat(3000)}`],
    ['Cookie', 'dossier-style=%FF%FE; dossier-style=apa'],
    ['Sec-Fetch-Site', 'cross-site, same-origin'],
    ['Accept', '*/*;q=foo'],
    ['Range', 'bytes=999999999999999999999-'],
    ['If-None-Match', '"'],
    ['Content-Type', 'application/x-www-form-urlencoded; charset=klingon'],
    ['Host', ''],
  ];
  const routes: Array<[string, string]> = [
    ['GET', '/'],
    ['GET', '/signin'],
    ['POST', '/signin'],
    ['POST', '/signout'],
    ['GET', '/memos'],
    ['GET', '/search?q=x'],
    ['GET', '/api/memos'],
    ['GET', '/api/bibliography?scope=all&format=ris'],
    ['GET', '/healthz'],
    ['GET', '/graph'],
    ['GET', '/problems'],
    ['GET', '/assets/site.css'],
  ];

  test.each(headers)('%s: %s', async (name, value) => {
    const app = createApp({ corpus, users, search });
    for (const [method, url] of routes) {
      const call = method === 'GET' ? request(app).get(url) : request(app).post(url).send('_csrf=x&name=ann&password=y');
      const res = await call.set(name, value);
      expect([method, url, res.status]).toEqual([method, url, expect.any(Number)]);
      expect(res.status).toBeLessThan(500);
    }
  });
});

describe('/healthz', () => {
  test('says whether dossier is ready, and nothing that changes when a file is edited', async () => {
    const { CorpusHolder, serve } = await import('../../../src/server/holder.js');
    const holder = new CorpusHolder(serve(corpus, new MutableSearchHandle()));
    const app = createApp({ holder });
    const starting = await request(app).get('/healthz');
    expect(starting.status).toBe(503);
    holder.replace(serve(corpus, new MutableSearchHandle()));
    const before = await request(app).get('/healthz');
    holder.replace(serve(await buildCorpus(fixture('corpus-confidential')), new MutableSearchHandle()));
    const after = await request(app).get('/healthz');
    expect(Object.keys(before.body).sort()).toEqual(['search', 'status']);
    expect(after.body).toEqual(before.body);
    expect(after.headers['cache-control']).toBe('no-store');
  });
});
