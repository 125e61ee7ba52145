/**
 * `dossier build`: the browser as static files — every public page, the exports of every memo and
 * topic and of the library, the graph's data, and a prebuilt search index that the static search
 * page loads when it is first needed. The pages are rendered by the server itself (in this
 * process, on a loopback port), so a static page is what the server would answer an anonymous
 * reader; internal records are never written, because that reader never sees them.
 */
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { buildCorpus } from '../pipeline.js';
import { createApp, ASSETS_DIR } from '../server/app.js';
import { CorpusHolder, serve } from '../server/holder.js';
import { MutableSearchHandle } from '../server/search-handle.js';
import { openSearchIndex } from '../search/index.js';
import { searchDocuments } from '../search/documents.js';
import { CLIENT_SEARCH_MODULES, staticSearchData } from '../search/static-index.js';
import { CorpusView, recordPath, refOf } from '../render/view.js';
import { buildGraph, GRAPH_TYPES } from '../render/graph.js';
import { resolveScope, type ExportScope, type Inclusion } from '../render/scopes.js';
import { staticExportName } from '../render/pages.js';
import { EXPORT_FORMATS } from '../citations/export.js';
import { CitationFormatter } from '../citations/format.js';
import type { CliOutput } from './main.js';

const require = createRequire(import.meta.url);

export interface BuildOptions {
  readonly root: string;
  readonly out: string;
  readonly style: string;
}

/** Where a page's file goes: `/memos/x` → `memos/x/index.html`, with the path decoded. */
function fileFor(out: string, urlPath: string): string {
  const decoded = urlPath.split('/').map((part) => decodeURIComponent(part));
  if (decoded.some((part) => part === '..' || part === '.')) throw new TypeError(`refusing to write outside the output folder: ${urlPath}`);
  return path.join(out, ...decoded, 'index.html');
}

async function write(file: string, content: string | Buffer): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
}

/** Writes the static site; returns the exit code. */
export async function buildStaticSite(options: BuildOptions, output: CliOutput): Promise<number> {
  const corpus = await buildCorpus(options.root);
  const view = new CorpusView(corpus, false);
  const { index } = await openSearchIndex(corpus, { cacheDir: null });
  const app = createApp({ holder: new CorpusHolder(serve(corpus, new MutableSearchHandle(index))), staticSite: true });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const out = path.resolve(options.out);
  await rm(out, { recursive: true, force: true });
  let pages = 0;
  try {
    const paths = ['/', '/memos', '/sources', '/statements', '/speakers', '/events', '/topics', '/problems', '/graph', '/search', '/basket'];
    for (const type of GRAPH_TYPES) for (const record of view.all(type)) paths.push(recordPath(refOf(record)));
    for (const urlPath of paths) {
      const response = await fetch(`http://127.0.0.1:${port}${urlPath}`, { headers: { Cookie: `dossier-style=${options.style}` } });
      if (!response.ok) throw new Error(`${urlPath} answered ${response.status}`);
      await write(fileFor(out, urlPath), await response.text());
      pages++;
    }
  } finally {
    server.close();
  }

  // Assets, and the libraries the pages load from this origin.
  await cp(ASSETS_DIR, path.join(out, 'assets'), { recursive: true });
  await write(path.join(out, 'assets/vendor/cytoscape.min.js'), await readFile(require.resolve('cytoscape/dist/cytoscape.min.js')));
  await write(path.join(out, 'assets/vendor/lunr.min.js'), await readFile(require.resolve('lunr/lunr.min.js')));
  // The server's own search analysis, for the browser's search (src/search/static-index.ts).
  for (const module of CLIENT_SEARCH_MODULES) await write(path.join(out, 'assets', module.asset), await readFile(module.file));

  // Exports of every scope a static page links to.
  const formatter = new CitationFormatter(corpus.sources);
  const scopes: Array<[ExportScope, Inclusion, string, Record<string, string>]> = [[{ kind: 'all' }, 'all', 'all', {}]];
  for (const memo of view.memos()) {
    scopes.push([{ kind: 'memo', id: memo.id, linked: false }, 'cited', `memo:${memo.id}`, {}]);
    scopes.push([{ kind: 'memo', id: memo.id, linked: true }, 'cited', `memo:${memo.id}`, { linked: '1' }]);
  }
  for (const topic of view.topics()) scopes.push([{ kind: 'topic', id: topic.id }, 'all', `topic:${topic.id}`, {}]);
  let exports = 0;
  for (const [scope, inclusion, scopeText, extra] of scopes) {
    const resolved = resolveScope(view, scope, inclusion, null);
    const name = staticExportName(scopeText, extra)!;
    for (const format of EXPORT_FORMATS) {
      await write(path.join(out, 'exports', `${name}.${format.id}.${format.extension}`), format.render(resolved.sources, { formatter, styleId: options.style, title: resolved.title }));
      exports++;
    }
  }

  // The graph's data: the whole graph, and the neighbourhood of every record.
  await write(path.join(out, 'graph-data/all.json'), JSON.stringify(buildGraph(view)));
  for (const type of GRAPH_TYPES) {
    for (const record of view.all(type)) {
      const ref = refOf(record);
      await write(path.join(out, 'graph-data', ref.type, `${ref.id}.json`), JSON.stringify(buildGraph(view, { focus: ref, depth: 1 })));
    }
  }

  // The search index: public records only, one index, with what a result shows.
  const documents = searchDocuments(corpus).filter((document) => document.visibility === 'public');
  const shown: Record<string, { type: string; title: string; href: string; excerpt: string }> = {};
  for (const document of documents) {
    const [type, ...rest] = document.ref.split(':');
    const id = rest.join(':');
    const excerpt = document.fields.body.replace(/\s+/g, ' ').slice(0, 200);
    shown[document.ref] = { type: type!, title: document.fields.title, href: recordPath({ type, id } as never), excerpt: excerpt.length === 200 ? `${excerpt}…` : excerpt };
  }
  await write(path.join(out, 'search/index.json'), JSON.stringify({ ...staticSearchData(corpus, documents), documents: shown }));

  const keyCount = view.sources().length;
  output.stdout(`dossier: wrote ${pages} pages, ${exports} exports, the graph and a search index of ${documents.length} records (${keyCount} sources) to ${out}\n`);
  output.stdout(`dossier: serve it with any static file server, e.g. python3 -m http.server --directory ${out}\n`);
  return 0;
}

