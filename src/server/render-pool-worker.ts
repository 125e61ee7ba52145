/**
 * A worker thread of `dossier serve` that renders pages (citeproc above all), so that a page
 * rendered for the first time does not hold up the event loop that answers every other reader.
 * It builds the corpus itself (from the parse cache the main thread wrote, so it parses nothing
 * at start) and renders a page only for the very corpus the main thread serves: each job names
 * the digest of the served corpus, and a worker whose corpus differs answers null, so the main
 * thread renders that page itself. On `reload` it reads the corpus again (parsing only files it
 * has not seen) after a live edit.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CorpusView } from '../access/index.js';
import { buildCorpus } from '../corpus/pipeline.js';
import { ParseCache } from '../corpus/parse.js';
import { recordAt, type Corpus } from '../model/records.js';
import { PageBuilder, type RenderedBody } from '../render/pages.js';
import { renderPage } from '../render/render-page.js';
import { createTemplates } from '../render/templates.js';
import { corpusDigest } from './page-digest.js';
import type { RenderPoolJob, RenderPoolSetup } from './render-pool.js';

const setup = workerData as RenderPoolSetup;
const templates = createTemplates();
const parseCache = new ParseCache();
let corpus: Corpus | null = null;
let digest = '';
let bodyCache = new Map<string, RenderedBody>();
let builders = new Map<string, PageBuilder>();

/** Reads the corpus (again) and tells the main thread which corpus this worker renders for. */
async function load(): Promise<void> {
  try {
    // The parse cache on disk is read at start only: after that the worker's own cache has every
    // file it saw, and the main thread alone writes the folder.
    const cacheDir = parseCache.size === 0 ? setup.parsedCacheDir : null;
    corpus = await buildCorpus(setup.root, { cache: parseCache, cacheDir, workers: 0 });
    digest = corpusDigest(corpus);
    bodyCache = new Map();
    builders = new Map();
    parentPort?.postMessage({ ready: digest });
  } catch (error) {
    corpus = null;
    parentPort?.postMessage({ ready: null, error: (error as Error).message });
  }
}

/** The page builder for one audience and style, made once per corpus. */
function builderFor(current: Corpus, includeInternal: boolean, styleId: string): PageBuilder {
  const key = `${includeInternal ? 'all' : 'public'} ${styleId}`;
  let builder = builders.get(key);
  if (builder === undefined) {
    const view = new CorpusView(current, includeInternal);
    builder = new PageBuilder(view, view.formatter(), styleId, bodyCache, 'server');
    builders.set(key, builder);
  }
  return builder;
}

/** One page's HTML, or null when this worker cannot render it as the main thread would. */
function render(job: RenderPoolJob): string | null {
  if (corpus === null || job.corpusDigest !== digest) return null;
  const builder = builderFor(corpus, job.includeInternal, job.styleId);
  const request = job.request;
  if (request.kind === 'record') {
    const record = recordAt(corpus, request.ref.type, request.ref.id);
    // The main thread found the record visible to this reader; a worker that does not is out of step.
    if (record === undefined || !builder.view.isVisible(record)) return null;
    return renderPage({ kind: 'record', record }, builder, templates, job.chrome);
  }
  return renderPage(request, builder, templates, job.chrome);
}

parentPort?.on('message', (message: { id: number; job: RenderPoolJob } | { reload: true }) => {
  if ('reload' in message) {
    void load();
    return;
  }
  try {
    parentPort?.postMessage({ id: message.id, html: render(message.job) });
  } catch (error) {
    parentPort?.postMessage({ id: message.id, html: null, error: (error as Error).message });
  }
});
void load();
