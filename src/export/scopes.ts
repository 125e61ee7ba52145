/**
 * What a bibliography export covers: one memo (optionally with the memos it links to), a topic,
 * a search's results, a hand-picked selection of keys, or the whole library — either only what
 * the memos in scope cite, or everything that belongs to the scope. Always through a CorpusView,
 * so that no export holds a record its reader may not see.
 */
import type { CiteKey } from '../model/ids.js';
import type { Memo, Source, CitationCluster } from '../model/records.js';
import type { SearchEngine } from '../search/index.js';
import type { CorpusView } from '../access/index.js';

export type ExportScope =
  | { readonly kind: 'memo'; readonly id: string; readonly linked: boolean }
  | { readonly kind: 'topic'; readonly id: string }
  | { readonly kind: 'query'; readonly q: string }
  | { readonly kind: 'keys'; readonly keys: readonly string[] }
  | { readonly kind: 'all' };

export type Inclusion = 'cited' | 'all';

/** A scope that cannot be resolved, with a message for the user. */
export class ScopeError extends Error {
  constructor(
    message: string,
    readonly notFound = false,
  ) {
    super(message);
    this.name = 'ScopeError';
  }
}

/** Reads `memo:ID`, `topic:ID`, `query:Q`, `keys:K1,K2` or `all`. */
export function parseScope(text: string, linked = false): ExportScope {
  if (text === 'all' || text === 'library') return { kind: 'all' };
  const colon = text.indexOf(':');
  const kind = colon === -1 ? text : text.slice(0, colon);
  const value = colon === -1 ? '' : text.slice(colon + 1);
  switch (kind) {
    case 'memo':
      return { kind: 'memo', id: value, linked };
    case 'topic':
      return { kind: 'topic', id: value };
    case 'query':
      return { kind: 'query', q: value };
    case 'keys':
      return { kind: 'keys', keys: value.split(',').map((key) => key.trim()).filter(Boolean) };
    default:
      throw new ScopeError(`unknown scope "${text.slice(0, 60)}": use memo:ID, topic:ID, query:TEXT, keys:KEY,KEY or all`);
  }
}

export interface ResolvedScope {
  readonly sources: Source[];
  /** For file names: `genocide-religious-group`, `topic-genocide`, `search-…`, `selection`, `library`. */
  readonly name: string;
  readonly title: string;
  /** For one memo: its citations, so a table of authorities can say in which notes each is cited. */
  readonly citing?: { readonly documentId: string; readonly clusters: readonly CitationCluster[] };
}

function slug(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'export';
}

/** The sources a memo cites (and, for everything, those of the statements it relies on). */
function sourcesOfMemo(view: CorpusView, memo: Memo, inclusion: Inclusion): CiteKey[] {
  const keys = memo.citations.flatMap((cluster) => cluster.items.map((item) => item.key));
  if (inclusion === 'all') {
    for (const link of memo.links) {
      if (link.target.type !== 'statement') continue;
      const statement = view.statement(link.target.id);
      if (statement !== undefined) keys.push(statement.source);
    }
  }
  return keys;
}

/** The visible sources of a scope, in a stable order. */
export function resolveScope(view: CorpusView, scope: ExportScope, inclusion: Inclusion, search: SearchEngine | null): ResolvedScope {
  const keys: string[] = [];
  let name: string;
  let title: string;
  switch (scope.kind) {
    case 'memo': {
      const memo = view.memo(scope.id);
      if (memo === undefined) throw new ScopeError(`there is no memo "${scope.id}"`, true);
      const memos = [memo];
      if (scope.linked) {
        for (const link of memo.links) {
          const linked = link.target.type === 'memo' ? view.memo(link.target.id) : undefined;
          if (linked !== undefined && !memos.includes(linked)) memos.push(linked);
        }
      }
      for (const each of memos) keys.push(...sourcesOfMemo(view, each, inclusion));
      name = memo.id;
      title = `Bibliography: ${memo.title}`;
      break;
    }
    case 'topic': {
      const topic = view.topic(scope.id);
      if (topic === undefined) throw new ScopeError(`there is no topic "${scope.id}"`, true);
      const filed = view.backlinks({ type: 'topic', id: topic.id }).filter((backlink) => backlink.field === 'topics');
      for (const backlink of filed) {
        if (backlink.from.type === 'memo') {
          const memo = view.memo(backlink.from.id);
          if (memo !== undefined) keys.push(...sourcesOfMemo(view, memo, inclusion));
        } else if (inclusion === 'all' && backlink.from.type === 'source') {
          keys.push(backlink.from.id);
        } else if (inclusion === 'all' && backlink.from.type === 'statement') {
          const statement = view.statement(backlink.from.id);
          if (statement !== undefined) keys.push(statement.source);
        }
      }
      name = `topic-${topic.id}`;
      title = `Bibliography: ${topic.label}`;
      break;
    }
    case 'query': {
      if (search === null) throw new ScopeError('search is not ready yet; try again in a moment');
      const result = search.search({ q: scope.q, includeInternal: view.includeInternal, size: 100, page: 1 });
      const hits = [...result.hits];
      for (let page = 2; page <= result.pages; page++) hits.push(...search.search({ q: scope.q, includeInternal: view.includeInternal, size: 100, page }).hits);
      for (const hit of hits) {
        if (hit.type === 'source') keys.push(hit.id);
        else if (hit.type === 'memo') {
          const memo = view.memo(hit.id);
          if (memo !== undefined) keys.push(...sourcesOfMemo(view, memo, inclusion));
        } else if (hit.type === 'statement' && inclusion === 'all') {
          const statement = view.statement(hit.id);
          if (statement !== undefined) keys.push(statement.source);
        }
      }
      name = `search-${slug(scope.q)}`;
      title = `Bibliography: search for ${scope.q}`;
      break;
    }
    case 'keys':
      keys.push(...scope.keys);
      name = 'selection';
      title = 'Bibliography: selection';
      break;
    case 'all':
      if (inclusion === 'all') keys.push(...view.sources().map((source) => source.key));
      else for (const memo of view.memos()) keys.push(...sourcesOfMemo(view, memo, 'cited'));
      name = 'library';
      title = 'Bibliography';
      break;
  }
  const sources: Source[] = [];
  const seen = new Set<string>();
  for (const key of keys) {
    if (seen.has(key)) continue;
    seen.add(key);
    const source = view.source(key);
    if (source !== undefined) sources.push(source);
  }
  const memo = scope.kind === 'memo' && !scope.linked ? view.memo(scope.id) : undefined;
  return { sources, name, title, ...(memo === undefined ? {} : { citing: { documentId: `memo:${memo.id}`, clusters: memo.citations } }) };
}
