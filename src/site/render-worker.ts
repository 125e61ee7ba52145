/**
 * A worker thread of `dossier build` that renders record pages and writes them into the site. A
 * whole build of a new site starts it before the corpus is parsed, so that its code is loaded
 * meanwhile, and lends it to the parse: it parses batches of files sent over a port of its own, as
 * a parse worker does, and keeps what it parsed (other builds start it once their corpus is
 * linked). Its other messages come in order. First the corpus: it builds the corpus from the files
 * the main thread read, its own parses and those the main thread sent it (or, when none were sent,
 * the parse cache the main thread has written), so it parses nothing (a parse serves only the very
 * text it was made from), while the main thread links its own. Then the site: it refuses
 * to work when its global digest (code, templates, style, library, element sets, internal folders)
 * is not the main thread's, and says it is ready otherwise. Then batches of pages.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { buildCorpusFromLoaded } from '../corpus/pipeline.js';
import type { RawFile } from '../corpus/load.js';
import { lendRenderTree, parseBatch, ParseCache, withText } from '../corpus/parse.js';
import { recordAt, type Corpus } from '../model/records.js';
import { createTemplates } from '../render/templates.js';
import { globalDigest, RecordingCorpusView, RecordingPageBuilder, type DependencyKey } from './page-dependencies.js';
import { codeAndTemplatesDigest } from './build-manifest.js';
import { renderRecordPage } from './record-page.js';
import { SiteWriter } from './writer.js';
import type { RenderWorkerMessage, RenderWorkerReply, RenderedRecordPage, RenderWorkerCorpus, RenderWorkerSite, RecordPageJob } from './render-workers.js';

/** What the worker renders with, once it has its corpus and its site. */
interface Renderer {
  readonly corpus: Corpus;
  readonly view: RecordingCorpusView;
  readonly builder: RecordingPageBuilder;
  readonly templates: ReturnType<typeof createTemplates>;
  readonly writer: SiteWriter;
}

let corpusSetup: RenderWorkerCorpus | null = null;
/** What this worker parsed as one of the corpus's parse threads (see LentParsing), kept for its own corpus. */
const ownParses = new ParseCache();
let built: Promise<Corpus> | null = null;
let renderer: Renderer | null = null;

const reply = (message: RenderWorkerReply): void => parentPort?.postMessage(message);

async function takeSite(site: RenderWorkerSite): Promise<void> {
  if (built === null || corpusSetup === null) {
    reply({ error: 'the render worker was given a site before its corpus' });
    return;
  }
  const corpus = await built;
  if (globalDigest(corpus, corpusSetup.style, await codeAndTemplatesDigest()) !== site.global) {
    reply({ error: 'the corpus changed while the site was being built' });
    return;
  }
  const view = new RecordingCorpusView(corpus, false);
  // Its corpus is the main thread's, so its pages go straight into the site: the main thread,
  // which also renders and writes the exports, need not copy and write them.
  renderer = {
    corpus,
    view,
    builder: new RecordingPageBuilder(view, view.formatter(), corpusSetup.style, new Map(), 'static'),
    templates: createTemplates(),
    writer: new SiteWriter(site.folder, site.replaceInPlace),
  };
  // The library's bibliography, which its memo pages need first, goes to the main thread with the
  // answer: the main thread's bibliography exports take it instead of making it again.
  reply({ ready: true, library: renderer.view.formatter().sharedLibraryBibliography(corpusSetup.style) });
}

async function renderBatch(pages: readonly RecordPageJob[]): Promise<void> {
  if (renderer === null) {
    reply({ error: 'the render worker was given pages before its site' });
    return;
  }
  const { corpus, view, builder, templates, writer } = renderer;
  const results: RenderedRecordPage[] = [];
  for (const { file, ref, renderTree } of pages) {
    const record = recordAt(corpus, ref.type, ref.id);
    if (record === undefined || !view.isVisible(record)) {
      results.push({ file, written: null, asked: [] });
      continue;
    }
    const giveBack = renderTree !== undefined && 'fileText' in record ? lendRenderTree(record.fileText, renderTree) : () => undefined;
    let page: { html: string; asked: DependencyKey[] };
    try {
      page = renderRecordPage(view, builder, templates, record);
    } finally {
      giveBack();
    }
    await writer.write(file, page.html);
    results.push({ file, written: Buffer.byteLength(page.html), asked: page.asked });
  }
  // On disk before the main thread counts them: a write that failed sends the batch back.
  await writer.flush();
  reply({ results });
}

/**
 * The corpus, from what this worker parsed and the main thread's parses of the rest when it sent
 * them; else from the parse cache on disk (read, not written: the main thread keeps the caches).
 */
async function buildCorpus(setup: RenderWorkerCorpus): Promise<Corpus> {
  if (setup.entries === undefined) return buildCorpusFromLoaded(setup.loaded, { cacheDir: setup.parsedCacheDir, workers: 0, saveCaches: false });
  const files = new Map(setup.loaded.files.map((file) => [file.path, file]));
  for (const { path, parsed } of setup.entries) {
    const file = files.get(path);
    // The message's copy is this worker's alone, so the text is put back in place.
    if (file !== undefined) ownParses.set(file, withText(parsed, file.text));
  }
  // A file neither parsed here nor sent is parsed here: the corpus is the main thread's either way.
  // The cache folder gives the mentions the memos gave at the last build (the parses are all here).
  return buildCorpusFromLoaded(setup.loaded, { cache: ownParses, cacheDir: setup.parsedCacheDir, workers: 0, saveCaches: false });
}

async function take(message: RenderWorkerMessage): Promise<void> {
  try {
    if ('corpus' in message) {
      corpusSetup = message.corpus;
      built = buildCorpus(message.corpus);
      // A failure is reported when the site comes, the first message that is answered.
      built.catch(() => undefined);
    } else if ('site' in message) {
      await takeSite(message.site);
    } else if ('renderings' in message) {
      reply(renderer === null || corpusSetup === null ? { error: 'the render worker was asked for its citations before its site' } : { renderings: renderer.view.formatter().sharedRenderings(corpusSetup.style) });
    } else {
      await renderBatch(message.pages);
    }
  } catch (error) {
    reply({ error: (error as Error).message });
  }
}

// Batches of files to parse, while the corpus is parsed (see LentParsing): answered as a parse worker
// answers, each parse also kept here.
const parsePort = (workerData as { parsePort?: MessagePort } | null)?.parsePort;
parsePort?.on('message', (message: { files: RawFile[] }) => parsePort.postMessage(parseBatch(message.files, (file, parsed) => ownParses.set(file, parsed))));

// One message at a time, in the order sent: the main thread counts the replies against the batches it gave.
let previous: Promise<void> = Promise.resolve();
parentPort?.on('message', (message: RenderWorkerMessage) => {
  previous = previous.then(() => take(message));
});
