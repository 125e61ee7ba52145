/** The citation graph's data, and live reload: generations swapped whole, broken edits kept out. */
import { afterEach, describe, expect, test } from '@jest/globals';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { buildCorpus, rebuildCorpus } from '../src/corpus/pipeline.js';
import { createApp } from '../src/server/app.js';
import { CorpusHolder, serve } from '../src/server/holder.js';
import { keepLastGood } from '../src/corpus/last-good.js';
import { watchCorpus } from '../src/corpus/watch.js';
import { appFor, fixture } from './helpers/server.js';

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});
async function copyOf(name: string): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'dossier-live-'));
  folders.push(root);
  await cp(fixture(name), root, { recursive: true });
  return root;
}

describe('the citation graph', () => {
  test('nodes and edges of every visible record, filterable by type and topic', async () => {
    const app = await appFor('corpus-basic');
    const all = (await request(app).get('/api/graph').expect(200)).body;
    expect(all.nodes.map((node: { id: string }) => node.id)).toEqual(expect.arrayContaining(['memo:genocide', 'source:akayesu', 'statement:david-try', 'speaker:david', 'topic:genocide', 'event:conference-2021']));
    expect(all.edges).toEqual(expect.arrayContaining([expect.objectContaining({ source: 'memo:genocide', target: 'source:akayesu', kind: 'citation' })]));
    const memos = (await request(app).get('/api/graph?types=memo,source').expect(200)).body;
    expect(new Set(memos.nodes.map((node: { type: string }) => node.type))).toEqual(new Set(['memo', 'source']));
    const topic = (await request(app).get('/api/graph?topic=jurisdiction').expect(200)).body;
    expect(topic.nodes.map((node: { id: string }) => node.id).sort()).toEqual(['memo:jurisdiction', 'statement:david-try', 'topic:jurisdiction']);
  });

  test('a neighbourhood: the record and what is one reference away', async () => {
    const app = await appFor('corpus-basic');
    const near = (await request(app).get('/api/graph?focus=source:akayesu').expect(200)).body;
    expect(near.nodes.map((node: { id: string }) => node.id).sort()).toEqual(['memo:genocide', 'source:akayesu']);
    const memo = (await request(app).get('/api/graph?focus=memo:genocide').expect(200)).body;
    expect(memo.nodes.map((node: { id: string }) => node.id)).toEqual(expect.arrayContaining(['source:akayesu', 'statement:robertson-fatwa', 'memo:jurisdiction', 'topic:genocide']));
    expect(memo.nodes.map((node: { id: string }) => node.id)).not.toContain('speaker:david');
    await request(app).get('/api/graph?focus=memo:nothing').expect(404);
    await request(app).get('/api/graph?focus=bogus').expect(400);
    await request(app).get('/api/graph?types=planet').expect(400);
  });

  test('the graph page works without JavaScript: a filter form and the list of records', async () => {
    const app = await appFor('corpus-basic');
    const res = await request(app).get('/graph?type=memo&type=topic').expect(200);
    expect(res.text).toContain('<input type="checkbox" name="type" value="memo" checked>');
    expect(res.text).toContain('<input type="checkbox" name="type" value="source">');
    expect(res.text).toContain('data-graph-query="types=memo%2Ctopic"');
    expect(res.text).toContain('<a href="/memos/genocide">');
    const memo = await request(app).get('/memos/genocide').expect(200);
    expect(memo.text).toContain('data-graph-focus="memo:genocide"');
    await request(app).get('/assets/vendor/cytoscape.min.js').expect(200).expect('Content-Type', /javascript/);
  });
});

describe('live reload', () => {
  test('a broken file is served as it last parsed, and its problems are reported', async () => {
    const root = await copyOf('corpus-basic');
    const lastGood = new Map<string, string>();
    await rebuildCorpus(root, lastGood);
    await writeFile(path.join(root, 'corpus/memos/genocide.md'), '---\ntitle: [unclosed\n---\nBroken.\n');
    const { corpus, rejected } = await rebuildCorpus(root, lastGood);
    expect(corpus.memos.get('genocide' as never)?.title).toBe('Genocide of a religious group?');
    // The list left open is closed to read on: the title is then a list, which is reported too.
    expect(rejected.map((d) => [d.file, d.code])).toEqual([
      ['corpus/memos/genocide.md', 'yaml-syntax'],
      ['corpus/memos/genocide.md', 'invalid-field'],
    ]);
    await writeFile(path.join(root, 'corpus/memos/genocide.md'), '---\ntitle: Mended\n---\nMended [@akayesu].\n');
    const mended = await rebuildCorpus(root, lastGood);
    expect(mended.corpus.memos.get('genocide' as never)?.title).toBe('Mended');
    expect(mended.rejected).toEqual([]);
  });

  test('a new file that never parsed is not hidden: it is reported as usual', () => {
    const { files, rejected } = keepLastGood([{ path: 'corpus/memos/new.md', kind: 'memo', text: '---\n[\n---\n' }], new Map());
    expect(files[0]!.text).toBe('---\n[\n---\n');
    expect(rejected).toEqual([]);
  });

  test('requests use the generation they started with; a swap shows on the next request, with the banner', async () => {
    const root = await copyOf('corpus-basic');
    const first = await buildCorpus(root);
    const holder = new CorpusHolder(serve(first));
    const app = createApp({ holder, live: true });
    const before = await request(app).get('/memos/genocide').expect(200);
    expect(before.text).toContain('<script src="/assets/live.js" data-version="1"></script>');
    await writeFile(path.join(root, 'corpus/memos/genocide.md'), '---\ntitle: Second version\n---\nText [@akayesu].\n');
    const second = await buildCorpus(root);
    // The banner shows an anonymous reader the problems of public records only: a file of the corpus.
    holder.replace(serve(second, undefined, [{ file: 'corpus/memos/genocide.md', line: 2, column: 8, severity: 'error', code: 'yaml-syntax', message: 'cannot read YAML' }]));
    const after = await request(app).get('/memos/genocide').expect(200);
    expect(after.text).toContain('<h1>Second version</h1>');
    expect(after.text).toContain('data-version="2"');
    expect(after.text).toContain('<strong>Some edits were not taken</strong>');
    expect(after.text).toContain('<code>corpus/memos/genocide.md:2:8</code>');
  });

  test('/live sends the version of every new generation', async () => {
    const holder = new CorpusHolder(serve(await buildCorpus(fixture('corpus-basic'))));
    const server = createApp({ holder, live: true }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const events = await new Promise<string>((resolve, reject) => {
        let text = '';
        const req = http.get({ host: '127.0.0.1', port, path: '/live' }, (res) => {
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
            if (text.includes('data: 1') && !text.includes('data: 2')) holder.replace(serve(holder.current().corpus));
            if (text.includes('data: 2')) {
              req.destroy();
              resolve(text);
            }
          });
        });
        req.on('error', reject);
      });
      expect(events).toBe('event: version\ndata: 1\n\nevent: version\ndata: 2\n\n');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  test('/live is not there without --watch', async () => {
    await request(await appFor('corpus-basic')).get('/live').expect(404);
  });

  test('the watcher calls back once for a burst of changes, with what changed', async () => {
    const root = await copyOf('corpus-basic');
    const batches: string[][] = [];
    let wake: (() => void) | null = null;
    const next = (): Promise<void> => new Promise((resolve) => (wake = resolve));
    let ready!: () => void;
    const watching = new Promise<void>((resolve) => (ready = resolve));
    // A generous quiet period: these machines are shared, and five writes must land inside it.
    const stop = watchCorpus(root, (changed) => {
      batches.push([...changed]);
      wake?.();
    }, { debounceMs: 500, onReady: ready });
    try {
      await watching;
      let burst = next();
      for (let i = 0; i < 5; i++) await writeFile(path.join(root, 'corpus/memos/genocide.md'), `---\ntitle: T${i}\n---\nx [@akayesu]\n`);
      await burst;
      // A second, separate change: had the burst been split, its tail would arrive before this one.
      burst = next();
      await writeFile(path.join(root, 'citations/library.yaml'), '[]\n');
      while (!batches.some((batch) => batch.includes('citations/library.yaml'))) {
        await burst;
        burst = next();
      }
      expect(batches).toEqual([['corpus/memos/genocide.md'], ['citations/library.yaml']]);
    } finally {
      stop();
    }
  });
});
