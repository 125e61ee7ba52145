/**
 * /search (a page that works without JavaScript) and /api/search (the same as JSON). A malformed
 * query is a 400 with the fault's position, shown beside the query; never a 500.
 */
import type { Request, Response, Router } from 'express';
import { FACET_NAMES, QueryError, SEARCH_SORTS, snippetSegments, type SearchFilters, type SearchResult, type SearchSort } from '../../search/index.js';
import { recordPath } from '../../access/index.js';
import type { Corpus, RecordRef } from '../../model/records.js';
import { isMemoId } from '../../model/ids.js';
import { paragraphAnchor } from '../../render/body-anchors.js';
import { layoutData, pageBuilder, pageChrome, servedFor, type ServerDeps } from '../context.js';
import { renderPage, STATIC_SEARCH_MANIFEST } from '../../render/render-page.js';
import { HttpError } from '../middleware/errors.js';
import { escapedJson, preparedBody, sendPrepared, type PreparedBody } from '../prepared-body.js';

interface SearchParameters {
  readonly q: string;
  readonly filters: SearchFilters;
  readonly page: number;
  readonly size: number | undefined;
  readonly sort: SearchSort;
}

function single(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new HttpError(400, `Give "${name}" once.`);
  return value;
}

/** Reads and checks the query string of a search. */
function parameters(req: Request): SearchParameters {
  const q = single(req.query.q, 'q') ?? '';
  const filters: SearchFilters = {};
  for (const name of FACET_NAMES) {
    const value = single(req.query[name], name);
    if (value !== undefined && value !== '') filters[name] = value.slice(0, 200);
  }
  const page = Number(single(req.query.page, 'page') ?? 1);
  const sizeText = single(req.query.size, 'size');
  const size = sizeText === undefined ? undefined : Number(sizeText);
  if (!Number.isInteger(page) || page < 1) throw new HttpError(400, '"page" must be a whole number from 1.');
  if (size !== undefined && (!Number.isInteger(size) || size < 1 || size > 100)) throw new HttpError(400, '"size" must be a whole number from 1 to 100.');
  const sort = single(req.query.sort, 'sort') ?? 'relevance';
  if (!(SEARCH_SORTS as readonly string[]).includes(sort)) throw new HttpError(400, `"sort" is one of: ${SEARCH_SORTS.join(', ')}.`);
  return { q, filters, page, size, sort: sort as SearchSort };
}

/** A search URL with some parameters changed; an empty value removes one. */
function searchUrl(base: string, params: SearchParameters, change: Record<string, string | number | null>): string {
  const query = new URLSearchParams();
  if (params.q !== '') query.set('q', params.q);
  for (const [name, value] of Object.entries(params.filters)) if (value !== undefined) query.set(name, value);
  if (params.size !== undefined) query.set('size', String(params.size));
  if (params.sort !== 'relevance') query.set('sort', params.sort);
  query.delete('page');
  for (const [name, value] of Object.entries(change)) {
    if (value === null || value === '') query.delete(name);
    else query.set(name, String(value));
  }
  const text = query.toString();
  return text === '' ? base : `${base}?${text}`;
}

/**
 * A memo result opens the memo at the paragraph of its first marked word (when the snippet is
 * from the memo's text and the word can be found there).
 */
function hitHref(corpus: Corpus, hit: SearchResult['hits'][number]): string {
  const href = recordPath({ type: hit.type, id: hit.id } as RecordRef);
  if (hit.type !== 'memo') return href;
  const memo = isMemoId(hit.id) ? corpus.memos.get(hit.id) : undefined;
  const segments = snippetSegments(hit.snippetHtml);
  const first = segments.findIndex((segment) => segment.mark);
  if (memo === undefined || first === -1 || hit.snippetHtml.startsWith('cited for')) return href;
  // The marked word with the words around it in the snippet, so that an earlier use of the word
  // elsewhere is not taken for it; line breaks and spaces alike.
  const around = (text: string) => text.split(/\s+/).filter(Boolean).map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const before = around(segments[first - 1]?.text ?? '').slice(-3);
  const after = around(segments.slice(first + 1).map((segment) => segment.text).join(' ')).slice(0, 3);
  const words = [...before, ...around(segments[first]!.text), ...after];
  const body = memo.fileText.slice(memo.bodyOffset);
  const found = new RegExp(words.join('\\s+'), 'i').exec(body) ?? new RegExp(around(segments[first]!.text).join('\\s+'), 'i').exec(body);
  if (found === null) return href;
  const line = memo.fileText.slice(0, memo.bodyOffset + found.index + (before.length > 0 ? found[0].indexOf(segments[first]!.text.split(/\s+/)[0]!) : 0)).split('\n').length;
  return `${href}#${paragraphAnchor(memo.fileText, line)}`;
}

function hitJson(hit: SearchResult['hits'][number], corpus: Corpus) {
  return {
    ref: hit.ref,
    type: hit.type,
    id: hit.id,
    title: hit.title,
    href: hitHref(corpus, hit),
    score: hit.score,
    matchedTerms: hit.matchedTerms,
    snippet: snippetSegments(hit.snippetHtml),
    snippetHtml: hit.snippetHtml,
  };
}

/** The JSON of each search answer, by answer, with the corpus its links were made for. */
const apiBodies = new WeakMap<SearchResult, { readonly corpus: Corpus; readonly prepared: PreparedBody }>();

/** Registers /search and /api/search. */
export function searchRoutes(router: Router, deps: ServerDeps): void {
  const runSearch = (req: Request, res: Response, params: SearchParameters): Promise<SearchResult> => {
    const handle = servedFor(res).search;
    const index = handle.current();
    if (index === null) {
      res.set('Retry-After', '2');
      throw new HttpError(503, servedFor(res).search.failure() === null ? 'The search index is being built. Try again in a moment.' : 'Search is unavailable: the index could not be built.');
    }
    const includeInternal = pageBuilder(res).view.includeInternal;
    return handle.run(index, { q: params.q, filters: params.filters, page: params.page, size: params.size, sort: params.sort, includeInternal });
  };

  router.get('/api/search', async (req, res) => {
    const params = parameters(req);
    // The index runSearch asks, read in the same tick: a recorded answer is sent again only while it is current.
    const index = servedFor(res).search.current();
    try {
      const result = await runSearch(req, res, params);
      const corpus = servedFor(res).corpus;
      // An answer from the pool's cache is the same object each time: its JSON is made once.
      let body = apiBodies.get(result);
      if (body === undefined || body.corpus !== corpus) {
        body = { corpus, prepared: preparedBody(escapedJson({ ...result, hits: result.hits.map((hit) => hitJson(hit, corpus)) })) };
        apiBodies.set(result, body);
      }
      sendPrepared(res, 'json', body.prepared);
      if (index !== null) deps.responseReplay?.record(req, res, body.prepared, { served: servedFor(res), index }, deps.holder.current());
    } catch (error) {
      if (error instanceof QueryError) throw new HttpError(400, error.message, { query: params.q, start: error.start, end: error.end });
      throw error;
    }
  });

  router.get('/search', async (req, res) => {
    const params = parameters(req);
    const builder = pageBuilder(res);
    if (deps.staticSite) {
      // The static copy searches in the browser, from the index `dossier build` writes.
      res.type('html').send(renderPage({ kind: 'static-search', indexUrl: STATIC_SEARCH_MANIFEST }, builder, deps.templates, pageChrome(deps, req, res, builder)));
      return;
    }
    let result: SearchResult | null = null;
    let queryError: { message: string; start: number; end: number } | null = null;
    try {
      result = params.q === '' && Object.keys(params.filters).length === 0 ? null : await runSearch(req, res, params);
    } catch (error) {
      if (!(error instanceof QueryError)) throw error;
      queryError = { message: error.message, start: error.start, end: error.end };
      res.status(400);
    }
    const facets = result === null ? [] : FACET_NAMES.map((name) => ({
      name,
      values: result.facets[name].map((value) => ({
        ...value,
        active: params.filters[name] === value.value,
        href: searchUrl('/search', params, { [name]: params.filters[name] === value.value ? null : value.value }),
      })),
    }));
    const page = {
      q: params.q,
      error: queryError === null ? null : {
        ...queryError,
        before: params.q.slice(0, queryError.start),
        fault: params.q.slice(queryError.start, Math.max(queryError.end, queryError.start + 1)),
        after: params.q.slice(Math.max(queryError.end, queryError.start + 1)),
      },
      result: result === null ? null : { ...result, hits: result.hits.map((hit) => hitJson(hit, servedFor(res).corpus)) },
      facets,
      sort: params.sort,
      sorts: result === null || params.q === '' ? null : SEARCH_SORTS.map((sort) => ({ label: sort === 'date' ? 'date (newest first)' : sort, active: sort === params.sort, href: searchUrl('/search', params, { sort: sort === 'relevance' ? null : sort }) })),
      activeFilters: Object.entries(params.filters).map(([name, value]) => ({ name, value, href: searchUrl('/search', params, { [name]: null }) })),
      previous: result !== null && result.page > 1 ? searchUrl('/search', params, { page: result.page - 1 }) : null,
      next: result !== null && result.page < result.pages ? searchUrl('/search', params, { page: result.page + 1 }) : null,
      exports: result === null || params.q === '' ? null : builder.exportLinks(`query:${params.q}`),
    };
    res.type('html').send(
      deps.templates.render('search', { title: params.q === '' ? 'Search' : `Search: ${params.q}`, page, ...layoutData(deps, req, res, builder), scripts: ['/assets/search.js'] }),
    );
  });
}
