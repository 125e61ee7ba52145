/**
 * createApp wires the server: security headers, static assets, the citation style, the page and
 * API routes, a 404 for the rest and one error handler. It reads a frozen corpus, never files.
 */
import express from 'express';
import cookieParser from 'cookie-parser';
import { fileURLToPath } from 'node:url';
import type { Corpus } from '../model/records.js';
import { CitationFormatter } from '../citations/format.js';
import { securityHeaders } from './middleware/security.js';
import { chooseStyle } from './middleware/style.js';
import { errorHandler, notFound } from './middleware/errors.js';
import { pageRoutes } from './routes/pages.js';
import { apiRoutes } from './routes/api.js';
import { searchRoutes } from './routes/search.js';
import { bibliographyRoutes } from './routes/bibliography.js';
import { MutableSearchHandle, type SearchHandle } from './search-handle.js';
import { createTemplates, type TemplateRenderer } from './templates.js';
import type { ServerDeps } from './context.js';
import { CITATION_STYLES, DEFAULT_STYLE_ID, findStyle } from '../citations/format.js';

/** The CSS and the little script there is, served under /assets. */
export const ASSETS_DIR = fileURLToPath(new URL('../../views/assets/', import.meta.url));

export interface AppOptions {
  readonly corpus: Corpus;
  readonly templates?: TemplateRenderer;
  readonly formatter?: CitationFormatter;
  /** The search index; until one is set, /search answers 503 and everything else works. */
  readonly search?: SearchHandle;
}

/** Builds the express application that serves a corpus. */
export function createApp(options: AppOptions): express.Express {
  const deps: ServerDeps = {
    corpus: options.corpus,
    formatter: options.formatter ?? new CitationFormatter(options.corpus.sources),
    templates: options.templates ?? createTemplates(),
    bodyCache: new Map(),
    search: options.search ?? new MutableSearchHandle(),
  };
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // JSON escapes <, > and & so that no API response can be read as markup.
  app.set('json escape', true);
  app.use(securityHeaders());
  app.use('/assets', express.static(ASSETS_DIR, { dotfiles: 'ignore', index: false, redirect: false, maxAge: '1h' }));
  app.use(cookieParser());
  app.use(chooseStyle);

  const pages = express.Router({ strict: false });
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
      const styleId = typeof req.res?.locals.styleId === 'string' ? req.res.locals.styleId : DEFAULT_STYLE_ID;
      const style = findStyle(styleId) ?? CITATION_STYLES[0]!;
      return deps.templates.render('error', {
        title: `${status}`,
        page: { status, message },
        styles: CITATION_STYLES.map((s) => ({ id: s.id, label: s.label, href: `/?style=${s.id}`, current: s.id === style.id })),
        style,
        path: req.path,
      });
    }),
  );
  return app;
}
