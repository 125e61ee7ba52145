/**
 * A source's page lists every memo that cites it, each linked at the citing paragraph with its
 * pinpoint, and quotes the citing sentences of the first few only; a statement drawn from the
 * source is listed once, under its statements, not again under "Also referred to by".
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../src/server/app.js';
import { MutableSearchHandle } from '../../src/server/search-handle.js';
import { CITING_SENTENCES_QUOTED } from '../../src/render/source-page.js';
import { corpusOf, memo } from '../helpers/memory-corpus.js';

const CITING_MEMOS = CITING_SENTENCES_QUOTED + 3;
const number = (index: number): string => String(index).padStart(2, '0');

let app: Express;

beforeAll(() => {
  const files: Record<string, string> = {
    'citations/library.yaml': '- id: report\n  type: report\n  title: A report cited by many memos\n  issued: { date-parts: [[2020]] }\n',
    'corpus/speakers/amal.md': '---\nname: Amal Example\n---\nA speaker.\n',
    'corpus/statements/amal-said.md': '---\nspeaker: amal\ndate: 2020-01-01\nkind: paraphrase\nsource: report\n---\nThe report was read aloud.\n',
    'corpus/memos/secret.md': memo('The hidden memo quotes the report [@report, para 99].', 'title: Hidden memo\nvisibility: internal'),
  };
  for (let index = 1; index <= CITING_MEMOS; index++) {
    files[`corpus/memos/m-${number(index)}.md`] = memo(`Opening words.\n\nMemo ${number(index)} relies on the report [@report, para ${index}].`, `title: Memo ${number(index)}`);
  }
  app = createApp({ corpus: corpusOf(files), search: new MutableSearchHandle() });
});

/** The HTML of the page's section under a heading id, or null without one. */
function section(html: string, headingId: string): string | null {
  const start = html.indexOf(`aria-labelledby="${headingId}"`);
  return start === -1 ? null : html.slice(start, html.indexOf('</section>', start));
}

describe('the page of a source cited by many memos', () => {
  test('links every memo that cites it, at the citing paragraph, with its pinpoint', async () => {
    const page = await request(app).get('/sources/report').expect(200);
    const citedBy = section(page.text, 'citedby-heading')!;
    for (let index = 1; index <= CITING_MEMOS; index++) {
      expect(citedBy).toMatch(new RegExp(`<a href="/memos/m-${number(index)}#user-content-p\\d+">Memo ${number(index)}</a> <span class="pinpoint">para. ${index}</span>`));
    }
    expect(page.text).not.toContain('Hidden memo');
  });

  test(`quotes the citing sentences of the first ${CITING_SENTENCES_QUOTED} memos only, and says so`, async () => {
    const citedBy = section((await request(app).get('/sources/report').expect(200)).text, 'citedby-heading')!;
    const quoted = [...citedBy.matchAll(/Memo (\d+) relies on the report/g)].map((match) => Number(match[1]));
    expect(quoted).toEqual(Array.from({ length: CITING_SENTENCES_QUOTED }, (_, index) => index + 1));
    expect(citedBy).toContain(`${CITING_MEMOS} memos; the citing sentences of the first ${CITING_SENTENCES_QUOTED} are quoted.`);
  });

  test('lists a statement drawn from it under its statements, and not again under "Also referred to by"', async () => {
    const page = await request(app).get('/sources/report').expect(200);
    expect(section(page.text, 'statements-heading')).toContain('<a href="/statements/amal-said">');
    expect(section(page.text, 'others-heading')).toBeNull();
    expect(page.text.split('href="/statements/amal-said"')).toHaveLength(2);
  });
});

describe('the reference at the top of a source page', () => {
  test.each(['oscola', 'chicago-notes', 'apa', 'harvard', 'vancouver'])('%s: the entry, without a bibliography number of its own', async (style) => {
    const page = await request(app).get(`/sources/report?style=${style}`).expect(200);
    const reference = /<div class="reference">([\s\S]*?)<\/div><\/div>/u.exec(page.text)?.[1] ?? '';
    expect(reference).toContain('A report cited by many memos');
    // Alone on the page, a numbered style's entry would always be "1.": no number the source has.
    expect(reference).not.toContain('csl-left-margin');
    expect(reference.replace(/<[^>]*>/gu, '').trim()).not.toMatch(/^\d+\./u);
  });
});
