/**
 * A record's neighbourhood in the citation graph: the record, what lies within `depth` references
 * of it, and every edge between them, in the whole graph's order — the same as cutting the whole
 * graph down, for every record of a corpus with records that many others cite.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { KnownTexts } from '../../src/corpus/load.js';
import { ParseCache } from '../../src/corpus/parse.js';
import { CorpusView, refOf } from '../../src/access/index.js';
import { GRAPH_TYPES, ReaderGraph, sameGraphInputs, type Graph } from '../../src/render/graph.js';
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
  // The corpus's backlinks, by the key of the record they point at.
  const backlinks = new Map(Object.entries(mentions).map(([key, from]) => [`source:${key}`, from.map((id) => ({ from: { type: 'source', id }, via: 'mention', field: null }))]));
  const view = {
    all: (type: RecordRef['type']) => (type === 'source' ? keys.map((key) => ({ type: 'source', key })) : []),
    titleOf: (record: { key: string }) => record.key,
    corpus: { backlinks },
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

describe('whether an edit leaves the graph as it was drawn', () => {
  const folders: string[] = [];
  afterAll(async () => {
    await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
  });
  const replaceIn = async (file: string, from: string, to: string): Promise<void> => {
    const text = await readFile(file, 'utf8');
    if (!text.includes(from)) throw new TypeError(`${file} does not hold ${JSON.stringify(from)}`);
    await writeFile(file, text.replace(from, to));
  };
  const memo = (root: string, id: string) => path.join(root, 'corpus/memos', `${id}.md`);
  const statement = (root: string) => path.join(root, 'corpus/statements/robertson-fatwa.md');
  // Whether the graph stays as it was; the check must never say so of an edit that changes it.
  const cases: Array<[string, (root: string) => Promise<void>, boolean]> = [
    ['nothing edited', async () => undefined, true],
    ['a sentence added to a memo', (root) => replaceIn(memo(root, 'genocide'), 'Political groups were left out.', 'Political groups were left out. Zyzzyvaedit appears here.'), true],
    ["a statement's date changed", (root) => replaceIn(statement(root), 'date: 2021-08-27', 'date: 2019-01-05'), true],
    ['a citation added to a memo', (root) => replaceIn(memo(root, 'genocide'), 'Political groups were left out.', 'Political groups were left out [@eichmann].'), false],
    ['a memo retitled', (root) => replaceIn(memo(root, 'jurisdiction'), 'title: Who may try the perpetrators?', 'title: Which courts may try them?'), false],
    ["a speaker renamed (each of the speaker's statements is labelled with the name)", (root) => replaceIn(path.join(root, 'corpus/speakers/robertson.md'), 'name: Geoffrey Robertson', 'name: G. Robertson QC'), false],
    ['a statement given to another speaker', (root) => replaceIn(statement(root), 'speaker: robertson', 'speaker: david'), false],
    ['a memo filed under another topic', (root) => replaceIn(memo(root, 'jurisdiction'), 'topics: jurisdiction', 'topics: [jurisdiction, genocide]'), false],
    ['a statement turned internal', (root) => replaceIn(statement(root), 'speaker: robertson', 'speaker: robertson\nvisibility: internal'), false],
    ['a memo deleted', (root) => rm(memo(root, 'jurisdiction')), false],
  ];
  test.each(cases)('%s', async (_name, edit, same) => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'dossier-graph-'));
    folders.push(root);
    await cp(fixture('corpus-basic'), root, { recursive: true });
    // As a watching build does: the records of files that did not change are the same objects.
    const kept = { cache: new ParseCache(), known: new KnownTexts() };
    const before = new CorpusView(await buildCorpus(root, kept), false);
    await edit(root);
    const now = new CorpusView(await buildCorpus(root, kept), false);
    const drawnBefore = new ReaderGraph(before);
    const drawnNow = new ReaderGraph(now);
    expect(sameGraphInputs(before, now)).toBe(same);
    expect(JSON.stringify([drawnNow.graph(), [...drawnNow.nodeDigests()]]) === JSON.stringify([drawnBefore.graph(), [...drawnBefore.nodeDigests()]])).toBe(same);
  });
});
