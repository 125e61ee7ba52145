/** What every route receives: the frozen corpus, the citation formatter and the templates. */
import type { Response } from 'express';
import type { Corpus } from '../model/records.js';
import type { CitationFormatter } from '../citations/format.js';
import { PageBuilder, type RenderedBody } from '../render/pages.js';
import { CorpusView } from '../render/view.js';
import type { TemplateRenderer } from './templates.js';
import type { SearchHandle } from './search-handle.js';

export interface ServerDeps {
  readonly corpus: Corpus;
  readonly formatter: CitationFormatter;
  readonly templates: TemplateRenderer;
  /** Rendered memo, speaker and event bodies, by style and reader. */
  readonly bodyCache: Map<string, RenderedBody>;
  readonly search: SearchHandle;
}

/** The page builder for one response: its reader's view of the corpus, in its citation style. */
export function pageBuilder(deps: ServerDeps, res: Response): PageBuilder {
  // Until sign-in exists every reader is anonymous and sees public records only.
  const view = new CorpusView(deps.corpus, false);
  return new PageBuilder(view, deps.formatter, String(res.locals.styleId), deps.bodyCache);
}
