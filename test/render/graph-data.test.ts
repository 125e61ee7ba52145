/**
 * The static site's compact graph data holds the same graph as the server's: every record's
 * neighbourhood, read back from its file, is the neighbourhood the server answers, with the same
 * labels and hrefs; and nothing a reader may not see is in it.
 */
import { describe, expect, test } from '@jest/globals';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { CorpusView, refOf } from '../../src/access/index.js';
import { GRAPH_TYPES, ReaderGraph, type Graph } from '../../src/render/graph.js';
import { compactGraph, compactNeighbourhoods, neighbourhoodDataPath, neighbourhoodFileNumber, NEIGHBOURHOOD_FILES, type CompactGraph, type CompactNeighbourhoods } from '../../src/render/graph-data.js';
import { refKey } from '../../src/model/records.js';
import { fixture } from '../helpers/server.js';

/** A compact graph read as the browser reads it (views/assets/graph.js): rows to nodes, each three numbers of the flat list to an edge. */
function readCompact(data: CompactGraph | CompactNeighbourhoods, focus: string | null): Graph {
  const nodeOf = (number: number) => {
    const [type, id, label] = data.nodes[number]!;
    const names = data.types[type]!;
    return { id: `${names.type}:${id}`, type: names.type, label, href: `${names.path}${encodeURIComponent(id)}` };
  };
  const part = 'near' in data ? data.near[focus!]! : { nodes: data.nodes.map((_, number) => number), edges: data.edges };
  expect(part.edges.length % 3).toBe(0);
  const ids = new Set<string>();
  const edges = Array.from({ length: part.edges.length / 3 }, (_, edge) => {
    const [source, target, kind] = part.edges.slice(edge * 3, edge * 3 + 3) as [number, number, number];
    const [from, to] = [nodeOf(source).id, nodeOf(target).id];
    let id = `${from}->${to}:${data.kinds[kind]}`;
    for (let number = 2; ids.has(id); number++) id = `${from}->${to}:${data.kinds[kind]}#${number}`;
    ids.add(id);
    return { id, source: from, target: to, kind: data.kinds[kind]! };
  });
  return { nodes: part.nodes.map(nodeOf), edges } as Graph;
}

describe.each(['corpus-basic', 'corpus-confidential', 'corpus-hostile'])('the graph data of %s', (name) => {
  test('reads back as the server’s graph and neighbourhoods, and names nothing internal', async () => {
    const corpus = await buildCorpus(fixture(name));
    const view = new CorpusView(corpus, false);
    const graph = new ReaderGraph(view);
    const whole = compactGraph(graph.graph());
    expect(readCompact(whole, null)).toEqual(graph.graph());
    const focuses = GRAPH_TYPES.flatMap((type) => view.all(type).map(refOf));
    expect(focuses.length).toBeGreaterThan(3);
    const files = compactNeighbourhoods(focuses.map((ref) => [refKey(ref), graph.graph({ focus: ref, depth: 1 })] as const));
    for (const ref of focuses) {
      const file = files.get(neighbourhoodFileNumber(refKey(ref)))!;
      expect(readCompact(file, refKey(ref))).toEqual(graph.graph({ focus: ref, depth: 1 }));
      expect(neighbourhoodDataPath(refKey(ref))).toMatch(new RegExp(`^/graph-data/near/\\d+\\.json$`, 'u'));
    }
    expect(Math.max(...files.keys())).toBeLessThan(NEIGHBOURHOOD_FILES);
    const everything = JSON.stringify([whole, ...files.values()]).toLowerCase();
    expect(everything).not.toContain('canaryquill');
  });
});

test('the neighbourhoods of many records share few files, each holding a node once', () => {
  const node = (id: number) => ({ id: `memo:m${id}`, type: 'memo' as const, label: `Memo ${id}`, href: `/memos/m${id}` });
  const hub = { id: 'topic:hub', type: 'topic' as const, label: 'Hub', href: '/topics/hub' };
  const neighbourhoods = Array.from({ length: 2000 }, (_, id): readonly [string, Graph] => [
    `memo:m${id}`,
    { nodes: [node(id), hub], edges: [{ id: `memo:m${id}->topic:hub:topics`, source: `memo:m${id}`, target: 'topic:hub', kind: 'topics' }] },
  ]);
  const files = compactNeighbourhoods(neighbourhoods);
  expect(files.size).toBeLessThanOrEqual(NEIGHBOURHOOD_FILES);
  for (const file of files.values()) expect(file.nodes.filter(([, id]) => id === 'hub')).toHaveLength(1);
  expect([...files.values()].reduce((sum, file) => sum + Object.keys(file.near).length, 0)).toBe(2000);
});
