/**
 * A worker thread of `dossier build` that renders record pages and writes them into the site. It
 * builds the corpus from the files the main thread read and the parse cache the main thread has
 * just written (so it parses nothing; a cached parse serves only the very text it was made from),
 * and refuses to work when its global digest (code, templates, style, library, element sets,
 * internal folders) is not the main thread's.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildCorpusFromLoaded } from '../corpus/pipeline.js';
import { lendRenderTree } from '../corpus/parse.js';
import { recordAt } from '../model/records.js';
import { createTemplates } from '../render/templates.js';
import { globalDigest, RecordingCorpusView, RecordingPageBuilder, type DependencyKey } from './page-dependencies.js';
import { codeAndTemplatesDigest } from './build-manifest.js';
import { renderRecordPage } from './record-page.js';
import { SiteWriter } from './writer.js';
import type { RecordPageJob, RenderedRecordPage, RenderWorkerSetup } from './render-workers.js';

type Batch = { pages: RecordPageJob[] };

const setup = workerData as RenderWorkerSetup;
try {
  const corpus = await buildCorpusFromLoaded(setup.loaded, { cacheDir: setup.parsedCacheDir, workers: 0 });
  if (globalDigest(corpus, setup.style, await codeAndTemplatesDigest()) !== setup.global) {
    parentPort?.postMessage({ error: 'the corpus changed while the site was being built' });
  } else {
    const view = new RecordingCorpusView(corpus, false);
    const builder = new RecordingPageBuilder(view, view.formatter(), setup.style, new Map(), 'static');
    const templates = createTemplates();
    // Its corpus is the main thread's, so its pages go straight into the site: the main thread,
    // which also renders and writes the exports, need not copy and write them.
    const writer = new SiteWriter(setup.siteFolder, setup.replaceInPlace);
    // One batch at a time, in the order given: the main thread counts the replies against the batches it gave.
    let previousBatch: Promise<void> = Promise.resolve();
    const renderBatch = async (message: Batch): Promise<void> => {
      try {
        const results: RenderedRecordPage[] = [];
        for (const { file, ref, renderTree } of message.pages) {
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
        parentPort?.postMessage({ results });
      } catch (error) {
        parentPort?.postMessage({ error: (error as Error).message });
      }
    };
    parentPort?.on('message', (message: Batch) => {
      previousBatch = previousBatch.then(() => renderBatch(message));
    });
    parentPort?.postMessage({ ready: true });
  }
} catch (error) {
  parentPort?.postMessage({ error: (error as Error).message });
}
