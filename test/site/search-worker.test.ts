/**
 * The search worker (the thread a whole build writes its search index in) sends every term's rows
 * back to a build that keeps them (`build --watch`), so that the next edit's shards are put
 * together from them: each row as it stands in its shard file. Checked on the built modules, in a
 * process of their own (the worker thread runs compiled code).
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const run = promisify(execFile);
const repository = fileURLToPath(new URL('../../', import.meta.url));
const fixture = fileURLToPath(new URL('../fixtures/corpus-relevance/', import.meta.url));

let folder: string | null = null;
afterAll(async () => {
  if (folder !== null) await rm(folder, { recursive: true, force: true });
});

describe('a whole search index built in the worker thread', () => {
  test('comes back with every term\'s rows, each as its shard file holds it', async () => {
    const script = `
      const dist = ${JSON.stringify(new URL('dist/', `file://${repository}`).href)};
      const { buildCorpus } = await import(dist + 'corpus/pipeline.js');
      const { searchDocuments } = await import(dist + 'search/documents.js');
      const { buildWholeStaticSearchFiles } = await import(dist + 'site/search-shards.js');
      const documents = searchDocuments(await buildCorpus(${JSON.stringify(fixture)})).filter((document) => document.visibility === 'public');
      const shown = new Map(documents.map((document) => [document.ref, { type: 'memo', title: document.fields.title, href: '/', excerpt: '' }]));
      // Rows of another state, which the build must drop.
      const keptRows = new Map([['zzzgone', ['["zzzgone",0,[0,1]]', '["zzzgone",""]']]]);
      const built = await buildWholeStaticSearchFiles(documents, shown, [], keptRows);
      const files = new Map(built.files);
      let rows = 0;
      let asWritten = 0;
      for (const [file, content] of files) {
        const words = file.replace('/terms-', '/words-');
        if (!file.includes('/terms-')) continue;
        const terms = JSON.parse(content).map((row) => row[0]);
        rows += terms.length;
        if (content === '[' + terms.map((term) => keptRows.get(term)?.[0]).join(',') + ']' && files.get(words) === '[' + terms.map((term) => keptRows.get(term)?.[1]).join(',') + ']') asWritten += terms.length;
      }
      console.log(JSON.stringify({ rows, asWritten, kept: keptRows.size, state: built.state.terms.length }));
    `;
    // A script file, not --eval: the worker thread would inherit --input-type, which only --eval allows.
    folder = await mkdtemp(path.join(os.tmpdir(), 'dossier-search-worker-'));
    const file = path.join(folder, 'build.mjs');
    await writeFile(file, script);
    const { stdout } = await run(process.execPath, [file], { cwd: repository });
    const result = JSON.parse(stdout) as { rows: number; asWritten: number; kept: number; state: number };
    expect(result.rows).toBeGreaterThan(100);
    expect(result).toMatchObject({ asWritten: result.rows, kept: result.rows, state: result.rows });
  }, 30_000);
});
