/** The template engine: Eta, which escapes every value unless a template asks for raw output. */
import { Eta } from 'eta';
import { fileURLToPath } from 'node:url';
import { compactHtml } from './compact-html.js';

/** Renders a named template from views/ with its data. */
export interface TemplateRenderer {
  render(name: string, data: object): string;
}

/** The views/ folder of this installation (beside src/ and dist/). */
export const VIEWS_DIR = fileURLToPath(new URL('../../views/', import.meta.url));

/** The stylesheets, scripts and images pages load from /assets (views/assets), which the server serves and a static build copies. */
export const ASSETS_DIR = fileURLToPath(new URL('../../views/assets/', import.meta.url));

/** Eta over views/, with template caching on and escaping by default; pages come out compact (see compactHtml). */
export function createTemplates(viewsDir: string = VIEWS_DIR): TemplateRenderer {
  const eta = new Eta({ views: viewsDir, cache: true, autoEscape: true, autoTrim: [false, 'nl'] });
  return { render: (name, data) => compactHtml(eta.render(name, data)) };
}
