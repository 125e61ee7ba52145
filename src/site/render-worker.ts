/**
 * A worker thread of `dossier build` that renders record pages. It builds the corpus from the
 * parse cache the main thread has just written (so it parses nothing), refuses to work when the
 * corpus it read is not the main thread's (its global digest differs), and sends back each page
 * with the questions it asked and the digest of each answer, which the main thread checks against
 * its own corpus before it writes the page.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildCorpus, loadedFilesDigest } from '../corpus/pipeline.js';
import { lendRenderTree } from '../corpus/parse.js';
import { recordAt, type RecordRef } from '../model/records.js';
import { createTemplates } from '../render/templates.js';
import { DependencyDigests, globalDigest, RecordingCorpusView, RecordingPageBuilder } from './page-dependencies.js';
import { codeAndTemplatesDigest } from './build-manifest.js';
import { renderRecordPage } from './record-page.js';

/** What the main thread gives a render worker. */
export interface RenderWorkerSetup {
  readonly root: string;
  readonly parsedCacheDir: string;
  readonly style: string;
  readonly global: string;
  /** The digest of the files the main thread built its corpus from (loadedFilesDigest), when it knows it. */
  readonly inputDigest?: string;
}

const setup = workerData as RenderWorkerSetup;
try {
  let sameFiles = false;
  const corpus = await buildCorpus(setup.root, {
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
    parentPort?.on('message', (message: { pages: Array<{ file: string; ref: RecordRef; renderTree?: string }> }) => {
      try {
        const results = message.pages.map(({ file, ref, renderTree }) => {
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
        parentPort?.postMessage({ results });
      } catch (error) {
        parentPort?.postMessage({ error: (error as Error).message });
      }
    });
    parentPort?.postMessage({ ready: true });
  }
} catch (error) {
  parentPort?.postMessage({ error: (error as Error).message });
}
