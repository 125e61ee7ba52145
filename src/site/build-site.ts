/**
 * The static site as files: every page an anonymous reader may open, rendered by renderPage (the
 * function the server's routes call), the bibliography exports its pages link to, the graph's data,
 * and a search index split so that the browser fetches only what a query needs. Everything goes
 * through a SiteWriter, which confines every path to the output folder.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Corpus, CorpusRecord, RecordRef } from '../model/records.js';
import { PageBuilder, staticExportFormats, staticExportName } from '../render/pages.js';
import { renderPage, STATIC_SEARCH_MANIFEST, type PageChrome, type PageRequest, type PageTemplates } from '../render/render-page.js';
import { ReaderGraph, GRAPH_TYPES } from '../render/graph.js';
import { resolveScope, type ExportScope, type Inclusion } from '../export/scopes.js';
import { CorpusView } from '../access/index.js';
import { recordPath, refOf } from '../access/index.js';
import { searchDocuments } from '../search/documents.js';
import { buildShards } from '../search/build.js';
import { topicExpansions } from '../search/search-index.js';
import { CLIENT_SEARCH_MODULES } from '../search/static-index.js';
import { isSafeSiteId, siteSegments } from './paths.js';
import { splitSearchIndex, type SerialisedLunrIndex, type ShownDocument } from './search-shards.js';
import type { SiteWriter } from './writer.js';

const require = createRequire(import.meta.url);

export interface StaticSiteOptions {
  readonly style: string;
  readonly templates: PageTemplates;
  /** The CSS and scripts under /assets (views/assets). */
  readonly assetsDir: string;
  /** Called as work is done: a stage's name, how much of it is done, and its total. */
  readonly onProgress?: (stage: string, done: number, total: number) => void;
}

export interface StaticSiteSummary {
  readonly pages: number;
  readonly exports: number;
  readonly graphFiles: number;
  readonly searchFiles: number;
  readonly searchRecords: number;
  /** Problems found while writing: records whose id cannot name a file. */
  readonly diagnostics: readonly Diagnostic[];
  /** Milliseconds per stage, in order. */
  readonly stages: ReadonlyArray<readonly [string, number]>;
}

/** The page builder of an anonymous reader: the static site is what the public may see. */
export function anonymousPageBuilder(corpus: Corpus, style: string): PageBuilder {
  // Formatted over what the public may see: a hidden source changes no year suffix or number.
  const view = new CorpusView(corpus, false);
  return new PageBuilder(view, view.formatter(), style, new Map(), 'static');
}

/** The file of a page: `/memos/x` → `memos/x/index.html`; null when its path cannot be a file name. */
function pageFile(urlPath: string): string | null {
  const segments = siteSegments(urlPath);
  return segments === null ? null : [...segments, 'index.html'].join('/');
}

function recordId(record: CorpusRecord): string {
  return record.type === 'source' ? record.key : record.id;
}

function unsafeDiagnostic(record: CorpusRecord): Diagnostic {
  const kind = record.type === 'source' ? 'cite key' : `${record.type} id`;
  // Records that share a file (sources, topics) say where in it; a memo is its whole file.
  const position = 'position' in record ? record.position : { line: 1, column: 1 };
  return {
    file: record.file,
    line: position.line,
    column: position.column,
    severity: 'error',
    code: 'unsafe-output-path',
    message: `the ${kind} ${JSON.stringify(recordId(record))} cannot name a file of the static site (a part of it is "..", ".", empty, "index.html" or "index.json", or holds a backslash or a control character), so its page was not written; rename it`,
  };
}

/** Writes the static site of a corpus into the writer's folder. */
export async function writeStaticSite(corpus: Corpus, writer: SiteWriter, options: StaticSiteOptions): Promise<StaticSiteSummary> {
  const builder = anonymousPageBuilder(corpus, options.style);
  const view = builder.view;
  const stages: Array<[string, number]> = [];
  const diagnostics: Diagnostic[] = [];
  let stageStart = performance.now();
  const endStage = (name: string): void => {
    const now = performance.now();
    stages.push([name, now - stageStart]);
    stageStart = now;
  };

  // Which records can have files at all: an id that is not a safe file name is reported, not written.
  const records: CorpusRecord[] = [];
  for (const type of GRAPH_TYPES) {
    for (const record of view.all(type)) {
      if (isSafeSiteId(recordId(record))) records.push(record);
      else diagnostics.push(unsafeDiagnostic(record));
    }
  }

  // The search index is built in a worker thread while this one renders pages.
  const searchBuild = startSearchIndex(corpus);

  const chromeFor = (path: string): PageChrome => ({ path, live: null, staticSite: true, user: null, rejected: [] });
  const fixedPages: Array<[string, PageRequest]> = [
    ['/', { kind: 'home' }],
    ...(['memo', 'source', 'statement', 'speaker', 'event', 'topic'] as const).map((type): [string, PageRequest] => [recordPath({ type, id: '' } as RecordRef).replace(/\/$/, ''), { kind: 'list', type }]),
    ['/problems', { kind: 'problems' }],
    ['/search', { kind: 'static-search', indexUrl: STATIC_SEARCH_MANIFEST }],
    ['/basket', { kind: 'basket', keys: [] }],
  ];
  const graph = new ReaderGraph(view);
  fixedPages.push(['/graph', { kind: 'graph', filter: {}, graph: graph.graph() }]);
  const total = fixedPages.length + records.length;
  let pages = 0;
  for (const [urlPath, request] of [...fixedPages, ...records.map((record): [string, PageRequest] => [recordPath(refOf(record)), { kind: 'record', record }])]) {
    const file = pageFile(urlPath);
    if (file === null) throw new TypeError(`no safe file for ${urlPath}; check ids with isSafeSiteId first`);
    await writer.write(file, renderPage(request, builder, options.templates, chromeFor(urlPath)));
    pages++;
    if (pages % 100 === 0 || pages === total) options.onProgress?.('pages', pages, total);
  }
  endStage('pages');

  // Exports of every scope a static page links to.
  const scopes: Array<[ExportScope, Inclusion, string, Record<string, string>]> = [[{ kind: 'all' }, 'all', 'all', {}]];
  for (const record of records) {
    if (record.type === 'memo') {
      scopes.push([{ kind: 'memo', id: record.id, linked: false }, 'cited', `memo:${record.id}`, {}]);
      scopes.push([{ kind: 'memo', id: record.id, linked: true }, 'cited', `memo:${record.id}`, { linked: '1' }]);
    } else if (record.type === 'topic') {
      scopes.push([{ kind: 'topic', id: record.id }, 'all', `topic:${record.id}`, {}]);
    }
  }
  const formatter = view.formatter();
  let exports = 0;
  let scopesDone = 0;
  for (const [scope, inclusion, scopeText, extra] of scopes) {
    const resolved = resolveScope(view, scope, inclusion, null);
    const name = staticExportName(scopeText, extra)!;
    for (const format of staticExportFormats(scopeText)) {
      await writer.write(`exports/${name}.${format.id}.${format.extension}`, format.render(resolved.sources, { formatter, styleId: options.style, title: resolved.title, citing: resolved.citing }));
      exports++;
    }
    scopesDone++;
    if (scopesDone % 100 === 0 || scopesDone === scopes.length) options.onProgress?.('exports', scopesDone, scopes.length);
  }
  endStage('exports');

  // The graph's data: the whole graph, and the neighbourhood of every record, at its page's path.
  await writer.write('graph-data/all.json', JSON.stringify(graph.graph()));
  let graphFiles = 1;
  for (const record of records) {
    const ref = refOf(record);
    await writer.write(`graph-data/${ref.type}/${siteSegments(`/${encodeURIComponent(ref.id)}`)!.join('/')}/index.json`, JSON.stringify(graph.graph({ focus: ref, depth: 1 })));
    graphFiles++;
  }
  options.onProgress?.('graph', graphFiles, graphFiles);
  endStage('graph');

  const { index, documents } = await searchBuild;
  // Topics have no visibility (every topic page is public), so their synonyms are the server's.
  const split = splitSearchIndex(index, documents, [...topicExpansions(corpus)]);
  await writer.write(STATIC_SEARCH_MANIFEST.slice(1), JSON.stringify(split.manifest));
  for (const [file, content] of split.files) await writer.write(file, content);
  options.onProgress?.('search', split.files.length + 1, split.files.length + 1);
  endStage('search index');

  // Assets, and the libraries the pages load from this origin.
  for (const name of await listAssets(options.assetsDir)) await writer.write(`assets/${name}`, await readFile(`${options.assetsDir}/${name}`));
  await writer.write('assets/vendor/cytoscape.min.js', await readFile(require.resolve('cytoscape/dist/cytoscape.min.js')));
  await writer.write('assets/vendor/lunr.min.js', await readFile(require.resolve('lunr/lunr.min.js')));
  // The server's analysis and query preparation, which static-search.js imports.
  for (const module of CLIENT_SEARCH_MODULES) await writer.write(`assets/${module.asset}`, await readFile(module.file));
  await writer.flush();
  endStage('assets and writing');

  return { pages, exports, graphFiles, searchFiles: split.files.length + 1, searchRecords: documents.size, diagnostics, stages };
}

async function listAssets(folder: string): Promise<string[]> {
  const { readdir } = await import('node:fs/promises');
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => `${entry.parentPath ?? entry.path}/${entry.name}`.slice(folder.replace(/\/$/, '').length + 1));
}

/** Builds the public records' search index (in a worker thread when one is available) and what each result shows. */
async function startSearchIndex(corpus: Corpus): Promise<{ index: SerialisedLunrIndex; documents: Map<string, ShownDocument> }> {
  const public_ = searchDocuments(corpus).filter((document) => document.visibility === 'public');
  const documents = new Map<string, ShownDocument>();
  for (const document of public_) {
    const colon = document.ref.indexOf(':');
    const type = document.ref.slice(0, colon);
    const id = document.ref.slice(colon + 1);
    if (!isSafeSiteId(id)) continue;
    const excerpt = document.fields.body.replace(/\s+/g, ' ').slice(0, 200);
    documents.set(document.ref, { type, title: document.fields.title, href: recordPath({ type, id } as RecordRef), excerpt: excerpt.length === 200 ? `${excerpt}…` : excerpt });
  }
  const indexed = public_.filter((document) => documents.has(document.ref));
  const built = await buildShards([{ name: 'static', visibility: 'public', key: 'static', documents: indexed }], 1);
  const index = JSON.parse(gunzipSync(built.get('static')!).toString('utf8')) as SerialisedLunrIndex;
  return { index, documents };
}
