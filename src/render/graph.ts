/**
 * The citation graph: memos, sources, statements, speakers, events and topics as nodes, their
 * references as edges — only what the reader may see. The whole graph can be filtered by record
 * type and topic; a neighbourhood is a record and what lies within `depth` references of it.
 */
import type { RecordRef } from '../model/records.js';
import { refKey } from '../model/records.js';
import { recordPath, refOf, type CorpusView } from './view.js';

export interface GraphNode {
  readonly id: string;
  readonly type: RecordRef['type'];
  readonly label: string;
  readonly href: string;
}

export interface GraphEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly kind: string;
}

export interface Graph {
  readonly nodes: GraphNode[];
  readonly edges: GraphEdge[];
}

export const GRAPH_TYPES: ReadonlyArray<RecordRef['type']> = ['memo', 'source', 'statement', 'speaker', 'event', 'topic'];

export interface GraphFilter {
  readonly types?: ReadonlyArray<RecordRef['type']>;
  /** Only records filed under this topic (and the topic itself). */
  readonly topic?: string;
  /** A record's neighbourhood instead of the whole graph. */
  readonly focus?: RecordRef;
  readonly depth?: number;
}

function shortLabel(text: string): string {
  return text.length > 48 ? `${text.slice(0, 46)}…` : text;
}

/** The graph of what the reader may see, filtered. */
export function buildGraph(view: CorpusView, filter: GraphFilter = {}): Graph {
  const types = new Set(filter.types ?? GRAPH_TYPES);
  const all = GRAPH_TYPES.flatMap((type) => view.all(type));
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const adjacency = new Map<string, Set<string>>();
  for (const record of all) {
    const ref = refOf(record);
    const id = refKey(ref);
    nodes.set(id, { id, type: ref.type, label: shortLabel(view.titleOf(record)), href: recordPath(ref) });
  }
  for (const record of all) {
    const target = refKey(refOf(record));
    for (const backlink of view.backlinks(refOf(record))) {
      const source = refKey(backlink.from);
      if (!nodes.has(source) || source === target) continue;
      const kind = backlink.via === 'field' ? (backlink.field ?? 'field') : backlink.via;
      const id = `${source}->${target}:${kind}`;
      edges.set(id, { id, source, target, kind });
      if (!adjacency.has(source)) adjacency.set(source, new Set());
      if (!adjacency.has(target)) adjacency.set(target, new Set());
      adjacency.get(source)!.add(target);
      adjacency.get(target)!.add(source);
    }
  }

  let keep: Set<string>;
  if (filter.focus !== undefined) {
    const start = refKey(filter.focus);
    keep = new Set(nodes.has(start) ? [start] : []);
    let frontier = [...keep];
    for (let step = 0; step < (filter.depth ?? 1); step++) {
      const next: string[] = [];
      for (const id of frontier) {
        for (const neighbour of adjacency.get(id) ?? []) {
          if (keep.has(neighbour)) continue;
          keep.add(neighbour);
          next.push(neighbour);
        }
      }
      frontier = next;
    }
  } else {
    keep = new Set(nodes.keys());
    if (filter.topic !== undefined) {
      const topic = `topic:${filter.topic}`;
      keep = new Set([topic, ...[...edges.values()].filter((edge) => edge.target === topic && edge.kind === 'topics').map((edge) => edge.source)]);
    }
  }
  const shown = [...nodes.values()].filter((node) => keep.has(node.id) && (types.has(node.type) || node.id === (filter.focus && refKey(filter.focus))));
  const shownIds = new Set(shown.map((node) => node.id));
  return { nodes: shown, edges: [...edges.values()].filter((edge) => shownIds.has(edge.source) && shownIds.has(edge.target)) };
}
