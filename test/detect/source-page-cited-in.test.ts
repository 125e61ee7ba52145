/** Source pages list the archived texts that cite them: "cited in Krstić, p. 2", with the sentence. */
import { describe, expect, test } from '@jest/globals';
import request from 'supertest';
import { appFor } from '../helpers/server.js';

describe('"Cited in other sources" on a source page', () => {
  test('a source cited in another source\'s archived text names it, with the page and pinpoint', async () => {
    const app = await appFor('detect');
    const res = await request(app).get('/sources/akayesu-1998').expect(200);
    const section = /<section aria-labelledby="citedin-heading">[\s\S]*?<\/section>/.exec(res.text)?.[0] ?? '';
    expect(section).toContain('cited in <a href="/sources/krstic-2004">Prosecutor v. Radislav Krstić</a>, p. 2 <span class="pinpoint">para. 523</span>');
    expect(section).toContain('On page two the authors rely on ICTR-96-4-T, para. 523');
  });

  test('a source no archived text cites has no such section', async () => {
    const app = await appFor('detect');
    const res = await request(app).get('/sources/iccpr').expect(200);
    expect(res.text).not.toContain('citedin-heading');
  });
});
