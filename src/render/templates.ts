/** The template engine: Eta, which escapes every value unless a template asks for raw output. */
import { Eta, type EtaConfig } from 'eta';
import { fileURLToPath } from 'node:url';
import { compactPiece } from './compact-html.js';

/** Renders a named template from views/ with its data. */
export interface TemplateRenderer {
  render(name: string, data: object): string;
}

/** The views/ folder of this installation (beside src/ and dist/). */
export const VIEWS_DIR = fileURLToPath(new URL('../../views/', import.meta.url));

/** The stylesheets, scripts and images pages load from /assets (views/assets), which the server serves and a static build copies. */
export const ASSETS_DIR = fileURLToPath(new URL('../../views/assets/', import.meta.url));

/** One part of a parsed Eta template: a run of its text, or a tag (code, or a value written in). */
type TemplatePart = Parameters<NonNullable<EtaConfig['plugins'][number]['processAST']>>[0][number];

/**
 * Eta keeps a run of a template's text written for a JavaScript string: `\` and `'` with a
 * backslash before them, line breaks as `\n`. The run as written again, and back.
 */
const readText = (escaped: string): string => escaped.replace(/\\([\\'n])/g, (_, character: string) => (character === 'n' ? '\n' : character));
const escapeText = (text: string): string => text.replace(/[\\']/g, '\\$&').replace(/\n/g, '\\n');

/**
 * The templates' text compacted once, as each template is compiled, instead of every page it
 * renders: the runs of text between tags lose the indentation and line breaks a browser does not
 * show (see compactPiece). A run's edges beside a tag are left as they are unless a block's tag is
 * beside them in the run itself, since what a tag writes there is not known until a page is
 * rendered; values written into a page (a memo's body, a bibliography) are never touched.
 *
 * Compacting every rendered page instead cost about a tenth of rendering it, in every page of
 * a static build.
 */
export function compactTemplate(parts: TemplatePart[]): TemplatePart[] {
  let open: string | null = null;
  const compacted: TemplatePart[] = [];
  for (const part of parts) {
    if (typeof part !== 'string') {
      compacted.push(part);
      continue;
    }
    const piece = compactPiece(readText(part), open);
    open = piece.open;
    if (piece.text !== '') compacted.push(escapeText(piece.text));
  }
  return compacted;
}

/** Eta over views/, with template caching on and escaping by default; the templates' text is compacted as they are compiled (see compactTemplate). */
export function createTemplates(viewsDir: string = VIEWS_DIR, options: { compact?: boolean } = {}): TemplateRenderer {
  const plugins = options.compact === false ? [] : [{ processAST: compactTemplate }];
  const eta = new Eta({ views: viewsDir, cache: true, autoEscape: true, autoTrim: [false, 'nl'], plugins });
  return { render: (name, data) => eta.render(name, data) };
}
