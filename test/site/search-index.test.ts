/**
 * The search index a build holds (search-index.ts), in its worker thread and in this one: after
 * each kind of change the search files it leaves in a site are byte for byte those a new index
 * writes for the same records into an empty folder, while an edit writes only a few of them.
 * Checked on the built modules, in a process of their own (the worker thread runs compiled code).
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

/** What each step of the script found: whether the site's search files are a new index's, and how many it wrote of how many. */
interface Step {
  readonly step: string;
  readonly same: boolean;
  readonly written: number;
  readonly files: number;
}

/**
 * Builds the fixture's search index whole into one folder with one index, then makes each change
 * in turn and builds again from what that index holds; after each, a new index builds the same
 * records whole into a folder of its own, and the two folders' search files are compared.
 */
const script = (work: string, inThread: boolean): string => `
  const dist = ${JSON.stringify(new URL('dist/', `file://${repository}`).href)};
  const { readdir, readFile, writeFile } = await import('node:fs/promises');
  const path = await import('node:path');
  const { buildCorpus } = await import(dist + 'corpus/pipeline.js');
  const { searchDocuments } = await import(dist + 'search/documents.js');
  const { openStaticSearchIndex } = await import(dist + 'site/search-index.js');
  const work = ${JSON.stringify(work)};
  const inThread = ${JSON.stringify(inThread)};
  let documents = searchDocuments(await buildCorpus(${JSON.stringify(fixture)})).filter((document) => document.visibility === 'public');
  const results = new Map(documents.map((document) => [document.ref, { type: document.ref.split(':')[0], title: document.fields.title, href: '/' + document.ref.replace(':', '/'), excerpt: '' }]));
  const site = path.join(work, 'site');
  const index = openStaticSearchIndex({ inThread });
  let hashes = {};
  const build = async (into, withIndex, fromHeld, previousHashes) => {
    const output = await withIndex.build(documents, results, [['counsel', ['lawyer']]], fromHeld, { folder: into, replaceInPlace: fromHeld, previousHashes });
    const now = {};
    for (const [file, hash] of output.files) now[file] = hash;
    for (const file of output.unchanged) now[file] = previousHashes[file];
    return { output, now };
  };
  const files = async (into) => {
    const names = (await readdir(path.join(into, 'search'))).sort();
    return Promise.all(names.map(async (name) => [name, await readFile(path.join(into, 'search', name), 'utf8')]));
  };
  const steps = [];
  let number = 0;
  const check = async (step, withIndex = index) => {
    const { output, now } = await build(site, withIndex, true, hashes);
    // A file the previous build wrote and this one does not is removed, as the site's build removes it.
    for (const file of Object.keys(hashes)) if (now[file] === undefined) await (await import('node:fs/promises')).rm(path.join(site, file), { force: true });
    hashes = now;
    const fresh = openStaticSearchIndex({ inThread });
    const whole = path.join(work, 'whole-' + number++);
    await build(whole, fresh, false, {});
    await fresh.close();
    steps.push({ step, same: JSON.stringify(await files(site)) === JSON.stringify(await files(whole)), written: output.files.filter(([, , written]) => written !== null).length, files: output.files.length + output.unchanged.length });
  };
  hashes = (await build(site, index, false, {})).now;
  // One record's body edited: its digest changes.
  const edit = (ref, text) => {
    documents = documents.map((document) => document.ref === ref ? { ...document, digest: document.digest + '+', fields: { ...document.fields, body: document.fields.body + text } } : document);
  };
  edit(documents[0].ref, ' Zyzzyvaedit appears in this record now.');
  await check('a record edited');
  await check('nothing changed');
  // A record added (every record after it is renumbered), with its result.
  const added = { ...documents[1], ref: 'memo:zz-added', digest: 'added', fields: { ...documents[1].fields, title: 'An added memo' } };
  documents = [...documents, added];
  results.set(added.ref, { type: 'memo', title: 'An added memo', href: '/memos/zz-added', excerpt: '' });
  await check('a record added');
  // A record's result changed alone (its title in the results, not its terms).
  results.set(added.ref, { type: 'memo', title: 'An added memo, retitled', href: '/memos/zz-added', excerpt: '' });
  await check('a result changed');
  // The state written to a file and taken by a new index (a build in a new process), which reads the rows it needs from the site.
  await index.writeState(path.join(work, 'state'));
  const reopened = openStaticSearchIndex({ inThread });
  const loaded = await reopened.load(path.join(work, 'state'));
  edit(documents[2].ref, ' Another zyzzyvaedit.');
  await check('a new index from the state file' + (loaded ? '' : ' (not loaded)'), reopened);
  // Shard files changed since they were written, as a new index reads them back: not trusted, the index is built whole.
  await reopened.writeState(path.join(work, 'state'));
  const again = openStaticSearchIndex({ inThread });
  await again.load(path.join(work, 'state'));
  for (const name of (await readdir(path.join(site, 'search'))).filter((name) => name.startsWith('terms-'))) await writeFile(path.join(site, 'search', name), '[]');
  edit(documents[3].ref, ' Yet another zyzzyvaedit.');
  await check('shard files tampered with', again);
  await again.close();
  await reopened.close();
  await index.close();
  console.log(JSON.stringify(steps));
`;

describe.each([
  ['in its worker thread', false],
  ['in this thread', true],
])('the search index held %s', (_name, inThread) => {
  test('leaves after each change the search files a new index writes for the same records, writing few of them for an edit', async () => {
    folder ??= await mkdtemp(path.join(os.tmpdir(), 'dossier-search-index-'));
    const work = await mkdtemp(path.join(folder, inThread ? 'here-' : 'worker-'));
    // A script file, not --eval: the worker thread would inherit --input-type, which only --eval allows.
    const file = path.join(work, 'build.mjs');
    await writeFile(file, script(work, inThread));
    const { stdout } = await run(process.execPath, [file], { cwd: repository });
    const steps = JSON.parse(stdout) as Step[];
    expect(steps.map(({ step, same }) => [step, same])).toEqual([
      ['a record edited', true],
      ['nothing changed', true],
      ['a record added', true],
      ['a result changed', true],
      ['a new index from the state file', true],
      ['shard files tampered with', true],
    ]);
    const byStep = new Map(steps.map((step) => [step.step, step]));
    // Nothing changed: nothing written.
    expect(byStep.get('nothing changed')!.written).toBe(0);
    // An edit writes its record's shards, the lengths and a bucket of results, not the whole index.
    for (const step of ['a record edited', 'a new index from the state file']) {
      expect(byStep.get(step)!.written).toBeGreaterThan(0);
      expect(byStep.get(step)!.written).toBeLessThan(byStep.get(step)!.files / 2);
    }
    // A changed result rewrites its bucket of results alone.
    expect(byStep.get('a result changed')!.written).toBe(1);
  }, 60_000);
});
