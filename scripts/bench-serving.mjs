// The serving phase of `npm run bench`, in a process of its own; prints one line of JSON.
//
// `dossier serve` as it starts again on a corpus it has served before: records from the parse
// cache, shards from the index cache, rendered pages from the page cache on disk. Then "warm":
// every page and query of the load set requested once; then 50 connections for a few seconds,
// half searches (distinct queries of several kinds, wildcards among them) and half memo pages,
// while perf_hooks.monitorEventLoopDelay watches the server's event loop. Then the same load with
// a stream of queries never asked before, so both figures are seen. The load driver runs in a
// worker thread, so its own work is not counted as the server's.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { createServer } from 'node:http';
import { buildCorpus } from '../dist/corpus/pipeline.js';
import { ParseCache } from '../dist/corpus/parse.js';
import { openSearchIndex } from '../dist/search/index.js';
import { random } from '../dist/bench/generate.js';
import { createApp } from '../dist/server/app.js';
import { MutableSearchHandle, sharedQueryRunner } from '../dist/server/search-handle.js';
import { PageCache } from '../dist/server/page-cache.js';
import { corpusDigest } from '../dist/server/page-digest.js';
import { RenderPool, defaultRenderWorkers } from '../dist/server/render-pool.js';

const [root] = process.argv.slice(2);
// Six seconds of 50 connections is tens of thousands of requests, enough for a p99; the bench as a
// whole must finish within 20 minutes.
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 6);
const CONNECTIONS = 50;
/**
 * Memo pages in the load set: every memo of a small corpus; the first 150 of a large one, where a
 * first rendering took a tenth to a sixth of a second (500 of them were a minute of the bench's 20;
 * 250 took 40 s on 3 December, when the whole run took 20 minutes).
 */
const PAGES = Number(process.env.BENCH_SERVING_PAGES ?? 0) || undefined;
/** Distinct queries in the warm load set (fewer on a large corpus, where each first run costs about a second). */
const QUERIES = Number(process.env.BENCH_SERVING_QUERIES ?? 0) || undefined;
/** Render workers, as `dossier serve` starts them (BENCH_RENDER_WORKERS=0: pages rendered in the main thread). */
const RENDER_WORKERS = Number(process.env.BENCH_RENDER_WORKERS ?? defaultRenderWorkers());
const searchDir = path.join(root, '.cache', 'search');
const parsedDir = path.join(root, '.cache', 'parsed');
const pagesDir = path.join(root, '.cache', 'pages');
const maxRssBytes = () => process.resourceUsage().maxRSS * 1024;
const time = async (fn) => {
  const start = performance.now();
  const value = await fn();
  return [performance.now() - start, value];
};

/** Queries of several kinds from the corpus's vocabulary; `skip` of them are left out (the warm set). */
function queries(seed, count, skip = new Set()) {
  const words = 'genocide crime humanity tribunal court judgment article convention treaty jurisdiction immunity official prosecutor victim witness evidence grave execution prisoner detention torture persecution religious political intent destroy protected national ethnical racial member killing attack civilian population widespread systematic disappearance enforced continuing whereabouts archive commission inquiry resolution council security referral sanction regulation freeze listing decision appeal chamber trial defence charge indictment conviction sentence custody extradition universal principle customary peremptory obligation responsibility remedy reparation family survivor testimony report rapporteur special procedure mandate communication government regime massacre decree apostasy dissent opposition organisation steadfast repentance protocol investigation excavation remains forensic preservation memorial cemetery burial record document'.split(' ');
  const next = random(seed);
  const pick = () => words[Math.floor(next() * words.length)];
  const kinds = [
    () => `${pick()} ${pick()}`,
    () => `${pick().slice(0, 3 + Math.floor(next() * 3))}* ${pick()}`,
    () => `"${pick()} ${pick()}"`,
    () => `+${pick()} +${pick()}`,
    () => `${pick()}~1 ${pick()}`,
  ];
  const found = new Set();
  for (let tries = 0; found.size < count && tries < count * 50; tries++) {
    const q = kinds[found.size % kinds.length]();
    if (!skip.has(q)) found.add(q);
  }
  return [...found];
}

/** Runs the load driver in a worker thread and waits for its figures. */
function load(base, searches, pages, connections = CONNECTIONS) {
  const worker = new Worker(new URL('./bench-load-worker.mjs', import.meta.url), { workerData: { base, searches, pages, connections, seconds: SECONDS } });
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  }).finally(() => worker.terminate());
}

/** Requests every path once, a few at a time; returns the statuses seen. */
async function requestEach(base, paths, concurrency = 4) {
  const statuses = {};
  let at = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (at < paths.length) {
        const url = `${base}${paths[at++]}`;
        // A kept-alive connection the server closed as we sent on it is tried once more.
        const res = await fetch(url).catch(() => fetch(url));
        await res.arrayBuffer();
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      }
    }),
  );
  return statuses;
}

/**
 * Starts a server over the caches; resolves once it listens and (unless `waitForIndex` is false,
 * as on a first start that only renders pages) its index is loaded in the search workers.
 */
async function start({ waitForIndex = true, pagesMissing = false } = {}) {
  const cache = new ParseCache();
  const started = performance.now();
  const corpus = await buildCorpus(root, { cache, cacheDir: parsedDir });
  // As `dossier serve` does: the page keys' corpus digest before the first request.
  corpusDigest(corpus);
  const corpusMs = performance.now() - started;
  const pageCache = await PageCache.open({ folder: pagesDir });
  const search = new MutableSearchHandle();
  // As `dossier serve`: the render workers sleep until a page must be rendered. On a first start
  // its prerendering wakes them at once (every memo page is missing), so the bench does too.
  const renderPool = RENDER_WORKERS === 0 ? null : RenderPool.start({ root, parsedCacheDir: parsedDir }, RENDER_WORKERS, undefined, { asleep: true });
  if (pagesMissing) renderPool?.wake();
  const server = createApp({ corpus, search, pageCache, renderPool }).listen(0, '127.0.0.1');
  // Longer than any pause of the driver, so an idle kept-alive connection is not closed under it.
  server.keepAliveTimeout = 60000;
  await new Promise((resolve) => server.once('listening', resolve));
  const listeningMs = performance.now() - started;
  // As `dossier serve`: the index loads behind a listening server.
  const indexLoaded = openSearchIndex(corpus, { cacheDir: searchDir }).then(({ index }) => {
    search.replace(index);
    return performance.now() - started;
  });
  const indexMs = waitForIndex ? await indexLoaded : null;
  await renderPool?.settled();
  const renderPoolMs = performance.now() - started;
  return { corpus, server, pageCache, renderPool, renderPoolMs, indexLoaded, base: `http://127.0.0.1:${server.address().port}`, corpusMs, listeningMs, indexMs };
}

const stop = async (server, renderPool = null) => {
  await new Promise((resolve) => server.close(resolve));
  await renderPool?.close();
};
const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();
const loopDelay = () => ({ maxMs: delay.max / 1e6, p99Ms: delay.percentile(99) / 1e6, p50Ms: delay.percentile(50) / 1e6 });

// 1. First start on this corpus's caches (the parse and index caches exist; pages are not yet
// rendered): the load set's pages are requested as soon as the server listens, while the index loads.
let serving = await start({ waitForIndex: false, pagesMissing: true });
const memoPaths = [...serving.corpus.memos.values()].filter((memo) => memo.visibility !== 'internal').slice(0, PAGES ?? (serving.corpus.memos.size > 5000 ? 150 : 1000)).map((memo) => `/memos/${memo.id}`);
const warmQueries = queries(11, QUERIES ?? (serving.corpus.memos.size > 5000 ? 60 : 400));
const searchPaths = warmQueries.map((q, i) => `/api/search?q=${encodeURIComponent(q)}&page=${1 + (i % 3)}`);
// The event loop while pages are rendered for the first time: in the render workers, it only passes messages.
delay.reset();
const [renderAllMs, renderStatuses] = await time(() => requestEach(serving.base, memoPaths, 4));
const firstLoop = loopDelay();
const renderedInWorkers = serving.renderPool?.counts.rendered ?? 0;
await serving.pageCache.flush();
const firstRendered = serving.pageCache.counts.rendered;
// The first server's index is loaded before it stops, so no load outlives it.
await serving.indexLoaded;
await stop(serving.server, serving.renderPool);

// 2. Restarted: the corpus and index from their caches, every page of the load set from disk.
serving = await start();
const restart = { corpusMs: serving.corpusMs, listeningMs: serving.listeningMs, indexMs: serving.indexMs };
const [pagesFromDiskMs] = await time(() => requestEach(serving.base, memoPaths, 2));
restart.pagesFromDiskMs = pagesFromDiskMs;
restart.counts = { ...serving.pageCache.counts };
// Every page came from disk, so the render workers were never woken (each would load the corpus).
restart.renderWorkersStarted = serving.renderPool?.size ?? 0;
const [queriesOnceMs, queryStatuses] = await time(() => requestEach(serving.base, searchPaths, 4));

// The floor, in this process under the same load driver: a plain node:http server that answers
// every request with one memo page's bytes, kept in memory, and does nothing else.
const floorPage = Buffer.from(await (await fetch(`${serving.base}${memoPaths[0]}`)).text());
const floorServer = createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': floorPage.length });
  res.end(floorPage);
}).listen(0, '127.0.0.1');
floorServer.keepAliveTimeout = 60000;
await new Promise((resolve) => floorServer.once('listening', resolve));
delay.reset();
const floor = { ...(await load(`http://127.0.0.1:${floorServer.address().port}`, searchPaths, memoPaths)), loop: loopDelay() };
// One connection: each request is answered before the next is sent, so no request waits behind
// another and the loop's delay is what the longest single request (or the machine) held it.
delay.reset();
const floorOne = { ...(await load(`http://127.0.0.1:${floorServer.address().port}`, searchPaths, memoPaths, 1)), loop: loopDelay() };
await stop(floorServer);

// The event loop's delay with nothing to do, over as long: what the shared machine alone costs.
delay.reset();
await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
const idleLoop = loopDelay();

// 3. Warm: every page and query of the load set has been requested once.
delay.reset();
const warm = { ...(await load(serving.base, searchPaths, memoPaths)), loop: loopDelay() };
delay.reset();
const warmOne = { ...(await load(serving.base, searchPaths, memoPaths, 1)), loop: loopDelay() };
await new Promise((resolve) => setTimeout(resolve, 500));

// 4. Never seen: the same pages, and a stream of queries none of which was asked before.
const fresh = queries(12345, 20000, new Set(warmQueries));
delay.reset();
const unseen = { ...(await load(serving.base, fresh.map((q) => `/api/search?q=${encodeURIComponent(q)}`), memoPaths)), loop: loopDelay() };
// Searches the driver sent before it stopped are still being answered: let them finish.
await new Promise((resolve) => setTimeout(resolve, 4000));
await stop(serving.server, serving.renderPool);
await sharedQueryRunner().close();

const pageFiles = (await readdir(pagesDir)).filter((name) => name.endsWith('.html')).length;
process.stdout.write(
  `${JSON.stringify({
    seconds: SECONDS,
    connections: CONNECTIONS,
    pages: memoPaths.length,
    queries: warmQueries.length,
    searchWorkers: sharedQueryRunner().size,
    renderWorkers: RENDER_WORKERS,
    first: { renderAllMs, rendered: firstRendered, renderedInWorkers, statuses: renderStatuses, loop: firstLoop },
    restart,
    queriesOnceMs,
    queryStatuses,
    idleLoop,
    floor,
    floorOne,
    warm,
    warmOne,
    unseen,
    pageFiles,
    maxRssBytes: maxRssBytes(),
  })}\n`,
);
process.exit(0);
