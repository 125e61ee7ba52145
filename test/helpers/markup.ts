/** Parses HTML as a browser would and lists everything in it that could run code. */
import { fromHtml } from 'hast-util-from-html';
import type { Element, Root, RootContent } from 'hast';

const DANGEROUS_ELEMENTS = new Set(['script', 'iframe', 'object', 'embed', 'svg', 'math', 'style', 'base', 'form', 'frame', 'frameset', 'meta', 'link']);
/** What dossier's own pages legitimately carry. */
const OURS = [
  (element: Element) =>
    element.tagName === 'script' &&
    ['/assets/dossier.js', '/assets/search.js', '/assets/basket.js', '/assets/citations.js', '/assets/graph.js', '/assets/live.js', '/assets/vendor/cytoscape.min.js'].includes(String(element.properties.src)),
  (element: Element) => element.tagName === 'link' && ['/assets/dossier.css', '/assets/graph.css', 'data:,'].includes(String(element.properties.href)),
  (element: Element) => element.tagName === 'meta' && (element.properties.charSet !== undefined || element.properties.name === 'viewport'),
  (element: Element) => element.tagName === 'form' && ['/search', '/graph', '/signin', '/signout'].includes(String(element.properties.action)),
];

/** Every element, attribute or URL in the page that an attacker could use. */
export function dangerousMarkup(html: string): string[] {
  const found: string[] = [];
  const walk = (node: Root | RootContent): void => {
    if (node.type === 'element' && !OURS.some((ours) => ours(node))) {
      if (DANGEROUS_ELEMENTS.has(node.tagName)) found.push(`<${node.tagName}>`);
      for (const [name, value] of Object.entries(node.properties)) {
        if (/^on/i.test(name)) found.push(`${node.tagName}[${name}]`);
        if (name === 'style') found.push(`${node.tagName}[style]`);
        if (['href', 'src', 'action', 'formAction', 'cite', 'data'].includes(name) && /^\s*(javascript|data|vbscript):/i.test(String(value))) {
          found.push(`${node.tagName}[${name}=${String(value)}]`);
        }
      }
    }
    if ('children' in node) node.children.forEach(walk);
  };
  walk(fromHtml(html));
  return found;
}
