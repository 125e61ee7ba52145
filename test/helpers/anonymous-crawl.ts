/**
 * A crawl of everything an anonymous reader can ask a server: every page reachable from the home
 * page (in every citation style), the JSON API, search with its facets and pages, every export
 * scope and format, the graph and the problems. Answers are kept as `status body` by URL, so two
 * servers can be compared response by response.
 */
import request from 'supertest';
import type { Express } from 'express';
import { EXPORT_FORMATS } from '../../src/export/formats.js';
import { CITATION_STYLES } from '../../src/corpus/citations/format.js';

export interface CrawlPlan {
  /** Words to search for: words of public records and of hidden ones. */
  readonly words: readonly string[];
  /** Export scopes besides `all`: memo:ID, topic:ID, keys:… (hidden ids too); every formatted export of these in every style. */
  readonly scopes: readonly string[];
  /** Words whose search results are exported too (in one style). */
  readonly queryScopes?: readonly string[];
  /** Pages of which every style is asked for; by default every page found. */
  readonly styledPages?: (path: string) => boolean;
  /** At most this many URLs, so a property test stays small. */
  readonly limit?: number;
}

/** The answers of a server to an anonymous crawl, by URL. */
export async function crawlAnonymously(app: Express, plan: CrawlPlan): Promise<Map<string, string>> {
  const seen = new Map<string, string>();
  const queue: string[] = ['/', '/graph', '/problems', '/api/diagnostics', '/api/graph', '/sources'];
  for (const segment of ['memos', 'sources', 'statements', 'speakers', 'events', 'topics']) queue.push(`/${segment}`, `/api/${segment}`);
  for (const word of plan.words) {
    const q = encodeURIComponent(word);
    queue.push(`/search?q=${q}`, `/api/search?q=${q}`, `/api/search?q=${q}&size=1&page=2`, `/search?q=${q}&size=1&page=2`);
    for (const facet of ['type=memo', 'type=source', 'type=statement', 'topic=immunity-law', 'year=2010']) queue.push(`/api/search?q=${q}&${facet}`);
  }
  const queryScopes = (plan.queryScopes ?? []).map((word) => `query:${word}`);
  for (const scope of ['all', ...plan.scopes, ...queryScopes]) {
    const extras = scope.startsWith('memo:') ? ['', '&include=all', '&linked=1'] : ['', '&include=all'];
    for (const format of EXPORT_FORMATS) {
      for (const extra of extras) queue.push(`/api/bibliography?scope=${encodeURIComponent(scope)}&format=${format.id}${extra}`);
    }
    // The formatted bibliography and table of authorities in every style: citeproc's labels and numbers differ by style.
    if (queryScopes.includes(scope)) continue;
    for (const style of CITATION_STYLES) {
      for (const format of ['html', 'authorities-text']) queue.push(`/api/bibliography?scope=${encodeURIComponent(scope)}&format=${format}&style=${style.id}&include=all`);
    }
  }
  const styled = plan.styledPages ?? (() => true);
  const limit = plan.limit ?? Infinity;
  while (queue.length > 0 && seen.size < limit) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    const res = await request(app).get(url);
    // A form's CSRF token is fresh on every answer: it says nothing of the corpus, so it is set aside.
    seen.set(url, `${res.status} ${res.text.replace(/(name="_csrf" value=")[^"]*"/g, '$1…"')}`);
    const found = [...res.text.matchAll(/href="(\/[^"#]*)"/g)].map((match) => match[1]!.replace(/&amp;/g, '&'));
    found.push(...[...res.text.matchAll(/"href":"(\/[^"]*)"/g)].map((match) => match[1]!));
    for (const href of found) {
      // Export links are asked for above, scope by scope; the pages' own links add only their style.
      if (href.startsWith('/assets/') || href.startsWith('/signin') || href.startsWith('/api/bibliography') || seen.has(href)) continue;
      queue.push(href);
      if (!href.includes('?') && !href.startsWith('/api/') && styled(href)) for (const style of CITATION_STYLES) queue.push(`${href}?style=${style.id}`);
    }
  }
  return seen;
}

/**
 * The answers that differ between two crawls, as `url: first … second` excerpts around the first
 * difference; URLs only one crawl reached count too.
 */
export function differences(first: ReadonlyMap<string, string>, second: ReadonlyMap<string, string>): string[] {
  const found: string[] = [];
  for (const url of new Set([...first.keys(), ...second.keys()])) {
    const a = first.get(url) ?? '(not reached)';
    const b = second.get(url) ?? '(not reached)';
    if (a === b) continue;
    let at = 0;
    while (at < a.length && a[at] === b[at]) at++;
    found.push(`${url}: …${a.slice(Math.max(0, at - 60), at + 60)}… ≠ …${b.slice(Math.max(0, at - 60), at + 60)}…`);
  }
  return found;
}
