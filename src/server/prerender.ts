/**
 * Prerendering at start: the pages most readers open (home, the lists, every memo) are rendered
 * for an anonymous reader in the default style, one at a time in the background, into the page
 * cache, so that the first reader of a page does not wait for its citations to be formatted. A
 * page already kept (in memory, or on disk from an earlier start on the same corpus) is skipped,
 * so a restart renders nothing. It stops when the generation it started on is replaced.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { CorpusView, rejectedProblemsFor } from '../access/index.js';
import { DEFAULT_STYLE_ID } from '../corpus/citations/format.js';
import type { RecordRef } from '../model/records.js';
import { PageBuilder } from '../render/pages.js';
import { renderPage, type PageRequest } from '../render/render-page.js';
import { recordPath } from '../access/record-path.js';
import type { ServerDeps } from './context.js';
import type { PageCache } from './page-cache.js';
import { pageKey } from './page-digest.js';

/** What prerendering did. */
export interface PrerenderSummary {
  readonly pages: number;
  readonly rendered: number;
  /** False when a new generation replaced the one it was rendering. */
  readonly finished: boolean;
}

const LISTS: ReadonlyArray<readonly [RecordRef['type'], string]> = [
  ['memo', '/memos'],
  ['source', '/sources'],
  ['statement', '/statements'],
  ['speaker', '/speakers'],
  ['event', '/events'],
  ['topic', '/topics'],
];

/** Renders the home page, the lists and every memo page an anonymous reader may see, if not kept already. */
export async function prerenderPages(deps: ServerDeps, cache: PageCache, onProgress?: (done: number, of: number) => void): Promise<PrerenderSummary> {
  const served = deps.holder.current();
  const view = new CorpusView(served.corpus, false);
  const builder = new PageBuilder(view, view.formatter(), DEFAULT_STYLE_ID, served.bodyCache, deps.staticSite ? 'static' : 'server');
  const rejected = served.rejected.length === 0 ? [] : rejectedProblemsFor(view, served.rejected);
  const pages: Array<[string, PageRequest]> = [['/', { kind: 'home' }], ...LISTS.map(([type, path]): [string, PageRequest] => [path, { kind: 'list', type }])];
  for (const memo of view.memos()) pages.push([recordPath({ type: 'memo', id: memo.id }), { kind: 'record', record: memo }]);
  let rendered = 0;
  for (const [index, [path, request]] of pages.entries()) {
    // Readers' requests are answered between pages: each page is one turn of the event loop.
    await nextTurn();
    if (deps.holder.current() !== served) return { pages: pages.length, rendered, finished: false };
    const key = pageKey({
      corpus: served.corpus,
      path,
      access: 'anonymous',
      styleId: DEFAULT_STYLE_ID,
      live: deps.live ? served.version : null,
      staticSite: deps.staticSite,
      // As cached-page.ts keys it: the banner as this reader sees it, whenever there is one at all.
      rejected: served.rejected.length === 0 ? '' : JSON.stringify(rejected),
    });
    const chrome = { path, live: deps.live ? { version: served.version } : null, staticSite: deps.staticSite, user: null, rejected };
    // In a render worker when there is one, so readers' requests are not held up meanwhile: the
    // first page missing wakes the pool, and prerendering waits for its workers to load rather
    // than render in the event loop's thread (a reader's request meanwhile is rendered there).
    const render = async (): Promise<string> => {
      if (deps.renderPool !== undefined && deps.renderPool !== null && !deps.renderPool.awake) {
        deps.renderPool.wake();
        await deps.renderPool.settled();
      }
      return (await deps.renderPool?.render(served.corpus, request, { includeInternal: false, styleId: DEFAULT_STYLE_ID, chrome })) ?? renderPage(request, builder, deps.templates, chrome);
    };
    if (await cache.ensure(key, render)) rendered++;
    onProgress?.(index + 1, pages.length);
  }
  return { pages: pages.length, rendered, finished: true };
}
