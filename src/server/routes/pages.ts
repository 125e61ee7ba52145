/** The HTML pages: home, a list and a page for each record type, and the problems page. */
import type { Request, Response, Router } from 'express';
import { RECORD_TYPES } from '../../model/record-types.js';
import { renderPage, type PageRequest } from '../../render/render-page.js';
import { pageBuilder, pageChrome, servedFor, type ServerDeps } from '../context.js';
import { cachedPage } from '../cached-page.js';
import { sendPrepared } from '../prepared-body.js';
import { recordFromParams } from './params.js';

/** Registers the page routes on a router. */
export function pageRoutes(router: Router, deps: ServerDeps): void {
  // Every page goes through renderPage, as `dossier build` does; through the page cache when there is one.
  const send = async (req: Request, res: Response, request: (builder: ReturnType<typeof pageBuilder>) => PageRequest): Promise<void> => {
    const cache = deps.pageCache ?? null;
    if (cache === null) {
      const builder = pageBuilder(res);
      res.type('html').send(renderPage(request(builder), builder, deps.templates, pageChrome(deps, req, res, builder)));
      return;
    }
    const page = await cachedPage(cache, deps, req, res, request);
    sendPrepared(res, 'html', page);
    // A page does not depend on the search index; it is counted as served from memory when sent again.
    deps.responseReplay?.record(req, res, page, { served: servedFor(res), index: null }, deps.holder.current(), () => cache.countReplayed());
  };

  router.get('/', (req, res) => send(req, res, () => ({ kind: 'home' })));

  for (const { type, segment } of RECORD_TYPES) {
    router.get(`/${segment}`, (req, res) => send(req, res, () => ({ kind: 'list', type })));
    router.get(`/${segment}/:id`, (req, res) => send(req, res, (builder) => ({ kind: 'record', record: recordFromParams(req, builder.view, type) })));
  }

  // Readiness: 200 once the search index is ready, 503 while it is being built. Nothing else: a
  // generation number would tell anyone when a file changed, internal ones included.
  router.get('/healthz', (_req, res) => {
    const served = servedFor(res);
    const ready = served.search.current() !== null;
    res.set('Cache-Control', 'no-store');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'starting', search: ready ? 'ready' : served.search.failure() === null ? 'building' : 'failed' });
  });

  router.get('/problems', (req, res) => send(req, res, () => ({ kind: 'problems' })));
}
