/**
 * Every page of the bundled corpus, in every citation style, is valid HTML where the content
 * model matters (no block inside phrasing content, no duplicate ids…), as html-validate reads it.
 * This whole-output check is the one place a render test may read the bundled corpus.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { HtmlValidate, type Message } from 'html-validate';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { createApp } from '../../src/server/app.js';
import { openSearchIndex } from '../../src/search/index.js';
import { MutableSearchHandle } from '../../src/server/search-handle.js';
import { CITATION_STYLES } from '../../src/corpus/citations/format.js';
import { everyPagePath } from '../helpers/server.js';
import type { Corpus } from '../../src/model/records.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
// The standard preset: the rules of the HTML specification, not matters of taste.
const validator = new HtmlValidate({ extends: ['html-validate:standard'], rules: { 'no-inline-style': 'error' } });
let app: Parameters<typeof request>[0];
let corpus: Corpus;

beforeAll(async () => {
  corpus = await buildCorpus(root);
  const { index } = await openSearchIndex(corpus, { cacheDir: null, workers: 0 });
  app = createApp({ corpus, search: new MutableSearchHandle(index) });
});

describe.each(CITATION_STYLES.map((style) => [style.id]))('every page in the %s style', (styleId) => {
  test('is valid HTML', async () => {
    const failures: string[] = [];
    for (const path of everyPagePath(corpus, 'torture')) {
      const response = await request(app).get(`${path}${path.includes('?') ? '&' : '?'}style=${styleId}`);
      if (response.status === 404) continue; // a record anonymous readers may not see
      expect(response.status).toBe(200);
      const report = await validator.validateString(response.text);
      const messages: Message[] = report.results.flatMap((result) => result.messages);
      for (const message of messages) failures.push(`${path} ${message.line}:${message.column} ${message.ruleId}: ${message.message}`);
    }
    expect(failures).toEqual([]);
  });
});
