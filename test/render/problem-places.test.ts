/**
 * The same messages in the browser: the Problems page, the memo page and the live-reload banner
 * link each problem to its place — the file, line and column, and the page of the record there.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import request from 'supertest';
import type { Express } from 'express';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { createApp } from '../../src/server/app.js';
import { CorpusHolder, serve } from '../../src/server/holder.js';
import { appFor, fixture } from '../helpers/server.js';

let app: Express;

beforeAll(async () => {
  app = await appFor('corpus-mistakes');
});

/** The table rows of the Problems page as text, tags removed. */
function rowsOf(html: string): string[] {
  return [...html.matchAll(/<tr class="(?:error|warning)"[^>]*>([\s\S]*?)<\/tr>/g)].map((match) => match[1]!);
}

describe('the Problems page', () => {
  test.each([
    ['corpus/memos/drafted.md:7:21', '/memos/drafted', 'did you mean @akayesu-1998?'],
    ['corpus/memos/colon-title.md:2:1', '/memos/colon-title', 'put the value in quotes'],
    ['citations/lib.yaml:12:11', '/sources/ngo-2023', 'a date that does not exist'],
    ['citations/lib.yaml:15:9', '/sources/ngo-2019', 'did you mean &quot;report&quot;?'],
    ['citations/cases.bib:10:3', '/sources/hrw-2014', 'is not a year'],
  ])('%s links to %s', async (where, href, message) => {
    const page = await request(app).get('/problems').expect(200);
    const row = rowsOf(page.text).find((r) => r.includes(`<code>${where}</code>`));
    expect(row).toBeDefined();
    expect(row).toContain(`<a href="${href}">`);
    expect(row).toContain(message);
  });
});

test('a memo page lists its own problems with their places, and a sound memo none', async () => {
  const drafted = await request(app).get('/memos/drafted').expect(200);
  expect(drafted.text).toContain('Problems in this memo');
  expect(drafted.text).toContain('<code>corpus/memos/drafted.md:3:9</code> <code>invalid-field</code> field &quot;status&quot; must be one of');
  const sound = await request(app).get('/memos/sound').expect(200);
  expect(sound.text).not.toContain('Problems in this memo');
});

test('the live-reload banner links an edit that was not taken to its record', async () => {
  const corpus = await buildCorpus(fixture('corpus-mistakes'));
  const holder = new CorpusHolder(serve(corpus, undefined, [{ file: 'corpus/memos/sound.md', line: 2, column: 8, severity: 'error', code: 'yaml-syntax', message: 'the list opened here with [ is never closed: add ] at its end' }]));
  const live = createApp({ holder, live: true });
  const page = await request(live).get('/memos').expect(200);
  expect(page.text).toMatch(/<code>corpus\/memos\/sound\.md:2:8<\/code> \(<a href="\/memos\/sound">Genocide: the sound memo<\/a>\) <code>yaml-syntax<\/code> the list opened here/);
});
