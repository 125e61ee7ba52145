/**
 * The citation graph: memos, sources, statements, speakers, events and topics as nodes, their
 * references as edges — only what the reader may see. The whole graph can be filtered by record
 * type and topic; a neighbourhood is a record and what lies within `depth` references of it.
 */
import { createHash } from 'node:crypto';
import type { Backlink, CorpusRecord, RecordRef } from '../model/records.js';
import { backlinksOf, recordsOf, refKey } from '../model/records.js';
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

/** An edge's id, numbered (`…#2`) when the set of ids written already holds it; as it is without a set. */
function uniqueEdgeId(id: string, written: Set<string> | null): string {
  if (written === null) return id;
  let unique = id;
  for (let number = 2; written.has(unique); number++) unique = `${id}#${number}`;
  written.add(unique);
  return unique;
}

function shortLabel(text: string): string {
  return text.length > 48 ? `${text.slice(0, 46)}…` : text;
}

/** Whether two lists of backlinks make the same edges: the same records, by the same kinds of reference, in the same order. */
function sameEdges(before: readonly Backlink[] | undefined, now: readonly Backlink[] | undefined): boolean {
  if (before === now) return true;
  if (before === undefined || now === undefined || before.length !== now.length) return false;
  for (let at = 0; at < now.length; at++) {
    const a = before[at]!;
    const b = now[at]!;
    // The same backlink (a record met again links as the same objects): no need to look inside.
    if (a === b) continue;
    if (a.from.type !== b.from.type || a.from.id !== b.from.id || a.via !== b.via || a.field !== b.field) return false;
  }
  return true;
}

/**
 * Whether a ReaderGraph of `now` would be the one drawn of `before`, found without drawing it: the
 * same records of each type in the same order, each as visible as before, each that is not the
 * very object it was (a build keeps the frozen records of files it did not read again) with the
 * same title, and every record's backlinks from the same records by the same kinds of
 * reference, in the same order. This is everything the graph's constructor reads (keep them in
 * step): a statement's title reads its speaker's name, and a speaker whose name changed has
 * another title itself. Checking it costs a pass over the backlinks, a small part of drawing them.
 */
export function sameGraphInputs(before: CorpusView, now: CorpusView): boolean {
  for (const type of GRAPH_TYPES) {
    const then = recordsOf(before.corpus, type);
    const records = recordsOf(now.corpus, type);
    if (then.size !== records.size) return false;
    const earlier = then.entries();
    for (const [id, record] of records) {
      const [idThen, recordThen] = earlier.next().value as [string, CorpusRecord];
      if (id !== idThen) return false;
      const visible = now.isVisible(record);
      if (visible !== before.isVisible(recordThen)) return false;
      if (visible && record !== recordThen && now.titleOf(record) !== before.titleOf(recordThen)) return false;
    }
  }
  if (before.corpus.backlinks.size !== now.corpus.backlinks.size) return false;
  for (const [key, backlinks] of now.corpus.backlinks) if (!sameEdges(before.corpus.backlinks.get(key), backlinks)) return false;
  return true;
}

/** The graph of what the reader may see, filtered. */
export function buildGraph(view: CorpusView, filter: GraphFilter = {}): Graph {
  return new ReaderGraph(view).graph(filter);
}

/**
 * The graph of what one reader may see, built once; every filtered graph and neighbourhood is
 * taken from it, so that `dossier build` draws thousands of neighbourhoods without rebuilding it.
 * Records and edges are numbered in the whole graph's order, so that a part keeps the whole's order
 * and a neighbourhood is found with arrays and numbers, not strings.
 */
export class ReaderGraph {
  private readonly nodeList: GraphNode[] = [];
  private readonly edgeList: GraphEdge[] = [];
  /** Each record's number, by its key. */
  private readonly numbers = new Map<string, number>();
  /** By record number: the numbers of the edges that touch it (the records one reference away either way are their other ends). */
  private readonly incident: number[][] = [];
  /** By edge number: the numbers of its two records, source then target, two to an edge. */
  private readonly ends: number[] = [];
  /** The edges between two records, by pairNumber. */
  private readonly between = new Map<number, number[]>();

  constructor(view: CorpusView) {
    const all = GRAPH_TYPES.flatMap((type) => view.all(type));
    // Each record's number by its type and id as well: a backlink names its record by a reference,
    // and looking that up needs no key string made (and hashed) for each of hundreds of thousands.
    const numbersByType = new Map<string, Map<string, number>>(GRAPH_TYPES.map((type) => [type, new Map()]));
    const refs = all.map((record) => refOf(record));
    refs.forEach((ref, number) => {
      const id = refKey(ref);
      this.numbers.set(id, number);
      numbersByType.get(ref.type)!.set(ref.id, number);
      this.nodeList.push({ id, type: ref.type, label: shortLabel(view.titleOf(all[number]!)), href: recordPath(ref) });
      this.incident.push([]);
    });
    // An edge's id is its records' keys and its kind. Record ids cannot hold "->", but a cite key
    // can: two edges between other records may then be written alike, and a drawing takes one id
    // per edge. Only such a corpus pays for a set of the ids written.
    const idsWritten = this.nodeList.some((node) => node.id.includes('->')) ? new Set<string>() : null;
    refs.forEach((ref, to) => {
      const target = this.nodeList[to]!.id;
      // Every backlink, not the view's filtered list: a record this reader may not see has no
      // number (the numbers are of view.all's records), so its backlinks are passed over here, by
      // the same test, without looking up each referring record again (a fifth of the graph's time).
      for (const backlink of backlinksOf(view.corpus, ref)) {
        const from = numbersByType.get(backlink.from.type)?.get(backlink.from.id);
        if (from === undefined || from === to) continue;
        const kind = backlink.via === 'field' ? (backlink.field ?? 'field') : backlink.via;
        // The same reference twice (one record citing another in two places) is one edge: an edge
        // is its two records, in order, and its kind, and those between one pair are few.
        const pair = this.pairNumber(from, to);
        const edges = this.between.get(pair);
        if (edges === undefined || !edges.some((edge) => this.ends[2 * edge] === from && this.edgeList[edge]!.kind === kind)) {
          const number = this.edgeList.length;
          const source = this.nodeList[from]!.id;
          this.edgeList.push({ id: uniqueEdgeId(`${source}->${target}:${kind}`, idsWritten), source, target, kind });
          this.ends.push(from, to);
          this.incident[from]!.push(number);
          this.incident[to]!.push(number);
          if (edges === undefined) this.between.set(pair, [number]);
          else edges.push(number);
        }
      }
    });
  }

  /** The graph, or a part of it, for a filter. */
  graph(filter: GraphFilter = {}): Graph {
    const types = new Set(filter.types ?? GRAPH_TYPES);
    if (filter.focus !== undefined) return this.neighbourhood(refKey(filter.focus), filter.depth ?? 1, types);
    let keep: ReadonlySet<string> | null = null;
    if (filter.topic !== undefined) {
      const topic = `topic:${filter.topic}`;
      keep = new Set([topic, ...this.edgeList.filter((edge) => edge.target === topic && edge.kind === 'topics').map((edge) => edge.source)]);
    }
    const shown = this.nodeList.filter((node) => (keep === null || keep.has(node.id)) && types.has(node.type));
    const shownIds = new Set(shown.map((node) => node.id));
    return { nodes: shown, edges: this.edgeList.filter((edge) => shownIds.has(edge.source) && shownIds.has(edge.target)) };
  }

  /**
   * A digest of each record's node and of every edge that touches it, in the graph's order: a
   * neighbourhood can differ from one drawn before only where the digest of one of its records does.
   */
  nodeDigests(): Map<string, string> {
    const digests = new Map<string, string>();
    this.nodeList.forEach((node, number) => {
      digests.set(node.id, createHash('sha1').update(JSON.stringify([node, this.incident[number]!.map((edge) => this.edgeList[edge]!.id)])).digest('base64url'));
    });
    return digests;
  }

  /** The records one reference away from a record, either way. */
  neighbours(id: string): ReadonlySet<string> {
    const number = this.numbers.get(id);
    return new Set(number === undefined ? [] : this.incident[number]!.map((edge) => this.nodeList[this.otherEnd(edge, number)]!.id));
  }

  /** The record at an edge's other end from one of its records. */
  private otherEnd(edge: number, number: number): number {
    const from = this.ends[2 * edge]!;
    return from === number ? this.ends[2 * edge + 1]! : from;
  }

  /** A number for an unordered pair of records. */
  private pairNumber(one: number, other: number): number {
    return one < other ? one * this.nodeList.length + other : other * this.nodeList.length + one;
  }

  /** A record and what lies within `depth` references of it; touches only that part of the graph. */
  private neighbourhood(start: string, depth: number, types: ReadonlySet<string>): Graph {
    const first = this.numbers.get(start);
    const keep = new Set<number>(first === undefined ? [] : [first]);
    let frontier = [...keep];
    for (let step = 0; step < depth; step++) {
      const next: number[] = [];
      for (const number of frontier) {
        for (const edge of this.incident[number]!) {
          const neighbour = this.otherEnd(edge, number);
          if (keep.has(neighbour)) continue;
          keep.add(neighbour);
          next.push(neighbour);
        }
      }
      frontier = next;
    }
    const shown = [...keep].filter((number) => types.has(this.nodeList[number]!.type) || number === first).sort((a, b) => a - b);
    // Each edge is found from one of its ends: the record with fewer edges reads its own; one with
    // more (a topic or a treaty of thousands) asks for its edges to each record left, so that a
    // neighbourhood beside such a record costs its size, not the record's edges.
    const edges = new Set<number>();
    const degree = (number: number): number => this.incident[number]!.length;
    const left = new Set(shown);
    for (const number of [...shown].sort((a, b) => degree(a) - degree(b))) {
      left.delete(number);
      if (degree(number) <= left.size) {
        for (const edge of this.incident[number]!) {
          const from = this.ends[2 * edge]!;
          if (left.has(from === number ? this.ends[2 * edge + 1]! : from)) edges.add(edge);
        }
      } else {
        for (const other of left) for (const edge of this.between.get(this.pairNumber(number, other)) ?? []) edges.add(edge);
      }
    }
    return { nodes: shown.map((number) => this.nodeList[number]!), edges: [...edges].sort((a, b) => a - b).map((edge) => this.edgeList[edge]!) };
  }
}
