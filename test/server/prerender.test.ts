/**
 * Prerendering at start with the server's render pool asleep (issue 19): a first start wakes the
 * pool and waits for its workers, so every missing page is rendered in a worker and none in the
 * event loop's thread; a restart whose pages are all kept leaves the pool asleep, so no worker
 * loads a copy of the corpus beside the index loading.
 */
import { describe, expect, test } from '@jest/globals';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { createTemplates } from '../../src/render/templates.js';
import { CorpusHolder, serve } from '../../src/server/holder.js';
import { PageCache } from '../../src/server/page-cache.js';
import { prerenderPages } from '../../src/server/prerender.js';
import { RenderPool } from '../../src/server/render-pool.js';
import { MutableSearchHandle } from '../../src/server/search-handle.js';
import { fixtureCopies } from '../helpers/fixture-copies.js';

// The worker is compiled JavaScript: `npm test` builds dist/ before jest runs.
const workerUrl = new URL('../../dist/server/render-pool-worker.js', import.meta.url);
const copyOf = fixtureCopies('dossier-prerender-');

describe('prerendering with a sleeping render pool', () => {
  test('a first start renders every page in a worker; a restart on the kept pages never wakes the pool', async () => {
    const root = await copyOf('corpus-confidential');
    const corpus = await buildCorpus(root);
    const folder = `${root}/.page-cache`;
    const deps = (renderPool: RenderPool) => ({ holder: new CorpusHolder(serve(corpus, new MutableSearchHandle())), templates: createTemplates(), live: false, staticSite: false, renderPool });

    const first = RenderPool.start({ root, parsedCacheDir: null }, 1, workerUrl, { asleep: true });
    try {
      const cache = await PageCache.open({ folder });
      const summary = await prerenderPages(deps(first), cache);
      await cache.flush();
      expect(summary.finished).toBe(true);
      expect(summary.rendered).toBe(summary.pages);
      expect(first.awake).toBe(true);
      // Prerendering waited for the worker: it rendered every page, the main thread none.
      expect(first.counts).toEqual({ rendered: summary.pages, declined: 0 });
    } finally {
      await first.close();
    }

    const restarted = RenderPool.start({ root, parsedCacheDir: null }, 1, workerUrl, { asleep: true });
    try {
      expect((await prerenderPages(deps(restarted), await PageCache.open({ folder }))).rendered).toBe(0);
      expect(restarted.awake).toBe(false);
      expect(restarted.size).toBe(0);
    } finally {
      await restarted.close();
    }
  });
});
