/**
 * The citation graph: memos, sources, statements, speakers, events and topics as nodes, their
 * references as edges — only what the reader may see. The whole graph can be filtered by record
 * type and topic; a neighbourhood is a record and what lies within `depth` references of it.
 */
import { createHash } from 'node:crypto';
import type { RecordRef } from '../model/records.js';
import { refKey } from '../model/records.js';
import { recordPath, refOf, type CorpusView } from '../access/index.js';

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
  return new ReaderGraph(view).graph(filter);
}

/**
 * The graph of what one reader may see, built once; every filtered graph and neighbourhood is
 * taken from it, so that `dossier build` draws thousands of neighbourhoods without rebuilding it.
 */
export class ReaderGraph {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly edges = new Map<string, GraphEdge>();
  private readonly adjacency = new Map<string, Set<string>>();
  /** Each node's place in the whole graph, so that a part keeps the whole's order. */
  private readonly nodeOrder = new Map<string, number>();
  private readonly edgeOrder = new Map<GraphEdge, number>();
  private readonly incident = new Map<string, GraphEdge[]>();
  /** The edges between two records, by pairKey. */
  private readonly between = new Map<string, GraphEdge[]>();

  constructor(view: CorpusView) {
    const all = GRAPH_TYPES.flatMap((type) => view.all(type));
    for (const record of all) {
      const ref = refOf(record);
      const id = refKey(ref);
      this.nodeOrder.set(id, this.nodes.size);
      this.nodes.set(id, { id, type: ref.type, label: shortLabel(view.titleOf(record)), href: recordPath(ref) });
    }
    for (const record of all) {
      const target = refKey(refOf(record));
      for (const backlink of view.backlinks(refOf(record))) {
        const source = refKey(backlink.from);
        if (!this.nodes.has(source) || source === target) continue;
        const kind = backlink.via === 'field' ? (backlink.field ?? 'field') : backlink.via;
        const id = `${source}->${target}:${kind}`;
        if (!this.edges.has(id)) {
          const edge = { id, source, target, kind };
          this.edges.set(id, edge);
          this.edgeOrder.set(edge, this.edgeOrder.size);
          for (const end of [source, target]) {
            if (!this.incident.has(end)) this.incident.set(end, []);
            this.incident.get(end)!.push(edge);
          }
          const pair = pairKey(source, target);
          if (!this.between.has(pair)) this.between.set(pair, []);
          this.between.get(pair)!.push(edge);
        }
        if (!this.adjacency.has(source)) this.adjacency.set(source, new Set());
        if (!this.adjacency.has(target)) this.adjacency.set(target, new Set());
        this.adjacency.get(source)!.add(target);
        this.adjacency.get(target)!.add(source);
      }
    }
  }

  /** The graph, or a part of it, for a filter. */
  graph(filter: GraphFilter = {}): Graph {
    const types = new Set(filter.types ?? GRAPH_TYPES);
    if (filter.focus !== undefined) return this.neighbourhood(refKey(filter.focus), filter.depth ?? 1, types);
    let keep = new Set(this.nodes.keys());
    if (filter.topic !== undefined) {
      const topic = `topic:${filter.topic}`;
      keep = new Set([topic, ...[...this.edges.values()].filter((edge) => edge.target === topic && edge.kind === 'topics').map((edge) => edge.source)]);
    }
    const shown = [...this.nodes.values()].filter((node) => keep.has(node.id) && types.has(node.type));
    const shownIds = new Set(shown.map((node) => node.id));
    return { nodes: shown, edges: [...this.edges.values()].filter((edge) => shownIds.has(edge.source) && shownIds.has(edge.target)) };
  }

  /**
   * A digest of each record's node and of every edge that touches it, in the graph's order: a
   * neighbourhood can differ from one drawn before only where the digest of one of its records does.
   */
  nodeDigests(): Map<string, string> {
    const digests = new Map<string, string>();
    for (const [id, node] of this.nodes) digests.set(id, createHash('sha1').update(JSON.stringify([node, (this.incident.get(id) ?? []).map((edge) => edge.id)])).digest('base64url'));
    return digests;
  }

  /** The records one reference away from a record, either way. */
  neighbours(id: string): ReadonlySet<string> {
    return this.adjacency.get(id) ?? new Set();
  }

  /** A record and what lies within `depth` references of it; touches only that part of the graph. */
  private neighbourhood(start: string, depth: number, types: ReadonlySet<string>): Graph {
    const keep = new Set(this.nodes.has(start) ? [start] : []);
    let frontier = [...keep];
    for (let step = 0; step < depth; step++) {
      const next: string[] = [];
      for (const id of frontier) {
        for (const neighbour of this.adjacency.get(id) ?? []) {
          if (keep.has(neighbour)) continue;
          keep.add(neighbour);
          next.push(neighbour);
        }
      }
      frontier = next;
    }
    const shownIds = new Set([...keep].filter((id) => types.has(this.nodes.get(id)!.type) || id === start));
    const nodes = [...shownIds].sort((a, b) => this.nodeOrder.get(a)! - this.nodeOrder.get(b)!).map((id) => this.nodes.get(id)!);
    // Each edge is found from one of its ends: the record with fewer edges reads its own; one with
    // more (a topic or a treaty of thousands) asks for its edges to each record left, so that a
    // neighbourhood beside such a record costs its size, not the record's edges.
    const edges = new Set<GraphEdge>();
    const degree = (id: string): number => this.incident.get(id)?.length ?? 0;
    const left = new Set(shownIds);
    for (const id of [...shownIds].sort((a, b) => degree(a) - degree(b))) {
      left.delete(id);
      if (degree(id) <= left.size) {
        for (const edge of this.incident.get(id) ?? []) if (left.has(edge.source === id ? edge.target : edge.source)) edges.add(edge);
      } else {
        for (const other of left) for (const edge of this.between.get(pairKey(id, other)) ?? []) edges.add(edge);
      }
    }
    return { nodes, edges: [...edges].sort((a, b) => this.edgeOrder.get(a)! - this.edgeOrder.get(b)!) };
  }
}

/** The key of an unordered pair of records. */
function pairKey(one: string, other: string): string {
  return one < other ? `${one}\n${other}` : `${other}\n${one}`;
}
