/**
 * A record's neighbourhood in the citation graph: the record, what lies within `depth` references
 * of it, and every edge between them, in the whole graph's order — the same as cutting the whole
 * graph down, for every record of a corpus with records that many others cite.
 */
import { describe, expect, test } from '@jest/globals';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { CorpusView, refOf } from '../../src/access/index.js';
import { GRAPH_TYPES, ReaderGraph, type Graph } from '../../src/render/graph.js';
import { refKey, type RecordRef } from '../../src/model/records.js';
import { fixture } from '../helpers/server.js';

/** The neighbourhood cut from the whole graph: nodes within `depth` edges of the start, edges between them. */
function cutFromWhole(whole: Graph, start: string, depth: number, types: ReadonlySet<string>): Graph {
  const keep = new Set([start]);
  for (let step = 0; step < depth; step++) {
    // One step at a time: what this step reaches is a start of the next step only.
    for (const edge of whole.edges.filter((edge) => keep.has(edge.source) || keep.has(edge.target))) {
      keep.add(edge.source);
      keep.add(edge.target);
    }
  }
  const shown = new Set([...keep].filter((id) => id === start || types.has(whole.nodes.find((node) => node.id === id)!.type)));
  return { nodes: whole.nodes.filter((node) => shown.has(node.id)), edges: whole.edges.filter((edge) => shown.has(edge.source) && shown.has(edge.target)) };
}

describe('a neighbourhood in the graph', () => {
  test.each([
    ['corpus-relevance', 1],
    ['corpus-relevance', 2],
    ['corpus-basic', 1],
  ])('of every record of %s at depth %i is the whole graph cut down', async (name, depth) => {
    const view = new CorpusView(await buildCorpus(fixture(name)), false);
    const graph = new ReaderGraph(view);
    const whole = graph.graph();
    expect(whole.edges.length).toBeGreaterThan(20);
    for (const types of [new Set(GRAPH_TYPES), new Set<RecordRef['type']>(['memo', 'source'])]) {
      for (const type of GRAPH_TYPES) {
        for (const record of view.all(type)) {
          const focus = refOf(record);
          const expected = cutFromWhole(whole, refKey(focus), depth, types);
          expect([refKey(focus), graph.graph({ focus, depth, types: [...types] })]).toEqual([refKey(focus), expected]);
        }
      }
    }
  });
});

describe('edge ids', () => {
  // Cite keys may hold "->": the edge from "x->source:y" to "z" and the one from "x" to
  // "y->source:z" are both written "source:x->source:y->source:z:mention".
  const keys = ['x', 'x->source:y', 'y->source:z', 'z'];
  const mentions: Record<string, string[]> = { z: ['x->source:y'], 'y->source:z': ['x'] };
  const view = {
    all: (type: RecordRef['type']) => (type === 'source' ? keys.map((key) => ({ type: 'source', key })) : []),
    titleOf: (record: { key: string }) => record.key,
    backlinks: (ref: RecordRef) => (mentions[ref.id] ?? []).map((id) => ({ from: { type: 'source', id }, via: 'mention', field: null })),
  } as unknown as CorpusView;

  test('are one per edge even where two edges between different records would be written alike', () => {
    const whole = new ReaderGraph(view).graph();
    expect(whole.edges.map((edge) => [edge.source, edge.target])).toEqual([
      ['source:x', 'source:y->source:z'],
      ['source:x->source:y', 'source:z'],
    ]);
    expect(new Set(whole.edges.map((edge) => edge.id)).size).toBe(2);
  });

  test('are written from the records and the kind when no key holds "->"', async () => {
    const whole = new ReaderGraph(new CorpusView(await buildCorpus(fixture('corpus-basic')), false)).graph();
    for (const edge of whole.edges) expect(edge.id).toBe(`${edge.source}->${edge.target}:${edge.kind}`);
  });
});
