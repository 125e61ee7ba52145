/**
 * A worker thread of `dossier build` that renders record pages. It builds the corpus from the
 * parse cache the main thread has just written (so it parses nothing), refuses to work when the
 * corpus it read is not the main thread's (its global digest differs), and sends back each page
 * with the questions it asked and the digest of each answer, which the main thread checks against
 * its own corpus before it writes the page.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildCorpus, buildCorpusFromLoaded, loadedFilesDigest } from '../corpus/pipeline.js';
import type { LoadedFiles } from '../corpus/load.js';
import { lendRenderTree } from '../corpus/parse.js';
import { recordAt, type RecordRef } from '../model/records.js';
import { createTemplates } from '../render/templates.js';
import { DependencyDigests, globalDigest, RecordingCorpusView, RecordingPageBuilder } from './page-dependencies.js';
import { codeAndTemplatesDigest } from './build-manifest.js';
import { renderRecordPage } from './record-page.js';
import { SiteWriter } from './writer.js';

/** What the main thread gives a render worker. */
export interface RenderWorkerSetup {
  readonly root: string;
  readonly parsedCacheDir: string;
  readonly style: string;
  readonly global: string;
  /** The digest of the files the main thread built its corpus from (loadedFilesDigest), when it knows it. */
  readonly inputDigest?: string;
  /** The files themselves, as the main thread read them: the worker builds from them instead of reading every file again. */
  readonly loaded?: LoadedFiles;
  /** The folder the site is being written into, and how (see SiteWriter): a worker that read the same files writes its pages there itself. */
  readonly siteFolder?: string;
  readonly replaceInPlace?: boolean;
}

const setup = workerData as RenderWorkerSetup;
try {
  // Built from the main thread's own files, the corpus is its corpus (the global digest below still
  // checks the parse cache read with them); read from disk, it is when the files' digest is the same.
  let sameFiles = setup.loaded !== undefined;
  const corpus =
    setup.loaded !== undefined
      ? await buildCorpusFromLoaded(setup.loaded, { cacheDir: setup.parsedCacheDir, workers: 0 })
      : await buildCorpus(setup.root, {
          cacheDir: setup.parsedCacheDir,
          workers: 0,
          onLoaded: (loaded) => {
            sameFiles = setup.inputDigest !== undefined && loadedFilesDigest(loaded) === setup.inputDigest;
          },
        });
  if (globalDigest(corpus, setup.style, await codeAndTemplatesDigest()) !== setup.global) {
    parentPort?.postMessage({ error: 'the corpus changed while the site was being built' });
  } else {
    const view = new RecordingCorpusView(corpus, false);
    const builder = new RecordingPageBuilder(view, view.formatter(), setup.style, new Map(), 'static');
    const digests = new DependencyDigests(corpus, setup.style);
    const templates = createTemplates();
    // Its pages go straight into the site when its corpus is the main thread's: the main thread,
    // which also renders, writes the exports and takes in every page, need not copy and write them.
    const writer = sameFiles && setup.siteFolder !== undefined ? new SiteWriter(setup.siteFolder, setup.replaceInPlace === true) : null;
    // One batch at a time, in the order given: the main thread counts the replies against the batches it gave.
    let previousBatch: Promise<void> = Promise.resolve();
    const renderBatch = async (message: { pages: Array<{ file: string; ref: RecordRef; renderTree?: string }> }): Promise<void> => {
      try {
        const rendered = message.pages.map(({ file, ref, renderTree }) => {
          const record = recordAt(corpus, ref.type, ref.id);
          if (record === undefined || !view.isVisible(record)) return { file, html: null, asked: [], digests: [] };
          const giveBack = renderTree !== undefined && 'fileText' in record ? lendRenderTree(record.fileText, renderTree) : () => undefined;
          try {
            const { html, asked } = renderRecordPage(view, builder, templates, record);
            // Read from the files the main thread read, the corpus is its corpus: hashing every answer
            // again here (a tenth of a page's time) would prove nothing more. Otherwise (a file edited
            // meanwhile), each answer's digest goes with the page for the main thread to check.
            return { file, html, asked, digests: sameFiles ? null : digests.digestsOf(asked) };
          } finally {
            giveBack();
          }
        });
        if (writer === null) {
          parentPort?.postMessage({ results: rendered });
          return;
        }
        const results = [];
        for (const page of rendered) {
          if (page.html === null) {
            results.push(page);
            continue;
          }
          await writer.write(page.file, page.html);
          results.push({ file: page.file, html: null, written: Buffer.byteLength(page.html), asked: page.asked, digests: page.digests });
        }
        // On disk before the main thread counts them: a write that failed sends the batch back.
        await writer.flush();
        parentPort?.postMessage({ results });
      } catch (error) {
        parentPort?.postMessage({ error: (error as Error).message });
      }
    };
    parentPort?.on('message', (message: { pages: Array<{ file: string; ref: RecordRef; renderTree?: string }> }) => {
      previousBatch = previousBatch.then(() => renderBatch(message));
    });
    parentPort?.postMessage({ ready: true });
  }
} catch (error) {
  parentPort?.postMessage({ error: (error as Error).message });
}
