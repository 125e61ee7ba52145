/**
 * Rendered pages are cached in memory and on disk by a key that covers the corpus, the reader's
 * access level and style: an anonymous reader never gets a page rendered for a signed-in one, an
 * edit that makes a record internal takes its cached page away from anonymous readers, and a
 * restart on the same corpus finds its pages on disk instead of rendering them again.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { cp, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { createApp } from '../../src/server/app.js';
import { CorpusHolder, serve } from '../../src/server/holder.js';
import { MutableSearchHandle } from '../../src/server/search-handle.js';
import { PageCache } from '../../src/server/page-cache.js';
import { prerenderPages } from '../../src/server/prerender.js';
import { createTemplates } from '../../src/render/templates.js';
import { userDirectory } from '../../src/auth/users.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { fixture, csrfToken } from '../helpers/server.js';

const CANARY = /canaryquill/i;
const PASSWORD = 'correct horse battery staple';
let work: string;
let users: ReturnType<typeof userDirectory>;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'dossier-page-cache-'));
  await cp(fixture('corpus-confidential'), path.join(work, 'root'), { recursive: true });
  users = userDirectory([
    { name: 'ann', hash: await hashPassword(PASSWORD), added: '2026-01-01' },
    { name: 'bo<b>', hash: await hashPassword(PASSWORD), added: '2026-01-01' },
  ]);
});
afterAll(() => rm(work, { recursive: true, force: true }));

/** An agent signed in as `name`. */
async function signedIn(app: ReturnType<typeof createApp>, name: string) {
  const agent = request.agent(app);
  const csrf = csrfToken((await agent.get('/signin')).text);
  await agent.post('/signin').type('form').send({ _csrf: csrf, name, password: PASSWORD, next: '/' }).expect(303);
  return agent;
}

describe('the page cache', () => {
  test('an anonymous and a signed-in reader get different entries; each signed-in reader sees their own name', async () => {
    const corpus = await buildCorpus(path.join(work, 'root'));
    const cache = PageCache.inMemory();
    const app = createApp({ corpus, search: new MutableSearchHandle(), users, pageCache: cache });
    const ann = await signedIn(app, 'ann');
    const bo = await signedIn(app, 'bo<b>');

    const first = await request(app).get('/memos/public').expect(200);
    expect(cache.counts).toEqual({ memory: 0, disk: 0, rendered: 1 });
    const forAnn = await ann.get('/memos/public').expect(200);
    // Not the anonymous entry: the signed-in page was rendered for its own access level.
    expect(cache.counts).toEqual({ memory: 0, disk: 0, rendered: 2 });
    const forBo = await bo.get('/memos/public').expect(200);
    const again = await request(app).get('/memos/public').expect(200);
    expect(cache.counts).toEqual({ memory: 2, disk: 0, rendered: 2 });

    expect(first.text).not.toMatch(CANARY);
    expect(again.text).toBe(first.text);
    expect(forAnn.text).toMatch(CANARY);
    expect(forAnn.text).toContain('Signed in as <strong>ann</strong>');
    expect(forBo.text).toContain('Signed in as <strong>bo&lt;b&gt;</strong>');
    for (const page of [first.text, forAnn.text, forBo.text]) expect(page).not.toContain(cache.placeholders.name);
    const tokenOf = (html: string) => /action="\/signout"[\s\S]*?name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    expect(tokenOf(forAnn.text)).toBeDefined();
    expect(tokenOf(forAnn.text)).not.toBe(tokenOf(forBo.text));
    // A signed-in reader's token works for signing out, so it is theirs.
    await ann.post('/signout').type('form').send({ _csrf: tokenOf(forAnn.text) }).expect(303);
  });

  test('a page in another citation style is another entry', async () => {
    const corpus = await buildCorpus(path.join(work, 'root'));
    const cache = PageCache.inMemory();
    const app = createApp({ corpus, search: new MutableSearchHandle(), pageCache: cache });
    const oscola = await request(app).get('/memos/public').expect(200);
    const chicago = await request(app).get('/memos/public?style=chicago-notes').expect(200);
    expect(cache.counts.rendered).toBe(2);
    expect(chicago.text).not.toBe(oscola.text);
  });

  test('an edit that makes a record internal takes its page away from anonymous readers at once', async () => {
    const root = path.join(work, 'edited');
    await cp(fixture('corpus-confidential'), root, { recursive: true });
    const cache = PageCache.inMemory();
    const holder = new CorpusHolder(serve(await buildCorpus(root), new MutableSearchHandle()));
    const app = createApp({ holder, users, pageCache: cache });
    const ann = await signedIn(app, 'ann');
    expect((await request(app).get('/memos/public').expect(200)).text).toContain('A public memo');
    await ann.get('/memos/public').expect(200);

    const file = path.join(root, 'corpus/memos/public.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('title: A public memo', 'title: A public memo\nvisibility: internal'));
    holder.replace(serve(await buildCorpus(root), new MutableSearchHandle()));

    const anonymous = await request(app).get('/memos/public');
    expect(anonymous.status).toBe(404);
    expect(anonymous.text).not.toContain('The public argument');
    expect((await request(app).get('/memos')).text).not.toContain('/memos/public"');
    expect((await ann.get('/memos/public').expect(200)).text).toContain('The public argument');
  });

  test('pages are kept on disk, owner-only, and a restart on the same corpus renders none of them again', async () => {
    const folder = path.join(work, 'cache', 'pages');
    const corpus = await buildCorpus(path.join(work, 'root'));
    const before = await PageCache.open({ folder });
    const first = await request(createApp({ corpus, search: new MutableSearchHandle(), pageCache: before })).get('/memos/public').expect(200);
    await before.flush();
    expect(before.counts.rendered).toBe(1);
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
    const files = await readdir(folder);
    expect(files.filter((name) => name.endsWith('.html'))).toHaveLength(1);
    for (const name of files) expect((await stat(path.join(folder, name))).mode & 0o777).toBe(0o600);

    const restarted = await PageCache.open({ folder });
    const again = await request(createApp({ corpus: await buildCorpus(path.join(work, 'root')), search: new MutableSearchHandle(), pageCache: restarted })).get('/memos/public').expect(200);
    expect(restarted.counts).toEqual({ memory: 0, disk: 1, rendered: 0 });
    expect(again.text).toBe(first.text);
  });

  test('prerendering fills the cache with what anonymous readers open first, and a second start renders nothing', async () => {
    const folder = path.join(work, 'prerendered');
    const corpus = await buildCorpus(path.join(work, 'root'));
    const deps = () => ({ holder: new CorpusHolder(serve(corpus, new MutableSearchHandle())), templates: createTemplates(), live: false, staticSite: false });
    const cache = await PageCache.open({ folder });
    const summary = await prerenderPages(deps(), cache);
    await cache.flush();
    expect(summary.finished).toBe(true);
    expect(summary.rendered).toBe(summary.pages);
    const app = createApp({ corpus, search: new MutableSearchHandle(), pageCache: cache });
    const page = await request(app).get('/memos/public').expect(200);
    expect(page.text).not.toMatch(CANARY);
    expect(cache.counts.rendered).toBe(summary.pages);
    await request(app).get('/memos/canaryquill-memo').expect(404);

    const restarted = await PageCache.open({ folder });
    expect((await prerenderPages(deps(), restarted)).rendered).toBe(0);
  });
});

describe('the page cache on disk', () => {
  test('keeps to its size when opened: the least recently used pages go first', async () => {
    const folder = path.join(work, 'pruned');
    const corpus = await buildCorpus(path.join(work, 'root'));
    const cache = await PageCache.open({ folder });
    const app = createApp({ corpus, search: new MutableSearchHandle(), pageCache: cache });
    for (const page of ['/memos/public', '/memos', '/sources']) await request(app).get(page).expect(200);
    await cache.flush();
    const sizes = new Map<string, number>();
    for (const name of await readdir(folder)) if (name.endsWith('.html')) sizes.set(name, (await stat(path.join(folder, name))).size);
    expect(sizes.size).toBe(3);
    // Each page used a second after the one before: a folder with room for one keeps the last used.
    let age = 3;
    for (const name of sizes.keys()) await utimes(path.join(folder, name), new Date(Date.now() - 1000 * age), new Date(Date.now() - 1000 * age--));
    const newest = [...sizes.keys()].at(-1)!;
    await PageCache.open({ folder, maxDiskBytes: sizes.get(newest)! });
    expect((await readdir(folder)).filter((name) => name.endsWith('.html'))).toEqual([newest]);
  });
});
