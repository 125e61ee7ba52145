/**
 * renderPage: one page of the browser as HTML, for one reader in one citation style. The server's
 * routes and `dossier build` both call it, so a static page is exactly what the server answers an
 * anonymous reader.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import type { CorpusRecord, RecordRef } from '../model/records.js';
import { RECORD_TYPE_NAMES } from '../model/record-types.js';
import { contentSecurityPolicyForMetaElement } from './content-security-policy.js';
import { buildGraph, GRAPH_TYPES, type Graph, type GraphFilter } from './graph.js';
import { neighbourhoodDataPath, WHOLE_GRAPH_DATA_PATH } from './graph-data.js';
import { anchoredDiagnostics, type PageBuilder } from './pages.js';
import { recordPath } from '../access/index.js';

/** Where the static site's search index starts: its manifest. */
export const STATIC_SEARCH_MANIFEST = '/search/manifest.json';

/** Renders a named template from views/ with its data (the server's TemplateRenderer). */
export interface PageTemplates {
  render(name: string, data: object): string;
}

/** Which page to render. */
export type PageRequest =
  | { readonly kind: 'home' }
  | { readonly kind: 'list'; readonly type: RecordRef['type'] }
  | { readonly kind: 'record'; readonly record: CorpusRecord }
  | { readonly kind: 'problems' }
  | { readonly kind: 'graph'; readonly filter: GraphFilter; readonly graph?: Graph }
  | { readonly kind: 'basket'; readonly keys: readonly string[] }
  /** The search page of a static copy: the browser searches the index `dossier build` wrote. */
  | { readonly kind: 'static-search'; readonly indexUrl: string };

/** What the layout around a page needs besides the page: where it is and who reads it. */
export interface PageChrome {
  readonly path: string;
  readonly live: { readonly version: number } | null;
  readonly staticSite: boolean;
  readonly user: { readonly name: string; readonly csrf: string } | null;
  /** Edits that were not taken, shown in a banner (already filtered for this reader). */
  readonly rejected: readonly Diagnostic[];
}

/** The layout's data for a page: the style switcher, live reload, the banner, and on a static copy its CSP. */
export function layoutFields(builder: PageBuilder, chrome: PageChrome) {
  return {
    styles: builder.styles(chrome.path),
    style: builder.style,
    path: chrome.path,
    live: chrome.live,
    staticSite: chrome.staticSite,
    user: chrome.user,
    rejected: chrome.rejected,
    // Each problem's place and the page of the record written there, for this reader.
    placeOfProblem: (d: { file: string; line: number; column: number }) => builder.placeOfProblem(d),
    // Where a record page's neighbourhood widget fetches its data: a static copy's file, or the server's API.
    neighbourhoodSrc: (focus: string) => (chrome.staticSite ? neighbourhoodDataPath(focus) : `/api/graph?focus=${encodeURIComponent(focus)}&depth=1`),
    wholeGraphSrc: WHOLE_GRAPH_DATA_PATH,
    // A static file server sends no headers of ours, so the policy travels in the page.
    contentSecurityPolicy: chrome.staticSite ? contentSecurityPolicyForMetaElement() : null,
  };
}

/** The template, title and data of a record's page. */
function recordPage(builder: PageBuilder, record: CorpusRecord): { template: string; title: string; page: object } {
  switch (record.type) {
    case 'memo':
      return { template: 'memo', title: record.title, page: builder.memo(record) };
    case 'source':
      return { template: 'source', title: String(record.csl.title ?? record.key), page: builder.source(record) };
    case 'statement':
      return { template: 'statement', title: builder.view.titleOf(record), page: builder.statement(record) };
    case 'speaker':
      return { template: 'speaker', title: record.name, page: builder.speaker(record) };
    case 'event':
      return { template: 'event', title: record.title, page: builder.event(record) };
    case 'topic':
      return { template: 'topic', title: record.label, page: builder.topic(record) };
  }
}

/** The whole citation graph's page data for a filter. */
function graphPage(builder: PageBuilder, filter: GraphFilter, graph: Graph) {
  return {
    types: GRAPH_TYPES.map((type) => ({ type, checked: filter.types === undefined || filter.types.includes(type) })),
    topics: builder.view.topics().map((topic) => ({ id: topic.id, label: topic.label, selected: topic.id === filter.topic })),
    query: new URLSearchParams(Object.entries({ types: filter.types?.join(',') ?? '', topic: filter.topic ?? '' }).filter(([, v]) => v !== '')).toString(),
    nodes: graph.nodes.length,
    edges: graph.edges.length,
    list: graph.nodes.slice(0, 500),
  };
}

/** Renders one page as a whole HTML document. */
export function renderPage(request: PageRequest, builder: PageBuilder, templates: PageTemplates, chrome: PageChrome): string {
  const layout = layoutFields(builder, chrome);
  const render = (template: string, title: string, page: object, extra: object = {}): string => templates.render(template, { title, page, ...layout, ...extra });
  switch (request.kind) {
    case 'home':
      return render('home', 'dossier', builder.home());
    case 'list': {
      const exports = request.type === 'source' ? builder.exportLinks('all', { include: 'all' }) : null;
      return render('list', RECORD_TYPE_NAMES[request.type].plural, { type: request.type, items: builder.list(request.type), exports });
    }
    case 'record': {
      const { template, title, page } = recordPage(builder, request.record);
      return render(template, title, page);
    }
    case 'problems':
      return render('problems', 'Problems', { diagnostics: anchoredDiagnostics(builder.problems()) });
    case 'graph': {
      const page = graphPage(builder, request.filter, request.graph ?? buildGraph(builder.view, request.filter));
      return render('graph', 'Citation graph', page, { scripts: ['/assets/vendor/cytoscape.min.js'], graphStyles: true });
    }
    case 'basket': {
      const sources = request.keys.map((key) => builder.view.source(key)).filter((source) => source !== undefined);
      const page = {
        keys: sources.map((source) => source.key),
        items: sources.map((source) => ({ key: source.key, href: recordPath({ type: 'source', id: source.key }), referenceHtml: builder.referenceHtml(source.key) })),
        exports: sources.length === 0 ? [] : builder.exportLinks(`keys:${sources.map((source) => source.key).join(',')}`),
      };
      return render('basket', 'Selection', page);
    }
    case 'static-search': {
      const page = { q: '', error: null, result: null, facets: [], activeFilters: [], previous: null, next: null, exports: null, staticIndex: request.indexUrl };
      return render('search', 'Search', page, { scripts: ['/assets/static-search.js'] });
    }
  }
}
