/**
 * createApp wires the server: security headers, static assets, the citation style, the page and
 * API routes, a 404 for the rest and one error handler. It reads a frozen corpus, never files.
 */
import express from 'express';
import cookieParser from 'cookie-parser';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Corpus } from '../model/records.js';
import { securityHeaders } from './middleware/security.js';
import { chooseStyle } from './middleware/style.js';
import { errorHandler, notFound } from './middleware/errors.js';
import { pageRoutes } from './routes/pages.js';
import { apiRoutes } from './routes/api.js';
import { searchRoutes } from './routes/search.js';
import { bibliographyRoutes } from './routes/bibliography.js';
import { liveRoutes } from './routes/live.js';
import { authRoutes } from './routes/auth.js';
import { identify, SessionStore } from './sessions.js';
import type { SignInLimiter } from '../auth/sign-in-limiter.js';
import { userDirectory, type UserDirectory } from '../auth/users.js';
import { graphRoutes } from './routes/graph.js';
import { authorityRoutes } from './routes/authorities.js';
import { MutableSearchHandle, type SearchHandle } from './search-handle.js';
import { CorpusHolder, serve } from './holder.js';
import { ASSETS_DIR, createTemplates, type TemplateRenderer } from '../render/templates.js';
import { layoutData, pageBuilder, type ServerDeps } from './context.js';
import { PageCache } from './page-cache.js';
import type { RenderPool } from './render-pool.js';
import { ResponseReplay } from './response-replay.js';

export interface AppOptions {
  /** The corpus to serve; or give `holder` to serve generations that change (live reload). */
  readonly corpus?: Corpus;
  /** The search index; until one is set, /search answers 503 and everything else works. */
  readonly search?: SearchHandle;
  readonly holder?: CorpusHolder;
  readonly templates?: TemplateRenderer;
  /** Pages reload themselves when the holder's generation changes. */
  readonly live?: boolean;
  /** Render pages for a static copy of the site (`dossier build`). */
  readonly staticSite?: boolean;
  /** Who may sign in; without it nobody can, and every reader is anonymous. */
  readonly users?: UserDirectory;
  /**
   * Believe a reverse proxy on this machine (X-Forwarded-For, X-Forwarded-Proto): only with
   * `serve --trust-proxy`, since any local client could otherwise claim any address.
   */
  readonly trustProxy?: boolean;
  /** Counts failed sign-ins (tests give one with their own clock). */
  readonly signInLimiter?: SignInLimiter;
  /** Signed-in sessions (tests give one with their own clock). */
  readonly sessions?: SessionStore;
  /** Rendered pages (`dossier serve` gives one kept on disk); by default one in memory; null renders every request. */
  readonly pageCache?: PageCache | null;
  /** Worker threads that render pages missing from the page cache (`dossier serve` starts one); absent: the main thread renders. */
  readonly renderPool?: RenderPool | null;
  /** Answers to anonymous requests sent again without express (see response-replay.ts); by default one; null sends every request through express. */
  readonly responseReplay?: ResponseReplay | null;
}

/** Builds the express application that serves a corpus. */
export function createApp(options: AppOptions): express.Express {
  let holder = options.holder;
  if (holder === undefined) {
    if (options.corpus === undefined) throw new TypeError('createApp needs a corpus or a holder');
    holder = new CorpusHolder(serve(options.corpus, options.search ?? new MutableSearchHandle()));
  }
  const deps: ServerDeps = {
    holder,
    templates: options.templates ?? createTemplates(),
    live: options.live ?? false,
    staticSite: options.staticSite ?? false,
    pageCache: options.pageCache === undefined ? PageCache.inMemory() : options.pageCache,
    renderPool: options.renderPool ?? null,
    responseReplay: options.responseReplay === undefined ? new ResponseReplay() : options.responseReplay,
  };
  const app = express();
  // A request with a recorded answer for the current generation is answered before express sets
  // anything up for it (express calls app.handle for every request it is given).
  const replay = deps.responseReplay ?? null;
  if (replay !== null) {
    deps.holder.subscribe(() => replay.clear());
    const expressHandle = (app as unknown as { handle: (req: IncomingMessage, res: ServerResponse, next?: unknown) => void }).handle;
    (app as unknown as { handle: typeof expressHandle }).handle = function handleOrReplay(req, res, next) {
      if (next === undefined && replay.replay(req, res, deps.holder.current())) return;
      expressHandle.call(this, req, res, next);
    };
  }
  app.disable('x-powered-by');
  // Behind a reverse proxy on this machine, its X-Forwarded-Proto says whether the reader used
  // HTTPS and X-Forwarded-For who the reader is; without the proxy, anyone could say so.
  app.set('trust proxy', options.trustProxy === true ? 'loopback' : false);
  app.set('query parser', 'simple');
  // JSON escapes <, > and & so that no API response can be read as markup.
  app.set('json escape', true);
  app.use(securityHeaders());
  app.use('/assets', express.static(ASSETS_DIR, { dotfiles: 'ignore', index: false, redirect: false, maxAge: '1h' }));
  app.use(cookieParser());
  const sessions = options.sessions ?? new SessionStore();
  const users = options.users ?? userDirectory([]);
  app.use(identify(sessions, users));
  // Every request serves one generation of the corpus, taken here, whatever replaces it meanwhile.
  app.use((_req, res, next) => {
    res.locals.served = deps.holder.current();
    res.locals.staticSite = deps.staticSite;
    next();
  });
  app.use(chooseStyle);

  const pages = express.Router({ strict: false });
  authRoutes(pages, deps, users, sessions, options.signInLimiter);
  liveRoutes(pages, deps);
  graphRoutes(pages, deps);
  authorityRoutes(pages, deps);
  searchRoutes(pages, deps);
  bibliographyRoutes(pages, deps);
  pageRoutes(pages, deps);
  app.use(pages);
  const api = express.Router();
  apiRoutes(api, deps);
  app.use('/api', api);

  app.use(notFound);
  app.use(
    errorHandler((status, message, req) => {
      const res = req.res!;
      res.locals.served ??= deps.holder.current();
      const builder = pageBuilder(res);
      return deps.templates.render('error', { title: `${status}`, page: { status, message }, ...layoutData(deps, req, res, builder) });
    }),
  );
  return app;
}
