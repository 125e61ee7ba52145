/** The corpus holder: generations swapped whole; a request keeps the generation it started with. */
import { expect, test } from '@jest/globals';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import request from 'supertest';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { createApp } from '../../src/server/app.js';
import { CorpusHolder, serve } from '../../src/server/holder.js';
import { fixtureCopies } from '../helpers/fixture-copies.js';

const copyOf = fixtureCopies();

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
