/**
 * `dossier serve`: build the corpus once, then serve it until a signal asks to stop. With
 * `--watch`, every change to the corpus builds a new generation (corpus and search index) and
 * swaps it in whole; open pages reload themselves.
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { buildCorpus, rebuildCorpus, ResidentMentions } from '../corpus/pipeline.js';
import { createApp } from '../server/app.js';
import { diagnosticCounts } from '../corpus/serialize.js';
import { watchCorpus } from '../corpus/watch.js';
import type { LastGoodTexts } from '../corpus/last-good.js';
import { ParseCache } from '../corpus/parse.js';
import { KnownTexts } from '../corpus/load.js';
import { compact, hasDeltas, openSearchIndex, SearchIndex } from '../search/index.js';
import { SearchDocumentCache } from '../search/documents.js';
import type { Corpus } from '../model/records.js';
import { MutableSearchHandle } from '../server/search-handle.js';
import { CorpusHolder, serve as served } from '../server/holder.js';
import { corpusRootUsable, progressReporter, seconds, type CliOutput } from './output.js';
import { usersFile, usersFileDirectory } from '../auth/users.js';
import { PageCache } from '../server/page-cache.js';
import { prerenderPages } from '../server/prerender.js';
import { RenderPool } from '../server/render-pool.js';
import { corpusDigest } from '../server/page-digest.js';
import { createTemplates } from '../render/templates.js';

/** The longest a stopping server goes on reading and answering requests already sent to it. */
const SHUTDOWN_GRACE_MS = 10000;

export interface ServeOptions {
  readonly root: string;
  readonly port: number;
  readonly host: string;
  /** Where the parsed corpus and the search index are cached between starts; null for none. */
  readonly cacheDir: string | null;
  readonly watch: boolean;
  /** Believe X-Forwarded-For and X-Forwarded-Proto from a reverse proxy on this machine. */
  readonly trustProxy?: boolean;
  /** Render the home page, the lists and every memo page in the background at start (default true). */
  readonly prerender?: boolean;
  /** Worker threads that render pages (0: the main thread renders; default: by the number of cores). */
  readonly renderWorkers?: number;
}

/** Serves until SIGINT or SIGTERM; requests in flight are finished before it resolves. */
export async function serve(options: ServeOptions, output: CliOutput): Promise<number> {
  // A mistyped --root would otherwise be served as an empty corpus, its cache folder made in a new folder of that name.
  if (!(await corpusRootUsable(options.root, output, 'dossier serve: not serving'))) return 2;
  const lastGood: LastGoodTexts = new Map();
  const parseCache = new ParseCache();
  const known = new KnownTexts();
  const startedAt = Date.now();
  const progress = progressReporter(output, 'dossier serve');
  const onParsed = (done: number, total: number): void => progress('parsed', done, total);
  // Under --watch, the mentions found in memos are kept in memory from rebuild to rebuild, starting from those the cache folder holds.
  const mentions = new ResidentMentions();
  const initial = { cache: parseCache, known, cacheDir: options.cacheDir === null ? null : path.join(options.cacheDir, 'parsed'), onParsed, ...(options.watch ? { mentions } : {}) };
  const corpus = options.watch ? (await rebuildCorpus(options.root, lastGood, initial)).corpus : await buildCorpus(options.root, initial);
  // The digest every page key starts from, worked out before the first reader asks for a page.
  corpusDigest(corpus);
  const corpusMs = Date.now() - startedAt;
  const searchCache = options.cacheDir === null ? null : path.join(options.cacheDir, 'search');
  const counts = diagnosticCounts(corpus);
  const search = new MutableSearchHandle();
  const holder = new CorpusHolder(served(corpus, search));
  const users = usersFileDirectory(usersFile(options.root));
  await users.refresh();
  // Rendered pages are kept owner-only beside the parsed corpus, so a restart renders none again.
  const pageCache = options.cacheDir === null ? PageCache.inMemory() : await PageCache.open({ folder: path.join(options.cacheDir, 'pages') });
  const templates = createTemplates();
  // Pages missing from the cache are rendered in a worker thread, which reads the parse cache just
  // written. The workers start when the first page must be rendered: a restart whose pages are all
  // kept loads its index without them and never holds their copies of the corpus.
  const renderPool = options.renderWorkers === 0 ? null : RenderPool.start({ root: options.root, parsedCacheDir: initial.cacheDir }, options.renderWorkers, undefined, { asleep: true });
  const app = createApp({ holder, live: options.watch, users, trustProxy: options.trustProxy === true, pageCache, templates, renderPool });
  const server = app.listen(options.port, options.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  }).catch((error: NodeJS.ErrnoException) => {
    output.stderr(`dossier serve: cannot listen on ${options.host}:${options.port}: ${error.code ?? error.message}\n`);
    return Promise.reject(error);
  });
  let active = 0;
  let received = 0;
  server.on('request', (_req, res) => {
    active++;
    received++;
    res.once('close', () => active--);
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  output.stdout(
    `dossier: ${corpus.memos.size} memos, ${corpus.sources.size} sources; ${counts.errors} errors and ${counts.warnings} warnings (see /problems)\n`,
  );
  output.stdout(`dossier: serving ${corpus.root} at http://${host}:${port}/\n`);
  const listeningMs = Date.now() - startedAt;
  // The index is built (or loaded) while the server already answers; /search says so meanwhile.
  const started = Date.now();
  // Under --watch, each record's search document is kept until an edit reaches it.
  const searchDocuments = new SearchDocumentCache();
  const indexReady = openSearchIndex(corpus, { cacheDir: searchCache, onProgress: (done, total) => progress('search', done, total), ...(options.watch ? { documents: searchDocuments } : {}) })
    .then(({ index, stats }) => {
      search.replace(index);
      const ms = Date.now() - started;
      output.stdout(`dossier: search index ready: ${stats.documents} records in ${stats.shards} shard${stats.shards === 1 ? '' : 's'} (${stats.loaded} from cache, ${stats.built} built) in ${ms} ms\n`);
      return `search index ${seconds(ms)} (${stats.shards} shard${stats.shards === 1 ? '' : 's'}: ${stats.loaded} from cache, ${stats.built} built)`;
    })
    .catch((error: Error) => {
      search.fail(error.message);
      output.stderr(`dossier: the search index could not be built: ${error.message}\n`);
      return 'search index failed';
    });

  const prerenderStarted = Date.now();
  const pagesReady =
    options.prerender === false
      ? Promise.resolve('pages rendered on first request (--no-prerender)')
      : prerenderPages({ holder, templates, live: options.watch, staticSite: false, renderPool }, pageCache, (done, total) => progress('pages', done, total))
          .then((summary) => {
            const ms = Date.now() - prerenderStarted;
            if (!summary.finished) return `pages ${seconds(ms)} (stopped: the corpus changed)`;
            output.stdout(`dossier: pages ready: ${summary.pages} pages (home, lists, memos), ${summary.rendered} rendered, the rest kept from before, in ${ms} ms\n`);
            return `pages ${seconds(ms)} (${summary.pages}: ${summary.rendered} rendered, ${summary.pages - summary.rendered} from the page cache)`;
          })
          .catch((error: Error) => {
            output.stderr(`dossier: could not prerender pages (they are rendered on first request): ${error.message}\n`);
            return 'pages failed (rendered on first request)';
          });
  // One line once everything started at launch is ready: how long the start took, stage by stage.
  void Promise.all([indexReady, pagesReady]).then(([searchPart, pagesPart]) =>
    output.stdout(`dossier: ready in ${seconds(Date.now() - startedAt)}: corpus ${seconds(corpusMs)} (${corpus.memos.size + corpus.statements.size + corpus.sources.size + corpus.speakers.size + corpus.events.size + corpus.topics.size} records), listening after ${seconds(listeningMs)}, ${searchPart}, ${pagesPart}\n`),
  );

  const stopWatching = options.watch ? watchAndSwap(options, holder, { lastGood, parseCache, known, searchCache, mentions, searchDocuments }, output) : () => undefined;
  // After a live edit the workers read the corpus again; until then the main thread renders.
  const stopReloading = renderPool === null ? () => undefined : holder.subscribe(() => renderPool.reload());
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      stopWatching();
      output.stdout('dossier: stopping after the requests in flight\n');
      // Requests already sent may wait unread in their sockets while the server is busy, and
      // closing would drop those connections as idle: first let the event loop read and answer
      // everything that has arrived, then close.
      const started = Date.now();
      const drain = (): void => {
        const quiet = received === seenAtLastTurn && active === 0;
        seenAtLastTurn = received;
        if (quiet || Date.now() - started > SHUTDOWN_GRACE_MS) {
          server.close(() => resolve());
          holder.close();
          server.closeIdleConnections();
        } else {
          setTimeout(drain, 20);
        }
      };
      let seenAtLastTurn = -1;
      setTimeout(drain, 20);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  stopReloading();
  await renderPool?.close();
  // Pages being written to the cache are finished, so the next start finds them whole.
  await pageCache.flush();
  return 0;
}

/** Rebuilds on every change, one rebuild at a time, and swaps each finished generation in. */
function watchAndSwap(
  options: ServeOptions,
  holder: CorpusHolder,
  kept: { lastGood: LastGoodTexts; parseCache: ParseCache; known: KnownTexts; searchCache: string | null; mentions: ResidentMentions; searchDocuments: SearchDocumentCache },
  output: CliOutput,
): () => void {
  let running = false;
  let again = false;
  /** Rebuilds delta'd shards whole in a worker; the result replaces the index if its corpus is still served. */
  const compactLater = (corpus: Corpus, index: SearchIndex, handle: MutableSearchHandle): void => {
    compact(corpus, index, { cacheDir: kept.searchCache, workers: 1 })
      .then((compacted) => {
        if (holder.current().corpus === corpus) handle.replace(compacted);
      })
      .catch((error: Error) => output.stderr(`dossier: could not compact the search index (the delta keeps answering): ${error.message}\n`));
  };
  let changed = new Set<string>();
  const rebuild = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const started = Date.now();
        // Only the changed files are read and parsed again: those the watcher named since the last
        // rebuild began, and any other whose status changed. The parse cache on disk is written at start only.
        const changedSince = changed;
        changed = new Set();
        const { corpus, rejected } = await rebuildCorpus(options.root, kept.lastGood, { cache: kept.parseCache, known: kept.known, mentions: kept.mentions, changedSince });
        // Unchanged shards are kept from the index being served; a shard with a few changed
        // records answers from a delta beside its base until it is compacted, after the swap.
        // Shards are kept from the index being served when that is a Lunr index (the only engine `serve` opens).
        const serving = holder.current().search.current();
        const { index } = await openSearchIndex(corpus, { cacheDir: kept.searchCache, previous: serving instanceof SearchIndex ? serving : null, deltas: true, documents: kept.searchDocuments });
        const handle = new MutableSearchHandle(index);
        corpusDigest(corpus);
        holder.replace(served(corpus, handle, rejected));
        if (hasDeltas(index)) compactLater(corpus, index, handle);
        const counts = diagnosticCounts(corpus);
        const note = rejected.length === 0 ? '' : `; ${rejected.length} problems in edits not taken`;
        output.stdout(`dossier: reloaded in ${Date.now() - started} ms: ${counts.errors} errors, ${counts.warnings} warnings${note}\n`);
      } while (again);
    } catch (error) {
      output.stderr(`dossier: could not rebuild, still serving the last version: ${(error as Error).message}\n`);
    } finally {
      running = false;
    }
  };
  // Said once watching has begun: an edit made before then would go unseen.
  return watchCorpus(options.root, (paths) => {
    for (const file of paths) changed.add(file);
    void rebuild();
  }, { onReady: () => output.stdout('dossier: watching corpus/ and citations/ for changes\n') });
}
