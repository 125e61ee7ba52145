/**
 * A statement's page names only the few statements nearest in date by the same speaker and at the
 * same event, each by its date and first words, says so, and links to the page that lists them all;
 * a memo that only embeds the statement is listed without an empty quotation.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import request from 'supertest';
import type { Express } from 'express';
import { appFor } from '../helpers/server.js';
import type { Statement } from '../../src/model/records.js';
import { nearestInDate, shortExcerpt } from '../../src/render/statement-page.js';

let app: Express;

beforeAll(async () => {
  app = await appFor('corpus-related-statements');
});

/** The HTML of the page's section under a heading id. */
function section(html: string, headingId: string): string {
  const start = html.indexOf(`aria-labelledby="${headingId}"`);
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</section>', start));
}

/** The statements a section links to, in the order it lists them. */
function statementsLinked(html: string): string[] {
  return [...html.matchAll(/<a href="\/statements\/([^"#]+)">/gu)].map((match) => match[1]!);
}


describe('the other statements on a statement page', () => {
  test.each([
    // 05 and 09 are as near to 07 as each other: the tie goes by id.
    ['amal-07', ['amal-05', 'amal-06', 'amal-08']],
    ['amal-01', ['amal-02', 'amal-03', 'amal-04']],
    ['amal-14', ['amal-11', 'amal-12', 'amal-13']],
    // Without a date of its own, none is nearer than another: the first by id.
    ['amal-undated', ['amal-01', 'amal-02', 'amal-03']],
  ])('%s lists the three nearest in date, in date order, by the speaker and at the event', async (id, expected) => {
    const page = await request(app).get(`/statements/${id}`).expect(200);
    for (const heading of ['same-speaker-heading', 'same-event-heading']) {
      const listed = section(page.text, heading);
      expect(statementsLinked(listed)).toEqual(expected);
      expect(listed).toContain('The 3 nearest in date, of 14.');
    }
  });

  test('each is named by its date and first words, and by its speaker only at the event', async () => {
    const page = await request(app).get('/statements/amal-07').expect(200);
    expect(section(page.text, 'same-speaker-heading')).toContain('<li>2020-01-08 <a href="/statements/amal-08">“Statement number 08 of the hearing.”</a></li>');
    expect(section(page.text, 'same-event-heading')).toContain('<li>2020-01-08 <a href="/statements/amal-08">Amal Example: “Statement number 08 of the hearing.”</a></li>');
  });

  test('the page links to the full lists on the speaker’s and the event’s pages, counting only what the reader may see', async () => {
    const page = await request(app).get('/statements/amal-07').expect(200);
    expect(section(page.text, 'same-speaker-heading')).toContain('<a href="/speakers/amal">All 14 other statements by Amal Example</a>');
    expect(section(page.text, 'same-event-heading')).toContain('<a href="/events/hearing">All 14 other statements at The long hearing</a>');
    expect(page.text).not.toContain('amal-internal');
    const speaker = await request(app).get('/speakers/amal').expect(200);
    expect(new Set(statementsLinked(speaker.text)).size).toBe(15);
  });
});

test('a memo that only embeds the statement is listed without an empty quotation; a citing sentence is still quoted', async () => {
  const statement = await request(app).get('/statements/amal-07').expect(200);
  const usedBy = section(statement.text, 'usedby-heading');
  expect(usedBy).toContain('A memo that embeds a statement');
  expect(usedBy).not.toContain('citing-sentence');
  const source = await request(app).get('/sources/hearing-record').expect(200);
  expect(source.text).toMatch(/<blockquote class="citing-sentence"><p>The record of the hearing is the source/u);
  expect(source.text).not.toMatch(/<blockquote class="citing-sentence"><p>\s*<\/p>/u);
});

describe('nearestInDate', () => {
  const statement = (id: string, date: string | null): Statement => ({ id, date, text: id }) as unknown as Statement;

  /** The definition, worked out the long way: every other statement by distance, then id; the chosen in date order. */
  function nearestTheLongWay(focus: Statement, group: readonly Statement[], count: number): string[] {
    const day = (s: Statement): number => (s.date === null ? Infinity : Date.parse(s.date.length === 4 ? `${s.date}-01-01` : s.date));
    const distance = (s: Statement): number => (focus.date === null || s.date === null ? Infinity : Math.abs(day(s) - day(focus)));
    const byId = (a: Statement, b: Statement): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const others = group.filter((s) => s.id !== focus.id);
    const chosen = [...others].sort((a, b) => distance(a) - distance(b) || byId(a, b)).slice(0, count);
    return chosen.sort((a, b) => day(a) - day(b) || byId(a, b)).map((s) => s.id);
  }

  // Many on one day, gaps, years without a day, undated ones, ids out of date order.
  const dates = ['2020-01-07', '2020-01-07', '2020-01-07', '2020-01-01', '2019', '2020-02-01', null, '2020-01-09', '2020-01-05', null, '2021-06-30', '2020-01-07', '2019-12-31', '2020-01-13'];
  const group = dates.map((date, index) => statement(`s-${String((index * 5) % dates.length).padStart(2, '0')}`, date));

  test.each([0, 1, 3, 5, 13, 20])('matches the definition for every statement of a group, %i at a time', (count) => {
    for (const focus of group) expect(nearestInDate(focus, group, count).map((s) => s.id)).toEqual(nearestTheLongWay(focus, group, count));
  });

  test('matches the definition on crowded days, equal distances either side and gaps (seeded groups)', () => {
    let seed = 7;
    const next = (below: number): number => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return Math.floor((seed / 2 ** 32) * below);
    };
    const days = ['2020-01-01', '2020-01-03', '2020-01-05', '2020-01-06', '2020-01-09', '2020', '2021-03', null];
    for (let round = 0; round < 20; round++) {
      const crowd = Array.from({ length: 5 + next(40) }, (_, index) => statement(`x-${String(next(1000)).padStart(3, '0')}-${index}`, days[next(days.length)]!));
      for (const count of [1, 3, 7]) {
        for (const focus of crowd) expect(nearestInDate(focus, crowd, count).map((s) => s.id)).toEqual(nearestTheLongWay(focus, crowd, count));
      }
      const outsider = statement('x-outside', days[next(days.length - 1)]!);
      expect(nearestInDate(outsider, crowd, 3).map((s) => s.id)).toEqual(nearestTheLongWay(outsider, crowd, 3));
    }
  });

  test('a statement outside the group finds its nearest too', () => {
    const outsider = statement('zz', '2020-01-06');
    expect(nearestInDate(outsider, group, 5).map((s) => s.id)).toEqual(nearestTheLongWay(outsider, group, 5));
  });
});

test.each([
  ['Short.', 'Short.'],
  ['One two three four five six seven eight nine ten eleven twelve thirteen fourteen', 'One two three four five six seven eight nine ten eleven…'],
  ['  Spread\nover   lines  ', 'Spread over lines'],
  ['Averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylongword and more', 'Averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylongword…'],
])('shortExcerpt(%j) is %j', (text, excerpt) => {
  expect(shortExcerpt(text)).toBe(excerpt);
});

describe('a source entry standing alone', () => {
  // Alone, a numbered style's entry would always be "1.": no number the source has anywhere a reader cites it.
  const entryStandsAlone = (html: string) => {
    expect(html).toContain('Record of a public hearing');
    expect(html).not.toContain('csl-left-margin');
    expect(html.replace(/<[^>]*>/gu, '').trim()).not.toMatch(/^\d+\./u);
  };

  test.each(['oscola', 'chicago-notes', 'apa', 'harvard', 'vancouver'])('%s: a statement’s source, and the selection, print the entry without a bibliography number', async (style) => {
    const statement = await request(app).get(`/statements/amal-01?style=${style}`).expect(200);
    entryStandsAlone(/<div class="reference">([\s\S]*?)<\/div><\/div>/u.exec(statement.text)?.[1] ?? '');
    const selection = await request(app).get(`/basket?keys=hearing-record&style=${style}`).expect(200);
    entryStandsAlone([...selection.text.matchAll(/<li>([\s\S]*?)<\/li>/gu)].map((item) => item[1]!).find((item) => item.includes('Source page')) ?? '');
  });
});
