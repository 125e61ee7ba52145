/**
 * The static site as files: every page an anonymous reader may open, rendered by renderPage (the
 * function the server's routes call), the bibliography exports its pages link to, the graph's data,
 * and a search index split so that the browser fetches only what a query needs. Everything goes
 * through a SiteWriter, which confines every path to the output folder.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import type { Diagnostic } from '../model/diagnostic.js';
import type { CitationFormatter } from '../corpus/citations/format.js';
import { refKey, type Corpus, type CorpusRecord, type RecordRef } from '../model/records.js';
import { PageBuilder, staticExportFormats, staticExportName } from '../render/pages.js';
import { renderPage, STATIC_SEARCH_MANIFEST, type PageRequest, type PageTemplates } from '../render/render-page.js';
import { ReaderGraph, GRAPH_TYPES, sameGraphInputs, type Graph } from '../render/graph.js';
import { compactGraph, compactNeighbourhoods, neighbourhoodFileNumber, neighbourhoodFilePath, WHOLE_GRAPH_DATA_PATH } from '../render/graph-data.js';
import { resolveScope, type ExportScope, type Inclusion, type ResolvedScope } from '../export/scopes.js';
import { CorpusView } from '../access/index.js';
import { recordPath, refOf } from '../access/index.js';
import { searchDocuments, type SearchDocumentCache } from '../search/documents.js';
import { topicExpansions } from '../search/search-index.js';
import { CLIENT_SEARCH_MODULES } from '../search/static-index.js';
import { isSafeSiteId, siteSegments } from './paths.js';
import type { ShownDocument } from './search-shards.js';
import type { SearchOutput, StaticSearchIndex } from './search-index.js';
import type { SearchDocument } from '../search/documents.js';
import type { SiteWriter } from './writer.js';
import type { LoadedFiles } from '../corpus/load.js';
import { codeAndTemplatesDigest, contentHash, type FileOrigin, type SiteManifest } from './build-manifest.js';
import { renderRecordPage, staticChrome } from './record-page.js';
import { renderInWorkers, renderWorkerCount, startRenderWorkers, turnTaker, type RenderWorkers } from './render-workers.js';
import { keptRenderTree } from '../corpus/parse.js';
import { DependencyDigests, globalDigest, RecordingCorpusView, RecordingPageBuilder, type ListDigestCache, type DependencyKey } from './page-dependencies.js';

const require = createRequire(import.meta.url);

export interface StaticSiteOptions {
  readonly style: string;
  readonly templates: PageTemplates;
  /** The CSS and scripts under /assets (views/assets). */
  readonly assetsDir: string;
  /** Called as work is done: a stage's name, how much of it is done, and its total. */
  readonly onProgress?: (stage: string, done: number, total: number) => void;
  /** The manifest of the build that wrote the writer's folder: only what changed since is written. */
  readonly previous?: SiteManifest | null;
  /** The parse cache the corpus was just built with: render workers take the parsed files from it (none without it). */
  readonly parsedCacheDir?: string | null;
  /**
   * The search index, which builds and writes the search files (in its worker thread, while the
   * pages are rendered). When it holds a state, that is the one the build that wrote `previous`
   * left: then only the shards of edited records' terms are written.
   */
  readonly searchIndex: StaticSearchIndex;
  /** The files the corpus was built from, for render workers started here, which build the same corpus from them (none without them). */
  readonly loadedFiles?: LoadedFiles;
  /**
   * Render workers started before the corpus was parsed and given it since (see RenderWorkers):
   * used when there are enough pages to share, else stopped. Without them, workers are started here.
   */
  readonly renderWorkers?: RenderWorkers | null;
  /** The search documents of the last build in this process, derived again only where an edit reached them. */
  readonly searchDocuments?: SearchDocumentCache;
  /** The formatter of the last build in this process, to take over (see CitationFormatter.succeeding); not used after. */
  readonly previousFormatter?: CitationFormatter | null;
  /**
   * Whether this thread's formatter takes over the citations the render workers rendered, for the
   * next build in this process (`build --watch`): its memo pages are rendered in this thread, and
   * formatting an edited memo's citations with citeproc from scratch was a tenth of the first edit.
   */
  readonly takeWorkerRenderings?: boolean;
  /** The digests of the lists (backlinks, records) the builds before this one in this process made (see ListDigestCache). */
  readonly listDigests?: ListDigestCache;
  /** The graph the build that wrote `previous` drew, in this process: taken as it is when no edit reached it. */
  readonly previousGraph?: KeptGraph | null;
  /**
   * The number of each question `previous` lists (its position there), as the build that wrote it
   * in this process numbered them: taken over, and extended, by this build (not used after).
   */
  readonly previousKeyNumbers?: Map<DependencyKey, number> | null;
}

/** The citation graph a build drew, with the corpus it was drawn from, for the next build in the same process. */
export interface KeptGraph {
  readonly view: CorpusView;
  readonly graph: ReaderGraph;
  readonly whole: Graph;
  readonly nodes: ReadonlyMap<string, string>;
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
  /** Files written, and files left as the previous build wrote them. */
  readonly rewritten: number;
  readonly kept: number;
  /** What each file was made from, for the next build (without its build id). */
  readonly manifest: Omit<SiteManifest, 'format' | 'buildId'>;
  /** The number of each of the manifest's questions, for the next build in this process. */
  readonly keyNumbers: Map<DependencyKey, number>;
  /** The anonymous reader's formatter, for the next build in this process to take over. */
  readonly formatter: CitationFormatter;
  /** The graph drawn (or taken over), for the next build in this process. */
  readonly graph: KeptGraph;
  /**
   * Renders in this thread, and throws away, a page of each type only render workers rendered (a
   * memo's, a source's): for a watching process to call after the build has returned, so that its
   * first edit does not run that code here for the first time, nor make the formatter put the whole
   * library into citeproc (a fifth of a second at 1,000 memos, which the build no longer waits for).
   */
  readonly warmUp: () => void;
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

/** Writes the static site of a corpus into the writer's folder; with a previous build's manifest, only what changed (null when the edit removes pages: build it whole). */
export async function writeStaticSite(corpus: Corpus, writer: SiteWriter, options: StaticSiteOptions): Promise<StaticSiteSummary | null> {
  // The assets are read from disk while this thread works: an edit's build waited for them, one after another, at its end.
  const assetsRead = readSiteAssets(options.assetsDir);
  assetsRead.catch(() => undefined);
  const view = new RecordingCorpusView(corpus, false);
  const builder = new RecordingPageBuilder(view, view.formatterSucceeding(options.previousFormatter ?? null), options.style, new Map(), 'static');
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
  const recordPages = records.map((record): [string, CorpusRecord] => {
    const urlPath = recordPath(refOf(record));
    const file = pageFile(urlPath);
    if (file === null) throw new TypeError(`no safe file for ${urlPath}; check ids with isSafeSiteId first`);
    return [file, record];
  });

  // A record whose page goes (hidden, removed or renamed) may be named on pages that are not
  // rendered again if the build dies half-way: such an edit is built whole, into a new folder.
  const previous = options.previous ?? null;
  const global = globalDigest(corpus, options.style, await codeAndTemplatesDigest());
  const fixedPages: Array<[string, PageRequest | null]> = [
    ['/', { kind: 'home' }],
    ...(['memo', 'source', 'statement', 'speaker', 'event', 'topic'] as const).map((type): [string, PageRequest] => [recordPath({ type, id: '' } as RecordRef).replace(/\/$/, ''), { kind: 'list', type }]),
    ['/problems', { kind: 'problems' }],
    ['/search', { kind: 'static-search', indexUrl: STATIC_SEARCH_MANIFEST }],
    ['/basket', { kind: 'basket', keys: [] }],
    // The whole graph's page, once the graph is drawn.
    ['/graph', null],
  ];
  if (previous !== null) {
    const now = new Set([...recordPages.map(([file]) => file), ...fixedPages.map(([urlPath]) => pageFile(urlPath)!)]);
    const pageGoes = Object.entries(previous.files).some(([file, origin]) => 'asked' in origin && file.endsWith('/index.html') && !now.has(file));
    if (pageGoes || previous.style !== options.style) return null;
  }
  const sameGlobal = previous !== null && previous.global === global;

  const digests = new DependencyDigests(corpus, options.style, options.listDigests ?? null);
  let keys: DependencyKey[] = [];
  let keyNumbers = new Map<DependencyKey, number>();
  const numberOf = (key: DependencyKey): number => {
    let number = keyNumbers.get(key);
    if (number === undefined) {
      number = keys.length;
      keys.push(key);
      keyNumbers.set(key, number);
      // Answered now, while the render workers render, rather than all at the end for the
      // manifest, when this thread alone was busy (a fifth of a second at 1,000 memos).
      digests.digestOf(key);
    }
    return number;
  };
  const files: Record<string, FileOrigin> = {};
  let rewritten = 0;
  let kept = 0;

  // The search files are built and written by the search index's worker thread while this one works
  // out what changed and renders pages. Into a site of its own (an edit), that starts before this
  // thread works out what changed: the worker was the last to finish an edit's build, and this thread
  // waited for it. A whole build starts it once the render workers have their pages (see prepare).
  let searchBuild: Promise<SearchOutput> | null = null;
  const startSearchBuild = (): void => {
    if (searchBuild !== null) return;
    const { indexed, shown } = staticSearchInputs(corpus, options.searchDocuments);
    // Topics have no visibility (every topic page is public), so their synonyms are the server's.
    const expansions = [...topicExpansions(corpus)];
    const previousHashes: Record<string, string> = {};
    if (previous !== null) {
      for (const file in previous.files) {
        const before = previous.files[file]!;
        if (file.startsWith('search/') && 'content' in before) previousHashes[file] = before.content;
      }
    }
    // On what the index holds only when it is the previous build's and nothing global changed since.
    const fromHeld = sameGlobal && options.searchIndex.holdsState;
    searchBuild = options.searchIndex.build(indexed, shown, expansions, fromHeld, { folder: writer.folder, replaceInPlace: writer.replacesInPlace, previousHashes });
    // Reported (not left unhandled) when it is awaited below.
    searchBuild.catch(() => undefined);
  };
  if (previous !== null) startSearchBuild();

  // Which of the previous build's questions have another answer now: each is answered once, and a
  // page none of whose questions changed is kept without hashing anything of its own.
  const changedKeys = sameGlobal ? digests.changedSince(previous.keys, previous.keyDigests) : null;
  // The previous build's questions keep their numbers (new ones are numbered after them), so a kept
  // file's questions are recorded as they were, not renumbered: at 10,000 memos that was millions
  // of numbers mapped on every build. A question no file asks any more stays in the manifest,
  // answered each build, until a whole build starts the list afresh. The numbers the last build in
  // this process gave them are taken over as they are (each answered by changedSince already).
  if (changedKeys !== null) {
    const previousKeys = previous!.keys;
    const numbered = options.previousKeyNumbers ?? null;
    if (numbered !== null && numbered.size === previousKeys.length && keys.length === 0) {
      keys = [...previousKeys];
      keyNumbers = numbered;
    } else for (const key of previousKeys) numberOf(key);
  }
  if (changedKeys !== null) endStage('what changed');
  /** Whether a page or an export may be kept: the questions it asked last time have the same answers now. */
  const keptAsBefore = (file: string): boolean => {
    const before = changedKeys !== null ? previous!.files[file] : undefined;
    if (before === undefined || !('asked' in before)) return false;
    for (const number of before.asked) if (changedKeys![number] !== 0) return false;
    files[file] = before;
    kept++;
    return true;
  };
  /** Writes a page or an export with the questions it asked. */
  const writeTracked = async (file: string, content: string | Buffer, asked: readonly DependencyKey[]): Promise<void> => {
    files[file] = { asked: asked.map(numberOf) };
    await writer.write(file, content);
    rewritten++;
  };
  /** A page or an export: rendered and written unless kept. */
  const tracked = async (file: string, render: () => string | Buffer): Promise<void> => {
    if (keptAsBefore(file)) return;
    view.startRecording();
    let content: string | Buffer;
    let asked: DependencyKey[];
    try {
      content = render();
    } finally {
      asked = view.stopRecording();
    }
    await writeTracked(file, content, asked);
  };
  /** Any other file: written when its content differs from what the previous build wrote there. */
  const compared = async (file: string, content: string | Buffer): Promise<void> => {
    const hash = contentHash(content);
    files[file] = { content: hash };
    const before = previous?.files[file];
    if (before !== undefined && 'content' in before && before.content === hash) {
      kept++;
      return;
    }
    await writer.write(file, content);
    rewritten++;
  };

  const toRender = new Map<string, CorpusRecord>();
  let keptPages = 0;
  for (const [file, record] of recordPages) {
    if (keptAsBefore(file)) keptPages++;
    else toRender.set(file, record);
  }
  // Render workers: those started before the corpus was parsed (already building it), or, when
  // none were, started now, each building the corpus from this thread's files and the parse cache
  // while this thread prepares the search index, the graph and the lists.
  const wanted = renderWorkerCount(toRender.size);
  let startedWorkers: RenderWorkers | null = null;
  if (options.renderWorkers !== undefined && options.renderWorkers !== null) {
    if (wanted > 0) startedWorkers = options.renderWorkers;
    else await options.renderWorkers.stop();
  } else if (wanted > 0 && options.parsedCacheDir !== undefined && options.parsedCacheDir !== null && options.loadedFiles !== undefined) {
    startedWorkers = startRenderWorkers(wanted);
    startedWorkers.giveCorpus({ parsedCacheDir: options.parsedCacheDir, loaded: options.loadedFiles, style: options.style });
  }
  startedWorkers?.giveSite({ global, folder: writer.folder, replaceInPlace: writer.replacesInPlace });
  const workers = startedWorkers?.size ?? 0;

  // The render workers' pages are taken in, and more given them, between the steps below.
  const takeTurn = startedWorkers === null ? async () => undefined : turnTaker();

  // What the lists, the graph's data and the search index are made from. With render workers this
  // is done while they render, not before: a worker that had read the corpus sat waiting for it.
  let graph!: ReaderGraph;
  let wholeGraph!: Graph;
  let graphNodes!: ReadonlyMap<string, string>;
  // The previous build's graph, when no edit changed what it was drawn from (then its files are as they were).
  let graphAsBefore = false;
  const chromeFor = staticChrome;
  const total = fixedPages.length + records.length;
  let pages = 0;
  const pageDone = (): void => {
    pages++;
    if (pages % 100 === 0 || pages === total) options.onProgress?.('pages', pages, total);
  };
  const prepare = async (): Promise<void> => {
    startSearchBuild();
    await takeTurn();
    const previousGraph = sameGlobal ? (options.previousGraph ?? null) : null;
    graphAsBefore = previousGraph !== null && sameGraphInputs(previousGraph.view, view);
    graph = graphAsBefore ? previousGraph!.graph : new ReaderGraph(view);
    wholeGraph = graphAsBefore ? previousGraph!.whole : graph.graph();
    graphNodes = graphAsBefore ? previousGraph!.nodes : graph.nodeDigests();
    await takeTurn();
    // A list of one type of record asks for the list and each record's link, as a record page asks
    // for what it shows, and is kept as such a page is. The pages made from the whole corpus (its
    // problems, its graph) are rendered every time; their content decides whether they are written.
    for (const [urlPath, request] of fixedPages) {
      const file = pageFile(urlPath)!;
      const render = (): string => renderPage(request ?? { kind: 'graph', filter: {}, graph: wholeGraph }, builder, options.templates, chromeFor(urlPath));
      if (request?.kind === 'list') await tracked(file, render);
      else await compared(file, render());
      pageDone();
      await takeTurn();
    }
    for (let kept = 0; kept < keptPages; kept++) pageDone();
  };
  // Exports of every scope a static page links to.
  let exports = 0;
  const writeExports = async (): Promise<void> => {
    const scopes: Array<[ExportScope, Inclusion, string, Record<string, string>]> = [[{ kind: 'all' }, 'all', 'all', {}]];
    for (const record of records) {
      if (record.type === 'memo') {
        scopes.push([{ kind: 'memo', id: record.id, linked: false }, 'cited', `memo:${record.id}`, {}]);
      } else if (record.type === 'topic') {
        scopes.push([{ kind: 'topic', id: record.id }, 'all', `topic:${record.id}`, {}]);
      }
    }
    const formatter = view.formatter();
    let scopesDone = 0;
    for (const [scope, inclusion, scopeText, extra] of scopes) {
      await takeTurn();
      const name = staticExportName(scopeText, extra)!;
      const formatFiles = staticExportFormats(scopeText).map((format) => [format, `exports/${name}.${format.id}.${format.extension}`] as const);
      const toWrite = formatFiles.filter(([, file]) => !keptAsBefore(file));
      if (toWrite.length > 0) {
        // The scope is resolved once for its formats (it was once per format; resolving was a fifth
        // of the exports' time in a profile), and each file asks the scope's questions and those of
        // its own rendering.
        view.startRecording();
        let resolved: ResolvedScope;
        let scopeAsked: DependencyKey[];
        try {
          resolved = resolveScope(view, scope, inclusion, null);
        } finally {
          scopeAsked = view.stopRecording();
        }
        for (const [format, file] of toWrite) {
          view.startRecording();
          let content: string | Buffer;
          let asked: DependencyKey[];
          try {
            content = format.render(resolved.sources, { formatter, styleId: options.style, title: resolved.title, citing: resolved.citing });
          } finally {
            asked = view.stopRecording();
          }
          await writeTracked(file, content, asked.length === 0 ? scopeAsked : [...new Set([...scopeAsked, ...asked])]);
        }
      }
      exports += formatFiles.length;
      scopesDone++;
      if (scopesDone % 100 === 0 || scopesDone === scopes.length) options.onProgress?.('exports', scopesDone, scopes.length);
    }
  };

  // The graph's data, compact: the whole graph, and the neighbourhood of every record, grouped in a few hundred files.
  let graphFiles = 0;
  const writeGraph = async (): Promise<void> => {
    const wholeFile = WHOLE_GRAPH_DATA_PATH.slice(1);
    const wholeBefore = previous?.files[wholeFile];
    if (graphAsBefore && wholeBefore !== undefined && 'content' in wholeBefore) {
      files[wholeFile] = wholeBefore;
      kept++;
    } else await compared(wholeFile, JSON.stringify(compactGraph(wholeGraph)));
    graphFiles = 1;
    // A file of neighbourhoods is drawn again only when one of its records' nodes or edges, or a
    // neighbour's, changed since the previous build.
    const previousNodes = sameGlobal ? previous.graphNodes : undefined;
    const redraw = new Set<number>();
    if (previousNodes !== undefined) {
      for (const [id, digest] of graphNodes) {
        if (previousNodes[id] === digest) continue;
        redraw.add(neighbourhoodFileNumber(id));
        for (const neighbour of graph.neighbours(id)) redraw.add(neighbourhoodFileNumber(neighbour));
      }
    }
    const recordsByFile = new Map<number, CorpusRecord[]>();
    for (const record of records) {
      const number = neighbourhoodFileNumber(refKey(refOf(record)));
      const inFile = recordsByFile.get(number);
      if (inFile === undefined) recordsByFile.set(number, [record]);
      else inFile.push(record);
    }
    for (const number of [...recordsByFile.keys()].sort((a, b) => a - b)) {
      await takeTurn();
      const file = neighbourhoodFilePath(number).slice(1);
      const before = previous?.files[file];
      graphFiles++;
      if (previousNodes !== undefined && !redraw.has(number) && before !== undefined && 'content' in before) {
        files[file] = before;
        kept++;
        continue;
      }
      const inFile = recordsByFile.get(number)!.map((record) => [refKey(refOf(record)), graph.graph({ focus: refOf(record), depth: 1 })] as const);
      await compared(file, JSON.stringify(compactNeighbourhoods(inFile).get(number)));
    }
    options.onProgress?.('graph', graphFiles, graphFiles);
  };
  // With render workers, this thread writes the exports and the graph's data while they render pages.
  let exportsAndGraphDone = false;
  const exportsAndGraphBesideWorkers = async (): Promise<void> => {
    let started = performance.now();
    for (const [name, step] of [['lists', prepare], ['exports', writeExports], ['graph', writeGraph]] as const) {
      await step();
      const now = performance.now();
      besideWorkers.push([name, now - started]);
      started = now;
    }
    exportsAndGraphDone = true;
  };
  const besideWorkers: Array<[string, number]> = [];

  // Many pages are rendered in worker threads (which build the corpus from this thread's files and the parse cache just written) and in this one.
  let inThisThread = [...toRender.keys()];
  /** Pages the workers rendered, of the types this thread rendered none of (see warmUp). */
  const warmUpPages: string[] = [];
  let renderedInWorkers = 0;
  if (startedWorkers !== null) {
    const refused: string[] = [];
    // A body tree this thread's parse kept goes with its job, so the worker does not parse the body again.
    const jobs = [...toRender].map(([file, record]) => {
      const renderTree = 'fileText' in record ? keptRenderTree(record.fileText) : undefined;
      return renderTree === undefined ? { file, ref: refOf(record) } : { file, ref: refOf(record), renderTree };
    });
    // This thread takes its pages from the back of the queue, the workers from the front (memos
    // first), so memo pages (and often source pages) are the workers' alone. A watching build's
    // edits render such pages here, and the first edit rendered them with code this thread had never
    // run: the summary's warmUp renders one of each here, for the watching process to call once the
    // build has returned (until 4 December they were moved to the back of the queue, and every build
    // waited for them).
    for (const type of ['memo', 'source']) {
      const job = jobs.find((each) => each.ref.type === type);
      if (job !== undefined) warmUpPages.push(job.file);
    }
    let renderedHere = 0;
    const renderHere = async (job: { file: string }): Promise<void> => {
      const { html, asked } = renderRecordPage(view, builder, options.templates, toRender.get(job.file)!);
      await writeTracked(job.file, html, asked);
      renderedHere++;
      pageDone();
    };
    const left = await renderInWorkers(
      jobs,
      startedWorkers,
      async (page) => {
        // A page the worker did not write (its corpus has no such public record) is rendered here.
        if (page.written === null || !toRender.has(page.file)) {
          refused.push(page.file);
          return;
        }
        // Written by the worker, whose corpus was built from the files this thread's was.
        files[page.file] = { asked: page.asked.map(numberOf) };
        writer.countWrittenElsewhere(page.written);
        rewritten++;
        pageDone();
      },
      renderHere,
      {
        firstHere: exportsAndGraphBesideWorkers,
        // The worker's corpus gives this thread's global digest, which covers every source: its
        // library's bibliography is this thread's, and the bibliography exports need not make it again.
        onReady: (ready) => {
          if (ready.library !== undefined) view.formatter().adoptLibraryBibliography(options.style, ready.library);
        },
        onRenderings: options.takeWorkerRenderings === true ? (renderings) => view.formatter().adoptRenderings(options.style, renderings) : null,
      },
    );
    inThisThread = [...left.map((job) => job.file), ...refused];
    renderedInWorkers = toRender.size - inThisThread.length - renderedHere;
  } else {
    await prepare();
    endStage('lists');
  }
  for (const file of inThisThread) {
    const { html, asked } = renderRecordPage(view, builder, options.templates, toRender.get(file)!);
    await writeTracked(file, html, asked);
    pageDone();
  }
  endStage(renderedInWorkers > 0 ? `pages (${renderedInWorkers} in ${workers} worker thread${workers === 1 ? '' : 's'}${besideWorkers.length > 0 ? `; meanwhile in this thread ${besideWorkers.map(([name, ms]) => `${name} ${(ms / 1000).toFixed(2)} s`).join(', ')}` : ''})` : 'pages');

  if (!exportsAndGraphDone) {
    await writeExports();
    endStage('exports');
    await writeGraph();
    endStage('graph');
  }

  startSearchBuild();
  const search = await searchBuild!;
  for (const [file, hash, written] of search.files) {
    files[file] = { content: hash };
    if (written === null) kept++;
    else {
      writer.countWrittenElsewhere(written);
      rewritten++;
    }
  }
  for (const file of search.unchanged) {
    files[file] = previous!.files[file]!;
    kept++;
  }
  const searchFiles = search.files.length + search.unchanged.length;
  options.onProgress?.('search', searchFiles, searchFiles);
  endStage('search index');

  // Assets, and the libraries the pages load from this origin (read while the pages were made).
  for (const [file, content] of await assetsRead) await compared(file, content);
  // What the previous build wrote and this one did not (a search shard fewer) is removed.
  if (previous !== null) for (const file of Object.keys(previous.files)) if (files[file] === undefined) await writer.remove(file);
  await writer.flush();
  endStage('assets and writing');

  return {
    pages,
    exports,
    graphFiles,
    searchFiles,
    searchRecords: search.records,
    diagnostics,
    stages,
    rewritten,
    kept,
    // Each question answered once (memoised: those a kept page asked were answered when it was checked).
    manifest: { style: options.style, global, keys, keyDigests: digests.digestsOf(keys), files, graphNodes: Object.fromEntries(graphNodes) },
    keyNumbers,
    formatter: view.formatter(),
    graph: { view, graph, whole: wholeGraph, nodes: graphNodes },
    warmUp: () => {
      for (const file of warmUpPages) renderRecordPage(view, builder, options.templates, toRender.get(file)!);
    },
  };
}

/** The site's assets and the libraries its pages load from this origin, as [file in the site, content], in the order they are written. */
async function readSiteAssets(assetsDir: string): Promise<Array<readonly [string, Buffer]>> {
  const sources: Array<readonly [string, string]> = [
    ...(await listAssets(assetsDir)).map((name) => [`assets/${name}`, `${assetsDir}/${name}`] as const),
    ['assets/vendor/cytoscape.min.js', require.resolve('cytoscape/dist/cytoscape.min.js')],
    ['assets/vendor/lunr.min.js', require.resolve('lunr/lunr.min.js')],
    // The server's analysis and query preparation, which static-search.js imports.
    ...CLIENT_SEARCH_MODULES.map((module) => [`assets/${module.asset}`, module.file] as const),
  ];
  return Promise.all(sources.map(async ([file, from]) => [file, await readFile(from)] as const));
}

async function listAssets(folder: string): Promise<string[]> {
  const { readdir } = await import('node:fs/promises');
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => `${entry.parentPath ?? entry.path}/${entry.name}`.slice(folder.replace(/\/$/, '').length + 1));
}

/**
 * The first 200 characters of a text with its white space collapsed. Collapsing is local, so a
 * prefix twice that long (or the whole, when shorter) gives the same 200: a memo's whole body was
 * collapsed for each result's excerpt.
 */
export function searchExcerpt(body: string): string {
  const prefix = body.slice(0, 400).replace(/\s+/g, ' ');
  return (prefix.length >= 200 || body.length <= 400 ? prefix : body.replace(/\s+/g, ' ')).slice(0, 200);
}

/** What a result shows of each document, kept while the document is (a watching build keeps the documents an edit did not reach). */
const shownOf = new WeakMap<SearchDocument, ShownDocument | null>();

/** The public records the static search indexes (those whose id can name a file), and what each result shows. */
function staticSearchInputs(corpus: Corpus, cache?: SearchDocumentCache): { indexed: SearchDocument[]; shown: Map<string, ShownDocument> } {
  const public_ = (cache?.documentsOf(corpus) ?? searchDocuments(corpus)).filter((document) => document.visibility === 'public');
  const shown = new Map<string, ShownDocument>();
  for (const document of public_) {
    let result = shownOf.get(document);
    if (result === undefined) {
      const colon = document.ref.indexOf(':');
      const type = document.ref.slice(0, colon);
      const id = document.ref.slice(colon + 1);
      const excerpt = searchExcerpt(document.fields.body);
      result = isSafeSiteId(id) ? { type, title: document.fields.title, href: recordPath({ type, id } as RecordRef), excerpt: excerpt.length === 200 ? `${excerpt}…` : excerpt } : null;
      shownOf.set(document, result);
    }
    if (result !== null) shown.set(document.ref, result);
  }
  return { indexed: public_.filter((document) => shown.has(document.ref)), shown };
}
