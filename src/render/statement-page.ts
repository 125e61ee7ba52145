/** A statement's page: its words, speaker, event, source and provenance, and the statements beside it. */
import type { Statement } from '../model/records.js';
import { recordPath, refOf } from '../access/index.js';
import type { PageBasics } from './page-basics.js';

/**
 * How many other statements by the same speaker, or at the same event, a statement's page lists:
 * those just before and after it in date, which set it in its context; all of them are one link away
 * on the speaker's and the event's pages. Three, not five: a static site of 5,000 statements carried
 * 2 MB of the two lists' fourth and fifth links.
 */
export const RELATED_STATEMENTS_SHOWN = 3;

/** About how many characters of a statement a link to it beside another statement quotes. */
export const RELATED_EXCERPT_CHARACTERS = 60;

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

const byId = (a: Statement, b: Statement): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A speaker's or an event's statements, ordered once for every page that looks for the nearest in date among them. */
interface StatementsInDateOrder {
  /** The dated statements by day, then by id. */
  readonly dated: readonly Statement[];
  /** The undated ones by id. */
  readonly undated: readonly Statement[];
  /** The days that have statements, in order, and where each day's run of `dated` starts (one more: where the last ends). */
  readonly runDays: readonly number[];
  readonly runStarts: readonly number[];
  /** The ids of the whole group. */
  readonly ids: ReadonlySet<string>;
}

// Keyed by the list itself: a view hands out the same array for a speaker or an event on every call,
// so each is ordered once per view however many of its statements' pages are rendered.
const orderedLists = new WeakMap<readonly Statement[], StatementsInDateOrder>();

function inDateOrder(statements: readonly Statement[]): StatementsInDateOrder {
  let ordered = orderedLists.get(statements);
  if (ordered === undefined) {
    const dated = statements.filter((statement) => dayOf(statement.date) !== null);
    dated.sort((a, b) => dayOf(a.date)! - dayOf(b.date)! || byId(a, b));
    const days = dated.map((statement) => dayOf(statement.date)!);
    const runDays: number[] = [];
    const runStarts: number[] = [];
    days.forEach((day, place) => {
      if (place === 0 || day !== days[place - 1]) {
        runDays.push(day);
        runStarts.push(place);
      }
    });
    runStarts.push(dated.length);
    ordered = { dated, undated: statements.filter((statement) => dayOf(statement.date) === null).sort(byId), runDays, runStarts, ids: new Set(statements.map((statement) => statement.id)) };
    orderedLists.set(statements, ordered);
  }
  return ordered;
}

/** Whether a statement (by its id) is one of a group. */
function inGroup(statement: Statement, group: readonly Statement[]): boolean {
  return inDateOrder(group).ids.has(statement.id);
}

/** The first index of an ascending list whose value is at least `value` (the list's length when none is). */
function lowerBound(values: readonly number[], value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The `count` statements nearest in date to a statement among `group` (which may hold it; it is
 * left out), undated ones last, ties by id, so that the choice is stable from build to build; in
 * date order. The group is ordered once, and each page only looks around its own statement.
 */
export function nearestInDate(statement: Statement, group: readonly Statement[], count: number): Statement[] {
  const { dated, undated, runDays, runStarts } = inDateOrder(group);
  const day = dayOf(statement.date);
  const undatedOthers = (): Statement[] => undated.filter((other) => other.id !== statement.id);
  if (day === null) {
    // Without a date of its own, none is nearer than another: the first by id, then in date order.
    const first = [...dated.filter((other) => other.id !== statement.id), ...undatedOthers()].sort(byId).slice(0, count);
    return first.sort((a, b) => (dayOf(a.date) ?? Infinity) - (dayOf(b.date) ?? Infinity) || byId(a, b));
  }
  // Days outwards from the statement's own, nearest first; the statements of a day are in id order,
  // so each day (or the two days as far before and after) gives its first ones until `count` are
  // chosen. Sorting every statement of a crowded day for each of its pages made them quadratic.
  const chosen: Statement[] = [];
  const keep = (other: Statement): void => {
    if (other.id !== statement.id) chosen.push(other);
  };
  /** The first statements of a day's run, in id order, until `count` are chosen. */
  const takeRun = (run: number): void => {
    for (let place = runStarts[run]!; place < runStarts[run + 1]! && chosen.length < count; place++) keep(dated[place]!);
  };
  /** The same of two days' runs together, as far before the statement's day as after it. */
  const takeRuns = (before: number, after: number): void => {
    let i = runStarts[before]!;
    let j = runStarts[after]!;
    const iEnd = runStarts[before + 1]!;
    const jEnd = runStarts[after + 1]!;
    while (chosen.length < count && (i < iEnd || j < jEnd)) keep(j >= jEnd || (i < iEnd && byId(dated[i]!, dated[j]!) <= 0) ? dated[i++]! : dated[j++]!);
  };
  let right = lowerBound(runDays, day);
  let left = right - 1;
  if (runDays[right] === day) takeRun(right++);
  while (chosen.length < count && (left >= 0 || right < runDays.length)) {
    const leftDistance = left >= 0 ? day - runDays[left]! : Infinity;
    const rightDistance = right < runDays.length ? runDays[right]! - day : Infinity;
    if (leftDistance < rightDistance) takeRun(left--);
    else if (rightDistance < leftDistance) takeRun(right++);
    else takeRuns(left--, right++);
  }
  const nearest = chosen.sort((a, b) => dayOf(a.date)! - dayOf(b.date)! || byId(a, b));
  return nearest.length < count ? [...nearest, ...undatedOthers().slice(0, count - nearest.length)] : nearest;
}

/** The first words of a statement, up to about `RELATED_EXCERPT_CHARACTERS`, cut at a word. */
export function shortExcerpt(text: string): string {
  let excerpt = '';
  // Word by word from the start, not the whole text split: a statement may be a long quotation.
  const words = /\S+/gu;
  for (let found = words.exec(text); found !== null; found = words.exec(text)) {
    const word = found[0];
    const longer = excerpt === '' ? word : `${excerpt} ${word}`;
    if (longer.length > RELATED_EXCERPT_CHARACTERS && excerpt !== '') return `${excerpt}…`;
    excerpt = longer;
  }
  return excerpt;
}

/** The data of a statement's page. */
export function statementPage(builder: PageBasics, statement: Statement) {
  const source = builder.view.source(statement.source);
  // A speaker may have made thousands of statements: the page names the few nearest in date, the
  // speaker's (or the event's) page all of them. Listing them all made a site's statement pages quadratic in size.
  // From the view's index by speaker and event: filtering every statement for each page made building them quadratic too.
  // Only the statements shown are linked, the rest only counted; each by its date and first words,
  // which tell statements by one speaker apart where a long quotation made every page heavier.
  const others = (field: 'speaker' | 'event', id: string) => {
    const group = builder.view.statementsWith(field, id);
    const shown = nearestInDate(statement, group, RELATED_STATEMENTS_SHOWN).map((other) => ({
      href: recordPath(refOf(other)),
      date: other.date,
      // Beside a statement by the same speaker their name goes without saying.
      speaker: field === 'speaker' ? null : (builder.view.speaker(other.speaker)?.name ?? null),
      excerpt: shortExcerpt(other.text),
    }));
    return { shown, total: inGroup(statement, group) ? group.length - 1 : group.length };
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
