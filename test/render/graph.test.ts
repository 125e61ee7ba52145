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
