/** What every route receives: the current generation of the corpus, and the templates. */
import type { Request, Response } from 'express';
import { PageBuilder } from '../render/pages.js';
import { DEFAULT_STYLE_ID, findStyle } from '../corpus/citations/format.js';
import { CorpusView, rejectedProblemsFor } from '../access/index.js';
import type { TemplateRenderer } from '../render/templates.js';
import { layoutFields, type PageChrome } from '../render/render-page.js';
import type { CorpusHolder, ServedCorpus } from './holder.js';
import type { PageCache } from './page-cache.js';
import type { RenderPool } from './render-pool.js';
import type { ResponseReplay } from './response-replay.js';

export interface ServerDeps {
  readonly holder: CorpusHolder;
  readonly templates: TemplateRenderer;
  /** Live reload is on: pages carry the script that reloads them. */
  readonly live: boolean;
  /** Pages are rendered for `dossier build`: links point at static files, not at the API. */
  readonly staticSite: boolean;
  /** Rendered pages, by key (absent: every page is rendered on every request). */
  readonly pageCache?: PageCache | null;
  /** Worker threads that render pages the cache lacks (absent: the main thread renders). */
  readonly renderPool?: RenderPool | null;
  /** Answers recorded for anonymous requests, sent again without express (absent: every request goes through express). */
  readonly responseReplay?: ResponseReplay | null;
}

/** The generation this response serves: taken once, when the request started. */
export function servedFor(res: Response): ServedCorpus {
  const served = res.locals.served;
  if (served === undefined) throw new TypeError('no generation for this request; the "takeGeneration" middleware must run first');
  return served;
}

/** The page builder for one response: its reader's view of the corpus, in its citation style. */
export function pageBuilder(res: Response): PageBuilder {
  const linkMode = res.locals.staticSite === true ? 'static' : 'server';
  const served = servedFor(res);
  // Signed-in readers see internal records; everyone else public ones only.
  const view = new CorpusView(served.corpus, res.locals.session !== null && res.locals.session !== undefined);
  const styleId = readerStyle(res);
  // Citations are formatted over what this reader may see, so hidden sources change no label or number.
  return new PageBuilder(view, view.formatter(), styleId, served.bodyCache, linkMode);
}

/** The citation style of this response's reader. */
export function readerStyle(res: Response): string {
  // An error page may be drawn before the style was chosen (or because it was unknown).
  return typeof res.locals.styleId === 'string' && findStyle(res.locals.styleId) !== undefined ? res.locals.styleId : DEFAULT_STYLE_ID;
}

/** What the layout of every page needs: the style switcher, live reload and the problem banner. */
export function layoutData(deps: ServerDeps, req: Request, res: Response, builder: PageBuilder) {
  return layoutFields(builder, pageChrome(deps, req, res, builder));
}

/** What renderPage needs of this request besides the page: its path, reader, live reload and banner. */
export function pageChrome(deps: ServerDeps, req: Request, res: Response, builder: PageBuilder): PageChrome {
  const served = servedFor(res);
  return {
    path: req.path,
    live: deps.live ? { version: served.version } : null,
    staticSite: deps.staticSite,
    user: res.locals.session ? { name: res.locals.session.user, csrf: res.locals.session.csrf } : null,
    // Edits that were not taken, shown in a banner while the last good version is served.
    rejected: rejectedProblemsFor(builder.view, served.rejected),
  };
}
