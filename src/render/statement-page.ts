/** A statement's page: its words, speaker, event, source and provenance, and the statements beside it. */
import type { Statement } from '../model/records.js';
import { refOf } from '../access/index.js';
import type { PageBasics } from './page-basics.js';

/** How many other statements by the same speaker, or at the same event, a statement's page lists. */
export const RELATED_STATEMENTS_SHOWN = 20;

/** The data of a statement's page. */
export function statementPage(builder: PageBasics, statement: Statement) {
  const source = builder.view.source(statement.source);
  // A speaker may have made thousands of statements: the page names a few, the speaker's page all.
  // From the view's index by speaker and event: filtering every statement for each page made a site's statements quadratic.
  // Only the statements shown are linked (a link asks for a title), the rest only counted.
  const others = (field: 'speaker' | 'event', id: string) => {
    const all = builder.view.statementsWith(field, id).filter((other) => other.id !== statement.id);
    return { shown: all.slice(0, RELATED_STATEMENTS_SHOWN).map((other) => builder.link(refOf(other))!), total: all.length };
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
