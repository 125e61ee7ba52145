/**
 * A statement's page names only the few statements nearest in date by the same speaker and at the
 * same event, says so, and links to the page that lists them all; a memo that only embeds the
 * statement is listed without an empty quotation.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import request from 'supertest';
import type { Express } from 'express';
import { appFor } from '../helpers/server.js';

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

const tenAround07 = ['amal-02', 'amal-03', 'amal-04', 'amal-05', 'amal-06', 'amal-08', 'amal-09', 'amal-10', 'amal-11', 'amal-12'];

describe('the other statements on a statement page', () => {
  test.each([
    ['amal-07', tenAround07],
    ['amal-01', ['amal-02', 'amal-03', 'amal-04', 'amal-05', 'amal-06', 'amal-07', 'amal-08', 'amal-09', 'amal-10', 'amal-11']],
    ['amal-14', ['amal-04', 'amal-05', 'amal-06', 'amal-07', 'amal-08', 'amal-09', 'amal-10', 'amal-11', 'amal-12', 'amal-13']],
    // Without a date of its own, none is nearer than another: the first by id.
    ['amal-undated', ['amal-01', 'amal-02', 'amal-03', 'amal-04', 'amal-05', 'amal-06', 'amal-07', 'amal-08', 'amal-09', 'amal-10']],
  ])('%s lists the ten nearest in date, in date order, by the speaker and at the event', async (id, expected) => {
    const page = await request(app).get(`/statements/${id}`).expect(200);
    for (const heading of ['same-speaker-heading', 'same-event-heading']) {
      const listed = section(page.text, heading);
      expect(statementsLinked(listed)).toEqual(expected);
      expect(listed).toContain('The 10 nearest in date, of 14.');
    }
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
