/** A statement's page: its words, speaker, event, source and provenance, and the statements beside it. */
import type { Statement } from '../model/records.js';
import { refOf } from '../access/index.js';
import type { PageBasics } from './page-basics.js';

/** How many other statements by the same speaker, or at the same event, a statement's page lists. */
export const RELATED_STATEMENTS_SHOWN = 10;

const daysByDate = new Map<string, number | null>();

/** Days since 1970 of an ISO date (`2021`, `2021-08`, `2021-08-27`), or null when it has none; each date read once. */
function dayOf(date: string | null): number | null {
  if (date === null) return null;
  let day = daysByDate.get(date);
  if (day === undefined) {
    const match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/u.exec(date);
    day = match === null ? null : Date.UTC(Number(match[1]), Number(match[2] ?? '1') - 1, Number(match[3] ?? '1')) / 86_400_000;
    daysByDate.set(date, day);
  }
  return day;
}

/**
 * The `count` statements nearest in date to a statement (undated ones last, then by id, so that the
 * choice is stable from build to build), in date order.
 */
export function nearestInDate(statement: Statement, others: readonly Statement[], count: number): Statement[] {
  const day = dayOf(statement.date);
  const byId = (a: { other: Statement }, b: { other: Statement }): number => (a.other.id < b.other.id ? -1 : a.other.id > b.other.id ? 1 : 0);
  const dated = others.map((other) => {
    const otherDay = dayOf(other.date) ?? Number.POSITIVE_INFINITY;
    return { other, otherDay, distance: day === null || otherDay === Number.POSITIVE_INFINITY ? Number.POSITIVE_INFINITY : Math.abs(otherDay - day) };
  });
  const chosen = dated.sort((a, b) => a.distance - b.distance || byId(a, b)).slice(0, count);
  return chosen.sort((a, b) => a.otherDay - b.otherDay || byId(a, b)).map(({ other }) => other);
}

/** The data of a statement's page. */
export function statementPage(builder: PageBasics, statement: Statement) {
  const source = builder.view.source(statement.source);
  // A speaker may have made thousands of statements: the page names the few nearest in date, the
  // speaker's (or the event's) page all of them. Listing them all made a site's statement pages quadratic in size.
  // From the view's index by speaker and event: filtering every statement for each page made building them quadratic too.
  // Only the statements shown are linked (a link asks for a title), the rest only counted.
  const others = (field: 'speaker' | 'event', id: string) => {
    const all = builder.view.statementsWith(field, id).filter((other) => other.id !== statement.id);
    return { shown: nearestInDate(statement, all, RELATED_STATEMENTS_SHOWN).map((other) => builder.link(refOf(other))!), total: all.length };
  };
  const bySameSpeaker = others('speaker', statement.speaker);
  const atSameEvent = statement.event === null ? { shown: [], total: 0 } : others('event', statement.event);
  return {
    statement,
    paragraphs: statement.text.split(/\n\s*\n/u),
    speaker: builder.link({ type: 'speaker', id: statement.speaker }),
    event: statement.event === null ? null : builder.link({ type: 'event', id: statement.event }),
    source: source === undefined ? null : builder.link(refOf(source)),
    sourceReferenceHtml: source === undefined ? null : builder.referenceHtml(source.key),
    provenance: source === undefined ? null : { note: typeof source.csl.note === 'string' ? source.csl.note : null, verification: source.verification },
    topics: builder.topicLinks(statement.topics),
    usedBy: builder.backlinkItems(refOf(statement), (via) => via !== 'field'),
    bySameSpeaker: bySameSpeaker.shown,
    bySameSpeakerTotal: bySameSpeaker.total,
    atSameEvent: atSameEvent.shown,
    atSameEventTotal: atSameEvent.total,
  };
}
