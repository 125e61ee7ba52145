/**
 * A repeated anonymous request for a cached page or search answer is answered without express,
 * with the very bytes and headers express sent the first time; a reader with a cookie, a
 * conditional request, an edit of the corpus or a new search index never gets a recorded answer.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { openSearchIndex } from '../../src/search/index.js';
import { createApp } from '../../src/server/app.js';
import { CorpusHolder, serve } from '../../src/server/holder.js';
import { MutableSearchHandle } from '../../src/server/search-handle.js';
import { PageCache } from '../../src/server/page-cache.js';
import { ResponseReplay } from '../../src/server/response-replay.js';
import { userDirectory } from '../../src/auth/users.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { fixture, csrfToken } from '../helpers/server.js';

const CANARY = /canaryquill/i;
const PASSWORD = 'correct horse battery staple';
let work: string;
let users: ReturnType<typeof userDirectory>;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'dossier-replay-'));
  users = userDirectory([{ name: 'ann', hash: await hashPassword(PASSWORD), added: '2026-01-01' }]);
});
afterAll(() => rm(work, { recursive: true, force: true }));

/** A copy of the confidential fixture, its holder and an app over it with a replay of its own. */
async function served(name: string) {
  const root = path.join(work, name);
  await cp(fixture('corpus-confidential'), root, { recursive: true });
  const corpus = await buildCorpus(root);
  const { index } = await openSearchIndex(corpus, { cacheDir: null });
  const search = new MutableSearchHandle(index);
  const holder = new CorpusHolder(serve(corpus, search));
  const replay = new ResponseReplay();
  const cache = PageCache.inMemory();
  const app = createApp({ holder, users, pageCache: cache, responseReplay: replay });
  return { root, holder, search, replay, cache, app };
}

/** The headers of a response but its date, which node:http writes anew each time. */
const headersOf = (res: request.Response) => Object.fromEntries(Object.entries(res.headers).filter(([name]) => name !== 'date'));

describe('answers sent again without express', () => {
  test('a page asked again anonymously is the same bytes with the same headers, security headers included', async () => {
    const { app, replay, cache } = await served('same');
    const first = await request(app).get('/memos/public').expect(200);
    const again = await request(app).get('/memos/public').expect(200);
    expect(replay.counts).toEqual({ replayed: 1, recorded: 1 });
    expect(again.text).toBe(first.text);
    expect(headersOf(again)).toEqual(headersOf(first));
    expect(again.headers['content-security-policy']).toContain("script-src 'self'");
    expect(again.text).not.toMatch(CANARY);
    // The page came from memory, and the page cache says so.
    expect(cache.counts).toEqual({ memory: 1, disk: 0, rendered: 1 });
  });

  test('a search answer asked again is the same JSON; a new index is asked instead', async () => {
    const { app, replay, root, holder, search } = await served('search');
    const first = await request(app).get('/api/search?q=argument').expect(200);
    const again = await request(app).get('/api/search?q=argument').expect(200);
    expect(replay.counts.replayed).toBe(1);
    expect(again.text).toBe(first.text);
    expect(headersOf(again)).toEqual(headersOf(first));

    const file = path.join(root, 'corpus/memos/public.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('The public argument', 'The public argument and the zebrafinch'));
    const { index } = await openSearchIndex(await buildCorpus(root), { cacheDir: null });
    // The same generation with a new index (as `dossier serve` sets the index once it is loaded).
    search.replace(index);
    expect(holder.current().search).toBe(search);
    const afterNewIndex = await request(app).get('/api/search?q=argument').expect(200);
    expect(replay.counts.replayed).toBe(1);
    expect(afterNewIndex.text).not.toBe(first.text);
    expect(afterNewIndex.text).toContain('zebrafinch');
  });

  test('an edit is served at once: the recorded page belongs to the generation before it', async () => {
    const { app, replay, root, holder } = await served('edit');
    await request(app).get('/memos/public').expect(200);
    expect((await request(app).get('/memos/public').expect(200)).text).toContain('A public memo');
    const file = path.join(root, 'corpus/memos/public.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('title: A public memo', 'title: A public memo\nvisibility: internal'));
    holder.replace(serve(await buildCorpus(root), new MutableSearchHandle()));
    const anonymous = await request(app).get('/memos/public');
    expect(anonymous.status).toBe(404);
    expect(anonymous.text).not.toContain('A public memo');
    expect(replay.counts.replayed).toBe(1);
    // Nothing recorded for the old generation is kept.
    expect(replay.size).toBe(0);
  });

  test('a reader with a cookie, a conditional request and a HEAD go through express', async () => {
    const { app, replay } = await served('readers');
    const first = await request(app).get('/memos/public').expect(200);
    // Signed in: the page for readers who may see internal records, never the anonymous one.
    const ann = request.agent(app);
    const csrf = csrfToken((await ann.get('/signin')).text);
    await ann.post('/signin').type('form').send({ _csrf: csrf, name: 'ann', password: PASSWORD, next: '/' }).expect(303);
    const signedIn = await ann.get('/memos/public').expect(200);
    expect(signedIn.text).toMatch(CANARY);
    expect(signedIn.headers['cache-control']).toBe('private, no-store');
    // A remembered citation style is another page.
    const chicago = await request(app).get('/memos/public').set('Cookie', 'dossier-style=chicago-notes').expect(200);
    expect(chicago.text).not.toBe(first.text);
    // A reader who has the page already is told so.
    await request(app).get('/memos/public').set('If-None-Match', first.headers.etag!).expect(304);
    const head = await request(app).head('/memos/public').expect(200);
    expect(head.text).toBeUndefined();
    expect(replay.counts.replayed).toBe(0);
  });

  test('only a 200 that set no cookie is recorded', async () => {
    const { app, replay } = await served('recorded');
    await request(app).get('/memos/canaryquill-memo').expect(404);
    await request(app).get('/memos/canaryquill-memo').expect(404);
    // Choosing a style sets a cookie: the answer is for this reader, from now on.
    const styled = await request(app).get('/memos/public?style=chicago-notes').expect(200);
    expect(styled.headers['set-cookie']).toBeDefined();
    await request(app).get('/memos/public?style=chicago-notes').expect(200);
    expect(replay.counts).toEqual({ replayed: 0, recorded: 0 });
  });

  test('without a replay every request goes through express', async () => {
    const corpus = await buildCorpus(fixture('corpus-confidential'));
    const cache = PageCache.inMemory();
    const app = createApp({ corpus, search: new MutableSearchHandle(), pageCache: cache, responseReplay: null });
    const first = await request(app).get('/memos/public').expect(200);
    const again = await request(app).get('/memos/public').expect(200);
    expect(again.text).toBe(first.text);
    expect(cache.counts).toEqual({ memory: 1, disk: 0, rendered: 1 });
  });
});
