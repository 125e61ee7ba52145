/**
 * The graph's data as the static site stores it. Every record's neighbourhood as a file of its own,
 * each naming its neighbours' labels and hrefs again, made the graph's data a sixth of a site: here
 * a node is a row of a table — its type as a number, its id and its label — and an edge three
 * numbers in a flat list; an href is the type's path and the id. Neighbourhoods are grouped in a fixed number of
 * files by a hash of the record, each file holding its nodes once, so that the site has a few hundred
 * graph files instead of one per record and a page's widget fetches one small file.
 */
import { RECORD_TYPE_NAMES } from '../model/record-types.js';
import { nameBucket } from '../model/ids.js';
import { GRAPH_TYPES, type Graph } from './graph.js';

/** How many files the neighbourhoods are spread over (a fixed number, so that a page's file does not change when records are added). */
export const NEIGHBOURHOOD_FILES = 256;

/** The static site's file of the whole graph. */
export const WHOLE_GRAPH_DATA_PATH = '/graph-data/all.json';

/** A record type as a compact graph names it: its name and the path its pages start with. */
export interface CompactGraphType {
  readonly type: string;
  readonly path: string;
}

/**
 * Nodes as [type number, id, label]; edges as one flat list of numbers, three an edge (source node,
 * target node, kind number): an array of three per edge cost a quarter more.
 */
export interface CompactGraph {
  readonly types: readonly CompactGraphType[];
  readonly kinds: string[];
  readonly nodes: Array<[number, string, string]>;
  readonly edges: number[];
}

/** A file of neighbourhoods: one node table, and for each record in it the nodes and edges of its neighbourhood. */
export interface CompactNeighbourhoods {
  readonly types: readonly CompactGraphType[];
  readonly kinds: string[];
  readonly nodes: Array<[number, string, string]>;
  readonly near: Record<string, { nodes: number[]; edges: number[] }>;
}

const COMPACT_TYPES: readonly CompactGraphType[] = GRAPH_TYPES.map((type) => ({ type, path: `/${RECORD_TYPE_NAMES[type].segment}/` }));
const TYPE_NUMBERS = new Map(GRAPH_TYPES.map((type, index) => [type as string, index]));

/** The number of the neighbourhood file that holds a record (`memo:genocide`): FNV-1a of its key. */
export function neighbourhoodFileNumber(focus: string): number {
  return nameBucket(focus, NEIGHBOURHOOD_FILES);
}

/** The static site's path of a neighbourhood file by its number. */
export function neighbourhoodFilePath(number: number): string {
  return `/graph-data/near/${number}.json`;
}

/** The static site's path of the file that holds a record's neighbourhood. */
export function neighbourhoodDataPath(focus: string): string {
  return neighbourhoodFilePath(neighbourhoodFileNumber(focus));
}

/** Gives nodes and kinds numbers in the order they are first met. */
class CompactTables {
  readonly kinds: string[] = [];
  readonly nodes: Array<[number, string, string]> = [];
  private readonly kindNumbers = new Map<string, number>();
  private readonly nodeNumbers = new Map<string, number>();

  node(node: Graph['nodes'][number]): number {
    let number = this.nodeNumbers.get(node.id);
    if (number === undefined) {
      number = this.nodes.length;
      this.nodes.push([TYPE_NUMBERS.get(node.type)!, node.id.slice(node.type.length + 1), node.label]);
      this.nodeNumbers.set(node.id, number);
    }
    return number;
  }

  nodeById(id: string): number {
    const number = this.nodeNumbers.get(id);
    if (number === undefined) throw new TypeError(`the edge's end ${id} is not a node of its graph; add the nodes first`);
    return number;
  }

  kind(kind: string): number {
    let number = this.kindNumbers.get(kind);
    if (number === undefined) {
      number = this.kinds.length;
      this.kinds.push(kind);
      this.kindNumbers.set(kind, number);
    }
    return number;
  }

  edges(graph: Graph): number[] {
    return graph.edges.flatMap((edge) => [this.nodeById(edge.source), this.nodeById(edge.target), this.kind(edge.kind)]);
  }
}

/** A graph in the compact form of the static site's data. */
export function compactGraph(graph: Graph): CompactGraph {
  const tables = new CompactTables();
  for (const node of graph.nodes) tables.node(node);
  const edges = tables.edges(graph);
  return { types: COMPACT_TYPES, kinds: tables.kinds, nodes: tables.nodes, edges };
}

/** The neighbourhood files of records (by key, with each one's neighbourhood), by file number. */
export function compactNeighbourhoods(neighbourhoods: Iterable<readonly [string, Graph]>): Map<number, CompactNeighbourhoods> {
  const files = new Map<number, { tables: CompactTables; near: CompactNeighbourhoods['near'] }>();
  for (const [focus, graph] of neighbourhoods) {
    const number = neighbourhoodFileNumber(focus);
    let file = files.get(number);
    if (file === undefined) {
      file = { tables: new CompactTables(), near: {} };
      files.set(number, file);
    }
    const nodes = graph.nodes.map((node) => file.tables.node(node));
    file.near[focus] = { nodes, edges: file.tables.edges(graph) };
  }
  return new Map([...files].map(([number, { tables, near }]) => [number, { types: COMPACT_TYPES, kinds: tables.kinds, nodes: tables.nodes, near }]));
}
