/**
 * A page through the page cache: its key is worked out from the request without rendering
 * anything (the corpus's digest, the reader's access level and style, the path, live reload and
 * the banner), and only a page not found in memory or on disk is rendered.
 */
import type { Request, Response } from 'express';
import { rejectedProblemsFor } from '../access/index.js';
import { renderPage, type PageRequest } from '../render/render-page.js';
import type { PageBuilder } from '../render/pages.js';
import { pageBuilder, pageChrome, readerStyle, servedFor, type ServerDeps } from './context.js';
import type { PageCache } from './page-cache.js';
import { pageKey } from './page-digest.js';
import type { PreparedBody } from './prepared-body.js';
import type { Session } from './sessions.js';

/** The HTML of one page for this request's reader: from the cache, or rendered and kept. */
export async function cachedPage(cache: PageCache, deps: ServerDeps, req: Request, res: Response, request: (builder: PageBuilder) => PageRequest): Promise<PreparedBody> {
  const served = servedFor(res);
  const session = (res.locals.session ?? null) as Session | null;
  let builder: PageBuilder | null = null;
  const builderOnce = (): PageBuilder => (builder ??= pageBuilder(res));
  // The banner differs by access level (internal files' problems are for signed-in readers only).
  const rejected = served.rejected.length === 0 ? '' : JSON.stringify(rejectedProblemsFor(builderOnce().view, served.rejected));
  const key = pageKey({
    corpus: served.corpus,
    path: req.path,
    access: session === null ? 'anonymous' : 'signed-in',
    styleId: readerStyle(res),
    live: deps.live ? served.version : null,
    staticSite: deps.staticSite,
    rejected,
  });
  const { page } = await cache.page(key, async () => {
    const pageBuilt = builderOnce();
    // Kept with placeholders for who the reader is, so one entry serves every signed-in reader.
    const reader = session === null ? null : { name: cache.placeholders.name, csrf: cache.placeholders.csrf };
    const chrome = { ...pageChrome(deps, req, res, pageBuilt), user: reader };
    // Worked out here, so a record the reader may not see is refused before any worker is asked.
    const pageRequest = request(pageBuilt);
    const pool = deps.renderPool ?? null;
    const inWorker = pool === null ? null : await pool.render(served.corpus, pageRequest, { includeInternal: session !== null, styleId: pageBuilt.style.id, chrome });
    return inWorker ?? renderPage(pageRequest, pageBuilt, deps.templates, chrome);
  });
  return cache.personalise(page, session === null ? null : { name: session.user, csrf: session.csrf });
}
