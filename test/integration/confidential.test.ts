/**
 * Confidential records: a canary word stands in internal records of every kind (and in a folder
 * whose defaults make its records internal). No anonymous response, export or static file may
 * hold it; a signed-in reader sees everything.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { Express } from 'express';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { createApp } from '../../src/server/app.js';
import { openSearchIndex } from '../../src/search/index.js';
import { MutableSearchHandle } from '../../src/server/search-handle.js';
import { userDirectory } from '../../src/auth/users.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { EXPORT_FORMATS } from '../../src/export/formats.js';
import { fixture, csrfToken } from '../helpers/server.js';
import { runCli } from '../helpers/run-cli.js';

const CANARY = /canaryquill/i;
const PASSWORD = 'correct horse battery staple';
let app: Express;

beforeAll(async () => {
  const corpus = await buildCorpus(fixture('corpus-confidential'));
  const { index } = await openSearchIndex(corpus, { cacheDir: null, workers: 0 });
  const users = userDirectory([{ name: 'ann', hash: await hashPassword(PASSWORD), added: '2026-01-01' }]);
  app = createApp({ corpus, search: new MutableSearchHandle(index), users });
});

/** Every path an anonymous reader can reach from the home page, plus the API and exports. */
async function crawl(agent: ReturnType<typeof request.agent>): Promise<Map<string, string>> {
  const seen = new Map<string, string>();
  // Queries use words of the internal records, never the canary itself: a page may echo a query.
  const queue = ['/', '/graph', '/problems', '/search?q=strategy', '/search?q=person', '/search?q=words', '/search?q=folder', '/basket?keys=public-source'];
  for (const segment of ['memos', 'sources', 'statements', 'speakers', 'events', 'topics']) queue.push(`/api/${segment}`);
  queue.push('/api/diagnostics', '/api/graph', '/api/search?q=strategy', '/api/search?q=person', '/api/search?q=hearing', '/api/search?q=closed', '/api/search?q=witness', '/api/search?q=report');
  for (const format of EXPORT_FORMATS) {
    for (const scope of ['all', 'memo:public', 'topic:law', 'query:words', 'query:report', 'keys:public-source']) {
      queue.push(`/api/bibliography?scope=${encodeURIComponent(scope)}&format=${format.id}&include=all`);
      queue.push(`/api/bibliography?scope=${encodeURIComponent(scope)}&format=${format.id}&include=all&linked=1`);
    }
  }
  while (queue.length > 0) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    const res = await agent.get(url);
    seen.set(url, `${res.status} ${res.text}`);
    for (const match of res.text.matchAll(/href="(\/[^"#]*)"/g)) {
      const href = match[1]!.replace(/&amp;/g, '&');
      if (!href.startsWith('/assets/') && !seen.has(href)) queue.push(href);
    }
    for (const match of res.text.matchAll(/"href":"(\/[^"]*)"/g)) if (!seen.has(match[1]!)) queue.push(match[1]!);
  }
  return seen;
}

describe('an anonymous reader', () => {
  let pages: Map<string, string>;
  beforeAll(async () => {
    pages = await crawl(request.agent(app));
  });

  test('reaches the public records', () => {
    expect(pages.size).toBeGreaterThan(150);
    expect(pages.get('/memos/public')).toMatch(/^200 /);
    expect(pages.get('/statements/public-statement')).toMatch(/^200 /);
  });

  test('never meets the canary, or an internal id, in any response', () => {
    const leaks = [...pages.entries()].filter(([, body]) => CANARY.test(body)).map(([url, body]) => `${url}: …${body.slice(Math.max(0, body.search(CANARY) - 60), body.search(CANARY) + 40)}…`);
    expect(leaks).toEqual([]);
  });

  test.each([
    ['/memos/canaryquill-memo', '/memos/no-such-memo-at-all'],
    ['/memos/folder-memo', '/memos/no-such-memo-at-all'],
    ['/statements/canaryquill-statement', '/statements/no-such-one-at-all'],
    ['/speakers/canaryquill-speaker', '/speakers/no-such-one-at-all'],
    ['/events/canaryquill-event', '/events/no-such-one-at-all'],
    ['/sources/canaryquill-source', '/sources/no-such-one-at-all'],
    ['/api/memos/canaryquill-memo', '/api/memos/no-such-memo-at-all'],
    ['/api/graph?focus=memo:canaryquill-memo', '/api/graph?focus=memo:no-such-memo-at-all'],
    ['/api/bibliography?scope=memo:canaryquill-memo&format=ris', '/api/bibliography?scope=memo:no-such-memo-at-all&format=ris'],
  ])('gets the same answer for hidden %s as for absent %s', async (hidden, absent) => {
    const [a, b] = await Promise.all([request(app).get(hidden), request(app).get(absent)]);
    expect(a.status).toBe(404);
    const name = (url: string) => url.split(/[/:=&?]/).find((part) => /canaryquill|folder-memo|no-such/.test(part))!;
    expect(a.text.split(name(hidden)).join('X')).toBe(b.text.split(name(absent)).join('X'));
  });
});

describe('a signed-in reader', () => {
  test('signs in with a CSRF token, sees internal records, and signs out', async () => {
    const agent = request.agent(app);
    const form = await agent.get('/signin?next=/memos/canaryquill-memo').expect(200);
    const csrf = csrfToken(form.text);
    expect(form.headers['set-cookie']?.[0]).toMatch(/^dossier-csrf=[^;]+; Max-Age=\d+; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Strict$/);
    const signedIn = await agent.post('/signin').type('form').send({ _csrf: csrf, name: 'ann', password: PASSWORD, next: '/memos/canaryquill-memo' }).expect(303);
    expect(signedIn.headers.location).toBe('/memos/canaryquill-memo');
    const cookies = ([] as string[]).concat(signedIn.headers['set-cookie'] ?? []);
    expect(cookies.find((c) => c.startsWith('dossier-session='))).toMatch(/HttpOnly; SameSite=Strict$/);
    const memo = await agent.get('/memos/canaryquill-memo').expect(200);
    expect(memo.text).toContain('CANARYQUILL strategy');
    expect(memo.headers['cache-control']).toBe('private, no-store');
    expect((await agent.get('/memos/folder-memo').expect(200)).text).toContain('CANARYQUILL by folder default');
    expect((await agent.get('/api/search?q=canaryquill').expect(200)).body.total).toBeGreaterThan(3);
    const signoutToken = csrfToken(memo.text);
    await agent.post('/signout').type('form').send({ _csrf: 'wrong' }).expect(403);
    await agent.post('/signout').type('form').send({ _csrf: signoutToken }).expect(303);
    await agent.get('/memos/canaryquill-memo').expect(404);
  });

  test('a wrong password, a missing CSRF token, or a cross-site form does not sign in', async () => {
    const agent = request.agent(app);
    const csrf = csrfToken((await agent.get('/signin')).text);
    const wrong = await agent.post('/signin').type('form').send({ _csrf: csrf, name: 'ann', password: 'not it at all' }).expect(401);
    expect(wrong.text).toContain('That name and password do not match.');
    await agent.post('/signin').type('form').send({ name: 'ann', password: PASSWORD }).expect(403);
    await agent.post('/signin').set('Sec-Fetch-Site', 'cross-site').type('form').send({ _csrf: csrf, name: 'ann', password: PASSWORD }).expect(403);
    await agent.post('/signin').set('Origin', 'https://evil.example').type('form').send({ _csrf: csrf, name: 'ann', password: PASSWORD }).expect(403);
    await agent.get('/memos/canaryquill-memo').expect(404);
  });

  test('failed sign-ins are rate-limited', async () => {
    // An app of its own: the limit counts every failure from this address.
    const limited = createApp({ corpus: await buildCorpus(fixture('corpus-confidential')), users: userDirectory([]) });
    const agent = request.agent(limited);
    const csrf = csrfToken((await agent.get('/signin')).text);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await agent.post('/signin').type('form').send({ _csrf: csrf, name: 'nobody', password: `guess ${i}` })).status);
    expect(statuses.slice(0, 8).every((status) => status === 401 || status === 403)).toBe(true);
    expect(statuses.slice(-1)).toEqual([429]);
  });

  test('next= never leads off the site', async () => {
    const agent = request.agent(app);
    const csrf = csrfToken((await agent.get('/signin')).text);
    const res = await agent.post('/signin').type('form').send({ _csrf: csrf, name: 'ann', password: PASSWORD, next: '//evil.example/x' }).expect(303);
    expect(res.headers.location).toBe('/');
  });
});

describe('exports and the static site', () => {
  const folders: string[] = [];
  afterAll(async () => {
    await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
  });

  async function filesUnder(folder: string): Promise<string[]> {
    const names = await readdir(folder, { recursive: true });
    const files: string[] = [];
    for (const name of names) if ((await stat(path.join(folder, name))).isFile()) files.push(path.join(folder, name));
    return files;
  }

  test('dossier export leaves internal records out unless asked', async () => {
    const all = await runCli('export', '--root', fixture('corpus-confidential'), '--all', '--include', 'all', '--format', 'csl-json');
    expect(all.stdout).not.toMatch(CANARY);
    const withInternal = await runCli('export', '--root', fixture('corpus-confidential'), '--all', '--include', 'all', '--format', 'csl-json', '--include-internal');
    expect(withInternal.stdout).toMatch(CANARY);
  });

  test('dossier build writes no internal record', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'dossier-static-'));
    folders.push(out);
    expect((await runCli('build', '--root', fixture('corpus-confidential'), '--out', out, '--no-cache')).code).toBe(0);
    const files = await filesUnder(out);
    expect(files.length).toBeGreaterThan(50);
    const leaks: string[] = [];
    for (const file of files) {
      if (file.includes(`${path.sep}vendor${path.sep}`)) continue;
      if (CANARY.test(file) || CANARY.test(await readFile(file, 'utf8'))) leaks.push(path.relative(out, file));
    }
    expect(leaks).toEqual([]);
  });
});

describe('the users file', () => {
  test('holds names and scrypt hashes only; users can be added, changed and removed', async () => {
    const { addUser, removeUser, readUsers } = await import('../../src/auth/users.js');
    const folder = await mkdtemp(path.join(os.tmpdir(), 'dossier-users-'));
    try {
      const file = path.join(folder, '.dossier', 'users.json');
      expect(await addUser(file, 'ann', PASSWORD)).toBe('added');
      expect(await addUser(file, 'ann', `${PASSWORD}!`)).toBe('changed');
      expect(await addUser(file, 'bob', PASSWORD)).toBe('added');
      const text = await readFile(file, 'utf8');
      expect(text).not.toContain(PASSWORD);
      const users = await readUsers(file);
      expect(users.map((user) => user.name)).toEqual(['ann', 'bob']);
      expect(users[0]!.hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
      expect(await userDirectory(users).authenticate('ann', `${PASSWORD}!`)).toBe('ann');
      expect(await userDirectory(users).authenticate('ann', PASSWORD)).toBeNull();
      expect(await userDirectory(users).authenticate('carol', PASSWORD)).toBeNull();
      expect(await removeUser(file, 'bob')).toBe(true);
      expect(await removeUser(file, 'bob')).toBe(false);
      expect((await readUsers(file)).map((user) => user.name)).toEqual(['ann']);
      expect(((await stat(file)).mode & 0o777).toString(8)).toBe('600');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
